//! mdBook's `{{#include}}` family in an mdBook book whose listings live
//! outside `src/` (`tests/editions/mdbook-includes`, the Rust book's
//! layout):
//!
//! ```text
//! book.toml
//! listings/ch01/main.rs       anchors `main` and `greet`
//! listings/ch01/output.txt
//! listings/shared/about.md    Markdown, included as text
//! src/chapter_1.md            {{#title}}, rustdoc_include, include (whole,
//!                             line, anchor inside a quote), an escape
//! src/chapter_2.md            {{#playground}}
//! ```
//!
//! Each problem is reported at the directive's `file:line:col`, and a
//! problem inside included text at the included file's own line.

use crate::util::{Edition, read_text, strip_tags};

fn book() -> Edition {
    Edition::fixture("mdbook-includes")
}

#[test]
fn included_code_is_in_the_pages() {
    let ed = book();
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let one = read_text(&site, "chapter_1.html");
    // rustdoc_include: the anchor's lines shown, the rest hidden behind `# `
    // (the highlighter wraps the tokens; the line starts are kept).
    let text = strip_tags(&one);
    // rustdoc_include: the lines outside the anchor are hidden lines, each
    // in a `.boring` span (shown by the block's button), their `# ` gone.
    assert!(
        text.contains("use std::io;\n\nfn main() {\n    let name = \"world\";\n    println!(\"Hello, {name}!\");\n    io::stdin();\n}\n"),
        "{text}"
    );
    assert!(
        one.contains("<span class=\"boring\">") && !text.contains("# use std::io;"),
        "{one}"
    );
    // include: a whole file, one line, an anchor inside a block quote.
    assert!(text.contains("$ cargo run\nHello, world!\n"), "{text}");
    assert!(text.contains("\nuse std::io;\n"), "{text}");
    assert!(
        text.contains("fn main() {\n    let name = \"world\";\n    println!(\"Hello, {name}!\");\n    io::stdin();\n}\n"),
        "{text}"
    );
    assert!(
        !text.contains("ANCHOR"),
        "anchor lines are left out: {text}"
    );
    assert!(one.contains("<blockquote>"), "{one}");
    // Markdown from a file outside `src/` is read as Markdown.
    assert!(
        one.contains("<li>Each listing is a crate of its own.</li>"),
        "{one}"
    );
    // The escape: the directive written as text, without its backslash.
    assert!(one.contains("Written as is: {{#include ../listings/ch01/main.rs}}"));
    assert_eq!(one.matches("{{#").count(), 1, "{one}");
    // {{#title}} is the whole <title>, as in mdBook; the heading and the
    // contents keep the chapter's name.
    assert!(one.contains("<title>Chapter One: Hello</title>"), "{one}");
    assert!(one.contains("<h1 id=\"chapter-1\">Chapter 1<"), "{one}");
    let two = read_text(&site, "chapter_2.html");
    assert!(
        two.contains("<title>Chapter 2 · An mdBook book with includes</title>"),
        "{two}"
    );
    // playground: the whole file in a `rust,editable` block.
    assert!(two.contains("language-rust"), "{two}");
    assert!(
        strip_tags(&two).contains("// ANCHOR: main\nfn main() {"),
        "{two}"
    );
    // Nothing of `listings/` is published, and no `{{#` is left anywhere.
    assert!(!site.join("listings").exists());
    for page in ["index.html", "chapter_2.html", "print.html"] {
        let html = read_text(&site, page);
        let escaped = html
            .matches("{{#include ../listings/ch01/main.rs}}")
            .count();
        assert_eq!(html.matches("{{#").count(), escaped, "{page}");
    }
}

#[test]
fn a_missing_file_is_an_error_at_the_directive() {
    let ed = book();
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\nSee:\n\n```rust\n{{#include ../listings/ch02/main.rs}}\n```\n",
    );
    let run = ed.check(&[]);
    run.assert_failure().assert_diag(
        "src/chapter_2.md:6:1: error: `../listings/ch02/main.rs` does not exist",
        &[],
    );
    run.assert_stderr_contains(
        "= help: the path is relative to the file the directive is written in: this one names `listings/ch02/main.rs` in the book's folder",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_failure();
    assert!(!site.exists());
}

