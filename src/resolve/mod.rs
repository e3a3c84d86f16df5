//! Stage 3, resolve: the whole edition at once.
//!
//! Decides what every reference means: which file each summary entry is,
//! where each page is written, what each link points to, which number each
//! footnote has. **Invariant:** render never decides what a reference means;
//! it looks up the [`Target`]s decided here.

pub mod cases;
pub mod citations;
pub mod cite;
pub mod comparisons;
mod links;
mod memo;
mod notes;
mod pages;
mod paragraphs;
pub mod redirects;
mod target;
pub mod works;
mod xrefs;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::Sources;
use crate::parse::Document;
pub use cases::{Case, CaseCitation, CaseId, Cases};
pub use citations::{Citation, Citations, Instrument};
pub use links::join;
pub use memo::Cache;
pub use notes::NoteNumber;
pub use pages::{BIBLIOGRAPHY, CASE_TABLE, COMPARISON_INDEX, INSTRUMENT_INDEX, NavEntry, NavKind};
pub use target::{
    CaseLink, CiteLink, Dest, Inline, InlineKind, InstrumentId, PageId, PageRef, Piece, Target,
    UnitId, WorkCite, WorkLink,
};
pub use works::{Work, WorkCitation, Works};

/// The resolved edition: pages in reading order, navigation, and the
/// meaning of every reference.
#[derive(Debug)]
pub struct Edition {
    /// The checked configuration.
    pub config: Config,
    /// Pages in reading order (chapters, then instruments).
    pub pages: Vec<Page>,
    /// The table of contents, in order, with depths.
    pub nav: Vec<NavEntry>,
    /// Files copied as they are, by output path.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The edition's theme overrides.
    pub theme: BTreeMap<String, Vec<u8>>,
    /// The edition's template overrides (source-map files).
    pub templates: BTreeMap<String, crate::diag::FileId>,
    /// Instruments and every citation of their units.
    pub citations: Citations,
    /// The declared cases and every citation of them.
    pub cases: Cases,
    /// The works cited and every citation of them.
    pub works: Works,
    /// Every comparison, in reading order.
    pub comparisons: Vec<comparisons::ComparisonEntry>,
    /// Count of footnote references, for the build summary.
    pub note_count: usize,
    /// `[output.html.redirect]`, checked.
    pub redirects: redirects::Redirects,
    /// The book's own page for missing addresses (mdBook's `404.md`), when
    /// it has one: not in the reading order, the contents or the search.
    pub not_found: Option<Page>,
}

/// One page of the edition. It hashes as everything it holds (its document
/// as what that was made of), for the keys of the steps that read it.
#[derive(Debug, Hash)]
pub struct Page {
    /// The parsed Markdown (shared with `serve`'s parse cache).
    pub doc: Arc<Document>,
    /// Output path relative to the site root, with `/`.
    pub output: String,
    /// The page title.
    pub title: String,
    /// The whole `<title>`, when the chapter sets it with mdBook's
    /// `{{#title}}` (otherwise the page title and the edition's).
    pub html_title: Option<String>,
    /// "1.2." for numbered chapters.
    pub number: Option<String>,
    /// Neighbours in reading order.
    pub prev: Option<usize>,
    /// Neighbours in reading order.
    pub next: Option<usize>,
    /// What each reference event means, by event index.
    pub targets: BTreeMap<usize, Target>,
    /// The clause the chapter comments on, shown beside it.
    pub clause: Option<comparisons::Column>,
}

