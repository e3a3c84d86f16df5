//! The case scan of one page: each block's text joined across its italics
//! and line breaks (a case's name is its own text event inside emphasis, its
//! number and pinpoint the next one), read by the grammar, and the ranges
//! found mapped back onto the text events they cover, each piece a mark of
//! its own; with the page's place in the Table of Cases and a warning for
//! each citation that could not be linked for sure.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::grammar::{self, Reading};
use super::registry::{Book, normalise};
use super::{CaseCitation, CaseId};
use crate::diag::{Diagnostic, Source, SourceMap, Span};
use crate::memo::{Keyed, Step};
use crate::parse::{Cursor, Document, Node};
use crate::resolve::target::{CaseLink, Dest, Inline, InlineKind, PageRef};
use crate::resolve::{CASE_TABLE, NoteNumber, Page, PageId, Target};

/// Where an ECLI is looked up when the edition declares no case with it.
const ECLI_RESOLVER: &str = "https://e-justice.europa.eu/ecli/";

/// Everything the case scan of one page reads, and so its key.
#[derive(Hash)]
pub(in crate::resolve) struct ScanInput<'a> {
    book: &'a Keyed<Book>,
    p: usize,
    doc: &'a Document,
    /// The page's note and paragraph numbers, decided before.
    targets: &'a BTreeMap<usize, Target>,
    source: Source<'a>,
}

impl<'a> ScanInput<'a> {
    pub(super) fn new(book: &'a Keyed<Book>, p: usize, page: &'a Page, map: &'a SourceMap) -> Self {
        ScanInput {
            book,
            p,
            doc: &page.doc,
            targets: &page.targets,
            source: map.source(page.doc.file),
        }
    }
}

/// What the scan of one page found.
#[derive(Default, Clone, PartialEq)]
pub(in crate::resolve) struct PageCases {
    pub(super) list: Vec<CaseCitation>,
    /// Marks by text event, in order.
    pub(super) marks: Vec<(usize, Vec<Inline>)>,
    pub(super) diags: Vec<Diagnostic>,
}

impl Step for ScanInput<'_> {
    const NAME: &'static str = "case scan";
    type Output = PageCases;
    type Error = Infallible;
    fn run(&self) -> Result<PageCases, Infallible> {
        let mut scanner = Scanner {
            input: self,
            book: self.book,
            out: PageCases::default(),
            marks: BTreeMap::new(),
            count: 0,
        };
        if self.doc.instrument.is_none() {
            scanner.walk();
        }
        let Scanner { mut out, marks, .. } = scanner;
        out.marks = marks.into_iter().collect();
        Ok(out)
    }
}

/// One block's text being joined: the text, where each text event's words
/// are in it, and its italic ranges.
#[derive(Default)]
struct Run {
    text: String,
    /// `(event index, offset in text)`, in order.
    pieces: Vec<(usize, usize)>,
    italics: Vec<Range<usize>>,
    open: Vec<usize>,
    note: Option<NoteNumber>,
    paragraph: Option<u32>,
    editorial: bool,
}

struct Scanner<'a> {
    input: &'a ScanInput<'a>,
    book: &'a Book,
    out: PageCases,
    marks: BTreeMap<usize, Vec<Inline>>,
    count: usize,
}

