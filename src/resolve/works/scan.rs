//! The walk of one page for citations of works: Pandoc's forms in the
//! running text of prose and notes (each within one text event, which is
//! how pulldown-cmark hands a bracketed citation over once its pieces are
//! joined), and the author's `cite:` links. It records where each stands
//! (page, note, paragraph, `file:line:col`); what the keys mean is decided
//! after, against the bibliography.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::grammar::{self, Form, Item};
use crate::diag::Span;
use crate::parse::{Cursor, Ext, Node};
use crate::resolve::{NoteNumber, Page, Target};

/// How a citation reached the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// Pandoc's `[@…]` or `@…`: formatted by the style in its place.
    Pandoc(Form),
    /// `[words](cite:KEY)`: the author's words kept.
    Link,
}

/// One citation on a page, before its keys are checked.
#[derive(Debug, Clone)]
pub(super) struct Cite {
    /// The event it is in (the link's start, for a `cite:` link).
    pub event: usize,
    /// Its words in that event (empty for a link).
    pub range: Range<usize>,
    pub how: How,
    pub items: Vec<Item>,
    /// Each item's key, where it is in the file.
    pub key_spans: Vec<Span>,
    pub span: Span,
    pub note: Option<NoteNumber>,
    pub paragraph: Option<u32>,
    pub editorial: bool,
}

/// Every citation page `page` makes, in order.
pub(super) fn page(page: &Page, source: &str) -> Vec<Cite> {
    let doc = &page.doc;
    let mut out = Vec::new();
    if doc.instrument.is_some() {
        return out;
    }
    let (mut note, mut paragraph) = (None, None);
    let page_editorial = doc.front.editorial == Some(true);
    for step in Cursor::new(&doc.events) {
        let editorial = page_editorial || step.context.editorial > 0;
        match step.node {
            Node::Md(Event::Text(t)) if step.context.is_prose() => {
                for found in grammar::scan(t) {
                    let at = |r: Range<usize>| place(doc.file, step.range, source, t, r);
                    out.push(Cite {
                        event: step.index,
                        span: at(found.range.clone()),
                        key_spans: found.items.iter().map(|i| at(i.key_at.clone())).collect(),
                        range: found.range,
                        how: How::Pandoc(found.form),
                        items: found.items,
                        note,
                        paragraph: if note.is_some() { None } else { paragraph },
                        editorial,
                    });
                }
            }
            Node::Start(Ext::WorkLink { key }) => {
                let span = Span::new(doc.file, step.range.clone());
                let key = key.trim().to_string();
                out.push(Cite {
                    event: step.index,
                    range: 0..0,
                    how: How::Link,
                    key_spans: vec![span.clone()],
                    items: vec![Item {
                        key_at: 0..key.len(),
                        key,
                        locator: None,
                        locator_text: String::new(),
                        prefix: String::new(),
                        suffix: String::new(),
                    }],
                    span,
                    note,
                    paragraph: if note.is_some() { None } else { paragraph },
                    editorial,
                });
            }
            Node::Md(Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. })) => {
                match (step.node, page.targets.get(&step.index)) {
                    (_, Some(Target::Paragraph(n))) => paragraph = Some(*n),
                    (Node::Md(Event::Start(Tag::Heading { .. })), _) => paragraph = None,
                    _ => {}
                }
            }
            Node::Md(Event::Start(Tag::FootnoteDefinition(_))) => {
                if let Some(Target::NoteDef { number, .. }) = page.targets.get(&step.index) {
                    note = Some(*number);
                }
            }
            Node::Md(Event::End(TagEnd::FootnoteDefinition)) => note = None,
            _ => {}
        }
    }
    out
}

/// Where the words `r` of text event `t` (at `range` of the file) are: the
/// exact place where the event's text is the file's own (no escape or
/// entity changed it), otherwise the event's start.
fn place(
    file: crate::diag::FileId,
    range: &Range<usize>,
    source: &str,
    t: &str,
    r: Range<usize>,
) -> Span {
    match source.get(range.clone()) == Some(t) {
        true => Span::new(file, range.start + r.start..range.start + r.end),
        false => Span::new(file, range.start..range.start),
    }
}
