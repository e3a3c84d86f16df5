//! An mdBook book (`book.toml` with only `[book]` title and authors,
//! chapters in `src/`, no `content/`) builds unchanged.

use crate::util::{Edition, html_pages, read_text};

#[test]
fn an_mdbook_book_builds_unchanged() {
    let ed = Edition::fixture("mdbook");
    assert!(!ed.path("content").exists());
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);

    // Into mdBook's default build folder, `book/` beside book.toml.
    let site = ed.path("book");
    assert_eq!(
        html_pages(&site),
        [
            "404.html",
            "chapter_1.html",
            "chapter_1/section.html",
            "chapter_2.html",
            "index.html",
            "misc/contributors.html",
            "print.html",
            "search.html",
            "toc.html",
        ]
    );
    assert!(
        read_text(&site, "index.html").contains("<title>Introduction · An mdBook book</title>")
    );
    // `.md` links become `.html` links.
    let chapter = read_text(&site, "chapter_1.html");
    assert!(
        chapter.contains("href=\"chapter_1/section.html\""),
        "{chapter}"
    );
    assert!(
        chapter.contains("href=\"chapter_2.html#chapter-2\""),
        "{chapter}"
    );
    assert!(read_text(&site, "chapter_1/section.html").contains("href=\"../index.html\""));
    // The source folder is not published.
    assert!(!site.join("SUMMARY.md").exists() && !site.join("src").exists());
}

#[test]
fn an_mdbook_book_with_mdbook_init_keys_builds() {
    // What `mdbook init` writes (older versions add `multilingual`).
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\nauthors = [\"A. Author\"]\nlanguage = \"en\"\nmultilingual = false\nsrc = \"src\"\ntitle = \"An mdBook book\"\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert!(ed.path("book/chapter_1/section.html").is_file());
}

/// `mdbook init` writes `- [Chapter 1](./chapter_1.md)`; glossator looks up
/// `./chapter_1.md` literally and reports that it does not exist.
#[test]

fn summary_paths_starting_with_dot_slash_are_found() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/SUMMARY.md",
        "# Summary\n\n[Introduction](./README.md)\n\n- [Chapter 1](./chapter_1.md)\n    - [Section 1.1](./chapter_1/section.md)\n- [Chapter 2](./chapter_2.md)\n\n[Contributors](./misc/contributors.md)\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(ed.path("book/chapter_1/section.html").is_file());
}

/// An mdBook book gets mdBook's heading ids (so links from outside keep
/// working), its raw-HTML anchors count as link targets, `.html#fragment`
/// links are checked, links out of the book are left alone, and mdBook's
/// own keys raise no warning.
#[test]
fn an_mdbook_book_reads_as_mdbook_reads_it() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[rust]\nedition = \"2021\"\n\n\
         [output.html]\ngit-repository-url = \"https://example.org/repo\"\nmathjax-support = true\n\n\
         [output.html.search]\nlimit-results = 20\n\n[output.linkcheck]\n\n\
         [preprocessor.links]\n\n[build]\nextra-watch-dirs = [\"x\"]\n",
    );
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n## Search\n\n## `--dest-dir`: the folder\n\n## Article 2(2) and_more\n\n\
         <a id=\"raw-anchor\"></a>\n\nText with [a](chapter_1.html#chapter-1), [b](#raw-anchor), \
         [c](../std/index.html), [d](#article-22-and_more), [e](#--dest-dir-the-folder) \
         and [f](chapter_1.html#no-such-heading).[^1]\n\n[^1]: A note.\n",
    );
    let run = ed.build();
    run.assert_success();
    let lines = run.diag_lines();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].contains("no heading or note `#no-such-heading`"),
        "{}",
        run.stderr
    );
    let html = read_text(&ed.path("book"), "chapter_2.html");
    for id in ["search", "--dest-dir-the-folder", "article-22-and_more"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    // No marginal paragraph numbers in a technical book.
    assert!(!html.contains("id=\"para-1\""), "{html}");
    // `check -v` says which keys glossator leaves alone.
    let check = ed.check(&["-v"]);
    assert!(
        check
            .stderr
            .contains("`output.html.mathjax-support` is an mdBook key glossator does not use"),
        "{}",
        check.stderr
    );
}

/// mdBook's own `links` and `index` preprocessors are glossator's work
/// already: their tables run nothing and raise no warning (`-v` notes
/// them). Others are run (tests/integration/preprocessors.rs).
#[test]
fn mdbooks_own_preprocessors_are_not_run() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[preprocessor.links]\n\n[preprocessor.index]\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    ed.check(&["-v"])
        .assert_stderr_contains("`[preprocessor.links]` is mdBook's own");
}

