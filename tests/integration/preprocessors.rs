//! mdBook's preprocessor protocol: each `[preprocessor.NAME]` is run with
//! `supports html`, then with `[context, book]` as JSON, in mdBook's order,
//! and the book it prints back is what is built. The preprocessors here are
//! small Python scripts written by the tests.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use crate::support;
use crate::util::{Edition, read_text, run_env, skip_or_fail};

/// A preprocessor that appends `[NAME]` to every chapter (but one holding
/// `{{keep}}`, left as it was sent), replaces `{{shout}}` with its `word`
/// key in capitals and `{{insert}}` with its `insert` key (when it has
/// one), notes `[NAME saw
/// an include]` under a chapter whose text holds `{{#include` and `[NAME at
/// PATH]` under a `README.md` or `index.md`, and says so on its standard
/// error; it supports only `html` (nothing when given `refuses`), and
/// fails, printing why, when a chapter holds `{{fail}}`.
const SCRIPT: &str = r#"#!/usr/bin/env python3
import json, sys
if "supports" in sys.argv:
    sys.exit(0 if sys.argv[-1] == "html" and "refuses" not in sys.argv else 1)
name = sys.argv[1]
context, book = json.load(sys.stdin)
assert context["renderer"] == "html" and context["mdbook_version"]
table = context["config"]["preprocessor"][name]
word = table.get("word", "")
def walk(items, depth):
    for item in items:
        if isinstance(item, dict) and "Chapter" in item:
            ch = item["Chapter"]
            text = ch["content"]
            if "{{fail}}" in text:
                print("cannot read " + ch["path"], file=sys.stderr)
                sys.exit(3)
            if depth == 1 and ch["parent_names"] != ["Chapter 1"]:
                sys.exit("wrong parents: %r" % ch["parent_names"])
            walk(ch["sub_items"], depth + 1)
            if "{{keep}}" in text:
                continue
            text = text.replace("{{shout}}", word.upper())
            if "insert" in table:
                text = text.replace("{{insert}}", table["insert"])
            text += "\n[" + name + "]\n"
            if "{{#include" in ch["content"]:
                text += "\n[" + name + " saw an include]\n"
            if (ch["path"] or "").endswith(("README.md", "index.md")):
                text += "\n[" + name + " at " + ch["path"] + "]\n"
            ch["content"] = text
walk(book["sections"], 0)
book["items"] = book["sections"]
print("note from " + name, file=sys.stderr)
json.dump(book, sys.stdout)
"#;

