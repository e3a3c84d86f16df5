//! Parsing every file of the edition, reusing the documents of files whose
//! text is unchanged since the build a [`Cache`] kept (by `serve`).
//!
//! Parsing is a pure function of the path, the file id, the text and the
//! dialect, which are a [`ParseInput`]: a document whose four are unchanged
//! is the same document, reused with the diagnostics its parse produced.

use std::convert::Infallible;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Dialect, Document, parse_with};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::memo::{Memo, Step};

/// A parsed file and what its parse reported.
pub type Parsed = (Arc<Document>, Vec<Diagnostic>);

/// The last build's parse of every file, by path.
pub type Cache = Memo<Parsed>;

/// Everything the parse of one file reads, and so its key.
#[derive(Hash)]
struct ParseInput<'a> {
    path: &'a str,
    file: FileId,
    text: &'a str,
    dialect: Dialect,
}

impl Step for ParseInput<'_> {
    const NAME: &'static str = "parse";
    type Output = Parsed;
    type Error = Infallible;
    fn run(&self) -> Result<Parsed, Infallible> {
        let mut diags = Vec::new();
        let doc = parse_with(self.path, self.file, self.text, self.dialect, &mut diags);
        Ok((Arc::new(doc), diags))
    }
}

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
            let input = ParseInput {
                path,
                file,
                text: map.text(file),
                dialect,
            };
            old.run(path, &input)
        })
        .collect();
    let paths: Vec<String> = parsed.iter().map(|(_, (d, _))| d.path.clone()).collect();
    cache.keep(paths.into_iter(), parsed)
}
