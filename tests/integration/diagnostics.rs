//! Each kind of bad input gives its diagnostic, at its file and line, and
//! never a panic. Every case starts from a copy of `tests/editions/minimal`:
//!
//! ```text
//! content/SUMMARY.md          content/chapter.md
//! 1 # Summary                 1 # Chapter
//! 2                           2
//! 3 [Introduction](README.md) 3 A sentence with a note.[^1]
//! 4                           4
//! 5 - [Chapter](chapter.md)   5 [^1]: The note.
//! ```
//!
//! and changes one file, written out in full in the test so that the line
//! asserted can be read beside it.

use std::fs;

use crate::util::{Edition, assert_same_tree, case_sensitive, list_dir, read_tree};

fn minimal() -> Edition {
    Edition::fixture("minimal")
}

/// `check`, then `build`: both fail with the diagnostic, and the build
/// writes nothing.
#[track_caller]
fn fails_with(ed: &Edition, prefix: &str, words: &[&str]) {
    ed.check(&[]).assert_failure().assert_diag(prefix, words);
    let site = ed.out("site-of-failed-build");
    ed.build_into(&site)
        .assert_failure()
        .assert_diag(prefix, words);
    assert!(!site.exists(), "a failed build created {}", site.display());
}

/// As [`fails_with`], and the diagnostic shows its source line `shown` and
/// ends with the hint `help`.
#[track_caller]
fn fails_with_help(ed: &Edition, prefix: &str, words: &[&str], shown: &str, help: &str) {
    fails_with(ed, prefix, words);
    ed.check(&[])
        .assert_stderr_contains(&format!("│ {shown}\n"))
        .assert_stderr_contains(&format!("= help: {help}"));
}

// ---------------------------------------------------------------------------
// book.toml
// ---------------------------------------------------------------------------

#[test]
fn invalid_toml_in_book_toml_names_line_and_column() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\n\n[build]\nbuild-dir \"site\"\n",
    );
    fails_with(&ed, "book.toml:5:11: error: invalid TOML", &[]);
}

#[test]
fn an_unknown_book_toml_key_is_a_warning_at_its_line() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\ntitel = \"typo\"\n",
    );
    let run = ed.check(&[]);
    run.assert_success()
        .assert_diag("book.toml:3:1: warning: ", &["`book.titel`"]);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_diag("book.toml:3:1: warning: ", &["`book.titel`"]);
    assert!(site.join("index.html").is_file());
}

#[test]
fn a_wrong_type_in_book_toml_names_the_key_and_the_type_expected() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\n\n[output.html]\nno-section-label = \"yes\"\n",
    );
    fails_with_help(
        &ed,
        "book.toml:5:20: error: ",
        &["`output.html.no-section-label`", "must be a boolean"],
        "no-section-label = \"yes\"",
        "write `no-section-label = true` or `no-section-label = false`, without quotes",
    );
}

#[test]
fn a_string_for_a_list_in_book_toml_says_to_write_a_list() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\nauthors = \"A. Author\"\n",
    );
    fails_with_help(
        &ed,
        "book.toml:3:11: error: ",
        &["`book.authors`", "must be a list"],
        "authors = \"A. Author\"",
        "write a list in brackets: `authors = [\"...\"]`",
    );
}

#[test]
fn an_unquoted_date_in_book_toml_says_to_quote_it() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\n\n[glossator]\ndate = 2017-05-01\n",
    );
    fails_with_help(
        &ed,
        "book.toml:5:8: error: ",
        &["`glossator.date`", "unquoted TOML date"],
        "date = 2017-05-01",
        "quote it: `date = \"2017-05-01\"`",
    );
}

#[test]
fn build_dir_dot_is_refused() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\n\n[build]\nbuild-dir = \".\"\n",
    );
    let before = ed.tree();
    ed.build().assert_failure().assert_diag(
        "book.toml:5:1: error: refusing to build into",
        &["edition folder"],
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag("book.toml:5:1: error: refusing to build into", &[]);
    assert_same_tree(&before, &ed.tree(), "the edition");
}

#[test]
fn build_dir_content_is_refused() {
    let ed = minimal();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\n\n[build]\nbuild-dir = \"content\"\n",
    );
    let before = ed.tree();
    ed.build().assert_failure().assert_diag(
        "book.toml:5:1: error: refusing to build into",
        &["content folder"],
    );
    assert_same_tree(&before, &ed.tree(), "the edition");
}

