//! The summary parser on the shapes of `SUMMARY.md` mdBook reads, refuses
//! and ignores.

use super::*;
use crate::diag::Severity;

fn read(text: &str) -> (Vec<(EntryKind, usize)>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let s = parse(text, FileId(0), &mut d);
    (
        s.entries.into_iter().map(|e| (e.kind, e.depth)).collect(),
        d,
    )
}

/// The entries of a summary that must read without a diagnostic.
fn kinds(text: &str) -> Vec<(EntryKind, usize)> {
    let (entries, d) = read(text);
    assert!(d.is_empty(), "{d:?}");
    entries
}

fn ch(title: &str, path: Option<&str>, number: Option<&str>) -> EntryKind {
    let mut html = String::new();
    let _ = escape_html(&mut html, title);
    EntryKind::Chapter {
        title: title.into(),
        title_html: html,
        path: path.map(Into::into),
        number: number.map(Into::into),
    }
}

/// Titles, paths and numbers only, for the cases about structure.
fn outline(text: &str) -> Vec<(String, Option<String>, usize)> {
    kinds(text)
        .into_iter()
        .map(|(k, depth)| match k {
            EntryKind::Chapter { title, number, .. } => (title, number, depth),
            EntryKind::Part(t) => (format!("# {t}"), None, depth),
            EntryKind::Separator => ("---".into(), None, depth),
        })
        .collect()
}

fn o(title: &str, number: Option<&str>, depth: usize) -> (String, Option<String>, usize) {
    (title.into(), number.map(Into::into), depth)
}

