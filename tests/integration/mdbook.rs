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

    // Into glossator's default build folder, `site/` beside book.toml.
    let site = ed.path("site");
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
    assert!(ed.path("site/chapter_1/section.html").is_file());
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
    assert!(ed.path("site/chapter_1/section.html").is_file());
}
