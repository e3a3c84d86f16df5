//! Citations of instruments: explicit `art:` links and the citations the
//! grammar in `cite` finds in running text, resolved to units, with the
//! "Cited in" list of every unit.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::hash::Hash;

use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;

use super::cite::{self, Aliases, Attribution, Context};
use super::memo;
use super::target::{CiteLink, Dest, Inline, InlineKind};
use super::{NoteNumber, Page, Target};
use crate::diag::{Diagnostic, Source, SourceMap, Span};
use crate::memo::{Keyed, Memo, Step};
use crate::parse::{Cursor, Ext, Node, SpannedNode};

/// An instrument of the edition.
#[derive(Debug, Clone)]
pub struct Instrument {
    /// The id used in addresses (`un-charter`).
    pub id: String,
    /// The page that shows it.
    pub page: usize,
    /// Units by address (`1(3)`), as indices into the page's `doc.units`.
    pub units: HashMap<String, usize>,
}

/// By everything it holds, its units in the order of their addresses.
impl Hash for Instrument {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Instrument { id, page, units } = self;
        let mut units: Vec<(&String, &usize)> = units.iter().collect();
        units.sort_unstable();
        (id, page, units).hash(h);
    }
}

impl Instrument {
    /// The unit a citation's address means: as written, or as the
    /// instrument numbers it (`8bis` is `8 bis`, `1A(2)` is `1(A)(2)` where
    /// Article 1 has sections A to F, a first subparagraph of a paragraph
    /// without subparagraphs is the paragraph).
    pub fn find(&self, address: &str) -> Option<usize> {
        if let Some(&u) = self.units.get(address) {
            return Some(u);
        }
        let squeezed: String = address.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(&u) = self.units.iter().find_map(|(a, u)| {
            (a.chars().filter(|c| !c.is_whitespace()).collect::<String>() == squeezed).then_some(u)
        }) {
            return Some(u);
        }
        // `1A(2)`: article 1, its section A.
        let digits = address.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && let Some(letter) = address[digits..]
                .chars()
                .next()
                .filter(char::is_ascii_uppercase)
        {
            let split = format!("{}({letter}){}", &address[..digits], &address[digits + 1..]);
            if let Some(&u) = self.units.get(&split) {
                return Some(u);
            }
        }
        address
            .strip_suffix("[1]")
            .and_then(|parent| self.units.get(parent).copied())
    }
}

/// One place in the edition that cites a unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    /// The citing page.
    pub page: usize,
    /// The id of the citation on that page.
    pub anchor: String,
    /// The instrument (index into `Edition::instruments`).
    pub instrument: usize,
    /// The unit (index into the instrument page's `doc.units`).
    pub unit: usize,
    /// The words cited, as written.
    pub text: String,
    /// The sentence around them.
    pub snippet: String,
    /// The footnote the citation stands in, if any.
    pub note: Option<NoteNumber>,
    /// The numbered paragraph it stands in, if any.
    pub paragraph: Option<u32>,
    /// The unit is a column of a comparison (the anchor is the comparison's).
    pub comparison: bool,
    /// The editors cite it, not the authors: in a comparison, an editorial
    /// block or a page of the editors' (`editorial = true`). Counted and
    /// listed apart from the authors' citations.
    pub editorial: bool,
    /// How the instrument was chosen.
    pub how: Attribution,
    /// Where it is written, as `file:line:col`.
    pub location: String,
}

/// A citation of an instrument the edition declares but does not hold.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExternalCitation {
    /// The citing page's file.
    pub page: String,
    /// The instrument, by its first name.
    pub instrument: String,
    /// The address cited (`8(1)`).
    pub address: String,
    /// Where its text is, when the edition says.
    pub url: Option<String>,
    /// The words cited.
    pub text: String,
    /// Where it is written, as `file:line:col`.
    pub source: String,
}

/// The instruments and every citation of them.
#[derive(Debug, Default)]
pub struct Citations {
    /// Instruments in navigation order.
    pub instruments: Vec<Instrument>,
    /// Every citation, in reading order.
    pub list: Vec<Citation>,
    /// Every citation of a declared external instrument, in reading order.
    pub external: Vec<ExternalCitation>,
    /// Indices into `list` by citing page.
    by_page: Vec<Vec<usize>>,
    /// Indices into `list` by instrument and unit: an instrument page asks
    /// for every unit's citations, which must not scan the instrument's
    /// whole list once per unit.
    by_unit: HashMap<(usize, usize), Vec<usize>>,
}

