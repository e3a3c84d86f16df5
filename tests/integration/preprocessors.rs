//! mdBook's preprocessor protocol: each `[preprocessor.NAME]` is run with
//! `supports html`, then with `[context, book]` as JSON, in mdBook's order,
//! and the book it prints back is what is built. The preprocessors here are
//! small Python scripts written by the tests.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use crate::util::{Edition, read_text, skip_or_fail};

/// A preprocessor that appends `[NAME]` to every chapter and replaces
/// `{{shout}}` with its `word` key in capitals, and says so on its
/// standard error; it supports only `html`, and fails, printing why, when a
/// chapter holds `{{fail}}`.
const SCRIPT: &str = r#"#!/usr/bin/env python3
import json, sys
if "supports" in sys.argv:
    sys.exit(0 if sys.argv[-1] == "html" else 1)
name = sys.argv[1]
context, book = json.load(sys.stdin)
assert context["renderer"] == "html" and context["mdbook_version"]
word = context["config"]["preprocessor"][name].get("word", "")
def walk(items, depth):
    for item in items:
        if isinstance(item, dict) and "Chapter" in item:
            ch = item["Chapter"]
            if "{{fail}}" in ch["content"]:
                print("cannot read " + ch["path"], file=sys.stderr)
                sys.exit(3)
            if depth == 1 and ch["parent_names"] != ["Chapter 1"]:
                sys.exit("wrong parents: %r" % ch["parent_names"])
            ch["content"] = ch["content"].replace("{{shout}}", word.upper()) + "\n[" + name + "]\n"
            walk(ch["sub_items"], depth + 1)
walk(book["sections"], 0)
book["items"] = book["sections"]
print("note from " + name, file=sys.stderr)
json.dump(book, sys.stdout)
"#;

fn book_with(tables: &str) -> Option<Edition> {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        skip_or_fail("no python3 for the test preprocessors");
        return None;
    }
    let ed = Edition::fixture("mdbook");
    ed.write("pre.py", SCRIPT);
    let script = ed.path("pre.py");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    ed.write(
        "book.toml",
        format!("[book]\ntitle = \"An mdBook book\"\n\n{tables}"),
    );
    Some(ed)
}

#[test]
fn preprocessors_change_the_chapters_in_mdbooks_order() {
    let Some(ed) = book_with(
        "[preprocessor.second]\ncommand = \"./pre.py second\"\nafter = [\"first\"]\n\n[preprocessor.first]\ncommand = \"./pre.py first\"\nword = \"loud\"\n\n[preprocessor.other-renderer]\ncommand = \"./pre.py other\"\nrenderers = [\"epub\"]\n",
    ) else {
        return;
    };
    ed.write("src/chapter_2.md", "# Chapter 2\n\nSay {{shout}}.\n");
    // A broken link in a chapter: its line is the line in the file.
    ed.write(
        "src/misc/contributors.md",
        "# Contributors\n\n\n[gone](gone.md)\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success()
        .assert_diag("src/misc/contributors.md:4:1: warning: ", &["gone.md"]);
    let page = read_text(&out, "chapter_2.html");
    assert!(page.contains("Say LOUD."), "{page}");
    let first = page.find("[first]").expect("first ran");
    let second = page.find("[second]").expect("second ran");
    assert!(first < second, "first before second: {page}");
    assert!(
        !page.contains("[other]"),
        "renderers = [\"epub\"] is not run for html"
    );
    // Nested chapters are there, with their parents' names.
    assert!(read_text(&out, "chapter_1/section.html").contains("[second]"));
    // What a preprocessor says on its standard error is a note for `-v`.
    assert!(!run.stderr.contains("note from"), "{}", run.stderr);
    ed.check(&["-v"])
        .assert_stderr_contains("the preprocessor `first` says: note from first");
}

#[test]
fn a_missing_preprocessor_is_an_error_unless_optional() {
    let Some(ed) = book_with("[preprocessor.nowhere-to-be-found]\n") else {
        return;
    };
    ed.build()
        .assert_failure()
        .assert_diag(
            "book.toml:4:1: error: ",
            &["`nowhere-to-be-found`", "not installed"],
        )
        .assert_stderr_contains("cargo install mdbook-nowhere-to-be-found")
        .assert_stderr_contains("optional = true");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[preprocessor.nowhere-to-be-found]\noptional = true\n",
    );
    let run = ed.build();
    run.assert_success()
        .assert_diag("book.toml:4:1: warning: ", &["not installed"]);
}

