//! Per-page results of resolve's scans kept between builds (by `serve`), so
//! that a save re-scans only the pages whose inputs changed.
//!
//! The citation walk and the cross-reference scan of a page are pure
//! functions of the page (its text, path, position and the note and
//! paragraph numbers already decided) and of a few edition-wide inputs (the
//! instruments and their names; the places notes, annexes and headings are;
//! the abbreviations). Each scan hashes all of them into a key; a page whose
//! key is unchanged takes the last result. `tests/incremental.rs` compares
//! the cached rebuilds with fresh ones.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Page;
use super::citations::Walked;
use super::xrefs::Found;

/// What resolve keeps from one build for the next.
#[derive(Default)]
pub struct Cache {
    pub(super) walks: Memo<Walked>,
    pub(super) xrefs: Memo<Found>,
}

impl Cache {
    /// A cache that keeps nothing, for a one-off build: no keys are
    /// computed and no results copied.
    pub fn off() -> Cache {
        Cache {
            walks: Memo::off(),
            xrefs: Memo::off(),
        }
    }
}

/// One scan's results, by page path, under their keys.
pub(super) struct Memo<T> {
    entries: HashMap<String, (u64, T)>,
    on: bool,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            entries: HashMap::new(),
            on: true,
        }
    }
}

impl<T: Clone> Memo<T> {
    fn off() -> Memo<T> {
        Memo {
            entries: HashMap::new(),
            on: false,
        }
    }

    /// The key of a scan of `pages[index]` within an edition whose inputs
    /// to the scan hash to `edition`: what the page is, where, what resolve
    /// had decided for it when the scan ran, and whatever `extra` the scan
    /// also reads.
    pub(super) fn key(&self, edition: u64, pages: &[Page], index: usize, extra: impl Hash) -> u64 {
        if !self.on {
            return 0;
        }
        let page = &pages[index];
        let mut h = DefaultHasher::new();
        (edition, index, page.doc.fingerprint, page.doc.file, extra).hash(&mut h);
        (&page.output, &page.targets).hash(&mut h);
        h.finish()
    }

    /// The result for the page at `path` if it was computed under `key`.
    pub(super) fn get(&self, path: &str, key: u64) -> Option<T> {
        self.entries
            .get(path)
            .filter(|(k, _)| self.on && *k == key)
            .map(|(_, v)| v.clone())
    }

    /// Keeps this build's results, one per page (and only those), and
    /// hands them back.
    pub(super) fn keep(&mut self, pages: &[Page], results: Vec<(u64, T)>) -> Vec<T> {
        if !self.on {
            return results.into_iter().map(|(_, r)| r).collect();
        }
        let out = results.iter().map(|(_, r)| r.clone()).collect();
        self.entries = pages
            .iter()
            .map(|p| p.doc.path.clone())
            .zip(results)
            .collect();
        out
    }
}

/// A hasher for the edition-wide inputs of a scan, starting with the list
/// of pages (links between pages are relative). Each scan adds what else it
/// reads beyond the page itself; never every page's text, or one edit
/// anywhere would change every key.
pub(super) fn edition_hasher(pages: &[Page]) -> DefaultHasher {
    let mut h = DefaultHasher::new();
    for page in pages {
        (&page.doc.path, &page.output).hash(&mut h);
    }
    h
}