/// Line and column (1-based) of a diagnostic in `text`.
fn at(text: &str, d: &Diagnostic) -> (usize, usize) {
    let start = d.span.as_ref().unwrap().range.start;
    let line = text[..start].matches('\n').count() + 1;
    let col = start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[test]
fn mdbook_syntax() {
    let text = "# Summary\n\n[Intro](intro.md)\n\n# Part One\n\n- [A](a.md)\n  - [A1](a/1.md)\n  - [Draft]()\n- [B](b%20c.md)\n\n---\n\n[Notes](notes.md)\n";
    assert_eq!(
        kinds(text),
        vec![
            (ch("Intro", Some("intro.md"), None), 0),
            (EntryKind::Part("Part One".into()), 0),
            (ch("A", Some("a.md"), Some("1.")), 0),
            (ch("A1", Some("a/1.md"), Some("1.1.")), 1),
            (ch("Draft", None, Some("1.2.")), 1),
            (ch("B", Some("b c.md"), Some("2.")), 0),
            (EntryKind::Separator, 0),
            (ch("Notes", Some("notes.md"), None), 0),
        ]
    );
}

#[test]
fn the_fragment_goes_before_the_path_is_decoded() {
    let text = "# Summary\n\n- [C](c%23.md#part)\n- [Q](what%3F.md)\n";
    assert_eq!(
        kinds(text),
        vec![
            (ch("C", Some("c#.md"), Some("1.")), 0),
            (ch("Q", Some("what?.md"), Some("2.")), 0),
        ]
    );
}

#[test]
fn the_title_is_optional_and_no_entry() {
    assert_eq!(kinds("# My **Fine** Summary\n"), vec![]);
    assert_eq!(
        kinds("[Draft]()\n"),
        vec![(ch("Draft", None, None), 0)],
        "without a title the first line is a chapter"
    );
    // Comments may come before the title.
    assert_eq!(
        kinds("<!-- a\nnote -->\n# Summary\n\n- [A](a.md)\n"),
        vec![(ch("A", Some("a.md"), Some("1.")), 0)]
    );
}

#[test]
fn prefix_chapters_share_a_paragraph_and_take_separators() {
    assert_eq!(
        outline("[First](first.md)\n[Second](second.md)\n\n---\n\n[Third](third.md)\n"),
        vec![
            o("First", None, 0),
            o("Second", None, 0),
            o("---", None, 0),
            o("Third", None, 0),
        ]
    );
}

#[test]
fn nesting_follows_markdown_lists_not_any_indent() {
    // Two spaces reach the content of `- `: a nested list. One does not:
    // a sibling, as CommonMark (and mdBook) read it. A tab nests too.
    assert_eq!(
        outline("- [A](a.md)\n  - [A1](a1.md)\n - [B](b.md)\n\t- [B1](b1.md)\n"),
        vec![
            o("A", Some("1."), 0),
            o("A1", Some("1.1."), 1),
            o("B", Some("2."), 0),
            o("B1", Some("2.1."), 1),
        ]
    );
    // Ordered lists and `*` are numbered chapters alike.
    assert_eq!(
        outline("1. [A](a.md)\n2. [B](b.md)\n   * [B1](b1.md)\n"),
        vec![
            o("A", Some("1."), 0),
            o("B", Some("2."), 0),
            o("B1", Some("2.1."), 1),
        ]
    );
}

#[test]
fn numbers_run_on_through_parts_separators_comments_and_subheadings() {
    let text = "- [First](first.md)\n<!-- a comment -->\n- [Second](second.md)\n---\n- [Third](third.md)\n\n# Part Two\n- [Fourth](fourth.md)\n\t- [Fifth](fifth.md)\n\n## Subheading\n\n- [Sixth](sixth.md)\n";
    assert_eq!(
        outline(text),
        vec![
            o("First", Some("1."), 0),
            o("Second", Some("2."), 0),
            o("---", None, 0),
            o("Third", Some("3."), 0),
            o("# Part Two", None, 0),
            o("Fourth", Some("4."), 0),
            o("Fifth", Some("4.1."), 1),
            o("# Subheading", None, 0),
            o("Sixth", Some("5."), 0),
        ]
    );
}

#[test]
fn loose_lists_read_like_tight_ones() {
    assert_eq!(
        outline("- [A](a.md)\n\n- [B](b.md)\n\n  - [B1](b1.md)\n"),
        vec![
            o("A", Some("1."), 0),
            o("B", Some("2."), 0),
            o("B1", Some("2.1."), 1),
        ]
    );
}

#[test]
fn destinations_as_commonmark_writes_them() {
    let text = "- [One](./test%20one.md)\n- [Two](<./test two.md>)\n- [Three](three.md \"a title\")\n- [Four][four]\n\n[four]: four.md\n";
    assert_eq!(
        kinds(text),
        vec![
            (ch("One", Some("./test one.md"), Some("1.")), 0),
            (ch("Two", Some("./test two.md"), Some("2.")), 0),
            (ch("Three", Some("three.md"), Some("3.")), 0),
            (ch("Four", Some("four.md"), Some("4.")), 0),
        ]
    );
}

#[test]
fn a_title_over_two_lines_gets_a_space() {
    assert_eq!(
        kinds("- [Chapter\ntitle](chapter.md)\n"),
        vec![(ch("Chapter title", Some("chapter.md"), Some("1.")), 0)]
    );
}

#[test]
fn titles_keep_inline_markup_for_the_contents_only() {
    let (entries, d) = read(
        "- [The `Option<T>` type](opt.md)\n- [*Emphasis* and **strong** ~~gone~~](x.md)\n- [A <b>bold</b> & raw](y.md)\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let titles: Vec<(String, String)> = entries
        .into_iter()
        .map(|(k, _)| match k {
            EntryKind::Chapter {
                title, title_html, ..
            } => (title, title_html),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        titles,
        vec![
            (
                "The Option<T> type".to_string(),
                "The <code>Option&lt;T&gt;</code> type".to_string()
            ),
            (
                "Emphasis and strong gone".to_string(),
                "<em>Emphasis</em> and <strong>strong</strong> <del>gone</del>".to_string()
            ),
            // Raw HTML goes from both, as mdBook drops it from the name.
            ("A bold & raw".to_string(), "A bold &amp; raw".to_string()),
        ]
    );
}

#[test]
fn html_comments_are_skipped_wherever_they_are() {
    let text = "<!--\n# Title - En\n-->\n# Title - Local\n\n<!--\n[Prefix - En](p.md)\n-->\n[Prefix - Local](p.md)\n\n<!--\n- [Ch 1 - En](ch1.md)\n    - [Ch 1.1 - En](ch1-1.md)\n-->\n- [Ch 1 - Local](ch1.md)\n    - [Ch 1.1 - Local](ch1-1.md) <!-- inline -->\n\n<!--\n[Appendix - En](a.md)\n-->`\n[Appendix - Local](a.md)\n";
    assert_eq!(
        outline(text),
        vec![
            o("Prefix - Local", None, 0),
            o("Ch 1 - Local", Some("1."), 0),
            o("Ch 1.1 - Local", Some("1.1."), 1),
            o("Appendix - Local", None, 0),
        ]
    );
}

#[test]
fn a_link_underlined_by_a_rule_is_still_a_chapter() {
    // `---` under a line makes it a heading in CommonMark; mdBook reads the
    // link in it all the same.
    assert_eq!(
        outline("# Summary\n\n[Intro](intro.md)\n---\n\n- [A](a.md)\n"),
        vec![o("Intro", None, 0), o("A", Some("1."), 0)]
    );
}

#[test]
fn text_beside_a_link_is_left_out_with_a_warning() {
    let text = "# Summary\n\n[Intro](intro.md) — start here\n\n- [A](a.md) (unfinished)\n- [B](b.md)\nsome words\n";
    let (entries, d) = read(text);
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert_eq!(entries[0].0, ch("Intro", Some("intro.md"), None));
    assert_eq!(entries[2].0, ch("B", Some("b.md"), Some("2.")));
    let found: Vec<_> = d.iter().map(|d| (d.severity, at(text, d))).collect();
    assert_eq!(
        found,
        vec![
            (Severity::Warning, (3, 1)),
            (Severity::Warning, (5, 1)),
            // A line under a list item continues it (CommonMark's lazy line).
            (Severity::Warning, (7, 1)),
        ]
    );
    assert!(
        d[0].message.contains("not a chapter link"),
        "{}",
        d[0].message
    );
}

#[test]
fn a_second_link_in_a_list_item_is_left_out_with_a_warning() {
    let (entries, d) = read("- [A](a.md) [B](b.md)\n");
    assert_eq!(entries, vec![(ch("A", Some("a.md"), Some("1.")), 0)]);
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
}

#[test]
fn a_list_item_must_start_with_its_link() {
    for text in [
        "- [A](a.md)\n- Title\n",
        "- [A](a.md)\n- **[B](b.md)**\n",
        "- [A](a.md)\n-\n",
        "- [A](a.md)\n- words [B](b.md)\n",
    ] {
        let (_, d) = read(text);
        assert_eq!(d.len(), 1, "{text:?}: {d:?}");
        assert!(d[0].is_error(), "{text:?}");
        assert!(d[0].message.contains("not a chapter link"), "{text:?}");
        assert_eq!(at(text, &d[0]), (2, 1), "{text:?}");
    }
}

#[test]
fn the_chapters_under_a_bad_item_are_still_read() {
    let (entries, d) = read("- Title\n  - [A](a.md)\n");
    assert_eq!(d.len(), 1);
    assert_eq!(entries, vec![(ch("A", Some("a.md"), Some("1.1.")), 1)]);
}

/// mdBook refuses these; glossator always read them, and reads them still,
/// with a warning.
#[test]
fn numbered_after_the_suffix_chapters_is_a_warning() {
    for (text, words) in [
        (
            "- [A](a.md)\n\n[S](s.md)\n\n- [B](b.md)\n",
            "numbered chapters",
        ),
        ("- [A](a.md)\n\n[S](s.md)\n\n# Part\n", "a part title"),
        (
            "[First](first.md)\n\n- [A](a.md)\n\n[S](s.md)\n- [B](b.md)\n",
            "numbered",
        ),
    ] {
        let (_, d) = read(text);
        assert_eq!(d.len(), 1, "{text:?}: {d:?}");
        assert!(!d[0].is_error());
        assert!(d[0].message.contains(words), "{}", d[0].message);
        assert_eq!(at(text, &d[0]).1, 1);
    }
    let (entries, _) = read("- [A](a.md)\n\n[S](s.md)\n\n- [B](b.md)\n");
    assert_eq!(
        entries,
        vec![
            (ch("A", Some("a.md"), Some("1.")), 0),
            (ch("S", Some("s.md"), None), 0),
            (ch("B", Some("b.md"), Some("2.")), 0),
        ]
    );
}

#[test]
fn a_paragraph_right_after_a_part_title_is_skipped_with_a_warning() {
    let text = "# Summary\n\n# Part\n\n[Skipped](s.md)\n\n- [A](a.md)\n\n[Suffix](x.md)\n";
    let (entries, d) = read(text);
    assert_eq!(
        entries,
        vec![
            (EntryKind::Part("Part".into()), 0),
            (ch("A", Some("a.md"), Some("1.")), 0),
            (ch("Suffix", Some("x.md"), None), 0),
        ]
    );
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
    assert_eq!(at(text, &d[0]), (5, 1));
}

#[test]
fn spans_start_at_the_line() {
    let text = "# Summary\n\n- [A](a.md)\n    - [B](b.md)   \n";
    let mut d = Vec::new();
    let s = parse(text, FileId(0), &mut d);
    let lines: Vec<&str> = s
        .entries
        .iter()
        .map(|e| &text[e.span.range.clone()])
        .collect();
    assert_eq!(lines, vec!["- [A](a.md)", "    - [B](b.md)"]);
}

#[test]
fn arbitrary_bytes_of_markdown_never_break_it() {
    for text in [
        "",
        "-",
        "- [",
        "[](",
        "- [a](b.md)\n  -\n    - [c]()",
        "> - [A](a.md)\n",
        "```\n[A](a.md)\n```\n",
        "| a |\n|---|\n| [A](a.md) |\n",
        "- [![img](i.png)](a.md)\n",
        "# \n#\n---\n***\n___\n",
    ] {
        let mut d = Vec::new();
        let s = parse(text, FileId(0), &mut d);
        for e in &s.entries {
            assert!(e.span.range.end <= text.len(), "{text:?}");
        }
    }
}

#[test]
fn lists_nested_as_deep_as_a_line_is_long_are_read_without_recursion() {
    let text = format!("{}[A](a.md)\n", "- ".repeat(20_000));
    let (entries, d) = read(&text);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].1, 19_999);
    // Every item but the innermost opens with a list: one mistake, one error.
    assert_eq!(d.len(), 1, "{:?}", d.first());
}
