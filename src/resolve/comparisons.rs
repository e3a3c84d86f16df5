//! `compare` blocks: which units or quoted words each column holds.
//!
//! ````markdown
//! ```compare diff
//! un-charter/1(3)
//! un-charter/55(c)
//! Draft title: the words the paper reports
//! ```
//! ````
//!
//! Each line is an address or a free-text column `Label: text`. The words
//! after `compare` choose the mode: `diff` (the default) marks differences
//! word by word against the first column; `parallel` only aligns.

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::citations::{Citation, Citations};
use super::cite::Attribution;
use super::{Dest, InstrumentId, Page, PageId, Target, UnitId};
use crate::diag::{Diagnostic, SourceMap, Span};

/// How a comparison shows its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Differences marked word by word against the first column.
    Diff,
    /// Aligned only.
    Parallel,
}

/// A resolved comparison.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Comparison {
    /// Its id on the page (`comparison-2`).
    pub id: String,
    /// Diff or parallel.
    pub mode: Mode,
    /// Two to four columns.
    pub columns: Vec<Column>,
}

/// One column of a comparison.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Column {
    /// Its heading: the citation, or the free-text label.
    pub label: String,
    /// Where the unit is, for columns that are units.
    pub to: Option<Dest>,
    /// The words compared.
    pub text: String,
    /// The words are only those the paper quotes (the official text is not
    /// in the edition).
    pub quoted: bool,
}

/// A comparison and the page it stands on, for the list of comparisons.
#[derive(Debug, Clone)]
pub struct ComparisonEntry {
    /// The page.
    pub page: usize,
    /// The comparison's id on the page.
    pub id: String,
    /// The column labels.
    pub labels: Vec<String>,
}

/// Resolves every `compare` block; returns the targets per page and the list.
pub(super) fn resolve(
    pages: &[Page],
    citations: &mut Citations,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Vec<(usize, Target)>>, Vec<ComparisonEntry>) {
    let mut all = Vec::new();
    let mut listed = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let mut targets = Vec::new();
        let events = &page.doc.events;
        for (i, (event, range)) in events.iter().enumerate() {
            let Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) = event.md() else {
                continue;
            };
            let mut words = info.split_whitespace();
            if words.next() != Some("compare") {
                continue;
            }
            let mode = match words.next() {
                None | Some("diff") => Mode::Diff,
                Some("parallel") => Mode::Parallel,
                Some(other) => {
                    diags.push(
                        Diagnostic::error(
                            format!("unknown comparison mode `{other}`"),
                            Span::new(page.doc.file, range.clone()),
                        )
                        .with_help("write ```compare diff or ```compare parallel"),
                    );
                    continue;
                }
            };
            let (body, body_start) = block_text(events, i);
            let id = format!(
                "comparison-{}",
                listed
                    .iter()
                    .filter(|l: &&ComparisonEntry| l.page == p)
                    .count()
                    + 1
            );
            let mut columns = Vec::new();
            let mut offset = body_start;
            for line in body.split_inclusive('\n') {
                let span = Span::new(page.doc.file, offset..offset + line.trim_end().len());
                offset += line.len();
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                if let Some((col, unit)) =
                    column(line, "comparison column", pages, citations, &span, diags)
                {
                    if let Some((instrument, unit)) = unit {
                        let loc = map.location(&span);
                        citations.list.push(Citation {
                            page: PageId(p),
                            anchor: id.clone(),
                            instrument,
                            unit,
                            text: col.label.clone(),
                            snippet: vec![crate::resolve::Piece {
                                text: "compared side by side".into(),
                                ..Default::default()
                            }],
                            note: None,
                            paragraph: None,
                            comparison: true,
                            editorial: true,
                            how: Attribution::Explicit,
                            location: format!("{}:{}:{}", loc.file, loc.line, loc.column),
                        });
                    }
                    columns.push(col);
                }
            }
            let block_span = Span::new(page.doc.file, range.clone());
            if columns.len() < 2 {
                diags.push(Diagnostic::error("a comparison needs at least two columns", block_span)
                    .with_help("one line per column: an address such as `un-charter/103`, or `Label: text`"));
                continue;
            }
            if columns.len() > 4 {
                diags.push(
                    Diagnostic::error("a comparison holds at most four columns", block_span)
                        .with_help("split it into two comparisons"),
                );
                continue;
            }
            listed.push(ComparisonEntry {
                page: p,
                id: id.clone(),
                labels: columns.iter().map(|c| c.label.clone()).collect(),
            });
            targets.push((i, Target::Compare(Comparison { id, mode, columns })));
        }
        all.push(targets);
    }
    (all, listed)
}

