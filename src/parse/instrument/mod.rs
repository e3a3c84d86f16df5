//! An instrument file → its tree of addressable units, read as legal
//! structure rather than as Markdown.
//!
//! A treaty, regulation or statute pasted as its official source prints it
//! is not well-formed Markdown for its structure: points run on consecutive
//! lines, `1.` would open a list, a point indented four spaces would be code.
//! So the body is read line by line ([`blocks`]), each line's label or
//! heading is recognised ([`label`]), and the units are nested by the order
//! in which their label styles appear ([`build`]), the way a lawyer reads
//! them: containers (parts, chapters, sections), articles with their titles,
//! paragraphs (`1.`, `(1)`, `§ 1`, `A.`), unnumbered subparagraphs, points
//! (`(a)`, `a)`), sub-points (`(i)`), indents (`—`), the preamble's citations
//! and recitals, annexes with their own addresses. Only the text inside a
//! block goes through pulldown-cmark, so emphasis, links and notes still work.
//!
//! Each unit gets the address a lawyer would cite (`6(1)(f)`, `1(A)(2)`,
//! `preamble(47)`, `Annex I/3`) and an HTML id in the manner of Akoma Ntoso's
//! eIds (`art_6__para_1__point_f`).

mod bare;
mod blocks;
mod build;
pub mod label;
mod statute;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown::{Parsed, SpannedNode};
use super::node::{Ext, ExtEnd, Node};
use crate::diag::{Diagnostic, FileId, Span};

/// What kind of part of an instrument a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A part, title, chapter or section.
    Container,
    /// An annex, schedule, appendix or protocol: a space of its own.
    Annex,
    /// The preamble as a whole.
    Preamble,
    /// One "Having regard to" of a preamble.
    Citation,
    /// One recital.
    Recital,
    /// An article (or the top-level paragraph of a resolution).
    Article,
    /// A numbered paragraph, point, sub-point or indent below an article.
    Part,
    /// An unnumbered paragraph, addressed by its position.
    Subparagraph,
}

/// One addressable unit of an instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The address within the instrument: `103`, `1(3)`, `55(c)`, `preamble(2)`.
    pub address: String,
    /// How the unit is cited in prose: "Article 1(3)", "Paragraph 26".
    pub label: String,
    /// The HTML id of the unit on the instrument's page.
    pub html_id: String,
    /// What kind of unit this is.
    pub kind: Kind,
    /// How many numbered levels it lies below its article (0 for the article).
    pub depth: u8,
    /// The title printed with an article or container, if any.
    pub title: Option<String>,
    /// The enclosing unit.
    pub parent: Option<usize>,
    /// First event of the unit.
    pub start: usize,
    /// One past the last event of the unit.
    pub end: usize,
    /// The bytes of the file the unit covers, its children included.
    pub bytes: Range<usize>,
    /// The bytes of its own label (`1.`, `(a)`), left out of its text.
    pub label_bytes: Option<Range<usize>>,
    /// The unit's words, for previews and search.
    pub text: String,
    /// Where the unit starts in the file.
    pub span: Span,
}

/// Reads an instrument's body (`text[body..]`): its events, in the same form
/// as a chapter's, and its units. `section_signs` writes its paragraphs
/// "§ 1"; `quoted` says the body holds only words quoted from it (`text =
/// "quoted"`), of which no articles are expected.
pub(super) fn read(
    text: &str,
    body: usize,
    file: FileId,
    dialect: super::Dialect,
    (section_signs, quoted): (bool, bool),
    diags: &mut Vec<Diagnostic>,
) -> (Parsed, Vec<Unit>) {
    let blocks = blocks::split(text, body);
    let (raw, mut units) = build::build(text, &blocks, file);
    if section_signs {
        for unit in &mut units {
            unit.label = with_section_sign(&unit.label);
        }
    }
    let has_units = units
        .iter()
        .any(|u| matches!(u.kind, Kind::Article | Kind::Preamble | Kind::Annex));
    let unexpected = !has_units && !quoted;
    if unexpected && let Some(first) = blocks.iter().find(|b| b.kind != blocks::BlockKind::Pass) {
        let line = text[first.text_start..first.range.end]
            .lines()
            .next()
            .unwrap_or_default();
        diags.push(
            Diagnostic::warning(
                format!("no article, numbered paragraph or preamble found in this instrument; its first line reads `{}`", line.chars().take(80).collect::<String>()),
                Span::new(file, first.range.start..first.range.start + line.len()),
            )
            .with_help("put each unit's heading on a line of its own (`Article 1`, `Section 1`, `Rule 1`, `Principle 1` or `Guideline 1`, its title on the next line if it has one), or number a resolution's paragraphs `1.`, `2.`; until then nothing in it can be cited"),
        );
    }
    let parsed = super::markdown::finish(raw, text, file, dialect, diags);
    // `finish` merges text events, so the indices shift: map each unit's
    // events to the merged list by byte position.
    remap(&mut units, &parsed.events);
    for unit in &mut units {
        unit.text = plain_text(&parsed.events, unit);
    }
    (parsed, units)
}

