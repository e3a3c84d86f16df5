//! The blocks of an instrument → its events and units.
//!
//! Nesting follows the order in which label styles appear inside an article,
//! as drafters use them: the first style met (`1.`) is the top level, a new
//! style (`(a)`) opens a level below, and a style already open (`2.`) closes
//! the levels under it. A letter that is also a Roman number (`(i)`) is a
//! letter when it follows the last letter (`(h)`), else a Roman number.
//! Unnumbered text after points returns to the nearest numbered paragraph;
//! a paragraph with two or more such texts has subparagraphs.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::bare;
use super::blocks::{Block, BlockKind};
use super::label::{self, Container, Form, Heading, Label, Numbering, Style};
use super::statute;
use super::{Kind, Unit};
use crate::diag::{FileId, Span};
use crate::parse::markdown::{Spanned, events_at};

/// Words that open a preamble's first recital when it has no heading.
const PREAMBLE_WORDS: &[&str] = &[
    "having regard",
    "whereas",
    "considering",
    "recalling",
    "recognizing",
    "recognising",
    "noting",
    "affirming",
    "reaffirming",
    "desiring",
    "bearing in mind",
    "mindful",
    "conscious",
    "convinced",
    "determined",
    "emphasizing",
    "emphasising",
    "the high contracting parties",
    "the states parties",
    "the governments signatory",
    "taking into account",
];

/// Lines that end a preamble: what follows is the enacting part.
const ENACTING: &[&str] = &[
    "have adopted this",
    "has adopted this",
    "have agreed as follows",
    "have agreed upon the following",
    "hereby agree",
    "agree as follows",
    "have decided as follows",
];

/// Lines after the last article that belong to no article.
const CLOSING: &[&str] = &[
    "done at",
    "in witness whereof",
    "in witness thereof",
    "in faith whereof",
    "en foi de quoi",
    "fait à",
    "this regulation shall be binding in its entirety",
    "this directive is addressed to",
    "this decision is addressed to",
    "this decision shall be binding",
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Zone {
    Front,
    Preamble,
    Body,
    Closing,
}

struct Level {
    style: Style,
    unit: usize,
    last: String,
    dashes: usize,
}

/// The numbered paragraphs and articles, whose unnumbered texts count as
/// subparagraphs.
#[derive(Default)]
struct Holder {
    /// Starts of its unnumbered texts.
    texts: Vec<usize>,
    /// Its subparagraphs, once it has two texts.
    subs: Vec<usize>,
}

struct Builder<'a> {
    text: &'a str,
    file: FileId,
    events: Vec<Spanned>,
    units: Vec<Unit>,
    /// Each unit's address without its annex prefix.
    local: Vec<String>,
    zone: Zone,
    /// Open containers with their rank; an annex is rank `None`.
    containers: Vec<(Option<Container>, usize)>,
    /// The kinds of container in the order they nest in this instrument
    /// ([`Builder::rank`]).
    ranks: Vec<Container>,
    /// The annex whose address space this is.
    annex: Option<usize>,
    preamble: Option<usize>,
    recitals: usize,
    citations: usize,
    whereas: bool,
    numbered_recitals: bool,
    last_recital: Option<usize>,
    top: Option<usize>,
    /// The label style of top-level paragraphs (a resolution's `1.`).
    top_style: Option<Style>,
    levels: Vec<Level>,
    holders: HashMap<usize, Holder>,
    /// A heading still open, waiting to see whether a title follows.
    pending: Option<(usize, HeadingLevel)>,
    dashes_at_top: usize,
    /// The blocks whose bare label ("1 Everyone…", "a the lawful…") is part
    /// of a sequence ([`bare::in_sequence`]).
    bare: std::collections::HashSet<usize>,
    /// A statute's section headings and cross-headings ([`statute::statute`]).
    statute: statute::Statute,
    /// A Canadian section's number before its first subsection's label ("97"
    /// of "97 (1) A person…"), shown with that label.
    prefix: Option<Range<usize>>,
    /// A subsection's marginal note on the line before it ("Protected
    /// person"): the words of its title, for the unit that the next label opens.
    note: Option<Range<usize>>,
}

