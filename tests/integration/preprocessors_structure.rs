//! The book a preprocessor writes back is the book built, as under mdBook:
//! chapters it adds are pages with its text, one it renames is written at
//! its new path, one it leaves out is not built, a chapter without a path
//! is a draft, its part titles and separators are in the contents; a book
//! glossator cannot use is an error at the preprocessor's table.

#![cfg(unix)]

use crate::preprocessors::book_with;
use crate::util::{assert_same_tree, read_text, read_tree, toc_js_html};

/// A preprocessor that reshapes the book as its table's `action` says.
const SHAPE: &str = r##"#!/usr/bin/env python3
import json, sys
if len(sys.argv) > 1 and sys.argv[1] == "supports":
    sys.exit(0)
context, book = json.load(sys.stdin)
action = context["config"]["preprocessor"]["shape"]["action"]
items = book["items"]
def chapter(name, path, content, sub=None):
    return {"Chapter": {"name": name, "content": content, "number": None,
                        "sub_items": sub or [], "path": path, "source_path": None,
                        "parent_names": []}}
out = []
if action == "reshape":
    for item in items:
        ch = item.get("Chapter") if isinstance(item, dict) else None
        if ch and ch["path"] == "misc/contributors.md":
            continue
        if ch and ch["path"] == "chapter_2.md":
            ch["path"] = "renamed.md"
            ch["name"] = "Chapter 2, renamed"
            ch["sub_items"].append(chapter("Later", None, ""))
        out.append(item)
        if ch and ch["path"] == "chapter_1.md":
            out.append(chapter("Made <here>", "made.md",
                               "# Made\n\nMade by a preprocessor.\n\n[gone](gone.md)\n",
                               [chapter("Made too", "made/too.md", "# Made too\n")]))
    out += [{"PartTitle": "Appendix"}, chapter("Last", "last.md", "# Last\n"), "Separator"]
elif action == "same":
    out = items
elif action == "unknown item":
    out = items + ["Seperator"]
elif action == "outside":
    out = items + [chapter("Out", "../out.md", "# Out\n")]
elif action == "twice":
    out = items + [chapter("Again", "chapter_1.md", "# Again\n")]
elif action == "no content":
    out = items + [{"Chapter": {"name": "Empty", "path": "empty.md"}}]
elif action == "not json":
    print("done!")
    sys.exit(0)
elif action == "not a book":
    json.dump({"title": "no items"}, sys.stdout)
    sys.exit(0)
book["items"] = out
book["sections"] = out
json.dump(book, sys.stdout)
"##;

fn shaped(action: &str) -> Option<crate::util::Edition> {
    let ed = book_with(&format!(
        "[preprocessor.shape]\ncommand = \"python3 shape.py\"\naction = \"{action}\"\n"
    ))?;
    ed.write("shape.py", SHAPE);
    Some(ed)
}

#[test]
fn the_book_a_preprocessor_writes_back_is_the_book_built() {
    let Some(ed) = shaped("reshape") else { return };
    // The renamed chapter's text is its file's: its problems are at its lines.
    ed.write("src/chapter_2.md", "# Chapter 2\n\n[nowhere](nowhere.md)\n");
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success()
        .assert_diag("src/chapter_2.md:3:1: warning: ", &["nowhere.md"])
        // A chapter the preprocessor made is named by its path.
        .assert_diag("src/made.md:5:1: warning: ", &["gone.md"]);
    // Left out: not built, and not reported as missing from SUMMARY.md.
    assert!(!out.join("misc/contributors.html").exists());
    assert!(!out.join("chapter_2.html").exists());
    assert!(!run.stderr.contains("contributors"), "{}", run.stderr);
    let renamed = read_text(&out, "renamed.html");
    assert!(renamed.contains("<title>Chapter 2, renamed"), "{renamed}");
    assert!(read_text(&out, "made.html").contains("Made by a preprocessor."));
    assert!(read_text(&out, "made/too.html").contains("Made too"));
    assert!(read_text(&out, "last.html").contains("Last"));
    // The contents follow the book: its order, its nesting, its draft,
    // part title and separator; a name is text, not markup.
    let toc = toc_js_html(&out);
    let order = [
        "Introduction",
        "Chapter 1",
        "Section 1.1",
        "Made &lt;here&gt;",
        "Made too",
        "Chapter 2, renamed",
        "Later",
        "Draft",
        "Appendix",
        "Last",
    ];
    let mut at = 0;
    for name in order {
        let found = toc[at..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} after {at} in {toc}"));
        at += found + name.len();
    }
    assert!(!toc.contains("Contributors"), "{toc}");
    assert!(
        toc.contains("made/too.html") && toc.contains("renamed.html"),
        "{toc}"
    );
    // Chapter 1 links to chapter_2.md, which is no longer a page.
    let check = ed.check(&[]);
    check.assert_diag("src/chapter_1.md:3:", &["chapter_2.md"]);
}

/// A preprocessor that writes back the book it was given changes nothing:
/// the site is the one built without it, byte for byte.
#[test]
fn a_book_written_back_unchanged_builds_the_same_site() {
    let Some(ed) = shaped("same") else { return };
    // Titles with markup, numbers, a draft, parts, a separator, an include.
    ed.write(
        "src/SUMMARY.md",
        "# Summary\n\n[Intro](README.md)\n\n# Part *one*\n\n- [Chapter `1`](chapter_1.md)\n    - [Section **1.1**](chapter_1/section.md)\n- [Chapter 2](chapter_2.md)\n- [Draft]()\n\n---\n\n[Contributors](misc/contributors.md)\n",
    );
    ed.write("src/listing.rs", "fn listed() {}\n");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n```rust\n{{#include listing.rs}}\n```\n",
    );
    let with = ed.out("with");
    ed.build_into(&with).assert_success();
    ed.write("book.toml", "[book]\ntitle = \"An mdBook book\"\n");
    let without = ed.out("without");
    ed.build_into(&without).assert_success();
    assert_same_tree(&read_tree(&with), &read_tree(&without), "with and without");
}

/// What glossator cannot build is an error at the preprocessor's table,
/// saying what is wrong and where in the book it wrote.
#[test]
fn a_book_glossator_cannot_use_is_an_error_at_the_preprocessors_table() {
    for (action, words) in [
        (
            "unknown item",
            &[
                "item 8",
                "Seperator",
                "not a chapter, a part title or a separator",
            ][..],
        ),
        ("no content", &["item 8", "missing field `content`"]),
        ("not a book", &["without `items` or `sections`"]),
        ("not json", &["not a book in JSON"]),
        ("outside", &["`../out.md`", "outside the content folder"]),
        ("twice", &["two chapters at `chapter_1.md`"]),
    ] {
        let Some(ed) = shaped(action) else { return };
        let run = ed.build_into(&ed.out("out"));
        run.assert_failure()
            .assert_diag("book.toml:4:1: error: ", words);
    }
}
