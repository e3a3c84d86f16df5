//! Parsing every file of the edition, reusing the documents of files whose
//! text is unchanged since the build a [`Cache`] kept (by `serve`).
//!
//! Parsing is a pure function of the path, the file id and the text, so a
//! document whose three are unchanged is the same document: it is reused with
//! the diagnostics its parse produced.

use std::hash::Hash;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Dialect, Document, fingerprint, parse_with};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::memo::{KeyHasher, Memo};

/// A parsed file and what its parse reported.
pub type Parsed = (Arc<Document>, Vec<Diagnostic>);

/// The last build's parse of every file, by path.
pub type Cache = Memo<Parsed>;

/// Parses `files` (path → file in `map`) in parallel, in their order;
/// read in `dialect`.
pub fn parse_all<'a>(
    files: impl IntoParallelIterator<Item = (&'a String, &'a FileId)>,
    map: &SourceMap,
    dialect: Dialect,
    cache: &mut Cache,
) -> Vec<Parsed> {
    let old = &*cache;
    let parsed: Vec<(crate::memo::Key, Parsed)> = files
        .into_par_iter()
        .map(|(path, &file)| {
            let _on = crate::panic::processing(map.name(file));
            let text = map.text(file);
            let mut h = KeyHasher::new();
            (file, fingerprint(path, text, dialect)).hash(&mut h);
            let key = h.key();
            if let Some(hit) = old.get(path, key) {
                return (key, hit);
            }
            let mut diags = Vec::new();
            let doc = parse_with(path, file, text, dialect, &mut diags);
            (key, (Arc::new(doc), diags))
        })
        .collect();
    let paths: Vec<String> = parsed.iter().map(|(_, (d, _))| d.path.clone()).collect();
    cache.keep(paths.into_iter(), parsed)
}