/// Builds the events and units of `blocks`.
pub fn build(text: &str, blocks: &[Block], file: FileId) -> (Vec<Spanned>, Vec<Unit>) {
    let mut b = Builder {
        text,
        file,
        events: Vec::new(),
        units: Vec::new(),
        local: Vec::new(),
        zone: Zone::Front,
        containers: Vec::new(),
        ranks: Vec::new(),
        annex: None,
        preamble: None,
        recitals: 0,
        citations: 0,
        whereas: false,
        numbered_recitals: false,
        last_recital: None,
        top: None,
        top_style: None,
        levels: Vec::new(),
        holders: HashMap::new(),
        pending: None,
        dashes_at_top: 0,
        bare: bare::in_sequence(text, blocks),
        statute: statute::statute(text, blocks),
        prefix: None,
        note: None,
    };
    let mut queue: std::collections::VecDeque<Block> = blocks.iter().cloned().collect();
    while let Some(block) = queue.pop_front() {
        if let Some(rest) = b.take_title(&block) {
            if let Some(rest) = rest {
                queue.push_front(rest);
            }
            continue;
        }
        // A subsection's marginal note heads the unit the next line opens.
        if b.statute.notes.contains_key(&block.range.start)
            && !b.statute.sections.contains_key(&block.range.start)
            && let Some(next) = queue.front()
        {
            let words = b.statute.notes[&block.range.start];
            let labelled = label::label(&text[next.text_start..next.range.end])
                .is_some_and(|l| !l.value.is_empty());
            if labelled && b.zone == Zone::Body && b.top.is_some() {
                let line_end = block.text_start + first_line(text, &block).len();
                b.note = Some(words..line_end);
                let next = queue.pop_front().expect("checked above");
                let whole = Block {
                    range: block.range.start..next.range.end,
                    ..next
                };
                b.block(&whole, None);
                b.note = None;
                continue;
            }
        }
        // A label alone on its line takes the next block as its text.
        let next_text = queue.front().filter(|n| {
            n.kind == BlockKind::Text { heading: false }
                && label::label(&text[n.text_start..n.range.end]).is_none()
                && label::heading(first_line(text, n)).is_none()
        });
        let merged = match (&block.kind, next_text) {
            (BlockKind::Text { heading: false }, Some(_)) => {
                let words = &text[block.text_start..block.range.end];
                label::label(words)
                    .is_some_and(|l| l.len >= words.trim_end().len() && !l.value.is_empty())
            }
            _ => false,
        };
        let body = if merged {
            let next = queue.pop_front().expect("checked above");
            Some(next.text_start..next.range.end)
        } else {
            None
        };
        b.block(&block, body);
    }
    b.close_heading();
    let end = text.len();
    b.close_all(end);
    if let Some(p) = b.preamble.take() {
        b.close(p, end);
    }
    let Builder { events, units, .. } = b;
    (events, sorted(units))
}

fn first_line<'t>(text: &'t str, block: &Block) -> &'t str {
    let words = &text[block.text_start..block.range.end];
    words
        .split('\n')
        .next()
        .unwrap_or(words)
        .trim_end_matches('\r')
}

/// Units in the order they start (an outer unit before the inner ones
/// starting at the same place), parents renumbered.
fn sorted(units: Vec<Unit>) -> Vec<Unit> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| {
        (
            units[i].bytes.start,
            std::cmp::Reverse(units[i].bytes.end),
            i,
        )
    });
    let mut new_index = vec![0; units.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| {
            let mut u = slots[old].take().expect("each unit once");
            u.parent = u.parent.map(|p| new_index[p]);
            u
        })
        .collect()
}

fn starts_with_any(s: &str, words: &[&str]) -> bool {
    let lower: String = s.chars().take(60).collect::<String>().to_lowercase();
    words.iter().any(|w| lower.starts_with(w))
}

