//! Per-page results of resolve's scans kept between builds (by `serve`), so
//! that a save re-scans only the pages whose inputs changed.
//!
//! The citation walk and the cross-reference scan of a page are pure
//! functions of the page (its text, path, position and the note and
//! paragraph numbers already decided) and of a few edition-wide inputs (the
//! instruments and their names; the places notes, annexes and headings are;
//! the abbreviations). Each scan hashes all of them into a key; a page whose
//! key is unchanged takes the last result (see [`crate::memo`]).

use std::hash::Hash;

use super::Page;
use super::citations::Walked;
use super::xrefs::Found;
use crate::memo::{Key, KeyHasher, Memo};

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

/// The key of a scan of `pages[index]` within an edition whose inputs to the
/// scan hash to `edition`: what the page is, where, what resolve had decided
/// for it when the scan ran, and whatever `extra` the scan also reads. Zero,
/// uncomputed, when `memo` keeps nothing.
pub(super) fn page_key<T: Clone + PartialEq>(
    memo: &Memo<T>,
    edition: Key,
    pages: &[Page],
    index: usize,
    extra: impl Hash,
) -> Key {
    if !memo.is_on() {
        return 0;
    }
    let page = &pages[index];
    let mut h = KeyHasher::new();
    (edition, index, page.doc.fingerprint, page.doc.file, extra).hash(&mut h);
    (&page.output, &page.targets).hash(&mut h);
    h.key()
}

/// The pages' paths, which name their results in a memo.
pub(super) fn names(pages: &[Page]) -> impl Iterator<Item = String> + '_ {
    pages.iter().map(|p| p.doc.path.clone())
}

/// A hasher for the edition-wide inputs of a scan, starting with the list
/// of pages (links between pages are relative). Each scan adds what else it
/// reads beyond the page itself; never every page's text, or one edit
/// anywhere would change every key.
pub(super) fn edition_hasher(pages: &[Page]) -> KeyHasher {
    let mut h = KeyHasher::new();
    for page in pages {
        (&page.doc.path, &page.output).hash(&mut h);
    }
    h
}
