//! An instrument file → its tree of addressable units.
//!
//! The structure is read from the Markdown as lawyers number it: `## Article N`
//! (or `## Paragraph N` for resolutions and statutes), `## Preamble` with its
//! recitals, numbered list items for paragraphs, and lines opening with
//! `(a)` for lettered points. Each unit gets the address a lawyer would cite
//! (`1(3)`, `55(c)`, `preamble(2)`) and a stable HTML id derived from it in the
//! spirit of Akoma Ntoso (`art_1__para_3`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diag::{Diagnostic, FileId, Span};

/// One addressable unit of an instrument.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The address within the instrument: `103`, `1(3)`, `55(c)`, `preamble(2)`.
    pub address: String,
    /// How the unit is cited in prose: "Article 1(3)", "Paragraph 26".
    pub label: String,
    /// The HTML id of the unit on the instrument's page.
    pub html_id: String,
    /// The enclosing unit.
    pub parent: Option<usize>,
    /// First event of the unit.
    pub start: usize,
    /// One past the last event of the unit.
    pub end: usize,
    /// The unit's words, for previews and search.
    pub text: String,
    /// Where the unit starts in the file.
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq)]
enum Top {
    Article,
    Paragraph,
    Preamble,
}

/// Reads the units of an instrument from its events.
pub fn units(
    events: &[(Event<'static>, Range<usize>)],
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut top: Option<(Top, usize)> = None;
    let mut para: Option<usize> = None;
    let mut list_depth = 0usize;
    let mut item_numbers: Vec<u64> = Vec::new();
    let mut recitals = 0;
    let mut open_points: Vec<usize> = Vec::new();
    let mut open_items: Vec<Option<usize>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let span = Span::new(file, range.clone());
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let text = heading_text(events, i);
                let level = *level as u8;
                if level <= 2 {
                    close_top(&mut units, top.take(), i);
                    para = None;
                }
                if level == 2 {
                    match classify(&text) {
                        Some((Top::Preamble, _)) => {
                            recitals = 0;
                            top = Some((Top::Preamble, push(&mut units, "preamble", "Preamble", "preamble", None, i, span)));
                        }
                        Some((kind, number)) => {
                            let (label, id) = match kind {
                                Top::Article => (format!("Article {number}"), format!("art_{}", id_part(&number))),
                                _ => (format!("Paragraph {number}"), format!("para_{}", id_part(&number))),
                            };
                            top = Some((kind, push(&mut units, &number, &label, &id, None, i, span)));
                        }
                        None => diags.push(
                            Diagnostic::warning(format!("heading `{text}` is not an article, a paragraph or the preamble"), span)
                                .with_help("write `## Article N`, `## Paragraph N` or `## Preamble`; its text belongs to no unit meanwhile"),
                        ),
                    }
                }
            }
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                item_numbers.push(start.unwrap_or(0));
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                item_numbers.pop();
            }
            Event::Start(Tag::Item) => {
                let numbered = item_numbers.last().copied().filter(|&n| n > 0);
                let mut opened = None;
                if let (1, Some(n), Some((kind @ (Top::Article | Top::Paragraph), parent))) =
                    (list_depth, numbered, top)
                {
                    let part = n.to_string();
                    let idx = sub_unit(
                        &mut units,
                        kind,
                        parent,
                        &part,
                        &format!("para_{n}"),
                        i,
                        span,
                    );
                    para = Some(idx);
                    opened = Some(idx);
                }
                if let Some(last) = item_numbers.last_mut().filter(|n| **n > 0) {
                    *last += 1;
                }
                open_items.push(opened);
            }
            Event::End(TagEnd::Item) => {
                if let Some(Some(idx)) = open_items.pop() {
                    close_points(&mut units, &mut open_points, i);
                    units[idx].end = i + 1;
                    para = None;
                }
            }
            Event::Start(Tag::Paragraph) => {
                let first = match events.get(i + 1) {
                    Some((Event::Text(t), _)) => t.to_string(),
                    _ => String::new(),
                };
                match (top, point_letter(&first)) {
                    (Some((Top::Preamble, parent)), _)
                        if list_depth == 0 && !is_chapeau(events, i) =>
                    {
                        recitals += 1;
                        let address = format!("preamble({recitals})");
                        let id = format!("preamble__recital_{recitals}");
                        let idx = push(
                            &mut units,
                            &address,
                            &format!("Preamble, recital {recitals}"),
                            &id,
                            Some(parent),
                            i,
                            span,
                        );
                        open_points.push(idx);
                    }
                    (Some((kind, top_idx)), Some(letter)) if kind != Top::Preamble => {
                        let parent = para.unwrap_or(top_idx);
                        let id_part = format!("point_{letter}");
                        let idx = sub_unit(&mut units, kind, parent, &letter, &id_part, i, span);
                        open_points.push(idx);
                    }
                    _ => {}
                }
            }
            Event::End(TagEnd::Paragraph) => close_points(&mut units, &mut open_points, i),
            _ => {}
        }
        i += 1;
    }
    close_top(&mut units, top, events.len());
    for unit in &mut units {
        unit.text = plain_text(
            &events[unit.start..unit.end.min(events.len())],
            unit.start == unit.end,
        );
    }
    units
}

