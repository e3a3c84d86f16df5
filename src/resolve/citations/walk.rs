//! The citation walk of one page: its `art:` links and the citations the
//! grammar finds in its prose, each resolved to a unit of an instrument (or
//! left as text, with a warning, when glossator cannot be sure), with the
//! page's place in every "Cited in" list.

use super::instruments::{Cited, closest, closest_unit};
use super::{Citation, ExternalCitation};
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::hash::Hash;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diag::{Diagnostic, Source, SourceMap, Span};
use crate::memo::{Keyed, Step};
use crate::parse::{Cursor, Ext, Node, SpannedNode};
use crate::resolve::cite::{self, Attribution, Context};
use crate::resolve::target::{CiteLink, Dest, Inline, InlineKind};
use crate::resolve::{InstrumentId, NoteNumber, Page, PageId, Piece, Target, UnitId};

/// Everything the citation walk of one page reads, and so its key.
#[derive(Hash)]
pub(super) struct WalkInput<'a> {
    cited: &'a Keyed<Cited<'a>>,
    /// The page's index, which citations and instruments name it by.
    p: usize,
    /// The page's document, where it is written, and what resolve has
    /// decided for it so far (its note and paragraph numbers).
    doc: &'a crate::parse::Document,
    output: &'a str,
    targets: &'a BTreeMap<usize, Target>,
    /// The words of each text event that cite a case (its pinpoint
    /// `paragraph 74` among them), which are no provision's citation.
    claimed: &'a BTreeMap<usize, Vec<std::ops::Range<usize>>>,
    /// The page's file, whose text and lines diagnostics and citations'
    /// `location` quote (for an expanded chapter, maybe an included file).
    source: Source<'a>,
}

