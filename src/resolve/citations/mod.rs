//! Citations of instruments: explicit `art:` links and the citations the
//! grammar in `cite` finds in running text, resolved to units, with the
//! "Cited in" list of every unit.
//!
//! `instruments.rs` is the registry: the edition's instruments, their units
//! and the name tables every walk reads; `walk.rs` walks one page and
//! resolves what it cites, `ranges.rs` putting each range's members in the
//! instrument's order; this file joins the pages' walks into the
//! edition's [`Citations`].

mod instruments;
mod ranges;
mod walk;

pub use instruments::Instrument;
use instruments::instruments;
pub(super) use instruments::{Cited, closest_unit, meant_id, names_of};
pub(super) use walk::PageCitations;
use walk::WalkInput;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diag::{Diagnostic, SourceMap};
use crate::memo::Memo;
use crate::resolve::cite::Attribution;
use crate::resolve::memo;
use crate::resolve::{InstrumentId, NoteNumber, Page, PageId, Target, UnitId};

/// One place in the edition that cites a unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    /// The citing page.
    pub page: PageId,
    /// The id of the citation on that page.
    pub anchor: String,
    pub instrument: InstrumentId,
    pub unit: UnitId,
    /// The words cited, as written.
    pub text: String,
    /// The sentence around them, with the author's emphasis.
    pub snippet: Vec<crate::resolve::Piece>,
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
    by_unit: HashMap<(InstrumentId, UnitId), Vec<usize>>,
}

impl Citations {
    /// Citations of the unit `unit` of instrument `instrument`, in reading order.
    pub fn of_unit(
        &self,
        instrument: InstrumentId,
        unit: UnitId,
    ) -> impl Iterator<Item = &Citation> {
        self.by_unit
            .get(&(instrument, unit))
            .into_iter()
            .flatten()
            .map(|&i| &self.list[i])
    }

    /// Citations made on page `page`, in reading order.
    pub fn on_page(&self, page: PageId) -> impl Iterator<Item = &Citation> {
        self.by_page
            .get(page.0)
            .into_iter()
            .flatten()
            .map(|&i| &self.list[i])
    }

    /// Builds the lookups once every citation is in the list.
    pub fn index(&mut self, pages: usize) {
        self.by_page = vec![Vec::new(); pages];
        self.by_unit = HashMap::new();
        for (i, c) in self.list.iter().enumerate() {
            self.by_page[c.page.0].push(i);
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
    claimed: &[std::collections::BTreeMap<usize, Vec<std::ops::Range<usize>>>],
    external: &[crate::config::External],
    mdbook: bool,
    map: &SourceMap,
    kept: &mut Memo<PageCitations>,
    diags: &mut Vec<Diagnostic>,
) -> (Citations, Vec<Vec<(usize, Target)>>) {
    let instruments = instruments(pages, map, diags);
    let cited = kept.keyed(Cited::new(&instruments, pages, external, mdbook));
    // Pages are walked in parallel, each into its own lists; joining them in
    // reading order keeps citations, anchors and diagnostics deterministic.
    let old = &*kept;
    let walked: Vec<(crate::memo::Key, PageCitations)> = pages
        .par_iter()
        .enumerate()
        .map(|(p, page)| {
            let _on = crate::panic::processing(map.name(page.doc.file));
            let claimed = &claimed[p];
            old.run(
                &page.doc.path,
                &WalkInput::new(&cited, p, page, claimed, map),
            )
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