/// Gives the headings that open units the units' ids, so that an article's
/// anchor is `art_103` whatever its heading's words.
pub fn name_headings(
    events: &[(Event<'static>, Range<usize>)],
    units: &[Unit],
    headings: &mut [super::Heading],
) {
    let mut ordinal = 0;
    let mut unit = units.iter().peekable();
    for (i, (event, _)) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { .. }) = event {
            while unit.peek().is_some_and(|u| u.start < i) {
                unit.next();
            }
            if let Some(u) = unit.peek().filter(|u| u.start == i)
                && let Some(h) = headings.get_mut(ordinal)
            {
                h.id = u.html_id.clone();
            }
            ordinal += 1;
        }
    }
}

fn push(
    units: &mut Vec<Unit>,
    address: &str,
    label: &str,
    id: &str,
    parent: Option<usize>,
    start: usize,
    span: Span,
) -> usize {
    units.push(Unit {
        address: address.to_string(),
        label: label.to_string(),
        html_id: id.to_string(),
        parent,
        start,
        end: start,
        text: String::new(),
        span,
    });
    units.len() - 1
}

/// A numbered paragraph or lettered point `part` of unit `parent`: address
/// `1(3)`, label "Article 1(3)", id `art_1__para_3`.
fn sub_unit(
    units: &mut Vec<Unit>,
    kind: Top,
    parent: usize,
    part: &str,
    id_part: &str,
    start: usize,
    span: Span,
) -> usize {
    let address = format!("{}({part})", units[parent].address);
    let word = if kind == Top::Article {
        "Article"
    } else {
        "Paragraph"
    };
    let label = format!("{word} {address}");
    let id = format!("{}__{id_part}", units[parent].html_id);
    push(units, &address, &label, &id, Some(parent), start, span)
}

fn close_points(units: &mut [Unit], open: &mut Vec<usize>, at: usize) {
    for idx in open.drain(..) {
        units[idx].end = at + 1;
    }
}

fn close_top(units: &mut [Unit], top: Option<(Top, usize)>, at: usize) {
    if let Some((_, idx)) = top {
        units[idx].end = at;
    }
}

/// `Article 12`, `Article 12: Title`, `Paragraph 26`, `Preamble`.
fn classify(heading: &str) -> Option<(Top, String)> {
    let mut words = heading.split_whitespace();
    let first = words.next()?.to_lowercase();
    if first == "preamble" {
        return Some((Top::Preamble, String::new()));
    }
    let kind = match first.as_str() {
        "article" | "art." => Top::Article,
        "paragraph" | "para." => Top::Paragraph,
        _ => return None,
    };
    let number: String = words.next()?.trim_end_matches([':', '.', ',']).to_string();
    number
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some((kind, number))
}