impl Citations {
    /// Citations of the unit `unit` of instrument `instrument`, in reading order.
    pub fn of_unit(&self, instrument: usize, unit: usize) -> impl Iterator<Item = &Citation> {
        self.by_unit
            .get(&(instrument, unit))
            .into_iter()
            .flatten()
            .map(|&i| &self.list[i])
    }

    /// Citations made on page `page`, in reading order.
    pub fn on_page(&self, page: usize) -> impl Iterator<Item = &Citation> {
        self.by_page
            .get(page)
            .into_iter()
            .flatten()
            .map(|&i| &self.list[i])
    }

    /// Builds the lookups once every citation is in the list.
    pub fn index(&mut self, pages: usize) {
        self.by_page = vec![Vec::new(); pages];
        self.by_unit = HashMap::new();
        for (i, c) in self.list.iter().enumerate() {
            self.by_page[c.page].push(i);
            self.by_unit
                .entry((c.instrument, c.unit))
                .or_default()
                .push(i);
        }
    }
}

/// Finds and resolves every citation; returns the targets for each page.
pub(super) fn resolve(
    pages: &[Page],
    external: &[crate::config::External],
    mdbook: bool,
    map: &SourceMap,
    kept: &mut Memo<PageCitations>,
    diags: &mut Vec<Diagnostic>,
) -> (Citations, Vec<Vec<(usize, Target)>>) {
    let instruments = instruments(pages, diags);
    let cited = kept.keyed(Cited::new(&instruments, pages, external, mdbook));
    // Pages are walked in parallel, each into its own lists; joining them in
    // reading order keeps citations, anchors and diagnostics deterministic.
    let old = &*kept;
    let walked: Vec<(crate::memo::Key, PageCitations)> = pages
        .par_iter()
        .enumerate()
        .map(|(p, page)| {
            let _on = crate::panic::processing(map.name(page.doc.file));
            old.run(&page.doc.path, &WalkInput::new(&cited, p, page, map))
        })
        .collect();
    drop(cited);
    let mut citations = Citations {
        instruments,
        ..Citations::default()
    };
    let mut targets = Vec::with_capacity(pages.len());
    for walked in kept.keep(memo::names(pages), walked) {
        citations.list.extend(walked.list);
        citations.external.extend(walked.external);
        diags.extend(walked.diags);
        targets.push(walked.targets);
    }
    (citations, targets)
}

/// What the walk of every page reads beyond the page itself: the
/// instruments, their pages, the instruments the edition only declares, and
/// the name tables made of them. Made and hashed once per build (a
/// [`Keyed`]); the tables are made of the other fields alone, in
/// [`Cited::new`], so they are not hashed again.
pub(super) struct Cited<'a> {
    instruments: &'a [Instrument],
    /// Each instrument's page, by instrument.
    pages: Vec<InstrumentPage<'a>>,
    external: &'a [crate::config::External],
    mdbook: bool,
    by_id: HashMap<&'a str, usize>,
    aliases: Aliases,
    /// A technical book (an mdBook book holding and naming no instrument)
    /// cites nothing: its "Article 2" is only words, worth a remark.
    words_only: bool,
}

/// An instrument's page as a walk reads it: where it is written and its
/// document (its units and names).
#[derive(Hash)]
struct InstrumentPage<'a> {
    output: &'a str,
    doc: &'a crate::parse::Document,
}

impl Hash for Cited<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Cited {
            instruments,
            pages,
            external,
            mdbook,
            by_id: _,
            aliases: _,
            words_only: _,
        } = self;
        (instruments, pages, external, mdbook).hash(h);
    }
}

