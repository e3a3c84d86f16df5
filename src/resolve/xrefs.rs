//! Cross-references in running text that name a place of the edition rather
//! than link to it: "see footnote 28", "(see Annex I)", "see above, *IOM's
//! Status within the UN*"; and abbreviations, marked up with their expansion
//! from the edition's list of abbreviations (spelled out at first use in each
//! chapter).

use std::collections::{BTreeMap, HashSet};
use std::convert::Infallible;
use std::hash::Hash;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;

use super::memo;
use super::target::{Dest, Inline, InlineKind, PageId, add_inline};
use super::{Page, Target};
use crate::diag::SourceMap;
use crate::memo::{Keyed, Memo, Step};
use crate::parse::{Cursor, Document, Node};

/// What the scan of one page found: inline links and marks, by event index.
pub(super) type Inlines = Vec<(usize, Vec<Inline>)>;

/// Finds cross-references and abbreviations in every chapter, rescanning
/// only the pages whose input changed since the build `kept` holds.
pub(super) fn resolve(pages: &mut [Page], map: &SourceMap, kept: &mut Memo<Inlines>) {
    let places = kept.keyed(Places::new(pages));
    let abbreviations = kept.keyed(Abbreviations::new(pages));
    let old = &*kept;
    let found: Vec<(crate::memo::Key, Inlines)> = pages
        .par_iter()
        .enumerate()
        .map(|(p, page)| {
            let _on = crate::panic::processing(map.name(page.doc.file));
            let input = ScanInput {
                places: &places,
                abbreviations: &abbreviations,
                this: p,
                doc: &page.doc,
            };
            old.run(&page.doc.path, &input)
        })
        .collect();
    drop((places, abbreviations));
    let found = kept.keep(memo::names(pages), found);
    for (page, found) in pages.iter_mut().zip(found) {
        for (index, inline) in found {
            add_inline(&mut page.targets, index, inline);
        }
    }
}

/// Everything the scan of one page reads, and so its key: the page and,
/// hashed once per build, the places and abbreviations of the edition.
#[derive(Hash)]
struct ScanInput<'a> {
    places: &'a Keyed<Places>,
    abbreviations: &'a Keyed<Abbreviations>,
    /// The page's index and its document.
    this: usize,
    doc: &'a Document,
}

impl Step for ScanInput<'_> {
    const NAME: &'static str = "cross-reference scan";
    type Output = Inlines;
    type Error = Infallible;
    fn run(&self) -> Result<Inlines, Infallible> {
        Ok(scan_page(self))
    }
}

/// Where notes, annexes and sections are.
#[derive(Hash)]
struct Places {
    /// Each note's page and id.
    notes: BTreeMap<u32, (usize, String)>,
    annexes: BTreeMap<u32, usize>,
    /// Chapter titles and headings, normalised: the page and the heading's id.
    titles: BTreeMap<String, (usize, Option<String>)>,
}

impl Places {
    fn new(pages: &[Page]) -> Places {
        let mut notes = BTreeMap::new();
        let mut annexes = BTreeMap::new();
        let mut titles = BTreeMap::new();
        for (p, page) in pages.iter().enumerate() {
            let to = p;
            for target in page.targets.values() {
                if let Target::NoteDef { number, .. } = target {
                    notes.insert(*number, (to, format!("fn-{number}")));
                }
            }
            if page.doc.instrument.is_some() {
                continue;
            }
            if let Some(n) = page
                .title
                .strip_prefix("Annex ")
                .and_then(|r| r.split([':', ' ']).next())
                .and_then(|n| n.parse().ok())
            {
                annexes.insert(n, to);
            }
            titles.entry(normalise(&page.title)).or_insert((to, None));
            for h in &page.doc.headings {
                titles
                    .entry(normalise(&h.text))
                    .or_insert((to, Some(h.id.clone())));
            }
        }
        Places {
            notes,
            annexes,
            titles,
        }
    }
}

/// The edition's abbreviations, from the page whose front matter says
/// `abbreviations = true` (a definition list: term, then expansion).
struct Abbreviations {
    page: Option<usize>,
    terms: Vec<(String, String)>,
    /// Each term's expansion, as every mark of it holds it.
    expansions: Vec<std::sync::Arc<str>>,
    matcher: Option<AhoCorasick>,
    /// Each term's expansions (its expansion split at " or "), ASCII
    /// lowercased, to be found in a text ASCII lowercased: the ASCII case
    /// ignored, as bytes, at the same offsets.
    spellings: Vec<Vec<String>>,
}