#[test]
fn a_missing_anchor_is_an_error_at_the_directive() {
    let ed = book();
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n```rust\n    {{#rustdoc_include ../listings/ch01/main.rs:mian}}\n```\n",
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag(
            "src/chapter_2.md:4:5: error: there is no `ANCHOR: mian` in `listings/ch01/main.rs`",
            &[],
        )
        .assert_stderr_contains(
            "= help: the anchors of `listings/ch01/main.rs` are `main`, `greet`",
        );
}

#[test]
fn a_path_out_of_the_book_is_an_error() {
    let ed = book();
    std::fs::write(ed.tmp.path().join("secret.txt"), "secret").unwrap();
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n{{#include ../../secret.txt}}\n",
    );
    ed.check(&[]).assert_failure().assert_diag(
        "src/chapter_2.md:3:1: error: `../../secret.txt` is outside the book",
        &[],
    );
    #[cfg(unix)]
    {
        let ed = book();
        std::fs::write(ed.tmp.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(
            ed.tmp.path().join("secret.txt"),
            ed.path("listings/secret.txt"),
        )
        .unwrap();
        ed.write(
            "src/chapter_2.md",
            "# Chapter 2\n\n{{#include ../listings/secret.txt}}\n",
        );
        ed.check(&[]).assert_failure().assert_diag(
            "src/chapter_2.md:3:1: error: `../listings/secret.txt` leads out of the book through a symbolic link",
            &[],
        );
    }
}

#[test]
fn a_warning_inside_included_text_is_at_the_included_files_line() {
    let ed = book();
    ed.write(
        "listings/shared/about.md",
        "The listings live in `listings/`, outside `src/`.\n\n- Each listing is a crate of its own: [the guide](missing.md).\n",
    );
    // And one in the chapter's own text, after the includes: at its line.
    let chapter = std::fs::read_to_string(ed.path("src/chapter_1.md")).unwrap();
    ed.write(
        "src/chapter_1.md",
        format!("{chapter}\n[Broken](nowhere.md) after the include.\n"),
    );
    let run = ed.check(&[]);
    run.assert_success()
        .assert_diag(
            "listings/shared/about.md:3:39: warning: broken link: `missing.md`",
            &[],
        )
        .assert_stderr_contains(
            "3 │ - Each listing is a crate of its own: [the guide](missing.md).\n",
        )
        .assert_stderr_contains("= note: included at src/chapter_1.md:26:1\n")
        .assert_diag(
            "src/chapter_1.md:30:1: warning: broken link: `nowhere.md`",
            &[],
        );
    let json = ed.check(&["--format", "json"]);
    assert!(
        json.stdout
            .contains("\"file\": \"listings/shared/about.md\",\n      \"help\""),
        "{}",
        json.stdout
    );
    assert!(json.stdout.contains("\"line\": 3,"), "{}", json.stdout);
}

#[test]
fn a_markdown_file_only_included_is_not_a_page() {
    let ed = book();
    ed.write("src/snippets/note.md", "A note shared by chapters.\n");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n{{#include snippets/note.md}}\n",
    );
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success();
    // Not "not listed in SUMMARY.md": it is part of chapter 2.
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert!(read_text(&site, "chapter_2.html").contains("A note shared by chapters."));
    assert!(!site.join("snippets/note.html").exists());
}

#[test]
fn nesting_too_deep_names_the_chain() {
    let ed = book();
    ed.write("listings/a.md", "{{#include b.md}}\n");
    ed.write("listings/b.md", "{{#include a.md}}\n");
    ed.write(
        "src/chapter_2.md",
        "# Chapter 2\n\n{{#include ../listings/a.md}}\n",
    );
    ed.check(&[]).assert_failure().assert_diag(
        "listings/",
        &[
            "error: includes nested more than 10 deep: src/chapter_2.md → listings/a.md → listings/b.md → listings/a.md",
        ],
    );
}

#[test]
fn use_default_preprocessors_false_leaves_directives_as_text() {
    let ed = book();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Plain\"\n\n[build]\nuse-default-preprocessors = false\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let one = read_text(&site, "chapter_1.html");
    assert!(one.contains("{{#title Chapter One: Hello}}"), "{one}");
    assert!(!one.contains("Hello, world!"), "{one}");
    assert!(one.contains("<title>Chapter 1 · Plain</title>"), "{one}");
}