impl<'a> Cited<'a> {
    fn new(
        instruments: &'a [Instrument],
        pages: &'a [Page],
        external: &'a [crate::config::External],
        mdbook: bool,
    ) -> Cited<'a> {
        let pages: Vec<InstrumentPage<'a>> = instruments
            .iter()
            .map(|ins| InstrumentPage {
                output: &pages[ins.page].output,
                doc: &pages[ins.page].doc,
            })
            .collect();
        let by_id: HashMap<&str, usize> = instruments
            .iter()
            .enumerate()
            .map(|(i, ins)| (ins.id.as_str(), i))
            .collect();
        let names: Vec<Vec<String>> = pages
            .iter()
            .map(|page| {
                let meta = page.doc.instrument.clone().unwrap_or_default();
                let mut names = meta.aliases.clone();
                names.extend(meta.short.clone());
                names.extend(meta.title.clone());
                names.extend(meta.symbol.clone().filter(|s| !s.is_empty()));
                names
            })
            .chain(external.iter().map(|e| e.names.clone()))
            .collect();
        let mut by_paragraphs: Vec<bool> = pages
            .iter()
            .map(|page| {
                page.doc
                    .units
                    .iter()
                    .any(|u| u.html_id.starts_with("para_"))
            })
            .collect();
        by_paragraphs.extend(external.iter().map(|_| false));
        // Which instruments have a top unit of a kind: per instrument, then
        // `false` for each external one.
        let having = |top: &dyn Fn(&crate::parse::instrument::Unit) -> bool| -> Vec<bool> {
            pages
                .iter()
                .map(|page| {
                    page.doc
                        .units
                        .iter()
                        .any(|u| u.kind == crate::parse::instrument::Kind::Article && top(u))
                })
                .chain(external.iter().map(|_| false))
                .collect()
        };
        let by_sections = having(&|u| u.html_id.starts_with("sec_"));
        let by_signs = having(&|u| u.label.starts_with("§ "));
        let aliases = Aliases::new(&names, by_paragraphs)
            .with_sections(by_sections)
            .with_signs(by_signs);
        Cited {
            words_only: mdbook && instruments.is_empty() && external.is_empty(),
            instruments,
            pages,
            external,
            mdbook,
            by_id,
            aliases,
        }
    }
}

/// Everything the citation walk of one page reads, and so its key.
#[derive(Hash)]
struct WalkInput<'a> {
    cited: &'a Keyed<Cited<'a>>,
    /// The page's index, which citations and instruments name it by.
    p: usize,
    /// The page's document, where it is written, and what resolve has
    /// decided for it so far (its note and paragraph numbers).
    doc: &'a crate::parse::Document,
    output: &'a str,
    targets: &'a BTreeMap<usize, Target>,
    /// The page's file, whose text and lines diagnostics and citations'
    /// `location` quote (for an expanded chapter, maybe an included file).
    source: Source<'a>,
}

impl<'a> WalkInput<'a> {
    fn new(cited: &'a Keyed<Cited<'a>>, p: usize, page: &'a Page, map: &'a SourceMap) -> Self {
        WalkInput {
            cited,
            p,
            doc: &page.doc,
            output: &page.output,
            targets: &page.targets,
            source: map.source(page.doc.file),
        }
    }
}

impl Step for WalkInput<'_> {
    const NAME: &'static str = "citation walk";
    type Output = PageCitations;
    type Error = Infallible;
    fn run(&self) -> Result<PageCitations, Infallible> {
        let cited: &Cited = self.cited;
        let mut walked = PageCitations::default();
        // An instrument's own text refers to its other provisions
        // ("referred to in Article 9(1)", "paragraph 2 of this
        // Article"): links, in the instrument's own terms, that are no
        // citation of the paper's.
        let own = cited.instruments.iter().position(|ins| ins.page == self.p);
        let ids = || cited.instruments.iter().map(|i| i.id.as_str());
        let default = if own.is_some() {
            own
        } else {
            self.doc.front.instrument.as_deref().and_then(|id| {
                let found = cited.by_id.get(id).copied();
                if found.is_none() {
                    let message = format!(
                        "front matter `instrument = \"{id}\"` names no instrument of the edition"
                    );
                    let help = match closest(id, ids()) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => format!(
                            "the edition's instruments are {}",
                            ids()
                                .map(|i| format!("`{i}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    let diag = match super::front_matter_key(self.source.text(), "instrument") {
                        Some(r) => Diagnostic::error(message, Span::new(self.doc.file, r)),
                        None => Diagnostic::file_error(message, self.source.name().to_string()),
                    };
                    walked.diags.push(diag.with_help(help));
                }
                found
            })
        };
        let mut walker = Walker {
            input: self,
            cited,
            out: walked,
            default,
            count: 0,
            paragraph: None,
            editorial: 0,
            own,
        };
        walker.walk();
        Ok(walker.out)
    }
}

fn instruments(pages: &[Page], diags: &mut Vec<Diagnostic>) -> Vec<Instrument> {
    let mut out: Vec<Instrument> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let Some(meta) = &page.doc.instrument else {
            continue;
        };
        let stem = page
            .doc
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let id = meta.id.clone().unwrap_or_else(|| stem.to_string());
        let mut units = HashMap::new();
        for (u, unit) in page.doc.units.iter().enumerate() {
            if let Some(&first) = units.get(&unit.address) {
                let first: &crate::parse::Unit = &page.doc.units[first];
                diags.push(
                    Diagnostic::warning(
                        format!(
                            "`{id}/{}` is defined twice: {} is numbered again here",
                            unit.address, unit.label
                        ),
                        unit.span.clone(),
                    )
                    .with_help(format!(
                        "links go to the first, which starts \"{}\"; give each article, paragraph and point its own number",
                        first.text.chars().take(60).collect::<String>()
                    )),
                );
            } else {
                units.insert(unit.address.clone(), u);
            }
        }
        if out.iter().any(|i| i.id == id) {
            diags.push(
                Diagnostic::error(
                    format!("two instruments have the id `{id}`"),
                    Span::new(page.doc.file, 0..0),
                )
                .with_help("give each instrument its own `id` in its front matter"),
            );
            continue;
        }
        out.push(Instrument { id, page: p, units });
    }
    out
}