#[test]
fn dest_dir_onto_the_edition_or_its_content_is_refused() {
    let ed = minimal();
    let before = ed.tree();
    for dest in [ed.root.clone(), ed.path("content"), ed.path("content/out")] {
        let run = crate::util::run(
            ed.tmp.path(),
            [
                std::ffi::OsStr::new("build"),
                ed.root.as_os_str(),
                std::ffi::OsStr::new("-d"),
                dest.as_os_str(),
            ],
        );
        run.assert_failure().assert_stderr_contains("refusing");
        assert_same_tree(&before, &ed.tree(), "the edition");
    }
}

/// With a relative edition path, `-d` inside the content folder is accepted:
/// `Config::parse` compares the relative root with the absolute `-d` path.
/// Each build then publishes the previous one as assets:
/// `content/out/out/out/...` grows by one level per build.
#[test]

fn relative_dest_dir_inside_the_content_folder_is_refused() {
    let ed = minimal();
    let run = crate::util::run(
        ed.tmp.path(),
        ["build", "minimal", "-d", "minimal/content/out"],
    );
    let leaked = ed.path("content/out").exists();
    if leaked {
        fs::remove_dir_all(ed.path("content/out")).unwrap();
    }
    run.assert_failure().assert_stderr_contains("refusing");
    assert!(!leaked, "the site was written into the content folder");
}

#[test]
fn a_foreign_output_folder_is_not_replaced() {
    let ed = minimal();
    let out = ed.out("not-a-site");
    fs::create_dir_all(out.join("keep")).unwrap();
    fs::write(out.join("precious.txt"), "keep me").unwrap();
    fs::write(out.join("keep/notes.md"), "mine").unwrap();
    let before = read_tree(&out);
    let around = list_dir(ed.tmp.path());
    ed.build_into(&out)
        .assert_failure()
        .assert_stderr_contains("refusing to replace")
        .assert_stderr_contains(".glossator-site");
    assert_same_tree(&before, &read_tree(&out), "the foreign folder");
    assert_eq!(list_dir(ed.tmp.path()), around, "nothing written beside it");
}

#[test]
fn an_empty_output_folder_is_used() {
    let ed = minimal();
    let out = ed.out("empty");
    fs::create_dir_all(&out).unwrap();
    ed.build_into(&out).assert_success();
    assert!(out.join("index.html").is_file());
}

// ---------------------------------------------------------------------------
// SUMMARY.md
// ---------------------------------------------------------------------------

#[test]
fn a_summary_entry_to_a_missing_file_names_its_line() {
    let ed = minimal();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n  - [Missing](missing.md)\n",
    );
    // The column is that of the line (1), not of the indented `-`.
    fails_with(
        &ed,
        "content/SUMMARY.md:6:",
        &["error: `missing.md` does not exist"],
    );
}

#[test]
fn summary_entries_outside_the_content_folder_are_errors() {
    let ed = minimal();
    ed.write("outside.md", "# Outside\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Outside](../outside.md)\n- [Password](/etc/passwd)\n- [Encoded](..%2foutside.md)\n",
    );
    let prefixes = [
        "content/SUMMARY.md:6:1: error: ",
        "content/SUMMARY.md:7:1: error: ",
        "content/SUMMARY.md:8:1: error: ",
    ];
    let check = ed.check(&[]);
    check.assert_failure();
    for p in prefixes {
        check.assert_diag(p, &["outside the content folder"]);
    }
    let site = ed.out("site");
    let build = ed.build_into(&site);
    build.assert_failure();
    for p in prefixes {
        build.assert_diag(p, &["outside the content folder"]);
    }
    assert!(!site.exists());
}

#[test]
fn a_stray_summary_line_is_an_error_at_its_line() {
    let ed = minimal();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- some words\n",
    );
    fails_with(
        &ed,
        "content/SUMMARY.md:6:1: error: ",
        &["not a chapter link"],
    );
}

/// Words under a list item continue it (CommonMark's lazy continuation),
/// and mdBook ignores them: the book builds, with a warning at the line.
#[test]
fn stray_words_in_the_summary_are_a_warning_at_their_line() {
    let ed = minimal();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\nsome words\n",
    );
    ed.check(&[])
        .assert_success()
        .assert_diag("content/SUMMARY.md:6:1: warning: ", &["not a chapter link"]);
}

#[test]
fn a_chapter_listed_twice_is_an_error() {
    let ed = minimal();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Again](chapter.md)\n",
    );
    fails_with(&ed, "content/SUMMARY.md:6:1: error: ", &["listed twice"]);
}