pub(crate) fn book_with(tables: &str) -> Option<Edition> {
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

/// mdBook's `links` runs at its place in the order: a preprocessor before
/// it (by `before`, or by a name that sorts first, as in mdBook; see
/// `order.rs`'s tests for the rest of mdBook's batches) is given
/// the directives as written, one after it their expansion. What a
/// preprocessor before `links` writes is expanded, with its problems at the
/// lines of its text; a chapter it left alone keeps its included files'
/// lines.
#[test]
fn mdbooks_links_runs_at_its_place_in_the_order() {
    let Some(ed) = book_with(concat!(
        "[preprocessor.early]\ncommand = \"./pre.py early\"\nbefore = [\"links\"]\n",
        "insert = \"{{#include inserted.rs}}\"\n\n",
        "[preprocessor.aaa]\ncommand = \"./pre.py aaa\"\n\n",
        "[preprocessor.late]\ncommand = \"./pre.py late\"\nafter = [\"links\"]\n",
    )) else {
        return;
    };
    ed.write("src/listing.rs", "fn listed() {}\n");
    ed.write("src/inserted.rs", "fn inserted() {}\n");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n```rust\n{{#include listing.rs}}\n{{insert}}\n```\n\n{{#include missing.rs}}\n",
    );
    // Kept as sent by every preprocessor: its included file's broken link
    // is reported at that file's line.
    ed.write("src/piece.md", "Piece.\n\n[gone](gone.md)\n");
    ed.write(
        "src/chapter_1.md",
        "# Chapter 1\n\n{{keep}}\n\n{{#include piece.md}}\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    // The missing file is reported at the directive's line of the text
    // `early` wrote back (its `[early]` lines come after it).
    run.assert_failure()
        .assert_diag("src/chapter_2.md:8:1: error: ", &["missing.rs"])
        .assert_diag("src/piece.md:3:1: warning: ", &["gone.md"]);
    // Once: what expanding the chapter as read reported gives way to what
    // expanding `early`'s text reports.
    let missing = run
        .diag_lines()
        .iter()
        .filter(|l| l.contains("missing.rs"))
        .count();
    assert_eq!(missing, 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("orders nothing"),
        "every name is known: {}",
        run.stderr
    );
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n```rust\n{{#include listing.rs}}\n{{insert}}\n```\n",
    );
    let run = ed.build_into(&out);
    run.assert_success();
    let page = read_text(&out, "chapter_2.html");
    for seen in ["[early saw an include]", "[aaa saw an include]"] {
        assert!(page.contains(seen), "{seen}: {page}");
    }
    assert!(!page.contains("[late saw an include]"), "{page}");
    // Both the directive as written and the one `early` inserted are
    // expanded.
    assert!(
        page.contains("listed") && page.contains("inserted"),
        "{page}"
    );
    assert!(!page.contains("{{#include"), "{page}");
    assert!(!run.stderr.contains("already expanded"), "{}", run.stderr);
}

/// mdBook's `index` renames `README.md` chapters `index.md` at its place in
/// the order: a preprocessor before it sees `README.md`, one after it
/// `index.md`; the page is the folder's `index.html` either way.
#[test]
fn mdbooks_index_runs_at_its_place_in_the_order() {
    let Some(ed) = book_with(concat!(
        "[preprocessor.early]\ncommand = \"./pre.py early\"\nbefore = [\"index\"]\n\n",
        "[preprocessor.late]\ncommand = \"./pre.py late\"\nafter = [\"index\"]\n",
    )) else {
        return;
    };
    let out = ed.out("out");
    ed.build_into(&out).assert_success();
    let page = read_text(&out, "index.html");
    assert!(page.contains("[early at README.md]"), "{page}");
    assert!(page.contains("[late at index.md]"), "{page}");
    assert!(page.contains("An mdBook book, as"), "{page}");
}

/// With `use-default-preprocessors = false`, mdBook's `links` does not run
/// and a `before` naming it orders nothing (a warning, as in mdBook); its
/// table brings it back, at its place.
#[test]
fn without_mdbooks_defaults_links_runs_only_with_its_table() {
    let Some(ed) = book_with(
        "[build]\nuse-default-preprocessors = false\n\n[preprocessor.late]\ncommand = \"./pre.py late\"\nafter = [\"links\"]\n",
    ) else {
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
        "book.toml:",
        &[
            "`after` of the preprocessor `late` names `links`",
            "use-default-preprocessors",
        ],
    );
    let page = read_text(&out, "chapter_2.html");
    assert!(
        page.contains("[late saw an include]") && !page.contains("fn listed"),
        "{page}"
    );
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write("book.toml", format!("{toml}\n[preprocessor.links]\n"));
    let out = ed.out("out2");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(!run.stderr.contains("orders nothing"), "{}", run.stderr);
    let page = read_text(&out, "chapter_2.html");
    assert!(
        !page.contains("[late saw an include]") && page.contains("listed"),
        "{page}"
    );
}

/// `MDBOOK_PREPROCESSOR__NAME__KEY` sets a preprocessor's key as mdBook
/// reads it: the preprocessor is given the new value, and a table can be
/// made from the environment alone.
#[test]
fn a_preprocessors_keys_can_be_set_from_the_environment() {
    let Some(ed) =
        book_with("[preprocessor.first]\ncommand = \"./pre.py first\"\nword = \"loud\"\n")
    else {
        return;
    };
    ed.write("src/chapter_2.md", "# Chapter 2\n\nSay {{shout}}.\n");
    let out = ed.out("out");
    let run = run_env(
        &[
            ("MDBOOK_PREPROCESSOR__FIRST__WORD", "quiet"),
            (
                "MDBOOK_PREPROCESSOR__SECOND",
                r#"{"command": "./pre.py second"}"#,
            ),
        ],
        &ed.path(""),
        ["build", "--dest-dir", out.to_str().unwrap()],
    );
    run.assert_success();
    let page = read_text(&out, "chapter_2.html");
    assert!(page.contains("Say QUIET."), "{page}");
    assert!(page.contains("[second]"), "{page}");
}

/// A real preprocessor from crates.io, mdbook-toc, built against mdBook
/// 0.5: `.ci/run` installs it into `target/mdbook-toc` (or set
/// GLOSSATOR_MDBOOK_TOC to its binary; a name of its own, since every
/// `MDBOOK_…` variable is a setting of book.toml). Its table of contents replaces `<!-- toc -->`, to its
/// `max-level`, which the environment can change.
#[test]
fn a_real_preprocessor_from_crates_io_writes_its_table_of_contents() {
    let found = std::env::var_os("GLOSSATOR_MDBOOK_TOC")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([support::root().join("target/mdbook-toc/bin/mdbook-toc")])
        .find(|p| p.is_file());
    let missing = found.is_none().then(|| {
        "no mdbook-toc (.ci/run installs it: cargo install --locked mdbook-toc --root target/mdbook-toc; or set GLOSSATOR_MDBOOK_TOC)".to_string()
    });
    if support::skip("mdbook-toc, a real preprocessor", missing) {
        return;
    }
    let toc = found.unwrap();
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"An mdBook book\"\n\n[preprocessor.toc]\ncommand = {:?}\nmax-level = 2\n",
            toc.display().to_string()
        ),
    );
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n<!-- toc -->\n\n## First part\n\nText.\n\n### Deep\n\n## Second part\n\n[gone](gone.md)\n",
    );
    let out = ed.out("out");
    let run = ed.build_into(&out);
    // Its text is changed: lines are those of the text it wrote back, the
    // list's two lines standing for the marker's one.
    run.assert_success()
        .assert_diag("src/chapter_2.md:14:1: warning: ", &["gone.md"]);
    let page = read_text(&out, "chapter_2.html");
    let main = &page[page.find("<h1").unwrap()..];
    assert!(
        main.contains("<li><a href=\"#first-part\">First part</a></li>")
            && main.contains("<li><a href=\"#second-part\">Second part</a></li>"),
        "{main}"
    );
    assert!(
        !main.contains("<a href=\"#deep\">"),
        "max-level = 2: {main}"
    );
    assert!(
        !page.contains("toc --&gt;") && !page.contains("<!-- toc"),
        "{page}"
    );
    // An unchanged chapter keeps its file's lines.
    ed.write("src/chapter_1.md", "# Chapter 1\n\n\n[lost](lost.md)\n");
    let out = ed.out("out3");
    let run = run_env(
        &[("MDBOOK_PREPROCESSOR__TOC__MAX_LEVEL", "3")],
        &ed.path(""),
        ["build", "--dest-dir", out.to_str().unwrap()],
    );
    run.assert_success()
        .assert_diag("src/chapter_1.md:4:1: warning: ", &["lost.md"]);
    let page = read_text(&out, "chapter_2.html");
    let main = &page[page.find("<h1").unwrap()..];
    assert!(
        main.contains("<a href=\"#deep\">Deep</a>"),
        "max-level = 3: {main}"
    );
}

/// A preprocessor whose `supports html` fails is not run, unless its
/// table's `renderers` name `html`: then, as in mdBook, it is not asked.
#[test]
fn renderers_naming_html_replace_the_supports_question() {
    let Some(ed) = book_with("[preprocessor.refusing]\ncommand = \"./pre.py refusing refuses\"\n")
    else {
        return;
    };
    let out = ed.out("out");
    ed.build_into(&out).assert_success();
    assert!(!read_text(&out, "chapter_2.html").contains("[refusing]"));
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[preprocessor.refusing]\ncommand = \"./pre.py refusing refuses\"\nrenderers = [\"html\"]\n",
    );
    let out = ed.out("out2");
    ed.build_into(&out).assert_success();
    assert!(read_text(&out, "chapter_2.html").contains("[refusing]"));
}