impl Abbreviations {
    fn new(pages: &[Page]) -> Abbreviations {
        let page = pages
            .iter()
            .position(|p| p.doc.front.abbreviations == Some(true));
        let mut terms: Vec<(String, String)> = Vec::new();
        if let Some(p) = page {
            let mut current: Option<String> = None;
            let mut text = String::new();
            for (node, _) in &pages[p].doc.events {
                let Node::Md(event) = node else { continue };
                match event {
                    Event::Start(Tag::DefinitionListTitle | Tag::DefinitionListDefinition) => {
                        text.clear()
                    }
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::End(TagEnd::DefinitionListTitle) => {
                        current = Some(text.trim().to_string())
                    }
                    Event::End(TagEnd::DefinitionListDefinition) => {
                        if let Some(term) = &current {
                            let expansion = text.trim().to_string();
                            match terms.iter_mut().find(|(t, _)| t == term) {
                                Some((_, e)) => {
                                    e.push_str(" or ");
                                    e.push_str(&expansion);
                                }
                                None => terms.push((term.clone(), expansion)),
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        terms.retain(|(t, e)| !t.is_empty() && !e.is_empty());
        let matcher = (!terms.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(terms.iter().map(|(t, _)| t))
                    .ok()
            })
            .flatten();
        let spellings = terms
            .iter()
            .map(|(_, e)| e.split(" or ").map(str::to_ascii_lowercase).collect())
            .collect();
        Abbreviations {
            page,
            expansions: terms.iter().map(|(_, e)| e.as_str().into()).collect(),
            terms,
            matcher,
            spellings,
        }
    }
}

/// As the page and the terms: the automata and the expansions are made of
/// the terms alone (in [`Abbreviations::new`]).
impl Hash for Abbreviations {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Abbreviations {
            page,
            terms,
            expansions: _,
            matcher: _,
            spellings: _,
        } = self;
        (page, terms).hash(h);
    }
}

impl Abbreviations {
    /// Where term `term` is first spelled out in `lower` (a text ASCII
    /// lowercased): the end of the first of its expansions (`usize::MAX`
    /// when none is there).
    fn spelled_out(&self, lower: &str, term: usize) -> usize {
        self.spellings[term]
            .iter()
            .filter_map(|e| {
                memchr::memmem::find(lower.as_bytes(), e.as_bytes()).map(|at| at + e.len())
            })
            .min()
            .unwrap_or(usize::MAX)
    }
}

fn scan_page(input: &ScanInput) -> Inlines {
    if input.doc.instrument.is_some() {
        return Vec::new();
    }
    let abbreviations: &Abbreviations = input.abbreviations;
    let is_abbreviation_page = abbreviations.page == Some(input.this);
    let mut out = Vec::new();
    let mut expanded: HashSet<usize> = HashSet::new();
    let mut see_before = false;
    let events = &input.doc.events;
    for step in Cursor::new(events) {
        let (i, node) = (step.index, step.node);
        match node {
            Node::Md(Event::Text(text)) if step.context.is_prose() && !step.context.heading => {
                let mut found = Vec::new();
                let after_see = see_before
                    && matches!(
                        events.get(i.wrapping_sub(1)),
                        Some((Node::Md(Event::Start(Tag::Emphasis)), _))
                    );
                if after_see && let Some((p, id)) = input.places.titles.get(&normalise(text)) {
                    let href = Dest::page(PageId(*p), id.as_deref());
                    found.push(Inline {
                        range: 0..text.len(),
                        kind: InlineKind::Link(href),
                    });
                }
                found.extend(note_refs(text, input.places));
                found.extend(annex_refs(text, input.this, input.places));
                if !is_abbreviation_page {
                    found.extend(abbreviation_marks(text, abbreviations, &mut expanded));
                }
                if !found.is_empty() {
                    found.sort_by_key(|f| f.range.start);
                    out.push((i, found));
                }
                // No letter but ASCII ones lowercases to these ASCII words,
                // so an ASCII comparison reads them as a lowercased copy did.
                let tail = text.trim_end();
                see_before = ["see above,", "see below", "see above"]
                    .iter()
                    .any(|words| ends_with_ignoring_ascii_case(tail, words));
                continue;
            }
            _ => {}
        }
        if !matches!(node, Node::Md(Event::Start(Tag::Emphasis))) {
            see_before = false;
        }
    }
    out
}

/// "footnote 28", "see note 28".
///
/// The words are matched ASCII-case-insensitively on the original text, never on a lowercased
/// copy: `to_lowercase` changes the byte length of letters such as `İ` or the Kelvin sign, so
/// offsets found in a copy would cut the original mid-character or link the wrong words.
fn note_refs(text: &str, places: &Places) -> Vec<Inline> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Every "footnote " holds a "note ": each "note " is found (they cannot
    // overlap), and read as "footnote " when "foot" is right before it.
    for n in memchr::memchr2_iter(b'n', b'N', bytes) {
        if !bytes
            .get(n..n + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"note "))
        {
            continue;
        }
        let is_note = !ends_with_ignoring_ascii_case(&text[..n], "foot");
        let (at, from) = (if is_note { n } else { n - 4 }, n + 5);
        let before = &text[..at];
        let boundary = before
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let seen = !is_note || ends_with_ignoring_ascii_case(before.trim_end(), "see");
        let digits = text[from..].bytes().take_while(u8::is_ascii_digit).count();
        if !boundary || !seen || digits == 0 {
            continue;
        }
        let number = text[from..from + digits].parse().ok();
        if let Some((p, id)) = number.and_then(|n: u32| places.notes.get(&n)) {
            let href = Dest::page(PageId(*p), Some(id.as_str()));
            out.push(Inline {
                range: at..from + digits,
                kind: InlineKind::Link(href),
            });
        }
    }
    out
}

fn ends_with_ignoring_ascii_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// "Annex 2", "Annex I".
fn annex_refs(text: &str, this: usize, places: &Places) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("Annex ").map(|a| a + from) {
        from = at + 6;
        let token: String = text[from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let number = token.parse::<u32>().ok().or_else(|| roman(&token));
        if let Some(&p) = number.and_then(|n| places.annexes.get(&n))
            && p != this
        {
            let href = Dest::page(PageId(p), None);
            out.push(Inline {
                range: at..from + token.len(),
                kind: InlineKind::Link(href),
            });
        }
    }
    out
}

fn roman(token: &str) -> Option<u32> {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .iter()
        .position(|r| *r == token)
        .map(|i| i as u32 + 1)
}

fn abbreviation_marks(
    text: &str,
    abbreviations: &Abbreviations,
    expanded: &mut HashSet<usize>,
) -> Vec<Inline> {
    let Some(matcher) = &abbreviations.matcher else {
        return Vec::new();
    };
    // The text ASCII lowercased, and where each term met is spelled out in
    // it, made when first needed.
    let mut lower: Option<String> = None;
    let mut spelled_at: Vec<(usize, usize)> = Vec::new();
    let mut marks = Vec::new();
    for m in matcher.find_iter(text) {
        if !is_whole_word(text, m.start()..m.end()) {
            continue;
        }
        let index = m.pattern().as_usize();
        // "UN’s", "IOM-UN": spelling out here would split a word, so the
        // expansion waits for the next plain use.
        let joined = ['’', '\'', '-', '/', '‐'];
        let plain = !text[m.end()..].starts_with(joined) && !text[..m.start()].ends_with(joined);
        // The authors spelled it out themselves: "… for Migration (IOM)".
        let spelled = match spelled_at.iter().find(|(t, _)| *t == index) {
            Some(&(_, end)) => end,
            None => {
                let lower = lower.get_or_insert_with(|| text.to_ascii_lowercase());
                let end = abbreviations.spelled_out(lower, index);
                spelled_at.push((index, end));
                end
            }
        };
        if spelled <= m.start() {
            expanded.insert(index);
        }
        let first = plain && expanded.insert(index);
        marks.push(Inline {
            range: m.start()..m.end(),
            kind: InlineKind::Abbr {
                expansion: abbreviations.expansions[index].clone(),
                first,
            },
        });
    }
    marks
}

fn normalise(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `range` of `text` is a word of its own: no letter or digit
/// right before it or right after it ("UN" in "the UN's", not in "UNHCR").
pub(crate) fn is_whole_word(text: &str, range: std::ops::Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}