/// The citations of one page, as its walk found them: the list, the
/// citations of declared instruments, the page's targets and diagnostics.
#[derive(Default, Clone, PartialEq)]
pub(super) struct PageCitations {
    list: Vec<Citation>,
    external: Vec<ExternalCitation>,
    targets: Vec<(usize, Target)>,
    diags: Vec<Diagnostic>,
}

struct Walker<'a> {
    /// What the walk reads: the page (`input.p`, `input.doc`, …) and,
    /// through `cited`, the instruments.
    input: &'a WalkInput<'a>,
    cited: &'a Cited<'a>,
    out: PageCitations,
    default: Option<usize>,
    count: usize,
    paragraph: Option<u32>,
    /// How many editorial blocks the walk is inside.
    editorial: usize,
    /// On an instrument's own page, the instrument: its references to its
    /// own provisions and to others are linked, but are no citations (not
    /// listed, counted or warned about).
    own: Option<usize>,
}

impl Walker<'_> {
    /// How a diagnostic names instrument `i` of the alias table: its id,
    /// or a declared external instrument's first name.
    fn instrument_name(&self, i: usize) -> String {
        match self.cited.instruments.get(i) {
            Some(ins) => format!("`{}`", ins.id),
            None => self
                .cited
                .external
                .get(i - self.cited.instruments.len())
                .and_then(|e| e.names.first())
                .map_or_else(String::new, |n| format!("`{n}`")),
        }
    }

    /// The chapter's front matter `means` table, checked: each name one an
    /// instrument of the edition claims, each id an instrument's.
    fn front_matter_means(&mut self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let text = self.input.source.text();
        for (name, id) in &self.input.doc.front.means {
            let at = super::front_matter_key(text, &format!("\"{name}\""))
                .or_else(|| super::front_matter_key(text, "means"));
            let diag = |message: String| match at.clone() {
                Some(r) => Diagnostic::error(message, Span::new(self.input.doc.file, r)),
                None => Diagnostic::file_error(message, self.input.source.name().to_string()),
            };
            let Some(&i) = self.cited.by_id.get(id.as_str()) else {
                let ids: Vec<&str> = self
                    .cited
                    .instruments
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect();
                let help = match closest(id, ids.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!(
                        "the edition's instruments are {}",
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.out.diags.push(
                    diag(format!(
                        "front matter `means`: `{id}` is no instrument of the edition"
                    ))
                    .with_help(help),
                );
                continue;
            };
            if self.cited.aliases.claiming(name).is_empty() {
                self.out.diags.push(
                    diag(format!("front matter `means`: no instrument of the edition is called `{name}`"))
                        .with_help(format!("add `{name}` to the `aliases` of `{id}`, or leave it out here: a name only this chapter uses can be defined in its text (“{name}”)")),
                );
                continue;
            }
            out.push((name.clone(), i));
        }
        out
    }

    fn walk(&mut self) {
        // The article the chapter comments on, for "paragraph 3 of this article".
        let clause = self.input.doc.front.clause.as_deref().and_then(|c| {
            let (id, address) = c.split_once('/')?;
            let article = address.split(['(', '[']).next()?;
            let ins = *self.cited.by_id.get(id)?;
            (!article.is_empty()).then(|| (ins, article.to_string()))
        });
        let mut context = Context {
            default: self.default,
            clause,
            ..Context::default()
        };
        for (name, instrument) in self.front_matter_means() {
            context.mean(&name, instrument);
        }
        let mut note: Option<NoteNumber> = None;
        // In an instrument: the article each event is in (for "paragraph 2
        // of this Article"), and its headings, which are no references.
        let articles: HashMap<usize, &str> = match self.own {
            Some(_) => self
                .input
                .doc
                .units
                .iter()
                .filter(|u| u.kind == crate::parse::instrument::Kind::Article)
                .map(|u| (u.start, u.address.split(['(', '[']).next().unwrap_or("")))
                .collect(),
            None => HashMap::new(),
        };
        // Text already scanned as part of a run across soft line breaks.
        let mut run_end = 0;
        let events = &self.input.doc.events;
        self.paragraph = None;
        for step in Cursor::new(events) {
            let (i, range) = (step.index, step.range);
            if let (Some(own), Some(article)) = (self.own, articles.get(&i)) {
                context.clause = Some((own, article.to_string()));
                context.within = true;
            }
            self.editorial = usize::from(step.context.editorial);
            let event = match step.node {
                Node::Md(event) => event,
                Node::Start(Ext::UnitLink { address }) => {
                    let span = Span::new(self.input.doc.file, range.clone());
                    let text = link_text(events, i);
                    if let Some(link) = self.explicit(address, &text, span, note) {
                        self.out.targets.push((i, Target::UnitLink(link)));
                    }
                    continue;
                }
                Node::Start(_) | Node::End(_) => continue,
            };
            match event {
                // An instrument's headings are no references.
                Event::Start(Tag::Heading { .. }) if self.own.is_some() => {}
                Event::Text(_) if self.own.is_some() && step.context.heading => {}
                Event::Start(
                    Tag::Paragraph
                    | Tag::Item
                    | Tag::Heading { .. }
                    | Tag::TableCell
                    | Tag::DefinitionListDefinition,
                ) => {
                    context.recent = None;
                    context.foreign_before = None;
                    // "Cited in" says which numbered paragraph: the one
                    // that opened here, until the next heading.
                    match (event, self.input.targets.get(&i)) {
                        (_, Some(Target::Paragraph(n))) => self.paragraph = Some(*n),
                        (Event::Start(Tag::Heading { .. }), _) => self.paragraph = None,
                        _ => {}
                    }
                }
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    if let Some(Target::NoteDef { number, .. }) = self.input.targets.get(&i) {
                        note = Some(*number);
                    }
                }
                Event::End(TagEnd::FootnoteDefinition) => note = None,
                Event::Text(_) if step.context.is_prose() && i >= run_end => {
                    let said = self.out.diags.len();
                    run_end = self.scan_run(i, &mut context, note);
                    if self.own.is_some() {
                        // What an instrument's text leaves unresolved is its
                        // own business, not a problem of the edition's.
                        self.out.diags.truncate(said);
                    }
                }
                _ => {}
            }
        }
    }

    /// Scans the run of text starting at event `first`, soft line breaks
    /// read as spaces, so that a citation broken across lines ("Article 5
    /// § 1\n(f)") is found whole; each event gets the pieces of the links in
    /// it. Returns the index after the run.
    fn scan_run(&mut self, first: usize, context: &mut Context, note: Option<NoteNumber>) -> usize {
        let events = &self.input.doc.events;
        let mut end = first;
        while let Some((Node::Md(Event::Text(_) | Event::SoftBreak), _)) = events.get(end) {
            end += 1;
        }
        // One text event (the common case) is scanned where it stands;
        // only a run across line breaks is joined into a copy.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let joined: std::borrow::Cow<str> = match &events[first..end] {
            [(Node::Md(Event::Text(t)), _)] => {
                pieces.push((first, 0));
                std::borrow::Cow::Borrowed(t.as_ref())
            }
            run => {
                let mut joined = String::new();
                for (k, (event, _)) in run.iter().enumerate() {
                    match event {
                        Node::Md(Event::Text(t)) => {
                            pieces.push((first + k, joined.len()));
                            joined.push_str(t);
                        }
                        _ => joined.push(' '),
                    }
                }
                std::borrow::Cow::Owned(joined)
            }
        };
        let mut found = cite::scan(&joined, &self.cited.aliases, context);
        // The members a range expands to share the words of its end ("22"
        // in "Articles 15 to 22"): those words link to the unit they name,
        // the last; the others are cited (and listed) at an empty place
        // before them, so that no visible link goes to a unit its words do
        // not say.
        // Each member's words, as written (the shared ones for a range's).
        let written: Vec<std::ops::Range<usize>> = found.iter().map(|f| f.range.clone()).collect();
        for k in 1..found.len() {
            if found[k].range == found[k - 1].range && !found[k].range.is_empty() {
                let start = found[k - 1].range.start;
                found[k - 1].range = start..start;
            }
        }
        // A member whose words overlap another's ("(c)" … "(e)" in "Article
        // 6(1), points (b) to (e)", linked as a whole to (b)) is cited at an
        // empty place where that link starts, so that its "Cited in" entry
        // leads somewhere.
        for k in 1..found.len() {
            let r = found[k].range.clone();
            let inside = |f: &cite::Reading| match r.is_empty() {
                true => f.range.start < r.start && r.start < f.range.end,
                false => f.range.start < r.end && r.start < f.range.end,
            };
            let covering = found[..k]
                .iter()
                .filter(|f| !f.range.is_empty() && inside(f))
                .map(|f| f.range.start)
                .next();
            if let Some(at) = covering {
                found[k].range = at..at;
            }
        }
        let mut links: BTreeMap<usize, Vec<Inline>> = BTreeMap::new();
        for (f, written) in found.into_iter().zip(written) {
            let mut link: Option<CiteLink> = None;
            let mut external_href: Option<Option<String>> = None;
            for (k, &(event, offset)) in pieces.iter().enumerate() {
                let Node::Md(Event::Text(text)) = &events[event].0 else {
                    continue;
                };
                let local = f.range.start.max(offset)..f.range.end.min(offset + text.len());
                // An empty range (a range's member cited at its end's words)
                // is in the piece that holds its place.
                let empty_here =
                    f.range.is_empty() && (offset..=offset + text.len()).contains(&f.range.start);
                if local.start >= local.end && !empty_here {
                    continue;
                }
                let local = match empty_here {
                    true => f.range.start..f.range.start,
                    false => local,
                };
                let local = local.start - offset..local.end - offset;
                if let Some(e) = f
                    .instrument
                    .and_then(|i| i.checked_sub(self.cited.instruments.len()))
                {
                    if k == 0 || external_href.is_none() {
                        let range = &events[event].1;
                        let at = range.start + local.start;
                        let span = Span::new(self.input.doc.file, at..at + f.range.len());
                        external_href = Some(self.external_citation(
                            e,
                            &f.address,
                            &joined[f.range.clone()],
                            span,
                        ));
                    }
                    if let Some(Some(href)) = &external_href {
                        links.entry(event).or_default().push(Inline {
                            range: local,
                            kind: InlineKind::Link(Dest::Out(href.clone())),
                        });
                    }
                    continue;
                }
                let piece = match &link {
                    None => {
                        let range = &events[event].1;
                        let source_matches =
                            self.input.source.text().get(range.clone()) == Some(text.as_ref());
                        let at = if source_matches {
                            range.start + local.start
                        } else {
                            range.start
                        };
                        let span = Span::new(self.input.doc.file, at..at + f.range.len());
                        let words = &joined[written.clone()];
                        let snippet = snippet(&joined, written.clone());
                        let named = f.named.clone().map(|r| &joined[r]);
                        let Some(made) = self.auto(&f, words, named, snippet, span, note) else {
                            break;
                        };
                        link = Some(made.clone());
                        made
                    }
                    // The rest of a citation broken across lines: the same
                    // link, with an id of its own.
                    Some(l) => CiteLink {
                        anchor: format!("{}-{k}", l.anchor),
                        ..l.clone()
                    },
                };
                links.entry(event).or_default().push(Inline {
                    range: local,
                    kind: InlineKind::Cite(piece),
                });
            }
        }
        for (event, mut inline) in links {
            // In order, a place before a link starting where it stands.
            inline.sort_by_key(|x| (x.range.start, !x.range.is_empty()));
            self.out.targets.push((event, Target::Inline(inline)));
        }
        end
    }

    /// Counts a citation of declared external instrument `e`; returns the
    /// address of its text, when the edition gives one.
    fn external_citation(
        &mut self,
        e: usize,
        address: &str,
        words: &str,
        span: Span,
    ) -> Option<String> {
        let ext = &self.cited.external[e];
        let article: String = address
            .chars()
            .take_while(|c| *c != '(' && *c != '[')
            .collect();
        let url = ext
            .url
            .as_ref()
            .map(|u| u.replace("{article}", article.trim()));
        let loc = self.input.source.location(&span);
        self.out.external.push(ExternalCitation {
            page: self.input.output.to_string(),
            instrument: ext.names.first().cloned().unwrap_or_default(),
            address: address.to_string(),
            url: url.clone(),
            text: words.to_string(),
            source: format!("{}:{}:{}", loc.file, loc.line, loc.column),
        });
        url
    }

    fn auto(
        &mut self,
        f: &cite::Reading,
        words: &str,
        named: Option<&str>,
        snippet: String,
        span: Span,
        note: Option<NoteNumber>,
    ) -> Option<CiteLink> {
        let Some(ins) = f.instrument else {
            if let (Attribution::Elsewhere, Some(name)) = (f.how, named) {
                self.out.diags.push(
                    Diagnostic::note(
                        format!("`{words}` is followed by `{name}`, which is none of the edition's instruments: left as text"),
                        span,
                    )
                    .with_help(format!("if `{name}` is an instrument, declare it in book.toml (`[[glossator.external]]` with `names = [\"{name}\"]`) to link and count its citations")),
                );
                return None;
            }
            if f.how == Attribution::Ambiguous {
                // An error, not a guess: the editor gave two instruments one
                // name, and only the editor can say which this chapter means.
                let claimants: Vec<String> = named
                    .map(|n| self.cited.aliases.claiming(n))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|i| self.instrument_name(i))
                    .collect();
                let message = match (named, claimants.split_last()) {
                    (Some(name), Some((last, rest))) if !rest.is_empty() => format!(
                        "citation `{words}` names its instrument as `{name}`, which {} and {last} {} claim; it is not linked",
                        rest.join(", "),
                        if rest.len() == 1 { "both" } else { "all" },
                    ),
                    _ => format!(
                        "citation `{words}` names its instrument by a name two instruments of the edition share; it is not linked"
                    ),
                };
                let example = match (named, claimants.first()) {
                    (Some(name), Some(first)) => format!(
                        "`[means]` with `\"{name}\" = \"{}\"`",
                        first.trim_matches('`')
                    ),
                    _ => "a `[means]` table".to_string(),
                };
                self.out.diags.push(
                    Diagnostic::error(message, span)
                        .with_help(format!("say which one this chapter means in its front matter: {example} (or `instrument = \"…\"`), or write a name only one instrument has")),
                );
                return None;
            }
            let message = format!("citation `{words}` names no instrument; it is not linked");
            let help = "name the instrument (\"of the Charter\"), set `instrument` in the front matter, or write [..](nocite:) to mark it as no citation";
            let diag = if self.cited.words_only {
                Diagnostic::note(message, span)
            } else {
                Diagnostic::warning(message, span).strict()
            };
            self.out.diags.push(diag.with_help(help));
            return None;
        };
        if let Some(alt) = f
            .alternative
            .filter(|&a| self.cited.instruments[a].find(&f.address).is_some())
        {
            let (one, other) = (
                &self.cited.instruments[ins].id,
                &self.cited.instruments[alt].id,
            );
            self.out.diags.push(
                Diagnostic::warning(format!("citation `{words}` is ambiguous: `{one}/{0}` (named in this paragraph) or `{other}/{0}` (this chapter's instrument); it is not linked", f.address), span)
                    .with_help(format!("write the link yourself, e.g. [{words}](art:{other}/{})", f.address))
                    .strict(),
            );
            return None;
        }
        let Some(unit) = self.cited.instruments[ins].find(&f.address) else {
            let id = self.cited.instruments[ins].id.clone();
            self.out.diags.push(
                Diagnostic::warning(
                    format!(
                        "citation `{words}`: `{id}/{}` is not in the edition; it is not linked",
                        f.address
                    ),
                    span,
                )
                .with_help(self.closest_help(ins, &f.address))
                .strict(),
            );
            return None;
        };
        Some(self.record(ins, unit, words, snippet, span, note, f.how))
    }

    fn explicit(
        &mut self,
        address: &str,
        words: &str,
        span: Span,
        note: Option<NoteNumber>,
    ) -> Option<CiteLink> {
        let (id, unit_address) = address.split_once('/').unwrap_or((address, ""));
        let Some(&ins) = self.cited.by_id.get(id) else {
            let known: Vec<&str> = self
                .cited
                .instruments
                .iter()
                .map(|i| i.id.as_str())
                .collect();
            let closest = closest(id, known.iter().copied());
            self.out.diags.push(
                Diagnostic::error(format!("`art:{address}`: no instrument `{id}`"), span)
                    .with_help(
                        closest.map_or("instruments live in content/instruments/".into(), |c| {
                            format!("did you mean `{c}`?")
                        }),
                    ),
            );
            return None;
        };
        let Some(&unit) = self.cited.instruments[ins].units.get(unit_address) else {
            let help = self.closest_help(ins, unit_address);
            self.out.diags.push(
                Diagnostic::error(format!("`art:{address}`: no such unit"), span).with_help(help),
            );
            return None;
        };
        Some(self.record(
            ins,
            unit,
            words,
            words.to_string(),
            span,
            note,
            Attribution::Explicit,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        ins: usize,
        unit: usize,
        words: &str,
        snippet: String,
        span: Span,
        note: Option<NoteNumber>,
        how: Attribution,
    ) -> CiteLink {
        self.count += 1;
        let anchor = format!("cite-{}", self.count);
        let instrument = &self.cited.instruments[ins];
        let target_page = &self.cited.pages[ins];
        let unit_ref = &target_page.doc.units[unit];
        let to = Dest::page(instrument.page, Some(&unit_ref.html_id));
        let address = format!("{}/{}", instrument.id, unit_ref.address);
        let loc = self.input.source.location(&span);
        if self.own.is_some() {
            return CiteLink {
                to,
                anchor,
                address,
            };
        }
        self.out.list.push(Citation {
            page: self.input.p,
            anchor: anchor.clone(),
            instrument: ins,
            unit,
            text: words.to_string(),
            snippet,
            note,
            paragraph: if note.is_some() { None } else { self.paragraph },
            comparison: false,
            editorial: self.editorial > 0 || self.input.doc.front.editorial == Some(true),
            how,
            location: format!("{}:{}:{}", loc.file, loc.line, loc.column),
        });
        CiteLink {
            to,
            anchor,
            address,
        }
    }

    /// The unit meant, told by structure first: the nearest enclosing unit
    /// that exists, and its parts ("6(1)(f)" → "`gdpr/6(1)` has (a) to (e)").
    fn closest_help(&self, ins: usize, address: &str) -> String {
        let instrument = &self.cited.instruments[ins];
        closest_unit(instrument, &self.cited.pages[ins].doc.units, address)
    }
}

/// What to write instead of `address`, which `instrument` (whose units are
/// `units`) does not have: the parts of the nearest enclosing unit, told by
/// structure, else the closest address by spelling.
pub(super) fn closest_unit(
    instrument: &Instrument,
    units: &[crate::parse::Unit],
    address: &str,
) -> String {
    let mut prefix = address;
    while let Some(cut) = prefix.rfind(['(', '[']) {
        prefix = &prefix[..cut];
        let Some(u) = instrument.find(prefix) else {
            continue;
        };
        let parts: Vec<&str> = units
            .iter()
            .filter(|c| c.parent == Some(u))
            .map(|c| {
                c.address
                    .strip_prefix(&units[u].address)
                    .unwrap_or(&c.address)
            })
            .collect();
        return match parts.as_slice() {
            [] => format!(
                "`{}/{}` exists but has no parts",
                instrument.id, units[u].address
            ),
            [one] => format!(
                "`{}/{}` has one part, {one}",
                instrument.id, units[u].address
            ),
            [first, .., last] => format!(
                "`{}/{}` has {} parts, {first} to {last}",
                instrument.id,
                units[u].address,
                parts.len()
            ),
        };
    }
    match closest(address, instrument.units.keys().map(String::as_str)) {
        Some(c) => format!("the closest unit is `{}/{c}`", instrument.id),
        None => format!("`{}` has no units yet", instrument.id),
    }
}

/// The words of the link starting at event `start`.
fn link_text(events: &[SpannedNode], start: usize) -> String {
    let mut text = String::new();
    for (node, _) in &events[start + 1..] {
        match node {
            Node::End(end) if end.is_link() => break,
            Node::Md(Event::End(TagEnd::Link)) => break,
            Node::Md(Event::Text(t) | Event::Code(t)) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// About a sentence of context around `range`.
fn snippet(text: &str, range: std::ops::Range<usize>) -> String {
    const CONTEXT: usize = 90;
    let mut start = range.start.saturating_sub(CONTEXT);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + CONTEXT).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    // Cut at word boundaries: from the first word that starts in the window
    // to the last that ends in it.
    if start > 0 {
        start = text[start..range.start]
            .find(char::is_whitespace)
            .map_or(range.start, |s| start + s);
    }
    if end < text.len() {
        end = text[range.end..end]
            .rfind(char::is_whitespace)
            .map_or(range.end, |e| range.end + e);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod snippet_tests {
    #[test]
    fn snippets_are_cut_at_word_boundaries() {
        let text = format!(
            "{} Article 5 applies {}",
            "word ".repeat(40),
            "more ".repeat(40)
        );
        let at = text.find("Article 5").unwrap();
        let s = super::snippet(&text, at..at + 9);
        assert!(s.starts_with("…word "), "{s}");
        assert!(s.ends_with(" more…"), "{s}");
        assert!(!s.contains(" wor…") && !s.contains("…ord"), "{s}");
    }
}

/// The candidate nearest to `wanted` by edit distance, if reasonably near.
pub(super) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, c)| *d <= wanted.len().max(c.len()) / 2 + 1)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_misses_only() {
        assert_eq!(
            closest("un-chartr", ["un-charter", "udhr"].into_iter()),
            Some("un-charter")
        );
        assert_eq!(
            closest("1(3)", ["1(2)", "103", "55(c)"].into_iter()),
            Some("1(2)")
        );
        assert_eq!(closest("zzzzzzzz", ["a"].into_iter()), None);
    }
}