/// A label in the Strasbourg form: "Article 5(1)(f)" → "Article 5 § 1 (f)".
fn with_section_sign(label: &str) -> String {
    let Some(open) = label.find('(') else {
        return label.to_string();
    };
    let (head, parts) = label.split_at(open);
    let mut out = head.to_string();
    for (k, part) in parts.split_inclusive(')').enumerate() {
        let inner = part.trim_start_matches('(').trim_end_matches(')');
        if k == 0 && inner.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&format!(" § {inner}"));
        } else {
            out.push(' ');
            out.push_str(part);
        }
    }
    out
}

/// The build knows units by their bytes; `finish` merged and spliced the
/// events, so each unit's first and last event are found by those bytes.
fn remap(units: &mut [Unit], events: &[SpannedNode]) {
    // An end event carries its start's range, so positions only grow when
    // each is the furthest start seen so far.
    let mut furthest = 0;
    let position: Vec<usize> = events
        .iter()
        .map(|(_, r)| {
            furthest = furthest.max(r.start);
            furthest
        })
        .collect();
    for unit in units.iter_mut() {
        let at = unit.bytes.start;
        let from = position.partition_point(|&p| p < at);
        unit.start = (from..events.len())
            .find(|&i| is_block_start(&events[i].0))
            .unwrap_or(events.len());
        let end = position.partition_point(|&p| p < unit.bytes.end);
        unit.end = end.max(unit.start);
    }
}

fn is_block_start(e: &Node) -> bool {
    matches!(
        e,
        Node::Md(Event::Start(Tag::Heading { .. } | Tag::Paragraph))
    )
}

/// Gives the headings that open units the units' ids, so that an article's
/// anchor is `art_103` whatever its heading's words.
pub fn name_headings(events: &[SpannedNode], units: &[Unit], headings: &mut [super::Heading]) {
    let mut ordinal = 0;
    let mut unit = units.iter().peekable();
    for (i, (event, _)) in events.iter().enumerate() {
        if let Node::Md(Event::Start(Tag::Heading { .. })) = event {
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

/// The words of a unit, blocks separated by a space: its heading and its
/// own label left out, its children's labels kept. An editorial note inside
/// it is the editors' and no part of the unit's text: a unit that holds
/// only one is still a unit whose text the edition lacks.
fn plain_text(events: &[SpannedNode], unit: &Unit) -> String {
    let range = unit.start..unit.end.min(events.len());
    let mut text = String::new();
    let mut in_heading = false;
    let mut editorial = 0usize;
    for (node, r) in &events[range] {
        let event = match node {
            Node::Start(Ext::EditorialNote) => {
                editorial += 1;
                continue;
            }
            Node::End(ExtEnd::EditorialNote) => {
                editorial = editorial.saturating_sub(1);
                continue;
            }
            Node::Md(event) if editorial == 0 => event,
            _ => continue,
        };
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                text.push(' ');
            }
            _ if in_heading => {}
            Event::Text(t) => match &unit.label_bytes {
                // The label opens the merged text run that starts where it does.
                Some(l) if l.start == r.start => {
                    text.push_str(t.get(l.len()..).unwrap_or_default());
                }
                _ => text.push_str(t),
            },
            Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
