//! Links an mdBook book writes that mdBook follows: `index.md` for a
//! folder's `README.md` chapter, which mdBook's `index` preprocessor names
//! `index.md` (the Clippy book links `[introduction](index.md)`).

use crate::util::{Edition, read_text};

#[test]
fn a_link_to_index_md_is_a_link_to_the_readme_chapter() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/chapter_1/section.md",
        "# Section 1.1\n\nBack to [the introduction](../index.md#introduction).\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let html = read_text(&ed.path("book"), "chapter_1/section.html");
    assert!(
        html.contains("href=\"../index.html#introduction\""),
        "{html}"
    );
    // A missing `index.md` with no `README.md` beside it is still broken.
    ed.write(
        "src/chapter_1/section.md",
        "# Section 1.1\n\nSee [nothing](index.md).\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(
        run.stderr
            .contains("`index.md` is not a file of this edition"),
        "{}",
        run.stderr
    );
}