impl Scanner<'_> {
    fn walk(&mut self) {
        let events = &self.input.doc.events;
        let mut run = Run::default();
        let (mut note, mut paragraph) = (None, None);
        let page_editorial = self.input.doc.front.editorial == Some(true);
        for step in Cursor::new(events) {
            match step.node {
                Node::Md(Event::Text(t)) if step.context.is_prose() && !step.context.heading => {
                    if run.pieces.is_empty() {
                        run.note = note;
                        run.paragraph = if note.is_some() { None } else { paragraph };
                        run.editorial = page_editorial || step.context.editorial > 0;
                    }
                    run.pieces.push((step.index, run.text.len()));
                    run.text.push_str(t);
                }
                Node::Md(Event::SoftBreak | Event::HardBreak) if !run.pieces.is_empty() => {
                    run.text.push(' ')
                }
                Node::Md(Event::Start(Tag::Emphasis)) if step.context.is_prose() => {
                    run.open.push(run.text.len())
                }
                Node::Md(Event::End(TagEnd::Emphasis)) if step.context.is_prose() => {
                    if let Some(start) = run.open.pop() {
                        run.italics.push(start..run.text.len());
                    }
                }
                Node::Md(
                    Event::Start(Tag::Strong | Tag::Strikethrough)
                    | Event::End(TagEnd::Strong | TagEnd::Strikethrough),
                ) if step.context.is_prose() => {}
                Node::Md(event) => {
                    self.flush(std::mem::take(&mut run));
                    match event {
                        Event::Start(
                            Tag::Paragraph
                            | Tag::Item
                            | Tag::Heading { .. }
                            | Tag::TableCell
                            | Tag::DefinitionListDefinition,
                        ) => match (event, self.input.targets.get(&step.index)) {
                            (_, Some(Target::Paragraph(n))) => paragraph = Some(*n),
                            (Event::Start(Tag::Heading { .. }), _) => paragraph = None,
                            _ => {}
                        },
                        Event::Start(Tag::FootnoteDefinition(_)) => {
                            if let Some(Target::NoteDef { number, .. }) =
                                self.input.targets.get(&step.index)
                            {
                                note = Some(*number);
                            }
                        }
                        Event::End(TagEnd::FootnoteDefinition) => note = None,
                        _ => {}
                    }
                }
                Node::Start(_) | Node::End(_) => self.flush(std::mem::take(&mut run)),
            }
        }
        self.flush(run);
    }

    /// Reads one block's joined text and marks what it cites.
    fn flush(&mut self, mut run: Run) {
        if run.pieces.is_empty() {
            return;
        }
        run.italics.sort_by_key(|r| r.start);
        for found in grammar::scan(&run.text, &run.italics, self.book) {
            let span = self.span(&run, found.range.clone());
            let words = &run.text[found.range.clone()];
            match found.reading {
                Reading::Case(case) => {
                    self.count += 1;
                    let anchor = format!("case-{}", self.count);
                    let c = self.book.case(case);
                    let to = match c.address(found.pinpoint.as_deref()) {
                        Some(url) => Dest::Out(url),
                        None => Dest::In {
                            page: PageRef::Generated(CASE_TABLE),
                            fragment: Some(format!("case-{}", c.key)),
                        },
                    };
                    let link = CaseLink {
                        to,
                        anchor: anchor.clone(),
                        card: card_key(&c.key, found.pinpoint.as_deref()),
                    };
                    self.mark(&run, found.range.clone(), |k| {
                        InlineKind::Case(CaseLink {
                            anchor: match k {
                                0 => link.anchor.clone(),
                                k => format!("{}-{k}", link.anchor),
                            },
                            ..link.clone()
                        })
                    });
                    let loc = self.input.source.location(&span);
                    self.out.list.push(CaseCitation {
                        case,
                        page: PageId(self.input.p),
                        anchor,
                        text: words.to_string(),
                        pinpoint: found.pinpoint,
                        note: run.note,
                        paragraph: run.paragraph,
                        editorial: run.editorial,
                        location: format!("{}:{}:{}", loc.file, loc.line, loc.column),
                    });
                }
                Reading::Ecli(ecli) => {
                    let to = Dest::Out(format!("{ECLI_RESOLVER}{ecli}"));
                    self.mark(&run, found.range.clone(), |_| InlineKind::Link(to.clone()));
                }
                Reading::Ambiguous { words: name, cases } => {
                    let keys = self.keys(&cases);
                    self.out.diags.push(
                        Diagnostic::warning(
                            format!("case citation `{words}`: `{name}` is the name of {keys}; it is not linked"),
                            span,
                        )
                        .with_help("add the case number or ECLI to the citation, or give each case an alias of its own in content/cases/")
                        .strict(),
                    );
                }
                Reading::Conflict { parts } => {
                    let said: Vec<String> = parts
                        .iter()
                        .map(|(w, cases)| match cases.is_empty() {
                            true => format!("`{w}` is no declared case's"),
                            false => format!("`{w}` is {}", self.keys(cases)),
                        })
                        .collect();
                    self.out.diags.push(
                        Diagnostic::warning(
                            format!("case citation `{words}` does not agree with itself: {}; it is not linked", said.join(", ")),
                            span,
                        )
                        .with_help("correct the name, the number or the ECLI, or the case's declaration in content/cases/")
                        .strict(),
                    );
                }
                Reading::Unknown { words: written } if !self.book.is_empty() => {
                    let help = match self.closest(&written) {
                        Some(name) => format!("did you mean `{name}`? Otherwise declare the case in content/cases/ (a `[[case]]` with its `name` and `number`)"),
                        None => "declare the case in content/cases/ (a `[[case]]` with its `name` and `number`), or correct its name or number".to_string(),
                    };
                    self.out.diags.push(
                        Diagnostic::warning(
                            format!("`{written}` looks like a case citation, but no declared case matches it; it is not linked"),
                            span,
                        )
                        .with_help(help)
                        .strict(),
                    );
                }
                Reading::Unknown { .. } => {}
            }
        }
    }

    /// Marks the words `range` of the run, each text event's share of them
    /// a mark of its own (`kind(k)` for the `k`th piece).
    fn mark(&mut self, run: &Run, range: Range<usize>, kind: impl Fn(usize) -> InlineKind) {
        let mut k = 0;
        for (n, &(event, offset)) in run.pieces.iter().enumerate() {
            let len = run.pieces.get(n + 1).map_or(run.text.len(), |p| p.1) - offset;
            let Some(Node::Md(Event::Text(t))) = self.input.doc.events.get(event).map(|e| &e.0)
            else {
                continue;
            };
            let len = len.min(t.len());
            let local = range.start.max(offset)..range.end.min(offset + len);
            if local.start >= local.end {
                continue;
            }
            self.marks.entry(event).or_default().push(Inline {
                range: local.start - offset..local.end - offset,
                kind: kind(k),
            });
            k += 1;
        }
    }

    /// Where the words `range` of the run are in the page's file: from the
    /// source of its first character to that of its last.
    fn span(&self, run: &Run, range: Range<usize>) -> Span {
        let file = self.input.doc.file;
        let at = |x: usize, end: bool| -> usize {
            let n = run
                .pieces
                .partition_point(|&(_, off)| if end { off < x } else { off <= x })
                .saturating_sub(1);
            let Some(&(event, offset)) = run.pieces.get(n) else {
                return 0;
            };
            let (node, source) = &self.input.doc.events[event];
            let Node::Md(Event::Text(t)) = node else {
                return source.start;
            };
            // Where the text is the file's own (no entity or smart quote
            // changed it), the exact place; otherwise the event's start.
            let exact = self.input.source.text().get(source.clone()) == Some(t.as_ref());
            match exact {
                true => source.start + (x - offset).min(t.len()),
                false if end => source.end,
                false => source.start,
            }
        };
        let start = at(range.start, false);
        let end = at(range.end, true).max(start);
        Span::new(file, start..end)
    }

    /// How a diagnostic names cases: by their ids.
    fn keys(&self, cases: &[CaseId]) -> String {
        let keys: Vec<String> = cases
            .iter()
            .map(|&c| format!("`{}`", self.book.case(c).key))
            .collect();
        match keys.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => format!("{}'s", keys.join("")),
        }
    }

    /// The declared name nearest to what a citation wrote, for a typo.
    fn closest(&self, written: &str) -> Option<String> {
        let wanted = normalise(written);
        self.book
            .cases
            .iter()
            .flat_map(|c| std::iter::once(&c.name).chain(&c.aliases))
            .map(|n| (strsim::levenshtein(&wanted, &normalise(n)), n))
            .filter(|(d, n)| *d <= wanted.len().min(n.len()) / 3 + 1)
            .min()
            .map(|(_, n)| n.clone())
    }
}

/// The key of a case's preview card: the case and the pinpoint shown.
pub(crate) fn card_key(key: &str, pinpoint: Option<&str>) -> String {
    match pinpoint {
        Some(p) => format!("case/{key}#{p}"),
        None => format!("case/{key}"),
    }
}