/// The letter of a lettered point: `(a) text` → `a`; also roman `(iv)`.
fn point_letter(text: &str) -> Option<String> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let label = &rest[..close];
    let ok = !label.is_empty() && label.len() <= 4 && label.chars().all(|c| c.is_ascii_lowercase());
    ok.then(|| label.to_string())
}

/// A preamble line in capitals ("WE THE PEOPLES ... DETERMINED", "AND FOR
/// THESE ENDS") introduces recitals; it is not counted as one.
fn is_chapeau(events: &[(Event<'static>, Range<usize>)], start: usize) -> bool {
    let mut letters = false;
    for (event, _) in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(t) => {
                if t.chars().any(char::is_lowercase) {
                    return false;
                }
                letters |= t.chars().any(char::is_alphabetic);
            }
            _ => {}
        }
    }
    letters
}

fn heading_text(events: &[(Event<'static>, Range<usize>)], start: usize) -> String {
    let mut text = String::new();
    for (event, _) in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

fn id_part(number: &str) -> String {
    number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The words of a run of events, blocks separated by a space.
fn plain_text(events: &[(Event<'static>, Range<usize>)], empty: bool) -> String {
    if empty {
        return String::new();
    }
    let body = match events.first() {
        Some((Event::Start(Tag::Heading { .. }), _)) => {
            let end = events
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))));
            &events[end.map_or(events.len(), |e| e + 1)..]
        }
        _ => events,
    };
    let mut text = String::new();
    for (event, _) in body {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn addresses(markdown: &str) -> Vec<(String, String, String)> {
        let mut d = Vec::new();
        let doc = parse("instruments/x.md", FileId(0), markdown, &mut d);
        let units = units(&doc.events, FileId(0), &mut d);
        assert!(d.is_empty(), "{d:?}");
        units
            .into_iter()
            .map(|u| (u.address, u.html_id, u.text))
            .collect()
    }

    #[test]
    fn articles_paragraphs_points_and_recitals() {
        let md = "## Preamble\n\nWE THE PEOPLES DETERMINED\n\nto save us, and\n\nto reaffirm faith\n\n# Chapter I\n\n## Article 1\n\nThe Purposes are:\n\n1. To maintain peace;\n\n2. To develop:\n\n   (a) friendly relations;\n\n## Article 55\n\nThe UN shall promote:\n\n(a) higher standards;\n\n(c) universal respect.\n";
        let got = addresses(md);
        let short: Vec<(&str, &str)> = got
            .iter()
            .map(|(a, i, _)| (a.as_str(), i.as_str()))
            .collect();
        assert_eq!(
            short,
            vec![
                ("preamble", "preamble"),
                ("preamble(1)", "preamble__recital_1"),
                ("preamble(2)", "preamble__recital_2"),
                ("1", "art_1"),
                ("1(1)", "art_1__para_1"),
                ("1(2)", "art_1__para_2"),
                ("1(2)(a)", "art_1__para_2__point_a"),
                ("55", "art_55"),
                ("55(a)", "art_55__point_a"),
                ("55(c)", "art_55__point_c"),
            ]
        );
        assert_eq!(got[2].2, "to reaffirm faith");
        assert_eq!(got[5].2, "To develop: (a) friendly relations;");
        assert_eq!(got[9].2, "(c) universal respect.");
    }

    #[test]
    fn resolutions_number_paragraphs_and_empty_units_stay_addressable() {
        let got = addresses("## Paragraph 11\n\n<!-- not quoted -->\n\n## Paragraph 26\n\nText.\n");
        assert_eq!(got[0].0, "11");
        assert_eq!(got[0].1, "para_11");
        assert_eq!(got[0].2, "");
        assert_eq!(got[1].2, "Text.");
    }
}
