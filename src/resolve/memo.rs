//! Per-page results of resolve's scans kept between builds (by `serve`), so
//! that a save re-scans only the pages whose inputs changed.
//!
//! The citation walk and the cross-reference scan of a page are each a
//! [`crate::memo::Step`] whose input holds the page (its document, path and
//! position, and for the walk the note and paragraph numbers already
//! decided) and the edition-wide inputs the scan reads, hashed once per
//! build: for the walk, the instruments, their pages and names
//! (`citations::Cited`); for the cross-reference scan, the places notes,
//! annexes and headings are and the abbreviations (`xrefs::Places`,
//! `xrefs::Abbreviations`).

use super::Page;
use super::cases::PageCases;
use super::citations::PageCitations;
use super::xrefs::Inlines;
use crate::memo::Memo;

/// What resolve keeps from one build for the next.
#[derive(Default)]
pub struct Cache {
    pub(super) walks: Memo<PageCitations>,
    pub(super) xrefs: Memo<Inlines>,
    pub(super) cases: Memo<PageCases>,
    pub(super) works: super::works::Kept,
}

impl Cache {
    /// A cache that keeps nothing, for a one-off build: no keys are
    /// computed and no results copied.
    pub fn off() -> Cache {
        Cache {
            walks: Memo::off(),
            xrefs: Memo::off(),
            cases: Memo::off(),
            works: Default::default(),
        }
    }

    /// A cache that runs every step again whose result it reuses and panics
    /// when the two differ (see [`crate::memo::VERIFY_VAR`]).
    pub fn verifying() -> Cache {
        Cache {
            walks: Memo::verifying(),
            xrefs: Memo::verifying(),
            cases: Memo::verifying(),
            works: Default::default(),
        }
    }

    /// Forgets every result, keeping whether results are kept and verified.
    pub fn clear(&mut self) {
        self.walks.clear();
        self.xrefs.clear();
        self.cases.clear();
        self.works = Default::default();
    }
}

/// The pages' paths, which name their results in a memo.
pub(super) fn names(pages: &[Page]) -> impl Iterator<Item = String> + '_ {
    pages.iter().map(|p| p.doc.path.clone())
}
