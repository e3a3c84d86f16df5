//! Hostile or degenerate input never makes glossator panic or crash: it
//! builds, or it fails with a diagnostic.

use std::ffi::OsStr;

use crate::util::{Edition, read_text};

/// A one-chapter edition whose chapter is `text`.
fn one_chapter(text: &str) -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write("content/chapter.md", text);
    ed
}

#[test]
fn an_empty_summary_in_an_otherwise_empty_content_folder() {
    let ed = Edition::empty("empty");
    ed.write("book.toml", "[book]\ntitle = \"Empty\"\n");
    ed.write("content/SUMMARY.md", "");
    ed.check(&[]).assert_no_crash();
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_no_crash();
    if run.code == Some(0) {
        assert!(site.join("toc.html").is_file());
    }
}

#[test]
fn an_empty_content_folder_without_summary() {
    let ed = Edition::empty("nosummary");
    ed.write("book.toml", "[book]\ntitle = \"Empty\"\n");
    std::fs::create_dir_all(ed.path("content")).unwrap();
    ed.check(&[])
        .assert_failure()
        .assert_diag("content: error: ", &["SUMMARY.md"]);
}

#[test]
fn no_book_toml() {
    let ed = Edition::empty("nothing");
    ed.check(&[])
        .assert_failure()
        .assert_stderr_contains("book.toml");
    let site = ed.out("site");
    ed.build_into(&site).assert_failure();
    assert!(!site.exists());
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let ed = one_chapter(&format!("# Deep\n\n{}deep\n", "> ".repeat(10_000)));
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(read_text(&site, "chapter.html").contains("deep"));
}

#[test]
fn ten_thousand_nested_lists() {
    // `- - - item` opens one list inside another per marker.
    let ed = one_chapter(&format!("# Deep\n\n{}item\n", "- ".repeat(10_000)));
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(read_text(&site, "chapter.html").contains("item"));
}

#[test]
fn ten_thousand_nested_ordered_lists_and_quotes() {
    let ed = one_chapter(&format!("# Deep\n\n{}end\n", "1. > ".repeat(5_000)));
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
}

#[test]
fn a_footnote_that_references_itself() {
    let ed = one_chapter("# Chapter\n\nText.[^1]\n\n[^1]: see[^1]\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "chapter.html");
    assert!(html.contains("id=\"fn-1\""), "{html}");
}

#[test]
fn two_footnotes_that_reference_each_other() {
    let ed = one_chapter("# Chapter\n\nText.[^a]\n\n[^a]: see[^b]\n\n[^b]: see[^a]\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_no_crash();
}

#[test]
fn a_footnote_defined_but_never_referenced_and_one_never_defined() {
    let ed = one_chapter("# Chapter\n\nText.[^9]\n\n[^1]: unused\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_no_crash();
}

#[test]
fn nul_bytes_and_lone_carriage_returns() {
    let ed = one_chapter("# Chapter\r\rA\0B\r\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
}

#[test]
fn a_very_long_line_in_a_diagnostic() {
    let ed = one_chapter(&format!(
        "# Chapter\n\n{}[broken](nowhere.md){}\n",
        "x".repeat(200_000),
        "y".repeat(200_000)
    ));
    let run = ed.check(&[]);
    run.assert_no_crash();
    assert!(
        run.stderr.len() < 10_000,
        "the diagnostic prints the whole line"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_content_folder_does_not_hang() {
    let ed = Edition::fixture("minimal");
    std::os::unix::fs::symlink(".", ed.path("content/loop")).unwrap();
    std::os::unix::fs::symlink("..", ed.path("content/up")).unwrap();
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(!site.join("loop").exists() && !site.join("up").exists());
}

/// Letters whose lowercase has another byte length (`İ`, the Kelvin sign, `ẞ`) before "see
/// footnote 1" neither panic nor shift the link: it covers exactly the words "footnote 1".
#[test]
fn case_changing_letters_before_a_note_cross_reference() {
    let ed = one_chapter(
        "# Chapter\n\nA claim.[^1]\n\n\
         İİİİ see footnote 1. KKKK see Footnote 1. ẞẞẞẞ SEE NOTE 1.\n\n[^1]: The note.\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "chapter.html");
    for words in ["footnote 1", "Footnote 1", "NOTE 1"] {
        assert!(
            html.contains(&format!("\">{words}</a>")),
            "`{words}` is not linked whole:\n{html}"
        );
    }
    assert!(html.contains("İİİİ see <a"), "{html}");
    assert!(html.contains("ẞẞẞẞ SEE <a"), "{html}");
}

/// A raw `</aside>` in a note is the authors' HTML, not the end of an editorial note: the
/// search index keeps the note and the paragraph after it apart, as without it.
#[test]
fn a_raw_closing_aside_in_a_note_leaves_the_search_index_sound() {
    let ed = one_chapter(
        "# Chapter\n\nFirst.[^1]\n\n[^1]: The note.\n    </aside>\n\nSecond paragraph.\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let index = read_text(&site, "search-index.js");
    assert!(index.contains("\"fn-1\",\"The note.\""), "{index}");
    assert!(index.contains("\"Second paragraph.\""), "{index}");
    assert!(!index.contains("editorial note"), "{index}");
}

/// CommonMark's escaped brackets, `\[^1\]`, are literal text, not a note reference.
#[test]
fn escaped_brackets_are_not_a_note_reference() {
    let ed = one_chapter("# Chapter\n\nLiteral \\[^1\\] here.\n");
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/chapter.md");
    let html = read_text(&site, "chapter.html");
    assert!(html.contains("Literal [^1] here."), "{html}");
    assert!(!html.contains("fnref"), "{html}");
}

/// A panic anywhere in the pipeline is an internal error naming the file being processed, with
/// a hint; nothing is written.
#[test]
fn a_panic_is_an_internal_error_naming_the_file() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    let wrapper = [
        OsStr::new("env"),
        OsStr::new("GLOSSATOR_PANIC_ON=content/chapter.md"),
        OsStr::new(crate::util::BIN),
    ];
    let run = crate::util::run_via(&wrapper, &ed.root, ["build", "-d", site.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "an error, not a crash: {}", run.stderr);
    run.assert_diag(
        "content/chapter.md: error: internal error",
        &["panicked", "while processing this file"],
    );
    assert!(run.stderr.contains("bug in glossator"), "{}", run.stderr);
    assert!(!run.stderr.contains("stack backtrace"), "{}", run.stderr);
    assert!(!site.exists());
}

/// A heading id written as one glossator gives to a paragraph, a note or the page itself is
/// warned about, and the page still has no id twice.
#[test]
fn a_custom_heading_id_equal_to_a_generated_one() {
    let ed = one_chapter(
        "# Chapter\n\nA paragraph.[^1]\n\n## Section {#para-1}\n\n## Notes {#fn-1}\n\n\
         ## Main {#gl-content}\n\n[^1]: The note.\n",
    );
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success()
        .assert_diag("content/chapter.md:5:1: warning:", &["`para-1`"])
        .assert_diag("content/chapter.md:7:1: warning:", &["`fn-1`"])
        .assert_diag("content/chapter.md:9:1: warning:", &["`gl-content`"]);
    let html = read_text(&site, "chapter.html");
    let mut seen = std::collections::HashSet::new();
    for tag in crate::util::tags(&html) {
        if let Some(id) = tag.attr("id") {
            assert!(
                seen.insert(id.to_string()),
                "id `{id}` twice in chapter.html"
            );
        }
    }
    assert!(seen.contains("heading-para-1"), "{seen:?}");
}
