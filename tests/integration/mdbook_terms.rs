//! mdBook 0.5 gives each term of a definition list an id, as it gives
//! headings, from the same counter: an mdBook book's terms carry the same
//! ids in glossator, and links to them are not broken. An edition's terms
//! have none.

use crate::util::{Edition, read_text};

const CHAPTER: &str = "# Chapter 2\n\n## Term A\n\nTerm A\n: The first.\n\n`code` term\n: \
                       Second, [to it](#code-term), [to the first](#term-a-1).\n\n## Term A\n";

#[test]
fn an_mdbook_books_terms_get_mdbooks_ids() {
    let ed = Edition::fixture("mdbook");
    ed.write("src/chapter_2.md", CHAPTER);
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let html = read_text(&ed.path("book"), "chapter_2.html");
    // What mdBook 0.5.4 writes for this chapter, in this order.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        .filter(|id| {
            ["chapter-2", "term-a", "code-term"]
                .iter()
                .any(|k| id.starts_with(k))
        })
        .collect();
    assert_eq!(
        ids,
        ["chapter-2", "term-a", "term-a-1", "code-term", "term-a-2"],
        "{html}"
    );
    assert!(html.contains("<dt id=\"term-a-1\">Term A</dt>"), "{html}");
}

#[test]
fn an_editions_terms_have_no_ids() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An edition\"\n\n[glossator]\n",
    );
    ed.write("src/chapter_2.md", CHAPTER);
    let run = ed.build();
    run.assert_success();
    let html = read_text(&ed.path("site"), "chapter_2.html");
    assert!(html.contains("<dt>Term A</dt>"), "{html}");
    assert!(
        html.contains("id=\"term-a-1\""),
        "the second heading: {html}"
    );
}