#[test]
fn a_chapter_not_in_the_summary_is_a_warning() {
    let ed = minimal();
    ed.write("content/extra.md", "# Extra\n");
    ed.check(&[])
        .assert_success()
        .assert_diag("content/extra.md: warning: ", &["not listed in SUMMARY.md"]);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_diag("content/extra.md: warning: ", &["not listed in SUMMARY.md"]);
    assert!(!site.join("extra.html").exists());
}

#[test]
fn files_in_underscore_folders_are_not_reported() {
    let ed = minimal();
    ed.write("content/_drafts/later.md", "# Later\n");
    let run = ed.check(&[]);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Chapters
// ---------------------------------------------------------------------------

#[test]
fn unterminated_front_matter_is_an_error_at_line_1() {
    let ed = minimal();
    ed.write(
        "content/chapter.md",
        "+++\ntitle = \"Chapter\"\n\n# Chapter\n\nNo closing line.\n",
    );
    fails_with(
        &ed,
        "content/chapter.md:1:1: error: ",
        &["front matter", "never closed"],
    );
}

#[test]
fn a_bad_front_matter_value_is_an_error_at_its_line_in_the_chapter() {
    let ed = minimal();
    ed.write(
        "content/chapter.md",
        "+++\ntitle = \"Chapter\"\nparagraph-numbers = \"yes\"\n+++\n\n# Chapter\n",
    );
    fails_with_help(
        &ed,
        "content/chapter.md:3:21: error: ",
        &["`paragraph-numbers` must be a boolean"],
        "paragraph-numbers = \"yes\"",
        "write `paragraph-numbers = true` or `paragraph-numbers = false`, without quotes",
    );
}

#[test]
fn a_number_for_a_front_matter_string_says_to_quote_it() {
    let ed = minimal();
    ed.write(
        "content/chapter.md",
        "+++\ntitle = 1948\n+++\n\n# Chapter\n",
    );
    fails_with_help(
        &ed,
        "content/chapter.md:2:9: error: ",
        &["`title` must be a string, not an integer"],
        "title = 1948",
        "put the text in double quotes: `title = \"...\"`",
    );
}

#[test]
fn an_unquoted_date_in_front_matter_says_to_quote_it() {
    let ed = minimal();
    ed.write(
        "content/instruments/udhr.md",
        "+++\nid = \"udhr\"\ndate = 1948-12-10\n+++\n\n## Article 1\n\nAll human beings.\n",
    );
    fails_with_help(
        &ed,
        "content/instruments/udhr.md:3:8: error: ",
        &["`date` is an unquoted TOML date"],
        "date = 1948-12-10",
        "quote it: `date = \"1948-12-10\"`",
    );
}

#[test]
fn an_unquoted_date_in_a_front_matter_list_says_to_quote_it() {
    let ed = minimal();
    ed.write(
        "content/instruments/udhr.md",
        "+++\nid = \"udhr\"\naliases = [\"UDHR\", 1948-12-10]\n+++\n\n## Article 1\n\nText.\n",
    );
    fails_with_help(
        &ed,
        "content/instruments/udhr.md:3:20: error: ",
        &["`aliases` is an unquoted TOML date"],
        "aliases = [\"UDHR\", 1948-12-10]",
        "quote it: `\"1948-12-10\"`",
    );
}

#[test]
fn invalid_toml_in_front_matter_is_an_error_at_its_line_in_the_chapter() {
    let ed = minimal();
    ed.write(
        "content/chapter.md",
        "+++\ntitle = \"Chapter\"\ndescription = \n+++\n\n# Chapter\n",
    );
    fails_with(&ed, "content/chapter.md:3:", &["invalid TOML"]);
}

#[test]
fn an_unknown_front_matter_key_is_a_warning_at_its_line() {
    let ed = minimal();
    ed.write(
        "content/chapter.md",
        "+++\ntitle = \"Chapter\"\n\nauthor = \"Someone\"\n+++\n\n# Chapter\n",
    );
    ed.check(&[])
        .assert_success()
        .assert_diag("content/chapter.md:4:1: warning: ", &["`author`"]);
    // A key misspelt says which one was meant.
    ed.write(
        "content/chapter.md",
        "+++\ntitel = \"Chapter\"\n+++\n\n# Chapter\n",
    );
    ed.check(&[])
        .assert_success()
        .assert_stderr_contains("did you mean `title`?");
}

#[test]
fn invalid_utf8_in_a_chapter_names_the_file_and_line() {
    let ed = minimal();
    ed.write("content/chapter.md", b"# Chapter\n\nCaf\xE9 au lait.\n");
    fails_with_help(
        &ed,
        "content/chapter.md:3:4: error: invalid UTF-8",
        &["byte 0xE9"],
        "Caf\u{fffd} au lait.",
        "save the file as UTF-8",
    );
}

#[test]
fn invalid_utf8_in_the_summary_names_its_line_and_is_not_a_missing_summary() {
    let ed = minimal();
    ed.write(
        "content/SUMMARY.md",
        b"# Summary\n\n[Introduction](README.md)\n\n- [Caf\xE9](chapter.md)\n",
    );
    fails_with_help(
        &ed,
        "content/SUMMARY.md:5:7: error: invalid UTF-8",
        &["byte 0xE9"],
        "- [Caf\u{fffd}](chapter.md)",
        "save the file as UTF-8",
    );
    let run = ed.check(&[]);
    run.assert_no_diag("content: error: there is no SUMMARY.md");
    assert!(!run.stderr.contains("no SUMMARY.md"), "{}", run.stderr);
}

/// The undecodable chapter is dropped from the sources, so its SUMMARY entry
/// then also says the file "does not exist", which it does.
#[test]

fn invalid_utf8_is_not_also_reported_as_a_missing_file() {
    let ed = minimal();
    ed.write("content/chapter.md", b"# Chapter\n\nCaf\xE9 au lait.\n");
    let run = ed.check(&[]);
    run.assert_failure();
    assert_eq!(
        run.diag_lines().len(),
        1,
        "one problem, one diagnostic:\n{}",
        run.stderr
    );
}

#[test]
fn two_files_differing_only_in_case_are_an_error_naming_both() {
    let ed = minimal();
    if !case_sensitive(&ed.path("content")) {
        eprintln!("skipped: the file system is case-insensitive");
        return;
    }
    ed.write("content/Chapter.md", "# Upper\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Upper](Chapter.md)\n",
    );
    fails_with(
        &ed,
        "content/",
        &["error: ", "content/Chapter.md", "content/chapter.md"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_edition_is_refused() {
    let ed = minimal();
    let secret = ed.tmp.path().join("secret.md");
    fs::write(&secret, "# Secret\n\nNot part of the edition.\n").unwrap();
    std::os::unix::fs::symlink(&secret, ed.path("content/linked.md")).unwrap();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Linked](linked.md)\n",
    );
    fails_with(
        &ed,
        "content/SUMMARY.md:6:1: error: ",
        &["linked.md", "symbolic link"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_content_folder_is_followed() {
    let ed = minimal();
    std::os::unix::fs::symlink("chapter.md", ed.path("content/alias.md")).unwrap();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Alias](alias.md)\n",
    );
    // chapter.md is then unlisted: a warning, not an error.
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(site.join("alias.html").is_file());
}

/// `check` on `ed` with `mode` on its folder `content/locked` (holding
/// `a.md`, listed in SUMMARY.md), run as a user that permissions bind; `None`
/// when root's rights cannot be dropped here.
#[cfg(unix)]
fn check_with_locked_folder(mode: u32) -> Option<crate::util::Run> {
    use std::os::unix::fs::PermissionsExt;
    let ed = minimal();
    ed.write("content/locked/a.md", "# Locked\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Locked](locked/a.md)\n",
    );
    let wrapper = crate::util::unprivileged(&ed)?;
    let wrapper: Vec<&std::ffi::OsStr> = wrapper.iter().map(|w| w.as_os_str()).collect();
    let locked = ed.path("content/locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(mode)).unwrap();
    let run = crate::util::run_via(
        &wrapper,
        ed.tmp.path(),
        [std::ffi::OsStr::new("check"), ed.root.as_os_str()],
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    Some(run)
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_an_error_naming_it() {
    let Some(run) = check_with_locked_folder(0o000) else {
        return;
    };
    run.assert_failure()
        .assert_diag(
            "content/locked: error: cannot read",
            &["Permission denied", "nothing in this folder is built"],
        )
        .assert_stderr_contains("= help: let the user running glossator read and enter the folder");
    let said = run
        .diag_lines()
        .iter()
        .filter(|l| l.starts_with("content/locked: "))
        .count();
    assert_eq!(said, 1, "the folder is reported once:\n{}", run.stderr);
}

/// A folder that can be listed but not entered (`r` without `x`): its files
/// are seen but cannot be opened, and `exists()` says they are not there.
#[cfg(unix)]
#[test]
fn a_file_in_a_folder_that_cannot_be_entered_is_an_error_naming_it() {
    let Some(run) = check_with_locked_folder(0o644) else {
        return;
    };
    run.assert_failure()
        .assert_diag(
            "content/locked/a.md: error: cannot read",
            &["Permission denied"],
        )
        .assert_stderr_contains(
            "= help: let the user running glossator read the file and enter its folder",
        );
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n<p>{{ book.title }</p>\n</footer>\n",
    );
    fails_with(&ed, "templates/footer.html:2:18: error: ", &["template"]);
}

#[test]
fn a_syntax_error_in_an_unused_template_names_it() {
    let ed = minimal();
    ed.write(
        "templates/x.html",
        "<p>Not used by any page.</p>\n\n<p>{{ book.title | }}</p>\n",
    );
    fails_with(&ed, "templates/x.html:3:", &["error: ", "template"]);
}

#[test]
fn a_template_including_itself_is_an_error() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n{% include \"footer.html\" %}\n</footer>\n",
    );
    fails_with(&ed, "templates/footer.html:2:1: error: ", &["cycle"]);
}

#[test]
fn a_template_include_loop_through_two_files_is_an_error() {
    let ed = minimal();
    ed.write("templates/footer.html", "{% include \"a.html\" %}\n");
    ed.write("templates/a.html", "a\n{% include \"b.html\" %}\n");
    ed.write("templates/b.html", "b\n{%- include 'a.html' -%}\n");
    fails_with(&ed, "templates/", &["error: ", "cycle", "a.html", "b.html"]);
}

#[test]
fn a_template_extending_itself_is_an_error() {
    let ed = minimal();
    ed.write("templates/page.html", "{% extends \"page.html\" %}\n");
    fails_with(&ed, "templates/page.html:1:1: error: ", &["cycle"]);
}

/// A macro that calls itself forever overflows the stack while rendering:
/// the process aborts (SIGABRT) instead of reporting the template.
#[test]

fn a_recursive_macro_is_an_error_not_a_crash() {
    let ed = minimal();
    ed.write(
        "templates/macros.html",
        "{% macro m() %}x{{ self::m() }}{% endmacro m %}\n",
    );
    ed.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as mac %}\n{% block main %}{{ mac::m() }}{% endblock main %}\n",
    );
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_failure()
        .assert_stderr_contains("templates/");
}

#[test]
fn an_unknown_filter_names_its_line_and_column_in_the_template() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n<p>{{ book.title | nosuchfilter }}</p>\n</footer>\n",
    );
    fails_with_help(
        &ed,
        "templates/footer.html:2:20: error: ",
        &["template error", "nosuchfilter"],
        "<p>{{ book.title | nosuchfilter }}</p>",
        "check the filter's name and arguments",
    );
}

#[test]
fn an_unknown_variable_names_its_line_and_column_in_the_template() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n\n  <p>{{ book.titel }}</p>\n</footer>\n",
    );
    fails_with_help(
        &ed,
        "templates/footer.html:3:9: error: ",
        &["template error", "book.titel"],
        "  <p>{{ book.titel }}</p>",
        "`book.titel` is not given to templates: check its spelling",
    );
}