impl<'a> WalkInput<'a> {
    pub(super) fn new(
        cited: &'a Keyed<Cited<'a>>,
        p: usize,
        page: &'a Page,
        claimed: &'a BTreeMap<usize, Vec<std::ops::Range<usize>>>,
        map: &'a SourceMap,
    ) -> Self {
        WalkInput {
            cited,
            p,
            doc: &page.doc,
            output: &page.output,
            targets: &page.targets,
            claimed,
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
        let own = cited
            .instruments
            .iter()
            .position(|ins| ins.page == PageId(self.p));
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
                    let help = match cited.meant_id(id) {
                        Some(c) => {
                            format!("did you mean `{c}`? (`instrument` takes an instrument's id)")
                        }
                        None => format!(
                            "the edition's instruments are {}",
                            ids()
                                .map(|i| format!("`{i}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    let diag =
                        match crate::resolve::front_matter_key(self.source.text(), "instrument") {
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

/// The citations of one page, as its walk found them: the list, the
/// citations of declared instruments, the page's targets and diagnostics.
#[derive(Default, Clone, PartialEq)]
pub(in crate::resolve) struct PageCitations {
    pub(super) list: Vec<Citation>,
    pub(super) external: Vec<ExternalCitation>,
    pub(super) targets: Vec<(usize, Target)>,
    pub(super) diags: Vec<Diagnostic>,
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
            let at = crate::resolve::front_matter_key(text, &format!("\"{name}\""))
                .or_else(|| crate::resolve::front_matter_key(text, "means"));
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
                let help = match self.cited.meant_id(id) {
                    Some(c) => format!("did you mean `{c}`? (an instrument's id)"),
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
        let found = cite::scan(&joined, &self.cited.aliases, context);
        // A range cites what the instrument has between its ends.
        let cited = self.cited;
        let mut found = super::ranges::in_order(found, |i| {
            let ins = cited.instruments.get(i)?;
            Some((ins, cited.pages.get(i)?.doc.units.as_slice()))
        });
        // What a case's citation covers is the case's.
        let cases: Vec<std::ops::Range<usize>> = pieces
            .iter()
            .flat_map(|&(event, offset)| {
                self.input
                    .claimed
                    .get(&event)
                    .into_iter()
                    .flatten()
                    .map(move |r| offset + r.start..offset + r.end)
            })
            .collect();
        if !cases.is_empty() {
            found.retain(|f| {
                !cases.iter().any(|c| {
                    // An empty reading (a range's member) inside counts too.
                    f.range.start < c.end && c.start < f.range.end.max(f.range.start + 1)
                })
            });
        }
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
        // The block's whole text, for the words around each citation: a
        // run stops at emphasis or a link, a quotation should not.
        let block = (!found.is_empty()).then(|| block_text(events, first));
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
                        let snippet = match &block {
                            Some((text, at, marks)) => {
                                snippet(text, at + written.start..at + written.end, marks)
                            }
                            None => snippet(&joined, written.clone(), &[]),
                        };
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

    /// The name of one of the edition's instruments that `name` reads as a
    /// typo of, if any: an acronym with two letters swapped ("GPDR" for
    /// "GDPR"; "TEU" is no typo of "TFEU"), or a longer name one or two
    /// letters away with the same numbers ("Rome Statut"; "Protocol No. 4"
    /// is no typo of "Protocol No. 1").
    fn near_name(&self, name: &str) -> Option<String> {
        let bare = |s: &str| {
            let l = s.trim().to_lowercase();
            l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
        };
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        let wanted = bare(name);
        let acronym = name.chars().all(|c| c.is_ascii_uppercase()) && name.len() >= 3;
        let sorted = |s: &str| {
            let mut c: Vec<char> = s.chars().collect();
            c.sort_unstable();
            c
        };
        let typo = |n: &str| {
            let other = bare(n);
            let d = strsim::damerau_levenshtein(&wanted, &other);
            if d == 0 {
                return None;
            }
            let near = if acronym {
                d == 1 && other.len() == wanted.len() && sorted(&other) == sorted(&wanted)
            } else {
                wanted.chars().count() >= 7 && d <= 2 && digits(&other) == digits(&wanted)
            };
            near.then_some(d)
        };
        self.cited
            .pages
            .iter()
            .filter_map(|p| p.doc.instrument.as_ref())
            .flat_map(|m| m.aliases.iter().chain(m.short.iter()).chain(m.title.iter()))
            .filter_map(|n| Some((typo(n)?, n.clone())))
            .min()
            .map(|(_, n)| n)
    }

    fn auto(
        &mut self,
        f: &cite::Reading,
        words: &str,
        named: Option<&str>,
        snippet: Vec<Piece>,
        span: Span,
        note: Option<NoteNumber>,
    ) -> Option<CiteLink> {
        let Some(ins) = f.instrument else {
            if let (Attribution::Elsewhere, Some(name)) = (f.how, named) {
                // "Article 83 GPDR": a typo of one of the edition's names is
                // said aloud, not left quietly unlinked.
                if let Some(near) = self.near_name(name) {
                    self.out.diags.push(
                        Diagnostic::warning(
                            format!("`{words}` is followed by `{name}`, which is none of the edition's instruments: left as text"),
                            span,
                        )
                        .with_help(format!("did you mean `{near}`? Otherwise declare `{name}` in book.toml (`[[glossator.external]]` with `names = [\"{name}\"]`)")),
                    );
                    return None;
                }
                self.out.diags.push(
                    Diagnostic::note(
                        format!("`{words}` is followed by `{name}`, which is none of the edition's instruments: left as text"),
                        span,
                    )
                    .with_help(format!("if `{name}` is an instrument, declare it in book.toml (`[[glossator.external]]` with `names = [\"{name}\"]`) to link and count its citations")),
                );
                return None;
            }
            if let (Attribution::AfterElsewhere, Some(name)) = (f.how, named) {
                let default = self.input.doc.front.instrument.clone();
                let example = match &default {
                    Some(id) => format!(" or [{words}](art:{id}/…)"),
                    None => String::new(),
                };
                self.out.diags.push(
                    Diagnostic::warning(
                        format!("citation `{words}` comes after `{name}` in its sentence, which is none of the edition's instruments; it may be that one's, so it is not linked"),
                        span,
                    )
                    .with_help(format!("name its instrument (\"{words} of the …\"), or write the link yourself{example}; if it is `{name}`'s, write [{words}](nocite:)"))
                    .strict(),
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
        let instrument = &self.cited.instruments[ins];
        let found = instrument.find(&f.address);
        if found.is_none()
            && let Some(unit) = instrument.enclosing(&f.address)
        {
            let id = &instrument.id;
            let held = &self.cited.pages[ins].doc.units[unit].address;
            self.out.diags.push(
                Diagnostic::warning(
                    format!(
                        "citation `{words}`: `{id}/{}` is not in the edition; linked to `{id}/{held}`, which holds it",
                        f.address
                    ),
                    span.clone(),
                )
                .with_help(format!("{}; or write the link yourself, e.g. [{words}](art:{id}/{held})", self.closest_help(ins, &f.address)))
                .strict(),
            );
            return Some(self.record(ins, unit, words, snippet, span, note, f.how));
        }
        let Some(unit) = found else {
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
            vec![Piece {
                text: words.to_string(),
                ..Piece::default()
            }],
            span,
            note,
            Attribution::Explicit,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        ins: usize,
        unit: UnitId,
        words: &str,
        snippet: Vec<Piece>,
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
            page: PageId(self.input.p),
            anchor: anchor.clone(),
            instrument: InstrumentId(ins),
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

/// The author's emphasis over a range of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Italic,
    Bold,
}

/// The text of the block event `at` stands in (its paragraph, list item,
/// heading, table cell or note), inline markup read through and breaks as
/// spaces, where event `at`'s text starts in it, and where the author's
/// emphasis lies in it. Only for runs that cite something, so a page
/// without citations never builds it.
fn block_text(
    events: &[SpannedNode],
    at: usize,
) -> (String, usize, Vec<(std::ops::Range<usize>, Mark)>) {
    let opens_block = |node: &Node| {
        matches!(
            node,
            Node::Md(Event::Start(
                Tag::Paragraph
                    | Tag::Item
                    | Tag::Heading { .. }
                    | Tag::TableCell
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionListDefinition
                    | Tag::DefinitionListTitle
                    | Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::CodeBlock(_)
            ))
        )
    };
    let closes_block = |node: &Node| {
        matches!(
            node,
            Node::Md(Event::End(
                TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::Heading(_)
                    | TagEnd::TableCell
                    | TagEnd::FootnoteDefinition
                    | TagEnd::DefinitionListDefinition
                    | TagEnd::DefinitionListTitle
                    | TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::CodeBlock
            ))
        )
    };
    let start = events[..at]
        .iter()
        .rposition(|(n, _)| opens_block(n) || closes_block(n))
        .map_or(0, |p| p + 1);
    let mut text = String::new();
    let mut offset = 0;
    let mut marks = Vec::new();
    let mut open: Vec<(usize, Mark)> = Vec::new();
    for (k, (node, _)) in events.iter().enumerate().skip(start) {
        if k == at {
            offset = text.len();
        }
        if k > at && (opens_block(node) || closes_block(node)) {
            break;
        }
        match node {
            Node::Md(Event::Text(t) | Event::Code(t)) => text.push_str(t),
            Node::Md(Event::SoftBreak | Event::HardBreak) => text.push(' '),
            Node::Md(Event::Start(Tag::Emphasis)) => open.push((text.len(), Mark::Italic)),
            Node::Md(Event::Start(Tag::Strong)) => open.push((text.len(), Mark::Bold)),
            Node::Md(Event::End(TagEnd::Emphasis | TagEnd::Strong)) => {
                if let Some((from, mark)) = open.pop() {
                    marks.push((from..text.len(), mark));
                }
            }
            _ => {}
        }
    }
    // Emphasis still open where the text is cut runs to its end.
    marks.extend(
        open.into_iter()
            .map(|(from, mark)| (from..text.len(), mark)),
    );
    (text, offset, marks)
}

/// About a sentence of context around `range`, with the author's emphasis
/// (`marks`) kept.
fn snippet(
    text: &str,
    range: std::ops::Range<usize>,
    marks: &[(std::ops::Range<usize>, Mark)],
) -> Vec<Piece> {
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
    // Within that, the sentence: from the end of the one before, to its
    // own end.
    let mut whole_before = start == 0;
    let ends: Vec<usize> = sentence_ends(&text[start..end])
        .into_iter()
        .map(|e| start + e)
        .collect();
    if let Some(&s) = ends.iter().rfind(|&&e| e <= range.start) {
        start = s;
        whole_before = true;
    }
    if let Some(&e) = ends.iter().find(|&&e| e >= range.end) {
        end = e;
    }
    let whole_after = end == text.len() || text[..end].trim_end().ends_with(['.', '?', '!']);
    let from = start + (text[start..end].len() - text[start..end].trim_start().len());
    let to = from + text[from..end].trim_end().len();
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |words: &str, italic: bool, bold: bool| match out.last_mut() {
        Some(last) if last.italic == italic && last.bold == bold => last.text.push_str(words),
        _ if words.is_empty() => {}
        _ => out.push(Piece {
            text: words.to_string(),
            italic,
            bold,
            ..Piece::default()
        }),
    };
    if !whole_before {
        push("…", false, false);
    }
    // Cut where any emphasis starts or ends within the words.
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|(r, _)| [r.start, r.end])
        .filter(|&c| c > from && c < to && text.is_char_boundary(c))
        .chain([from, to])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let has = |m: Mark| {
            marks
                .iter()
                .any(|(r, k)| *k == m && r.start <= a && b <= r.end)
        };
        push(&text[a..b], has(Mark::Italic), has(Mark::Bold));
    }
    if !whole_after {
        push("…", false, false);
    }
    out
}

/// Where sentences end in `text`: after ". ", "? " or "! " before a
/// capital or a quotation mark, unless the word before the stop is an
/// abbreviation ("Art. 5", "No. 1", "v. Turkey", "cf. Article").
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, stop) in text.match_indices(['.', '?', '!']) {
        // "…small.” Article 1(3)": a closing quotation mark may follow.
        let after = &text[at + 1..];
        let quote = after.chars().next().filter(|c| "”\"’'".contains(*c));
        let after = &after[quote.map_or(0, char::len_utf8)..];
        let Some(next) = after.strip_prefix(' ') else {
            continue;
        };
        let quoted = quote.map_or(0, char::len_utf8);
        if !next.starts_with(|c: char| c.is_uppercase() || "“\"‘'(".contains(c)) {
            continue;
        }
        let word = text[..at]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        const SHORT: &[&str] = &[
            "v", "cf", "art", "arts", "no", "nos", "para", "paras", "p", "pp", "ch", "s", "ss",
            "vol", "ed", "eds", "n", "nn", "op", "cit", "ibid", "al", "seq", "sec", "rec",
        ];
        let bare = word.trim_start_matches(['(', '“', '"']);
        let capitalised_short =
            bare.chars().count() <= 3 && bare.starts_with(|c: char| c.is_uppercase());
        let abbreviation = stop == "."
            && (bare.contains('.')
                || capitalised_short
                || SHORT.contains(&bare.to_lowercase().as_str()));
        if !abbreviation {
            out.push(at + quoted + 2);
        }
    }
    out
}

#[cfg(test)]
mod snippet_tests {
    use super::Mark;

    /// A snippet's words without their emphasis.
    fn snippet(text: &str, range: std::ops::Range<usize>) -> String {
        super::snippet(text, range, &[])
            .iter()
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn a_snippet_keeps_the_authors_emphasis() {
        let text = "The UN's human rights aquis, as Article 1(3) has it.";
        let aquis = text.find("aquis").unwrap();
        let at = text.find("Article").unwrap();
        let got = super::snippet(text, at..at + 12, &[(aquis..aquis + 5, Mark::Italic)]);
        let parts: Vec<(&str, bool)> = got.iter().map(|p| (p.text.as_str(), p.italic)).collect();
        assert_eq!(
            parts,
            [
                ("The UN's human rights ", false),
                ("aquis", true),
                (", as Article 1(3) has it.", false)
            ]
        );
    }

    #[test]
    fn snippets_are_cut_at_word_boundaries() {
        let text = format!(
            "{} Article 5 applies {}",
            "word ".repeat(40),
            "more ".repeat(40)
        );
        let at = text.find("Article 5").unwrap();
        let s = snippet(&text, at..at + 9);
        assert!(s.starts_with("…word "), "{s}");
        assert!(s.ends_with(" more…"), "{s}");
        assert!(!s.contains(" wor…") && !s.contains("…ord"), "{s}");
    }

    #[test]
    fn snippets_are_the_sentence_when_it_fits() {
        let text = "The Court held so. In Loizidou v. Turkey, Art. 5 applies to No. 1 as written. Then more follows here.";
        let at = text.find("Art. 5").unwrap();
        assert_eq!(
            snippet(text, at..at + 6),
            "In Loizidou v. Turkey, Art. 5 applies to No. 1 as written."
        );
        let text = "It says “small.” Article 5 applies. Then more.";
        let at = text.find("Article 5").unwrap();
        assert_eq!(snippet(text, at..at + 9), "Article 5 applies.");
    }
}
