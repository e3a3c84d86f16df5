//! Admonitions (`> [!NOTE]` …, GitHub's alerts) are written as mdBook 0.5
//! writes them, in mdBook books and editions alike.

use crate::util::{Edition, read_text, strip_tags};

const CHAPTER: &str = "# Chapter 2

> [!NOTE]
> General information.

> [!TIP]
> A helpful *suggestion*.

> [!IMPORTANT]
> Key information.

> [!WARNING]
> A risk.

> [!CAUTION]
> Negative consequences.

- In a list:

  > [!note]
  > Lower case works, as on GitHub.

> [!UNKNOWN]
> Not a kind: a plain quotation.

> A plain quotation.
";

fn assert_admonitions(page: &str) {
    for (class, title) in [
        ("note", "Note"),
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("caution", "Caution"),
    ] {
        let open = format!("<blockquote class=\"blockquote-tag blockquote-tag-{class}\">");
        let count = if class == "note" { 2 } else { 1 };
        assert_eq!(page.matches(&open).count(), count, "{class}: {page}");
        let at = page.find(&open).unwrap();
        let title_html = &page[at..];
        assert!(
            title_html.starts_with(&format!("{open}\n<p class=\"blockquote-tag-title\"><svg")),
            "{title_html}"
        );
        let end = title_html.find("</p>").unwrap();
        assert!(
            title_html[..end].ends_with(&format!("</svg>{title}")),
            "{title_html}"
        );
    }
    assert!(page.contains("A helpful <em>suggestion</em>."), "{page}");
    // The tag is gone from the text; an unknown one stays, in a plain quotation.
    let text = strip_tags(page);
    assert!(
        !text.contains("[!NOTE]") && !text.contains("[!note]"),
        "{text}"
    );
    assert!(text.contains("[!UNKNOWN]"), "{text}");
    assert_eq!(page.matches("<blockquote>").count(), 2, "{page}");
    assert_eq!(
        page.matches("<blockquote").count(),
        page.matches("</blockquote>").count(),
        "{page}"
    );
}

#[test]
fn an_mdbook_books_admonitions_are_mdbooks() {
    let ed = Edition::fixture("mdbook");
    ed.write("src/chapter_2.md", CHAPTER);
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert_admonitions(&read_text(&out, "chapter_2.html"));
    // The print edition holds them too.
    let print = read_text(&out, "print.html");
    assert!(print.contains("blockquote-tag blockquote-tag-caution"));
}

#[test]
fn an_editions_admonitions_are_the_same() {
    let ed = Edition::fixture("minimal");
    ed.write("content/chapter.md", CHAPTER);
    let out = ed.out("out");
    let run = ed.build_into(&out);
    run.assert_success();
    assert_admonitions(&read_text(&out, "chapter.html"));
}