/// Resolves parsed documents against each other.
pub fn resolve(
    sources: Sources,
    docs: Vec<Arc<Document>>,
    map: &SourceMap,
    cache: &mut Cache,
    diags: &mut Vec<Diagnostic>,
) -> Edition {
    let mut docs: BTreeMap<String, Arc<Document>> =
        docs.into_iter().map(|d| (d.path.clone(), d)).collect();
    let plan = pages::plan(&sources, &mut docs, map, diags);
    let redirects = redirects::plan(
        &sources.config.html.redirect,
        &plan.outputs,
        &plan.pages,
        diags,
    );
    let mut pages = plan.pages;
    let mut not_found = plan.not_found;
    let per_chapter = sources.config.numbering == crate::config::Numbering::Chapter;
    let names = sources.config.mdbook;
    let note_count = notes::number(&mut pages, per_chapter, names, diags);
    if let Some(page) = not_found.as_mut() {
        // Its notes are its own, as every mdBook chapter's are.
        notes::number(std::slice::from_mut(page), true, names, diags);
    }
    if sources.config.paragraph_numbers {
        paragraphs::number(&mut pages, per_chapter);
    }
    let on = cache.walks.is_on();
    // Cases and works read the pages and nothing of each other: side by
    // side, so that the works' formatting (one thread, in the citation
    // processor) runs while the cases are scanned. Their diagnostics are
    // kept in that order.
    let (case_cache, work_cache) = (&mut cache.cases, &mut cache.works);
    let (((cases, case_marks), case_diags), ((works, work_marks), work_diags)) = rayon::join(
        || {
            let mut diags = Vec::new();
            let found = cases::resolve(&pages, &sources.cases, map, case_cache, &mut diags);
            (found, diags)
        },
        || {
            let mut diags = Vec::new();
            let found = works::resolve(
                &pages,
                sources.config.works.as_ref(),
                sources.works,
                map,
                (work_cache, on),
                &mut diags,
            );
            (found, diags)
        },
    );
    diags.extend(case_diags);
    diags.extend(work_diags);
    // The provision walk leaves alone the words of cases and of works.
    let mut claimed = case_marks.claimed;
    for (page, more) in claimed.iter_mut().zip(&work_marks.claimed) {
        for (event, ranges) in more {
            page.entry(*event)
                .or_default()
                .extend(ranges.iter().cloned());
        }
    }
    let (mut citations, cite_targets) = citations::resolve(
        &pages,
        &claimed,
        &sources.config.external,
        sources.config.mdbook,
        map,
        &mut cache.walks,
        diags,
    );
    let (compare_targets, comparisons) = comparisons::resolve(&pages, &mut citations, map, diags);
    citations.index(pages.len());
    let clauses = comparisons::clauses(&pages, &citations, map, diags);
    let mut nav = plan.nav;
    if !comparisons.is_empty() {
        let at = nav
            .iter()
            .position(|e| e.kind == NavKind::InstrumentIndex)
            .map_or(nav.len(), |i| i + 1);
        nav.insert(
            at,
            NavEntry {
                kind: NavKind::ComparisonIndex,
                depth: 0,
                title: sources.config.strings.all_comparisons.clone(),
                title_html: crate::i18n::html(&sources.config.strings.all_comparisons),
                number: None,
                page: None,
            },
        );
    }
    for (page, clause) in pages.iter_mut().zip(clauses) {
        page.clause = clause;
    }
    for (page, targets) in pages.iter_mut().zip(compare_targets) {
        page.targets.extend(targets);
    }
    for (page, targets) in pages.iter_mut().zip(cite_targets) {
        page.targets.extend(targets);
    }
    // After the provisions' marks, into the same text events: the walk left
    // alone the words these cover.
    for (page, marks) in pages.iter_mut().zip(case_marks.marks) {
        for (index, inline) in marks {
            target::add_inline(&mut page.targets, index, inline);
        }
    }
    for (page, (marks, links)) in pages
        .iter_mut()
        .zip(work_marks.marks.into_iter().zip(work_marks.links))
    {
        for (index, inline) in marks {
            target::add_inline(&mut page.targets, index, inline);
        }
        page.targets.extend(links);
    }
    if !cases.cases.is_empty() {
        nav.push(NavEntry {
            kind: NavKind::CaseTable,
            depth: 0,
            title: sources.config.strings.case_table.clone(),
            title_html: crate::i18n::html(&sources.config.strings.case_table),
            number: None,
            page: None,
        });
    }
    if !works.works.is_empty() {
        nav.push(NavEntry {
            kind: NavKind::Bibliography,
            depth: 0,
            title: sources.config.strings.bibliography.clone(),
            title_html: crate::i18n::html(&sources.config.strings.bibliography),
            number: None,
            page: None,
        });
    }
    xrefs::resolve(&mut pages, map, &mut cache.xrefs);
    let link_index = links::LinkIndex::new(
        &pages,
        not_found.as_ref(),
        &sources.assets,
        &sources.unreadable,
        sources.config.mdbook,
    );
    let link_targets: Vec<_> = pages
        .par_iter()
        .map(|p| {
            let mut found = Vec::new();
            let targets = links::resolve_links(p, &link_index, &mut found);
            (targets, found)
        })
        .collect();
    let not_found_targets = not_found
        .as_ref()
        .map(|page| links::resolve_links(page, &link_index, diags));
    drop(link_index);
    if let (Some(page), Some(targets)) = (not_found.as_mut(), not_found_targets) {
        page.targets.extend(targets);
    }
    for (page, (targets, found)) in pages.iter_mut().zip(link_targets) {
        page.targets.extend(targets);
        diags.extend(found);
    }
    Edition {
        config: sources.config,
        pages,
        nav,
        assets: sources.assets,
        theme: sources.theme,
        templates: sources.templates,
        citations,
        cases,
        works,
        comparisons,
        note_count,
        redirects,
        not_found,
    }
}

/// The line of front matter key `key` in a file's text, for diagnostics
/// about its value (only the front matter, between its `+++` lines, is
/// searched).
pub(super) fn front_matter_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            fences += 1;
            if fences == 2 {
                return None;
            }
        } else if fences == 1
            && let Some(rest) = line.trim_start().strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let lead = line.len() - line.trim_start().len();
            return Some(offset + lead..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}