/// `404.md` in the source folder is the page for missing addresses, as in
/// mdBook: its links resolved from the site's root, its notes its own, and
/// not a chapter (no "not listed" remark, not in the contents or search).
#[test]
fn the_books_404_md_becomes_the_404_page() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/404.md",
        "# Lost in the stacks\n\nTry [the first chapter](chapter_1.md).[^1]\n\n[^1]: Or the search.\n",
    );
    // A chapter may link to it, as to any chapter.
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\nSee [the page for lost readers](404.md).\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let page = read_text(&out, "404.html");
    assert!(page.contains("<title>Lost in the stacks"), "{page}");
    assert!(page.contains("href=\"chapter_1.html\""), "{page}");
    assert!(page.contains("id=\"fn-1\""), "{page}");
    assert!(!page.contains("There is no page at this address"), "{page}");
    assert!(
        read_text(&out, "chapter_2.html").contains("href=\"404.html\""),
        "the link to 404.md"
    );
    for other in ["toc.js", "search-index.js", "print.html"] {
        assert!(
            !read_text(&out, other).contains("Lost in the stacks"),
            "{other}"
        );
    }
    let check = ed.check(&["-v"]);
    assert!(!check.stderr.contains("404.md"), "{}", check.stderr);

    // mdBook's `input-404` names another file; one that is missing is an error at the key.
    ed.remove("src/404.md");
    ed.write("src/missing.md", "# Nothing here\n");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        format!("{toml}\n[output.html]\ninput-404 = \"missing.md\"\n"),
    );
    let out = ed.out("out2");
    ed.build_into(&out).assert_success();
    assert!(read_text(&out, "404.html").contains("Nothing here"));
    ed.write(
        "book.toml",
        format!("{toml}\n[output.html]\ninput-404 = \"gone.md\"\n"),
    );
    ed.build()
        .assert_failure()
        .assert_diag("book.toml:", &["error", "`gone.md`"]);
}

/// An mdBook book builds into `book/`, as mdBook does; a `book/` that holds
/// mdBook's own build is left alone, with what to do.
#[test]
fn an_mdbook_build_in_book_is_not_replaced() {
    let ed = Edition::fixture("mdbook");
    ed.write("book/book.js", "// mdBook's\n");
    ed.write("book/index.html", "<p>mdBook's</p>\n");
    let run = ed.build();
    run.assert_failure()
        .assert_stderr_contains("mdBook's build of the book")
        .assert_stderr_contains("mdbook clean");
    assert_eq!(
        read_text(&ed.path("book"), "index.html"),
        "<p>mdBook's</p>\n"
    );
    std::fs::remove_dir_all(ed.path("book")).unwrap();
    ed.build().assert_success();
    assert!(ed.path("book/chapter_1/section.html").is_file());
    assert!(!ed.path("site").exists());
}

/// mdBook's `theme/` holds Handlebars templates (`index.hbs`, `head.hbs`),
/// which glossator does not use: each is a warning saying what takes its
/// place, and none is published. A stylesheet there that `additional-css`
/// names is published once, under `theme/`, and linked there.
#[test]
fn handlebars_templates_are_not_published_and_extra_css_is_copied_once() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html]\nadditional-css = [\"theme/custom.css\"]\n",
    );
    ed.write("theme/index.hbs", "<html>{{ content }}</html>\n");
    ed.write("theme/head.hbs", "<meta name=\"x\">\n");
    ed.write("theme/custom.css", "p { color: red; }\n");
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    run.assert_diag(
        "theme/index.hbs: warning: ",
        &["Handlebars", "not published"],
    )
    .assert_diag("theme/head.hbs: warning: ", &["Handlebars"])
    .assert_stderr_contains("templates/head_extra.html")
    .assert_stderr_contains("templates/base.html");
    assert_eq!(run.diag_lines().len(), 2, "{}", run.stderr);
    let theme = crate::util::list_dir(&out.join("theme"));
    assert!(!theme.iter().any(|f| f.ends_with(".hbs")), "{theme:?}");
    assert!(theme.contains(&"custom.css".to_string()), "{theme:?}");
    assert!(!out.join("theme/theme").exists(), "{theme:?}");
    let page = crate::util::decode_entities(&read_text(&out, "chapter_1/section.html"));
    assert!(page.contains("href=\"../theme/custom.css\""), "{page}");
}

/// `{#id .class}` after a heading keeps its classes, as mdBook does.
#[test]
fn heading_attributes_keep_their_classes() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n## Wide table {#wide .full-width .note}\n\n## Plain {#plain}\n",
    );
    let out = ed.out("out");
    ed.build_into(&out).assert_success();
    let page = read_text(&out, "chapter_2.html");
    assert!(
        page.contains("<h2 id=\"wide\" class=\"full-width note\">Wide table<a class=\"anchor\""),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"plain\">Plain<a"), "{page}");
}

