//! Rendered pages kept between builds (by `serve`), so that a save
//! re-renders only the pages whose output can have changed.
//!
//! A page's output is a pure function of what [`page_key`] hashes: the
//! edition-wide inputs (configuration, templates, the list of pages), the
//! page's document and everything resolve decided for it (note and
//! paragraph numbers, link and citation targets, its clause panel), its
//! neighbours' titles, the "Cited in" marks of an instrument page and the
//! previews of the units a chapter cites. A page whose key is unchanged is
//! not rendered again (see [`crate::memo`]).

use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::Pieces;
use super::instrument::Marks;
use crate::diag::SourceMap;
use crate::memo::{Key, KeyHasher, Memo};
use crate::resolve::Edition;

/// The last build's pages, by output path, under their keys.
pub type Cache = Memo<Arc<Pieces>>;

/// A hash of what every page's rendering reads from the edition as a whole.
pub(super) fn edition_key(edition: &Edition, map: &SourceMap, single_file: bool) -> Key {
    let mut h = KeyHasher::new();
    (super::GENERATOR, single_file).hash(&mut h);
    debug_hash(&mut h, &edition.config);
    for (name, &file) in &edition.templates {
        (name, map.text(file)).hash(&mut h);
    }
    // The print edition turns links between its pages into anchors.
    for page in &edition.pages {
        (&page.output, page.doc.instrument.is_some()).hash(&mut h);
    }
    h.key()
}

/// A hash of everything the rendering of page `index` reads.
pub(super) fn page_key(
    edition_key: Key,
    edition: &Edition,
    index: usize,
    marks: &Marks,
    previews: &str,
) -> Key {
    let page = &edition.pages[index];
    let mut h = KeyHasher::new();
    (edition_key, index, page.doc.fingerprint).hash(&mut h);
    (&page.output, &page.title, &page.html_title, &page.number).hash(&mut h);
    for neighbour in [page.prev, page.next] {
        neighbour
            .map(|n| (&edition.pages[n].title, &edition.pages[n].output))
            .hash(&mut h);
    }
    (&page.targets, &page.clause, marks, previews).hash(&mut h);
    h.key()
}

/// Feeds the `Debug` form of `value` to `h` without building the string,
/// for the configuration, whose many types need not all be `Hash`.
fn debug_hash(h: &mut KeyHasher, value: &impl fmt::Debug) {
    struct Feed<'a>(&'a mut KeyHasher);
    impl fmt::Write for Feed<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let _ = write!(Feed(h), "{value:?}");
}
