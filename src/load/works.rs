//! Takes the bibliography and the edition's own CSL style out of the files
//! copied as they are: they are data that resolve reads, not pages, and a
//! Zotero export published beside the site would leak whatever the library
//! holds beyond the works cited.

use super::{Sources, WorksFiles, text};
use crate::config::Style;
use crate::diag::{Diagnostic, FileId, SourceMap, Span};

/// Reads the files `[glossator] bibliography` and `citation-style` name
/// (already read from the content folder, with its confinement); a missing
/// file is an error at its key in book.toml.
pub(super) fn read(
    sources: &mut Sources,
    src_name: &str,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(works) = sources.config.works.clone() else {
        return;
    };
    let style = match &works.style {
        Style::File(path) => take(
            sources,
            path,
            &works.style_at,
            "citation style",
            src_name,
            map,
            diags,
        ),
        Style::Named(_) => None,
    };
    let Some(bibliography) = take(
        sources,
        &works.file,
        &works.file_at,
        "bibliography",
        src_name,
        map,
        diags,
    ) else {
        return;
    };
    if matches!(works.style, Style::File(_)) && style.is_none() {
        return;
    }
    sources.works = Some(WorksFiles {
        bibliography,
        style,
    });
}

/// Takes `rel` out of the assets and registers its text as `src/rel`.
fn take(
    sources: &mut Sources,
    rel: &str,
    at: &Span,
    what: &str,
    src_name: &str,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let shown = match src_name.is_empty() {
        true => rel.to_string(),
        false => format!("{src_name}/{rel}"),
    };
    let Some(bytes) = sources.assets.remove(rel) else {
        let folder = match src_name.is_empty() {
            true => "the content folder".to_string(),
            false => format!("`{src_name}`"),
        };
        diags.push(
            Diagnostic::error(format!("the {what} `{shown}` does not exist"), at.clone())
                .with_help(format!("put the file in {folder}, or correct its path here (it is relative to {folder})")),
        );
        return None;
    };
    match text::decode(bytes) {
        Ok(text) => Some(map.add(shown, text)),
        Err(bad) => {
            diags.push(bad.diagnostic(&shown, map));
            None
        }
    }
}