/// The print edition stands at the site's root: an image a chapter in a
/// folder names relative to itself is found from there, and an empty link
/// (`[x]()`, the page itself) leads to the chapter's section, not to its
/// folder.
#[test]
fn print_rebases_chapter_images_and_empty_links() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/chapter_1/section.md",
        "# Section 1.1\n\n![A picture](pic.png)\n\n<img src=\"img/raw.png\" alt=\"Raw\">\n\nSee [this page]().\n",
    );
    ed.write("src/chapter_1/pic.png", b"\x89PNG\r\n\x1a\n");
    ed.write("src/chapter_1/img/raw.png", b"\x89PNG\r\n\x1a\n");
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    let print = read_text(&out, "print.html");
    assert!(print.contains("src=\"chapter_1/pic.png\""), "{print}");
    assert!(print.contains("src=\"chapter_1/img/raw.png\""), "{print}");
    assert!(
        print.contains("href=\"#chapter_1-section\">this page</a>"),
        "{print}"
    );
    // The chapter itself keeps its own addresses.
    let page = read_text(&out, "chapter_1/section.html");
    assert!(page.contains("src=\"pic.png\""), "{page}");
    assert!(out.join("chapter_1/pic.png").is_file());
}

/// mdBook's `cname` writes the site's `CNAME` file, as mdBook does.
#[test]
fn cname_writes_the_cname_file() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html]\ncname = \"docs.example.org\"\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert_eq!(read_text(&out, "CNAME"), "docs.example.org\n");
    // A file of the book's own at that place is refused, naming both.
    ed.write("src/CNAME", "other.example.org\n");
    ed.build()
        .assert_failure()
        .assert_stderr_contains("would both be written to `CNAME`");
}

/// mdBook's settings from the environment, as a deploy sets them:
/// `MDBOOK_BOOK__TITLE` replaces the title where book.toml has it,
/// `MDBOOK_OUTPUT__HTML__SITE_URL` adds the address (canonical links, a
/// sitemap), `MDBOOK_BUILD__BUILD_DIR` moves the site, a JSON object sets
/// each key, and `check -v` says what came from the environment.
#[test]
fn mdbook_settings_from_the_environment_are_read() {
    let ed = Edition::fixture("mdbook");
    let env = [
        ("MDBOOK_BOOK__TITLE", "From the environment"),
        ("MDBOOK_OUTPUT__HTML__SITE_URL", "https://example.org/docs/"),
        ("MDBOOK_BUILD", r#"{"build-dir": "deployed"}"#),
        ("MDBOOK_LOG", "debug"),
    ];
    let run = crate::util::run_env(&env, &ed.path(""), ["build", "."]);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let site = ed.path("deployed");
    let page = read_text(&site, "chapter_1.html");
    assert!(page.contains("From the environment"), "{page}");
    assert!(
        page.contains("href=\"https://example.org/docs/chapter_1.html\""),
        "{page}"
    );
    assert!(site.join("sitemap.xml").is_file());
    assert!(!ed.path("book").exists());
    let check = crate::util::run_env(&env, &ed.path(""), ["check", "-v", "."]);
    check.assert_diag(
        "book.toml:1:1: note: ",
        &["`book.title`", "MDBOOK_BOOK__TITLE"],
    );
    let bad = crate::util::run_env(
        &[("MDBOOK_BOOK__TITLE__X", "1")],
        &ed.path(""),
        ["check", "."],
    );
    bad.assert_success().assert_diag(
        "book.toml:1:1: warning: ",
        &["MDBOOK_BOOK__TITLE__X", "not applied"],
    );
}

/// mdBook's Markdown switches, on unless a book turns them off:
/// `smart-punctuation = false` keeps straight quotes, `definition-lists =
/// false` and `admonitions = false` read those as a paragraph and a
/// quotation, as mdBook 0.5 does.
#[test]
fn a_book_can_turn_off_smart_punctuation_definition_lists_and_admonitions() {
    let chapter =
        "# Chapter 2\n\n\"Quoted\" -- and...\n\nTerm\n: Its definition.\n\n> [!NOTE]\n> Careful.\n";
    let ed = Edition::fixture("mdbook");
    ed.write("src/chapter_2.md", chapter);
    let run = ed.build();
    run.assert_success();
    let on = read_text(&ed.path("book"), "chapter_2.html");
    assert!(on.contains("“Quoted” – and…"), "{on}");
    assert!(
        on.contains("<dl>") && on.contains("blockquote-tag-note"),
        "{on}"
    );
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html]\nsmart-punctuation = false\ndefinition-lists = false\nadmonitions = false\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let off = read_text(&ed.path("book"), "chapter_2.html");
    assert!(
        off.contains("&quot;Quoted&quot; -- and...") || off.contains("\"Quoted\" -- and..."),
        "{off}"
    );
    assert!(
        !off.contains("<dl>") && !off.contains("blockquote-tag"),
        "{off}"
    );
    assert!(off.contains("[!NOTE]"), "{off}");
}