#[test]
fn a_failing_preprocessor_shows_its_stderr() {
    let Some(ed) = book_with("[preprocessor.first]\ncommand = \"./pre.py first\"\n") else {
        return;
    };
    ed.write("src/chapter_2.md", "# Chapter 2\n\n{{fail}}\n");
    ed.build()
        .assert_failure()
        .assert_diag("book.toml:4:1: error: ", &["`first` failed"])
        .assert_stderr_contains("cannot read chapter_2.md");
}

/// With GLOSSATOR_NO_PREPROCESSORS set, a book's commands are not run: each
/// is a warning at its table, and the chapters are built as written.
#[test]
fn preprocessors_can_be_turned_off_for_a_book_one_does_not_trust() {
    let Some(ed) = book_with("[preprocessor.first]\ncommand = \"./pre.py first\"\n") else {
        return;
    };
    ed.write("src/chapter_2.md", "# Chapter 2\n\nSay {{shout}}.\n");
    let out = ed.out("out");
    let bin = std::ffi::OsStr::new(env!("CARGO_BIN_EXE_glossator"));
    let run = crate::util::run_via(
        &[
            std::ffi::OsStr::new("env"),
            std::ffi::OsStr::new("GLOSSATOR_NO_PREPROCESSORS=1"),
            bin,
        ],
        &ed.path(""),
        ["build", "--dest-dir", out.to_str().unwrap()],
    );
    run.assert_success()
        .assert_diag("book.toml:", &["the preprocessor `first` is not run"]);
    let page = read_text(&out, "chapter_2.html");
    assert!(!page.contains("[first]"), "not run: {page}");
}

/// A command is split as a shell would split it, as mdBook does: a quoted
/// argument with a space is one word; an unclosed quotation is an error at
/// the preprocessor's table.
#[test]
fn a_command_is_split_as_a_shell_splits_it() {
    let Some(ed) = book_with("[preprocessor.quoted]\ncommand = \"python3 'my pre.py' quoted\"\n")
    else {
        return;
    };
    ed.write("my pre.py", SCRIPT);
    let out = ed.out("out");
    ed.build_into(&out).assert_success();
    assert!(read_text(&out, "chapter_2.html").contains("[quoted]"));
    let ed = book_with("[preprocessor.open]\ncommand = \"./pre.py 'open\"\n").unwrap();
    ed.build_into(&ed.out("out"))
        .assert_failure()
        .assert_diag("book.toml:4:1: error: ", &["unclosed quotation"]);
}

/// A preprocessor that asks to run before mdBook's `links` would see the
/// `{{#include}}` directives; glossator expands them as it reads, so it is
/// run on the expanded text, and the build says so.
#[test]
fn a_preprocessor_before_links_is_warned_that_the_includes_are_expanded() {
    let Some(ed) =
        book_with("[preprocessor.early]\ncommand = \"./pre.py early\"\nbefore = [\"links\"]\n")
    else {
        return;
    };
    ed.write("src/listing.rs", "fn listed() {}\n");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n```rust\n{{#include listing.rs}}\n```\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success().assert_diag(
        "book.toml:4:1: warning: ",
        &["`early`", "before mdBook's `links`", "already expanded"],
    );
    let page = read_text(&out, "chapter_2.html");
    assert!(
        page.contains("listed") && page.contains("[early]"),
        "{page}"
    );
}