/// A number as an id's part: `8 bis` → `8bis`; the full stop of a
/// Canadian inserted number kept apart, `98.1` → `98_1` (never `981`, a
/// section of its own), `b.1` → `b_1`.
fn id_part(s: &str) -> String {
    s.split('.')
        .map(|piece| {
            piece
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn heading_level(depth: usize) -> HeadingLevel {
    match depth {
        0 => HeadingLevel::H2,
        1 => HeadingLevel::H3,
        2 => HeadingLevel::H4,
        3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A line in capitals ("WE THE PEOPLES … DETERMINED", "AND FOR THESE
/// ENDS") introduces recitals; it is not one.
fn is_chapeau(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        kind: Kind,
        local: String,
        label: String,
        id: String,
        depth: u8,
        parent: Option<usize>,
        block: &Block,
        label_bytes: Option<Range<usize>>,
    ) -> usize {
        let (address, id, label) = match (self.annex, kind) {
            (Some(a), k) if k != Kind::Annex => (
                format!("{}/{local}", self.units[a].address),
                format!("{}__{id}", self.units[a].html_id),
                format!("{}, {label}", self.units[a].label),
            ),
            _ => (local.clone(), id, label),
        };
        let line_end = self.text[block.range.start..]
            .find('\n')
            .map_or(block.range.end, |n| block.range.start + n);
        self.units.push(Unit {
            address,
            label,
            html_id: id,
            kind,
            depth,
            title: None,
            parent,
            start: 0,
            end: 0,
            bytes: block.range.start..self.text.len(),
            label_bytes,
            text: String::new(),
            span: Span::new(
                self.file,
                block.range.start..line_end.max(block.range.start),
            ),
        });
        self.local.push(local);
        self.units.len() - 1
    }

    /// Opens an article (`word` "Article", ids `art_N`) or a resolution's
    /// paragraph ("Paragraph", `para_N`) at its heading `block`.
    fn open_top(
        &mut self,
        word: &str,
        id: &str,
        number: String,
        rest: String,
        block: &Block,
        line_end: usize,
    ) {
        let at = block.range.start;
        self.end_preamble(at);
        self.zone = Zone::Body;
        self.close_top(at);
        let parent = self.containers.last().map(|&(_, c)| c);
        let t = self.open(
            Kind::Article,
            number.clone(),
            format!("{word} {number}"),
            format!("{id}_{}", id_part(&number)),
            0,
            parent,
            block,
            None,
        );
        if !rest.is_empty() {
            self.units[t].title = Some(rest);
        }
        self.top = Some(t);
        self.top_style = None;
        self.holders.insert(t, Holder::default());
        self.heading(t, block, self.containers.len(), line_end);
    }

    /// How deep a kind of container nests in this instrument. Texts nest
    /// them differently (a regulation's chapters hold sections; the United
    /// States Code's subchapters hold parts, a treaty's parts hold
    /// chapters), so the order is the one in which they first appear: a
    /// kind first seen inside an open container nests below it; one first
    /// seen with none open takes its usual place among those known.
    fn rank(&mut self, kind: Container) -> usize {
        if let Some(r) = self.ranks.iter().position(|&k| k == kind) {
            return r;
        }
        let inside = self
            .containers
            .iter()
            .filter_map(|&(k, _)| k)
            .filter_map(|k| self.ranks.iter().position(|&r| r == k))
            .max();
        let at = match inside {
            Some(deepest) => deepest + 1,
            None => self.ranks.iter().take_while(|&&k| k < kind).count(),
        };
        self.ranks.insert(at, kind);
        at
    }

    /// Opens the preamble at `block` (a heading, or its first recital).
    fn open_preamble(&mut self, block: &Block) -> usize {
        let p = self.open(
            Kind::Preamble,
            "preamble".into(),
            "Preamble".into(),
            "preamble".into(),
            0,
            None,
            block,
            None,
        );
        self.preamble = Some(p);
        self.zone = Zone::Preamble;
        p
    }

    fn close(&mut self, unit: usize, at: usize) {
        if self.units[unit].bytes.end > at {
            self.units[unit].bytes.end = at.max(self.units[unit].bytes.start);
        }
    }

    /// Closes the article (or top paragraph) and everything in it.
    fn close_top(&mut self, at: usize) {
        self.close_levels(0, at);
        if let Some(t) = self.top.take() {
            self.close_holder(t, at);
            self.close(t, at);
        }
    }

    fn close_levels(&mut self, keep: usize, at: usize) {
        while self.levels.len() > keep {
            let level = self.levels.pop().expect("len > keep");
            self.close_holder(level.unit, at);
            self.close(level.unit, at);
        }
    }

    fn close_holder(&mut self, unit: usize, at: usize) {
        if let Some(h) = self.holders.get(&unit)
            && let Some(&last) = h.subs.last()
        {
            self.close(last, at);
        }
    }

    fn close_all(&mut self, at: usize) {
        self.close_top(at);
        while let Some((_, c)) = self.containers.pop() {
            self.close(c, at);
        }
        self.annex = None;
    }

    fn close_heading(&mut self) {
        if let Some((_, level)) = self.pending.take() {
            let at = self.events.last().map_or(0, |(_, r)| r.end);
            self.events
                .push((Event::End(TagEnd::Heading(level)), at..at));
        }
    }

    /// A title line right after an article's or a container's heading joins
    /// the heading. Returns `None` when `block` is no title, else what is left
    /// of the block after its first line.
    fn take_title(&mut self, block: &Block) -> Option<Option<Block>> {
        let (unit, level) = self.pending?;
        let line = first_line(self.text, block);
        let dash = label::label(line).filter(|l| l.value.is_empty());
        let title = dash.as_ref().map_or(line, |l| &line[l.len..]);
        let is_title = block.kind == (BlockKind::Text { heading: false })
            && label::heading(line).is_none()
            && (dash.is_some() || label::label(line).is_none())
            && self.section_label(line).is_none()
            && label::title_like(title);
        if !is_title {
            self.close_heading();
            return None;
        }
        let start = block.text_start + (line.len() - title.len());
        let end = block.text_start + line.len();
        let at = self.events.last().map_or(start, |(_, r)| r.end);
        self.events.push((Event::HardBreak, at..at));
        let inline = self.inline(start..end);
        self.events.extend(inline);
        self.events
            .push((Event::End(TagEnd::Heading(level)), end..end));
        self.pending = None;
        self.units[unit].title = Some(title.trim().trim_matches('*').trim().to_string());
        let rest = (end < block.range.end).then(|| {
            let next = self.text[end..block.range.end]
                .find(|c: char| !c.is_whitespace())
                .map_or(block.range.end, |n| end + n);
            Block {
                range: next..block.range.end,
                text_start: next,
                kind: block.kind,
            }
        });
        Some(rest.filter(|r| !r.range.is_empty()))
    }

    /// The inline events of `range` when it reads as one paragraph.
    fn inline(&self, range: Range<usize>) -> Vec<Spanned> {
        let mut events = events_at(self.text, range.clone());
        let single = matches!(events.first(), Some((Event::Start(Tag::Paragraph), _)))
            && matches!(events.last(), Some((Event::End(TagEnd::Paragraph), _)))
            && events[1..events.len() - 1].iter().all(|(e, _)| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            });
        if single {
            events.pop();
            events.remove(0);
            events
        } else if events.is_empty() {
            Vec::new()
        } else {
            vec![(
                Event::Text(CowStr::from(self.text[range.clone()].to_string())),
                range,
            )]
        }
    }

    /// A paragraph of `body`, opened by `label` when it has one.
    fn paragraph(
        &mut self,
        whole: Range<usize>,
        label: Option<Range<usize>>,
        body: Option<Range<usize>>,
    ) {
        let events = body
            .as_ref()
            .map(|b| events_at(self.text, b.clone()))
            .unwrap_or_default();
        let single = events.is_empty()
            || (matches!(events.first(), Some((Event::Start(Tag::Paragraph), _)))
                && matches!(events.last(), Some((Event::End(TagEnd::Paragraph), _)))
                && events[1..events.len() - 1].iter().all(|(e, _)| {
                    !matches!(
                        e,
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                    )
                }));
        self.events
            .push((Event::Start(Tag::Paragraph), whole.clone()));
        if let Some(l) = label {
            let raw = &self.text[l.clone()];
            // "**Section. 1.**": a label the source sets in bold stays bold.
            match raw
                .trim_end()
                .strip_prefix("**")
                .and_then(|r| r.strip_suffix("**"))
            {
                Some(inner) => {
                    let (s, e) = (l.start + 2, l.start + 2 + inner.len());
                    self.events.push((Event::Start(Tag::Strong), l.start..s));
                    self.events
                        .push((Event::Text(CowStr::from(inner.to_string())), s..e));
                    self.events.push((Event::End(TagEnd::Strong), e..e + 2));
                    self.events
                        .push((Event::Text(CowStr::from(" ")), e + 2..l.end));
                }
                None => self
                    .events
                    .push((Event::Text(CowStr::from(raw.to_string())), l)),
            }
        }
        if single {
            let n = events.len();
            self.events
                .extend(events.into_iter().skip(1).take(n.saturating_sub(2)));
            self.events
                .push((Event::End(TagEnd::Paragraph), whole.end..whole.end));
        } else {
            // Markdown of its own (an HTML comment, a list): after the label.
            self.events
                .push((Event::End(TagEnd::Paragraph), whole.start..whole.start));
            self.events.extend(events);
        }
    }

    fn heading(&mut self, unit: usize, block: &Block, depth: usize, line_end: usize) {
        let level = heading_level(depth);
        self.events.push((
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            block.range.start..line_end,
        ));
        let inline = self.inline(block.text_start..line_end);
        self.events.extend(inline);
        self.pending = Some((unit, level));
        // A heading that gave its title on its own line ("Chapter IV: The
        // General Assembly") takes no other: the caption after it
        // ("COMPOSITION") is the text's.
        if self.units[unit].title.is_some() {
            self.close_heading();
        }
    }

    fn block(&mut self, block: &Block, merged: Option<Range<usize>>) {
        let at = block.range.start;
        if block.kind == BlockKind::Pass {
            let events = events_at(self.text, block.range.clone());
            self.events.extend(events);
            return;
        }
        let words = &self.text[block.text_start..block.range.end];
        let line = first_line(self.text, block);
        let line_end = block.text_start + line.len();
        if let Some((number, title)) = self.statute.sections.get(&at).cloned()
            && self.zone != Zone::Closing
        {
            let word = self.statute.word;
            let id = match self.statute.id {
                "" => "sec",
                id => id,
            };
            // A Canadian section's marginal note heads it, without the
            // "Marginal note:" a copy may keep.
            let mut head = block.clone();
            if let Some(&words) = self.statute.notes.get(&at) {
                head.text_start = words;
            }
            if !self.statute.section_lines.contains_key(&at) {
                return self.open_top(word, id, number, title, &head, line_end);
            }
            // One with no note ("13 [Repealed, …]"): its number heads it,
            // and its line goes on below.
            let end = block.text_start + number.len();
            self.open_top(word, id, number, title, &head, end);
            self.close_heading();
        }
        // "96 A Convention refugee is…", "97 (1) A person…": a Canadian
        // section's number, then its text or its first subsection.
        if let Some(&len) = self.statute.section_lines.get(&at)
            && let Some(top) = self.top
        {
            let number_end = block.text_start + len;
            self.units[top]
                .label_bytes
                .get_or_insert(block.text_start..number_end);
            if let Some(l) = label::label(&self.text[number_end..block.range.end]) {
                self.prefix = Some(block.text_start..number_end);
                let rest = Block {
                    text_start: number_end,
                    ..block.clone()
                };
                return self.body_block(&rest, Some(l), merged);
            }
            self.holders.entry(top).or_default().texts.push(at);
            self.paragraph(
                block.range.clone(),
                Some(block.text_start..number_end),
                Some(number_end..block.range.end),
            );
            return;
        }
        // "2001, c. 27, s. 95; 2010, c. 8, s. 10(F)": after the section, no
        // unit's text.
        if self.statute.history.contains(&at) {
            self.close_top(at);
            return self.plain(block);
        }
        let is_heading = block.kind == (BlockKind::Text { heading: true })
            || self.statute.cross_headings.contains(&at);
        let single_line = !words.trim_end().contains('\n');
        // Headings of the structure.
        if single_line && let Some(h) = label::heading(line) {
            match h {
                Heading::Preamble if self.zone == Zone::Front || self.zone == Zone::Body => {
                    self.close_all(at);
                    let p = self.open_preamble(block);
                    self.heading(p, block, 0, line_end);
                    self.close_heading();
                    return;
                }
                // "Protocol to the Convention for the Protection of Human
                // Rights…" above its first article is the instrument's own
                // title, not a protocol after a treaty.
                Heading::Annex { word, number, .. }
                    if word == "Protocol"
                        && number.is_empty()
                        && self.zone == Zone::Front
                        && !self.units.iter().any(|u| u.kind == Kind::Article) => {}
                Heading::Annex { word, number, rest } => {
                    self.end_preamble(at);
                    self.close_all(at);
                    self.zone = Zone::Body;
                    let local = if number.is_empty() {
                        word.clone()
                    } else {
                        format!("{word} {number}")
                    };
                    let id = format!("{}_{}", word.to_lowercase(), id_part(&number))
                        .trim_end_matches('_')
                        .to_string();
                    let a = self.open(Kind::Annex, local.clone(), local, id, 0, None, block, None);
                    if !rest.is_empty() {
                        self.units[a].title = Some(rest);
                    }
                    self.containers.push((None, a));
                    self.annex = Some(a);
                    self.heading(a, block, 0, line_end);
                    self.top_style = None;
                    return;
                }
                // A statute's "Section 1": its unit, as an article is.
                Heading::Container {
                    kind: Container::Section,
                    number,
                    rest,
                } if self.zone != Zone::Closing && self.statute.section_words => {
                    return self.open_top("Section", "sec", number, rest, block, line_end);
                }
                // "Article. I." then "Section. 1.", as the United States
                // Constitution prints them: a section of the article, no
                // container of articles, cited as its § ("Art. I, § 2").
                Heading::Container {
                    kind: Container::Section,
                    number,
                    ..
                } if self.section_of_article(&number) => {
                    let l = Label {
                        value: number,
                        styles: vec![Style {
                            numbering: Numbering::Section,
                            form: Form::Bare,
                        }],
                        len: line.len(),
                    };
                    let label_bytes = block.text_start..line_end;
                    return self.numbered(block, l, label_bytes, None);
                }
                Heading::Container { kind, number, rest } if self.zone != Zone::Closing => {
                    self.end_preamble(at);
                    self.zone = Zone::Body;
                    self.close_top(at);
                    let rank = self.rank(kind);
                    while let Some(&(open, c)) = self.containers.last() {
                        if open.is_some_and(|o| self.rank(o) >= rank) {
                            self.containers.pop();
                            self.close(c, at);
                        } else {
                            break;
                        }
                    }
                    let parent = self.containers.last().map(|&(_, c)| c);
                    let (local, id) =
                        match parent.filter(|&p| self.units[p].kind == Kind::Container) {
                            Some(p) => (
                                format!("{}, {} {number}", self.local[p], kind.word()),
                                format!("{}__{}_{}", self.local_id(p), kind.id(), id_part(&number)),
                            ),
                            None => (
                                format!("{} {number}", kind.word()),
                                format!("{}_{}", kind.id(), id_part(&number)),
                            ),
                        };
                    let depth = self.containers.len();
                    let c = self.open(
                        Kind::Container,
                        local.clone(),
                        local,
                        id,
                        0,
                        parent,
                        block,
                        None,
                    );
                    if !rest.is_empty() {
                        self.units[c].title = Some(rest);
                    }
                    self.containers.push((Some(kind), c));
                    self.heading(c, block, depth, line_end);
                    return;
                }
                Heading::Article { number, rest } if self.zone != Zone::Closing || is_heading => {
                    return self.open_top("Article", "art", number, rest, block, line_end);
                }
                Heading::Paragraph { number, rest } if self.zone != Zone::Closing || is_heading => {
                    return self.open_top("Paragraph", "para", number, rest, block, line_end);
                }
                Heading::Unit { word, number, rest }
                    if self.zone != Zone::Closing || is_heading =>
                {
                    let id = label::UNIT_WORDS
                        .iter()
                        .find(|(w, _)| *w == word)
                        .map_or("unit", |&(_, id)| id);
                    return self.open_top(word, id, number, rest, block, line_end);
                }
                _ => {}
            }
        }
        // A heading that opens with a label inside an article or section
        // ("#### (a) Conditions and considerations", as the United States
        // Code heads a subsection): that unit, its heading its title.
        if is_heading
            && single_line
            && self.zone == Zone::Body
            && self.top.is_some()
            && let Some(l) = label::label(line).filter(|l| !l.value.is_empty())
        {
            let title = line[l.len..].trim().to_string();
            let opened = self.units.len();
            self.body_block(block, Some(l), merged);
            if opened < self.units.len() && !title.is_empty() {
                self.units[opened].title = Some(title);
            }
            return;
        }
        if is_heading {
            // A heading of the text that is no unit ("COMPOSITION"): the
            // article before it is over.
            if self.zone == Zone::Preamble {
                self.end_preamble(at);
                self.zone = Zone::Body;
            }
            self.close_top(at);
            // At the level of the structure around it, whatever its `#`s.
            let level = heading_level(self.containers.len());
            self.events.push((
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }),
                block.range.clone(),
            ));
            let inline = self.inline(block.text_start..line_end);
            self.events.extend(inline);
            self.events
                .push((Event::End(TagEnd::Heading(level)), line_end..line_end));
            return;
        }
        let lower_start = words.trim_start();
        if self.zone != Zone::Closing
            && starts_with_any(lower_start, CLOSING)
            && self.zone != Zone::Front
        {
            self.end_preamble(at);
            self.close_all(at);
            self.zone = Zone::Closing;
        }
        if self.zone == Zone::Front && starts_with_any(lower_start, PREAMBLE_WORDS) {
            self.open_preamble(block);
        }
        if self.zone == Zone::Preamble && starts_with_any(lower_start, ENACTING) {
            self.end_preamble(at);
            self.zone = Zone::Body;
            self.plain(block);
            return;
        }
        let lab = label::label(words)
            .or_else(|| {
                self.bare
                    .contains(&block.range.start)
                    .then(|| bare::label(words))
                    .flatten()
            })
            .or_else(|| self.section_label(words));
        match self.zone {
            Zone::Front | Zone::Closing => self.plain(block),
            Zone::Preamble => self.preamble_block(block, lab, merged),
            Zone::Body => self.body_block(block, lab, merged),
        }
    }

    /// "**Section. 1.**  All legislative Powers…": a section of the open
    /// article whose number opens its first paragraph, in bold or not.
    fn section_label(&self, words: &str) -> Option<Label> {
        let bold = words.starts_with("**");
        let rest = words.strip_prefix("**").unwrap_or(words);
        let rest = rest.strip_prefix("Section")?;
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let rest = rest.strip_prefix([' ', '\u{a0}'])?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let number = &rest[..digits];
        let mut after = &rest[digits..];
        after = after.strip_prefix('.').unwrap_or(after);
        if bold {
            after = after.strip_prefix("**")?;
        }
        if !after.starts_with([' ', '\u{a0}', '\n']) || !self.section_of_article(number) {
            return None;
        }
        let text = after.trim_start_matches([' ', '\u{a0}']);
        Some(Label {
            value: number.to_string(),
            styles: vec![Style {
                numbering: Numbering::Section,
                form: Form::Bare,
            }],
            len: words.len() - text.len(),
        })
    }

    /// Whether a "Section N" heading here is a section of the open article:
    /// the article has no text yet, or its sections so far are its own,
    /// and N is an arabic number.
    fn section_of_article(&self, number: &str) -> bool {
        let Some(top) = self.top else {
            return false;
        };
        if self.zone != Zone::Body
            || self.annex.is_some() && self.units[top].parent.is_none()
            || number.is_empty()
            || !number.bytes().all(|b| b.is_ascii_digit())
            || self.units[top].kind != Kind::Article
            || !self.units[top].label.starts_with("Article")
        {
            return false;
        }
        let holds_text = self.holders.get(&top).is_some_and(|h| !h.texts.is_empty());
        match self.levels.first() {
            Some(lv) => lv.style.numbering == Numbering::Section && lv.style.form == Form::Bare,
            None => !holds_text,
        }
    }

    fn local_id(&self, unit: usize) -> String {
        match self.annex {
            Some(a) => self.units[unit]
                .html_id
                .strip_prefix(&format!("{}__", self.units[a].html_id))
                .unwrap_or(&self.units[unit].html_id)
                .to_string(),
            None => self.units[unit].html_id.clone(),
        }
    }

    fn end_preamble(&mut self, at: usize) {
        if let Some(p) = self.preamble.take() {
            if let Some(r) = self.last_recital.take() {
                self.close(r, at);
            }
            self.close(p, at);
        }
    }

    fn plain(&mut self, block: &Block) {
        let events = events_at(self.text, block.range.clone());
        self.events.extend(events);
    }

    fn preamble_block(&mut self, block: &Block, lab: Option<Label>, merged: Option<Range<usize>>) {
        let words = self.text[block.text_start..block.range.end].trim();
        let Some(p) = self.preamble else {
            return self.plain(block);
        };
        let at = block.range.start;
        let bare = words.trim_end_matches([':', ',']).to_lowercase();
        if bare == "whereas" {
            self.whereas = true;
            if let Some(r) = self.last_recital.take() {
                self.close(r, at);
            }
            return self.plain(block);
        }
        let arabic = lab.filter(|l| l.styles.iter().any(|s| s.numbering == Numbering::Arabic));
        if arabic.is_some() && !self.whereas && !self.numbered_recitals && self.recitals > 0 {
            // A resolution's numbered operative paragraphs after its
            // unnumbered preambular ones.
            self.end_preamble(at);
            self.zone = Zone::Body;
            return self.body_block(block, arabic, merged);
        }
        if let Some(l) = arabic {
            self.numbered_recitals = true;
            if let Some(r) = self.last_recital.take() {
                self.close(r, at);
            }
            let n = l.value.clone();
            let r = self.open(
                Kind::Recital,
                format!("preamble({n})"),
                format!("Recital {n}"),
                format!("preamble__recital_{}", id_part(&n)),
                1,
                Some(p),
                block,
                Some(block.text_start..block.text_start + l.len),
            );
            self.last_recital = Some(r);
            let body = merged.or_else(|| {
                let s = block.text_start + l.len;
                (s < block.range.end).then_some(s..block.range.end)
            });
            self.paragraph(
                block.range.clone(),
                Some(block.text_start..block.text_start + l.len),
                body,
            );
            return;
        }
        if self.numbered_recitals && self.last_recital.is_some() {
            // The second paragraph of a numbered recital is still that recital.
            return self.plain(block);
        }
        let citation =
            !self.whereas && (starts_with_any(words, &["having regard"]) || self.citations > 0);
        if citation {
            self.citations += 1;
            let n = self.citations;
            let c = self.open(
                Kind::Citation,
                format!("citation({n})"),
                format!("Citation {n}"),
                format!("preamble__citation_{n}"),
                1,
                Some(p),
                block,
                None,
            );
            self.plain(block);
            self.close(c, block.range.end + 1);
            return;
        }
        if is_chapeau(words) {
            return self.plain(block);
        }
        self.recitals += 1;
        let n = self.recitals;
        let r = self.open(
            Kind::Recital,
            format!("preamble({n})"),
            format!("Preamble, recital {n}"),
            format!("preamble__recital_{n}"),
            1,
            Some(p),
            block,
            None,
        );
        self.plain(block);
        self.close(r, block.range.end + 1);
    }

    /// The holder unnumbered text goes to: the deepest open numbered
    /// paragraph, else the article.
    fn holder_level(&self) -> usize {
        self.levels
            .iter()
            .rposition(|l| {
                matches!(
                    l.style.numbering,
                    Numbering::Arabic
                        | Numbering::Upper
                        | Numbering::Section
                        | Numbering::UpperRoman
                )
                // A unit with a heading of its own ("(a) In general") holds
                // the text under its heading, whatever its label.
                || self.units[l.unit].title.is_some()
            })
            .map_or(0, |k| k + 1)
    }

    /// Where a new child of `unit` hangs: in its open subparagraph, if any.
    fn child_parent(&self, unit: usize) -> usize {
        self.holders
            .get(&unit)
            .and_then(|h| h.subs.last().copied())
            .unwrap_or(unit)
    }

    fn body_block(&mut self, block: &Block, lab: Option<Label>, merged: Option<Range<usize>>) {
        let at = block.range.start;
        let words = self.text[block.text_start..block.range.end].trim();
        // A caption in bold between articles ("**MEMBERSHIP**").
        let bold = words.starts_with("**") && words.ends_with("**") && !words.contains('\n');
        if bold && lab.is_none() {
            self.close_top(at);
            return self.plain(block);
        }
        let Some(l) = lab else {
            return self.unnumbered(block);
        };
        let label_bytes = block.text_start..block.text_start + l.len;
        let body = merged.or_else(|| {
            let s = block.text_start + l.len;
            (s < block.range.end).then_some(s..block.range.end)
        });
        // A resolution's numbered paragraphs, outside any article.
        let top_level = self.top.is_none()
            || (self.top_paragraphs_open()
                && self.top_style.is_some_and(|s| l.styles.contains(&s))
                && self.levels.is_empty());
        if top_level {
            let arabic = l
                .styles
                .iter()
                .find(|s| s.numbering == Numbering::Arabic && s.form != Form::Bare)
                .copied();
            let Some(style) = arabic.filter(|_| self.top.is_none() || self.top_style.is_some())
            else {
                if self.top.is_none() {
                    return self.plain(block);
                }
                return self.numbered(block, l, label_bytes, body);
            };
            self.close_top(at);
            let n = l.value.clone();
            let parent = self.containers.last().map(|&(_, c)| c);
            let t = self.open(
                Kind::Article,
                n.clone(),
                format!("Paragraph {n}"),
                format!("para_{}", id_part(&n)),
                0,
                parent,
                block,
                Some(label_bytes.clone()),
            );
            self.top = Some(t);
            self.top_style = Some(style);
            self.holders.insert(
                t,
                Holder {
                    texts: vec![at],
                    subs: Vec::new(),
                },
            );
            self.paragraph(block.range.clone(), Some(label_bytes), body);
            return;
        }
        self.numbered(block, l, label_bytes, body);
    }

    fn top_paragraphs_open(&self) -> bool {
        self.top.is_some() && self.top_style.is_some()
    }

    /// A numbered paragraph, point, sub-point or indent inside the open article.
    fn numbered(
        &mut self,
        block: &Block,
        l: Label,
        label_bytes: Range<usize>,
        body: Option<Range<usize>>,
    ) {
        let at = block.range.start;
        let Some(top) = self.top else {
            return self.plain(block);
        };
        // "97 (1)": the section's number is shown with the label.
        let label_bytes = match self.prefix.take() {
            Some(p) => p.start..label_bytes.end,
            None => label_bytes,
        };
        let note = self.note.take();
        // Which of its possible styles the label has, by the sequence.
        let chosen = l
            .styles
            .iter()
            .filter_map(|s| {
                // The deepest open level of that style the label continues:
                // `(bb)` goes on from `(aa)` above an open `(aaa)`.
                let levels = &self.levels;
                let k = levels.iter().enumerate().rposition(|(k, lv)| {
                    // An inserted `(aa)` goes on from `(a)` when nothing but
                    // its sub-points `(i)` lies open below it; under a
                    // subclause `(I)` it is the United States Code's item.
                    let inserted = label::inserted(&lv.last, &l.value)
                        && levels[k + 1..]
                            .iter()
                            .all(|below| below.style.numbering == Numbering::LowerRoman);
                    lv.style == *s
                        && (label::follows(s.numbering, Some(&lv.last), &l.value) || inserted)
                })?;
                Some((*s, Some(k)))
            })
            .next()
            .or_else(|| {
                // A first label (`a)`) opens a level below: even in a style
                // already open above, as in "Article 93(10)(b)(i)(a)".
                l.styles
                    .iter()
                    .find(|s| {
                        label::follows(s.numbering, None, &l.value)
                            && self
                                .levels
                                .iter()
                                .rposition(|lv| lv.style == **s)
                                .is_none_or(|k| k + 1 < self.levels.len())
                    })
                    .map(|s| (*s, None))
            })
            .or_else(|| {
                l.styles.iter().find_map(|s| {
                    let k = self.levels.iter().rposition(|lv| lv.style == *s)?;
                    Some((*s, Some(k)))
                })
            })
            .unwrap_or((l.styles[0], None));
        let (style, level) = chosen;
        let keep = level.unwrap_or(self.levels.len());
        self.close_levels(keep, at);
        let parent_unit = self.levels.last().map_or(top, |lv| lv.unit);
        let parent = self.child_parent(parent_unit);
        let depth = (keep + 1).min(255) as u8;
        let parent_local = self.local[parent_unit].clone();
        let (local_part, id_part_s) = if style.numbering == Numbering::Dash {
            let n = match self.levels.last_mut() {
                Some(lv) => {
                    lv.dashes += 1;
                    lv.dashes
                }
                None => {
                    self.dashes_at_top += 1;
                    self.dashes_at_top
                }
            };
            (format!("[-{n}]"), format!("indent_{n}"))
        } else {
            let word = match style.numbering {
                Numbering::Lower | Numbering::LowerRoman => "point",
                _ => "para",
            };
            (
                format!("({})", l.value),
                format!("{word}_{}", id_part(&l.value)),
            )
        };
        let local = format!("{parent_local}{local_part}");
        let word = self.units[top]
            .label
            .split(' ')
            .next()
            .unwrap_or("Article")
            .to_string();
        let word = word.trim_end_matches(',');
        let label_text = format!("{word} {local}");
        let id = format!("{}__{id_part_s}", self.local_id(parent_unit));
        let u = self.open(
            Kind::Part,
            local,
            label_text,
            id,
            depth,
            Some(parent),
            block,
            Some(label_bytes.clone()),
        );
        self.levels.push(Level {
            style,
            unit: u,
            last: l.value.clone(),
            dashes: 0,
        });
        if matches!(
            style.numbering,
            Numbering::Arabic | Numbering::Upper | Numbering::Section | Numbering::UpperRoman
        ) {
            let texts = if body.is_some() { vec![at] } else { Vec::new() };
            self.holders.insert(
                u,
                Holder {
                    texts,
                    subs: Vec::new(),
                },
            );
        }
        if let Some(lv) = self.levels.get_mut(keep) {
            lv.last = l.value;
        }
        // A Markdown bullet (`*`, `+`) is the converter's, not the text's: no
        // official text prints one, so it is not shown.
        let bullet = style.numbering == Numbering::Dash
            && matches!(self.text[label_bytes.clone()].trim(), "*" | "+");
        let shown = (!bullet).then_some(label_bytes);
        let mut whole = block.range.clone();
        if let Some(note) = note {
            // Its marginal note, a heading one level below its section's.
            let level = heading_level(self.containers.len() + 1);
            self.events.push((
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }),
                at..note.end,
            ));
            let inline = self.inline(note.clone());
            self.events.extend(inline);
            self.events
                .push((Event::End(TagEnd::Heading(level)), note.end..note.end));
            self.units[u].title = Some(self.text[note].trim().to_string());
            whole.start = block.text_start;
        }
        self.paragraph(whole, shown, body);
    }

    /// Unnumbered text: a subparagraph of the nearest numbered paragraph or
    /// of the article.
    fn unnumbered(&mut self, block: &Block) {
        let at = block.range.start;
        let Some(top) = self.top else {
            return self.plain(block);
        };
        let keep = self.holder_level();
        self.close_levels(keep, at);
        let holder = self.levels.last().map_or(top, |lv| lv.unit);
        let h = self.holders.entry(holder).or_default();
        h.texts.push(at);
        let count = h.texts.len();
        let first = h.texts[0];
        if count >= 2 {
            if h.subs.is_empty() {
                // The first text becomes subparagraph 1, with what hangs on it.
                let s1 = self.subparagraph(holder, 1, first, block);
                for u in 0..self.units.len() {
                    if self.units[u].parent == Some(holder)
                        && u != s1
                        && self.units[u].bytes.start >= first
                    {
                        self.units[u].parent = Some(s1);
                    }
                }
            }
            let subs = &self.holders[&holder].subs;
            if let Some(&last) = subs.last() {
                self.close(last, at);
            }
            self.subparagraph(holder, count, at, block);
        }
        self.plain(block);
    }

    fn subparagraph(&mut self, holder: usize, n: usize, start: usize, block: &Block) -> usize {
        let local = format!("{}[{n}]", self.local[holder]);
        let label = format!(
            "{}, {} subparagraph",
            self.units[holder]
                .label
                .rsplit_once(", ")
                .filter(|_| self.annex.is_some())
                .map_or(self.units[holder].label.as_str(), |(_, l)| l),
            label::ordinal(n)
        );
        let id = format!("{}__subpara_{n}", self.local_id(holder));
        let depth = self.units[holder].depth;
        let mut at = block.clone();
        at.range.start = start;
        let s = self.open(
            Kind::Subparagraph,
            local,
            label,
            id,
            depth,
            Some(holder),
            &at,
            None,
        );
        self.units[s].span = Span::new(self.file, start..start);
        self.holders.get_mut(&holder).expect("holder").subs.push(s);
        s
    }
}