#[test]
fn an_include_of_a_missing_template_names_the_include() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n{% include \"nosuch.html\" %}\n</footer>\n",
    );
    fails_with_help(
        &ed,
        "templates/footer.html:2:12: error: ",
        &["`include` names `nosuch.html`"],
        "{% include \"nosuch.html\" %}",
        "create templates/nosuch.html, or correct the file name in the `include`",
    );
}

#[test]
fn a_missing_macros_file_names_the_import() {
    let ed = minimal();
    ed.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n\n{% import \"nosuch.html\" as m %}\n{% block main %}{{ m::x() }}{% endblock main %}\n",
    );
    fails_with_help(
        &ed,
        "templates/page.html:3:11: error: ",
        &["`import` names `nosuch.html`"],
        "{% import \"nosuch.html\" as m %}",
        "create templates/nosuch.html, or correct the file name in the `import`",
    );
}

/// tera reports a render-time error against the template it was asked to
/// render (`page.html`), not the included one that holds the mistake; the
/// edition has no `templates/page.html` at all.
#[test]

fn a_render_error_names_the_template_that_holds_it() {
    let ed = minimal();
    ed.write(
        "templates/footer.html",
        "<footer>\n<p>{{ book.title | nosuchfilter }}</p>\n</footer>\n",
    );
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_failure()
        .assert_diag("templates/footer.html", &["error: "]);
    run.assert_no_diag("templates/page.html");
}

