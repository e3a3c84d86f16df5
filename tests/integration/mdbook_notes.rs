//! An mdBook book's notes as mdBook numbers them: a label is a name, the
//! notes are numbered in the order of their first reference, and a book
//! that cites `[^2]` before `[^1]` (as the rustc-dev-guide does) raises no
//! warning. An edition keeps its authors' numbers (tests/integration/notes.rs).
//! mdBook's ids for notes (`footnote-LABEL`, `fr-LABEL-1`) are there too, so
//! links into the book from outside keep working, and links to them inside
//! it are not broken.

use crate::util::{Edition, read_text};

#[test]
fn an_mdbook_book_numbers_notes_by_first_reference_without_warnings() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\nFirst cited[^2], then[^1], then a name[^siphash], \
         and again[^2]. mdBook's ids are link targets: [the name](#footnote-siphash), \
         [the second use](#fr-2-2).\n\n[^1]: One.\n[^2]: Two.\n[^siphash]: A name.\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let html = read_text(&ed.path("book"), "chapter_2.html");
    let shown: Vec<&str> = html
        .split("role=\"doc-noteref\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').and_then(|(_, n)| n.split_once('<')))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(shown, ["1", "2", "3", "1"], "{html}");
    // The note `[^2]` holds "Two." and is the first of the list.
    let first = html.find("Two.").expect("note 2's text");
    assert!(first < html.find("One.").unwrap(), "{html}");
    for id in [
        "footnote-1",
        "footnote-2",
        "footnote-siphash",
        "fr-2-1",
        "fr-2-2",
        "fr-1-1",
    ] {
        assert_eq!(
            html.matches(&format!("id=\"{id}\"")).count(),
            1,
            "{id}: {html}"
        );
    }
    // In the print edition each chapter's ids are its own.
    let print = read_text(&ed.path("book"), "print.html");
    assert!(!print.contains("id=\"footnote-2\""), "{print}");
    assert!(print.contains("id=\"chapter_2--footnote-2\""), "{print}");
}

#[test]
fn an_edition_keeps_its_authors_note_numbers() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[glossator]\nnumbering = \"chapter\"\n",
    );
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\nFirst cited[^2], then[^1].\n\n[^1]: One.\n[^2]: Two.\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(
        run.stderr.contains("note 1 comes after note 2"),
        "{}",
        run.stderr
    );
    let html = read_text(&ed.path("site"), "chapter_2.html");
    assert!(!html.contains("footnote-2"), "{html}");
}
