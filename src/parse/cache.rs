//! Parsed documents kept between builds (by `serve`), so that a save
//! re-parses only the files whose text changed.
//!
//! Parsing is a pure function of the path, the file id and the text, so a
//! document whose three are unchanged is the same document: it is reused with
//! the diagnostics its parse produced.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Document, fingerprint, parse};
use crate::diag::{Diagnostic, FileId, SourceMap};

/// The last build's parse of every file, by path.
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, Parsed>,
}

struct Parsed {
    doc: Arc<Document>,
    diags: Vec<Diagnostic>,
}

impl Cache {
    /// Parses `files` (path → file in `map`) in parallel, reusing what the
    /// cache holds for unchanged files and keeping only this build's files.
    /// Documents come back in the order of `files`, with their diagnostics.
    pub fn parse<'a>(
        &mut self,
        files: impl IntoParallelIterator<Item = (&'a String, &'a FileId)>,
        map: &SourceMap,
    ) -> Vec<(Arc<Document>, Vec<Diagnostic>)> {
        let old = &self.files;
        let parsed: Vec<(Arc<Document>, Vec<Diagnostic>)> = files
            .into_par_iter()
            .map(|(path, &file)| {
                let text = map.text(file);
                if let Some(hit) = old
                    .get(path)
                    .filter(|p| p.doc.file == file && p.doc.fingerprint == fingerprint(path, text))
                {
                    return (Arc::clone(&hit.doc), hit.diags.clone());
                }
                let mut diags = Vec::new();
                let doc = parse(path, file, text, &mut diags);
                (Arc::new(doc), diags)
            })
            .collect();
        self.files = parsed
            .iter()
            .map(|(doc, diags)| {
                let entry = Parsed {
                    doc: Arc::clone(doc),
                    diags: diags.clone(),
                };
                (doc.path.clone(), entry)
            })
            .collect();
        parsed
    }
}