// ---------------------------------------------------------------------------
// Byte-order marks and CRLF
// ---------------------------------------------------------------------------

/// `text` as Windows Notepad saves it.
fn bom_crlf(text: &[u8]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    for &b in text {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[test]
fn bom_and_crlf_build_the_same_site_as_lf() {
    let plain = Edition::fixture("features");
    let windows = Edition::fixture("features");
    let mut converted = 0;
    for (rel, bytes) in windows.tree() {
        if rel.ends_with(".md") || rel.ends_with(".toml") {
            windows.write(&rel, bom_crlf(&bytes));
            converted += 1;
        }
    }
    assert!(converted >= 6);
    let a = plain.out("site");
    let b = windows.out("site");
    plain.build_into(&a).assert_success();
    let run = windows.build_into(&b);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert_same_tree(&read_tree(&a), &read_tree(&b), "BOM + CRLF against LF");
}

#[test]
fn bom_and_crlf_keep_lines_and_columns() {
    let ed = minimal();
    ed.write(
        "book.toml",
        bom_crlf(b"[book]\ntitle = \"T\"\ntitel = \"x\"\n"),
    );
    ed.write(
        "content/SUMMARY.md",
        bom_crlf(b"# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Missing](missing.md)\n"),
    );
    ed.write(
        "content/chapter.md",
        bom_crlf(b"+++\ntitle = \"Chapter\"\nparagraph-numbers = \"yes\"\n+++\n# Chapter\n"),
    );
    let run = ed.check(&[]);
    run.assert_failure()
        .assert_diag("book.toml:3:1: warning: ", &["titel"])
        .assert_diag("content/SUMMARY.md:6:1: error: ", &["missing.md"])
        .assert_diag("content/chapter.md:3:21: error: ", &["boolean"]);
}

/// An explicit link to an article that does not exist is an error naming
/// the closest address.
#[test]
fn an_art_link_to_nothing_is_an_error_with_a_suggestion() {
    let ed = crate::util::Edition::fixture("minimal");
    ed.write(
        "content/instruments/charter.md",
        "+++\nid = \"un-charter\"\n+++\n\n## Article 103\n\nPrimacy.\n",
    );
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nSee [Article 130](art:un-charter/130) and [X](art:un-chartr/103).\n",
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag(
            "content/chapter.md:3:5: error:",
            &["art:un-charter/130", "no such unit"],
        )
        .assert_stderr_contains("the closest unit is `un-charter/103`")
        .assert_diag(
            "content/chapter.md:3:43: error:",
            &["no instrument `un-chartr`"],
        )
        .assert_stderr_contains("did you mean `un-charter`?");
}

// ---------------------------------------------------------------------------
// Many warnings
// ---------------------------------------------------------------------------

/// A chapter referring to twelve notes it never defines: the first few
/// warnings are printed, the rest counted in one line, and `-v` prints them
/// all. The build still counts every one.
#[test]
fn a_warning_repeated_many_times_is_summarised_after_the_first_few() {
    let ed = minimal();
    let refs: String = (1..=12).map(|n| format!("Sentence {n}.[^{n}] ")).collect();
    ed.write("content/chapter.md", format!("# Chapter\n\n{refs}\n"));
    let missing = |run: &crate::util::Run| {
        run.diag_lines()
            .iter()
            .filter(|l| l.contains("is referenced but its text is not defined"))
            .count()
    };
    let run = ed.check(&[]);
    run.assert_success().assert_stderr_contains(
        "warning: … and 7 more like \"note 6 is referenced but its text is not defined\" (`-v` lists them all)\n",
    );
    assert_eq!(missing(&run), 5, "{}", run.describe());
    assert!(run.stdout.contains("12 warning(s)"), "{}", run.describe());
    let site = ed.out("site");
    let built = ed.build_into(&site);
    built
        .assert_success()
        .assert_stderr_contains("and 7 more like");
    assert_eq!(missing(&built), 5, "{}", built.describe());
    let verbose = ed.check(&["-v"]);
    assert_eq!(missing(&verbose), 12, "{}", verbose.describe());
    assert!(
        !verbose.stderr.contains("more like"),
        "{}",
        verbose.describe()
    );
}
