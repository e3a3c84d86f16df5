//! Real mdBook books (`tests/books/`, each with its source and licence)
//! build unchanged: every page mdBook writes, no directive left as text, no
//! false warning.

use std::fs;

use crate::util::{Edition, copy_tree, html_pages, read_text, repo_root, tempdir};

/// mdBook's guide, in a Git work tree of its own (it includes the
/// repository's `examples/`).
fn mdbook_guide() -> Edition {
    let tmp = tempdir();
    let repo = tmp.path().join("mdBook");
    copy_tree(&repo_root().join("tests/books/mdbook-guide"), &repo);
    fs::create_dir_all(repo.join(".git")).unwrap();
    Edition {
        root: repo.join("guide"),
        tmp,
    }
}

#[test]
fn mdbooks_guide_builds_with_mdbooks_pages_and_anchors() {
    let ed = mdbook_guide();
    // The guide's own preprocessor, a crate of the mdBook repository, is
    // not part of the fixture: made optional and missing, the build goes on
    // without it, with one warning, and a true one.
    let toml = fs::read_to_string(ed.path("book.toml")).unwrap();
    let helper = "command = \"cargo run --quiet --manifest-path guide-helper/Cargo.toml\"";
    assert!(toml.contains(helper), "{toml}");
    ed.write(
        "book.toml",
        toml.replace(
            helper,
            "command = \"guide-helper-not-in-the-fixture\"\noptional = true",
        ),
    );
    let run = ed.build();
    run.assert_success();
    let lines = run.diag_lines();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].contains("`guide-helper` is not installed"),
        "{}",
        run.stderr
    );

    let site = ed.path("book");
    let pages = html_pages(&site);
    // Every chapter SUMMARY.md lists is a page, README.md as index.html.
    let summary = fs::read_to_string(ed.path("src/SUMMARY.md")).unwrap();
    let mut listed = 0;
    for line in summary.lines() {
        let Some(path) = line
            .split_once("](")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(p, _)| p)
            .filter(|p| p.ends_with(".md"))
        else {
            continue;
        };
        let html = match path.strip_suffix("README.md") {
            Some(folder) => format!("{folder}index.html"),
            None => path.replace(".md", ".html"),
        };
        assert!(pages.contains(&html), "{html} missing from {pages:?}");
        listed += 1;
    }
    assert!(listed >= 30, "{listed} chapters");

    // Included files are in the pages; no directive or anchor line is left.
    let preprocessors = read_text(&site, "for_developers/preprocessors.html");
    assert!(preprocessors.contains("remove_emphasis"), "{preprocessors}");
    assert!(!preprocessors.contains("ANCHOR"), "{preprocessors}");
    let watch = read_text(&site, "cli/watch.html");
    assert!(watch.contains("--watcher"), "{watch}");
    let directives = unescaped_directives(&ed.path("src"));
    assert!(directives.len() >= 6, "{directives:?}");
    for page in &pages {
        let html = read_text(&site, page);
        for left in &directives {
            assert!(!html.contains(left), "{left} left in {page}");
        }
    }
    // mdBook's heading ids, as the guide's own links expect them.
    let renderers = read_text(&site, "format/configuration/renderers.html");
    for id in [
        "outputhtmlprint",
        "html-renderer-options",
        "markdown-renderer",
    ] {
        assert!(renderers.contains(&format!("id=\"{id}\"")), "#{id}");
    }
    // The guide's own 404.md is the page for missing addresses.
    assert!(read_text(&site, "404.html").contains("Try the search instead!"));
    // The five admonitions of the chapter on Markdown, as mdBook writes them;
    // the ones in its code block stay as written.
    let markdown = read_text(&site, "format/markdown.html");
    for kind in ["note", "tip", "important", "warning", "caution"] {
        let class = format!("<blockquote class=\"blockquote-tag blockquote-tag-{kind}\">");
        assert_eq!(markdown.matches(&class).count(), 1, "{kind}");
    }
    assert_eq!(markdown.matches("[!NOTE]").count(), 1, "{markdown}");
    // mdBook 0.5.4's ids for the chapter's note, its reference and its
    // definition list's terms, as mdBook writes them for this page.
    for id in ["footnote-note", "fr-note-1", "term-a", "term-b"] {
        assert!(
            markdown.contains(&format!("id=\"{id}\"")),
            "#{id}: {markdown}"
        );
    }
}

/// Every `{{#include …}}`, `{{#rustdoc_include …}}` and `{{#playground …}}`
/// written in the Markdown under `dir` without the `\` escape.
fn unescaped_directives(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        for (at, _) in text.match_indices("{{#") {
            let rest = &text[at..];
            let written = rest.find("}}").map_or(rest, |end| &rest[..end + 2]);
            let known = ["{{#include ", "{{#rustdoc_include ", "{{#playground "]
                .iter()
                .any(|k| written.starts_with(k));
            if known && !text[..at].ends_with('\\') {
                out.push(written.to_string());
            }
        }
    }
    out
}

/// Chapter 2 of *The Rust Programming Language*, its code listings
/// included from `listings/` with anchors, line ranges and rustdoc's hidden
/// lines, as the book builds it.
#[test]
fn the_rust_books_guessing_game_builds_with_its_listings() {
    let tmp = tempdir();
    let root = tmp.path().join("book");
    copy_tree(&repo_root().join("tests/books/rust-book-ch02"), &root);
    let ed = Edition { root, tmp };
    // The book's own preprocessors are crates of its repository, not in
    // the fixture: made optional and missing, the build goes on without them.
    let toml = fs::read_to_string(ed.path("book.toml")).unwrap();
    let mut edited = toml.clone();
    for name in ["trpl-note", "trpl-listing"] {
        let table = format!("[preprocessor.{name}]\n");
        assert!(edited.contains(&table), "{toml}");
        edited = edited.replace(&table, &format!("{table}optional = true\n"));
    }
    ed.write("book.toml", edited);
    let run = ed.build();
    run.assert_success();
    let site = ed.path("book");
    let page = read_text(&site, "ch02-00-guessing-game-tutorial.html");
    // Every directive is replaced by the file, or the part of it, it names.
    for left in unescaped_directives(&ed.path("src")) {
        assert!(!page.contains(&left), "{left} left in the page");
    }
    assert!(page.contains("io::stdin"), "listing 2-1 is included");
    assert!(
        page.contains("rand::thread_rng") || page.contains("rand::rng"),
        "listing 2-3 is included"
    );
    assert!(!page.contains("ANCHOR"), "anchor lines are dropped");
    // Rust blocks are highlighted, and lines outside an anchor are hidden
    // as rustdoc hides them, not dropped.
    assert!(page.contains("language-rust"), "{page}");
    assert!(
        page.contains("class=\"boring\""),
        "hidden lines are kept, hidden"
    );
    // Warnings only for what the trimmed copy lacks, and true ones: the two
    // preprocessors, and the redirects and links to chapters left out.
    let lines = run.diag_lines();
    let lacking = |l: &&str| {
        l.contains("is not installed")
            || l.contains("which is no file of the site")
            || l.contains("is not a file of this edition")
    };
    assert!(lines.iter().all(lacking), "{}", run.stderr);
}