/// The clause each chapter comments on (front matter `clause`), as a column
/// to stand beside the commentary.
pub(super) fn clauses(
    pages: &[Page],
    citations: &Citations,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Column>> {
    pages
        .iter()
        .map(|page| {
            let address = page.doc.front.clause.as_deref()?;
            let span = super::front_matter_key(map.text(page.doc.file), "clause").map_or_else(
                || Span::new(page.doc.file, 0..0),
                |r| Span::new(page.doc.file, r),
            );
            column(
                address,
                "front matter clause",
                pages,
                citations,
                &span,
                diags,
            )
            .map(|(c, _)| c)
        })
        .collect()
}

/// The text of the code block starting at event `start`, and where it starts.
fn block_text(events: &[crate::parse::SpannedNode], start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut first = None;
    for (node, range) in &events[start + 1..] {
        let Some(event) = node.md() else { continue };
        match event {
            Event::End(TagEnd::CodeBlock) => break,
            Event::Text(t) => {
                first.get_or_insert(range.start);
                text.push_str(t);
            }
            _ => {}
        }
    }
    (text, first.unwrap_or(events[start].1.start))
}

/// What to write instead of `line`, an address whose instrument is none of
/// the edition's: "ECHR/5" and "echr 5" mean `echr/5`.
fn column_help(line: &str, pages: &[Page], citations: &Citations) -> String {
    let (id, address) = match line.split_once('/') {
        Some(split) => split,
        None => line.split_once(' ').unwrap_or((line, "")),
    };
    let instruments = citations.instruments.iter().map(|i| {
        let meta = pages[i.page].doc.instrument.as_ref();
        (i.id.as_str(), super::citations::names_of(meta))
    });
    match super::citations::meant_id(id, instruments) {
        Some(c) if address.is_empty() => format!("did you mean `{c}`?"),
        Some(c) => format!("did you mean `{c}/{}`?", address.trim()),
        None => "write an address such as `un-charter/103`, or a free-text column `Label: text`"
            .to_string(),
    }
}

/// The unit a column shows, for its "Cited in" entry.
type UnitRef = (InstrumentId, UnitId);

/// `what` says where `line` is written, for a message ("comparison column").
fn column(
    line: &str,
    what: &str,
    pages: &[Page],
    citations: &Citations,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Column, Option<UnitRef>)> {
    let is_address = !line.contains(' ')
        || line
            .split_once(": ")
            .is_none_or(|(l, _)| l.contains('/') && !l.contains(' '));
    if !is_address {
        let (label, text) = line.split_once(": ")?;
        return Some((
            Column {
                label: label.trim().to_string(),
                to: None,
                text: text.trim().to_string(),
                quoted: false,
            },
            None,
        ));
    }
    let (id, address) = line.split_once('/').unwrap_or((line, ""));
    let Some(ins) = citations
        .instruments
        .iter()
        .position(|i| i.id == id)
        .map(InstrumentId)
    else {
        diags.push(
            Diagnostic::error(
                format!("{what} `{line}`: no instrument `{id}`"),
                span.clone(),
            )
            .with_help(column_help(line, pages, citations)),
        );
        return None;
    };
    let instrument = &citations.instruments[ins];
    let target = &pages[instrument.page];
    let meta = target.doc.instrument.clone().unwrap_or_default();
    let quoted = meta.text.as_deref() == Some("quoted");
    let short = meta.short.clone().unwrap_or_else(|| target.title.clone());
    if address.is_empty() {
        let text: String = target
            .doc
            .events
            .iter()
            .filter_map(|(e, _)| {
                if let Some(Event::Text(t)) = e.md() {
                    Some(t.as_ref())
                } else {
                    None
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        return Some((
            Column {
                label: short,
                to: Some(Dest::page(instrument.page, None)),
                text,
                quoted,
            },
            None,
        ));
    }
    let Some(&unit) = instrument.units.get(address) else {
        // "echr/Article 5": the address is the unit's, without its word.
        let without_word = ["Article ", "article ", "Art. ", "art. ", "Art "]
            .iter()
            .find_map(|w| address.strip_prefix(w))
            .filter(|a| instrument.units.contains_key(a.trim()));
        let help = match without_word {
            Some(a) => format!(
                "an address is the unit's number without its word: `{id}/{}`",
                a.trim()
            ),
            None => super::citations::closest_unit(instrument, &target.doc.units, address),
        };
        diags.push(
            Diagnostic::error(
                format!("{what} `{line}`: `{id}` has no unit `{address}`"),
                span.clone(),
            )
            .with_help(help),
        );
        return None;
    };
    let u = &target.doc.units[unit];
    let label = format!("{}, {short}", u.label);
    Some((
        Column {
            label,
            to: Some(Dest::page(instrument.page, Some(&u.html_id))),
            text: u.text.clone(),
            quoted,
        },
        Some((ins, unit)),
    ))
}
