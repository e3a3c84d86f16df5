//! `[[glossator.external]]`: instruments the edition cites without holding
//! them. An entry without a name could never be found in the text, so it is
//! an error where it is written, not an instrument silently ignored.

use super::External;
use crate::diag::{Diagnostic, FileId, Span};

/// The entries that have a name; an error for each one that has none, at
/// its `[[glossator.external]]` line.
pub(super) fn checked(
    raw: Vec<External>,
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<External> {
    let headers = crate::strict_toml::array_headers(text, "glossator.external");
    raw.into_iter()
        .enumerate()
        .filter_map(|(k, mut external)| {
            external.names.retain(|n| !n.trim().is_empty());
            if !external.names.is_empty() {
                return Some(external);
            }
            let span = headers
                .get(k)
                .map(|r| Span::new(file, r.clone()))
                .unwrap_or(Span::new(file, 0..0));
            let what = external
                .title
                .as_deref()
                .map_or(String::new(), |t| format!(" (\"{t}\")"));
            diags.push(
                Diagnostic::error(
                    format!("this external instrument{what} has no `names`, so no citation can find it"),
                    span,
                )
                .with_help(
                    "give the names the text uses for it, e.g. `names = [\"Charter of Fundamental Rights\", \"the EU Charter\"]`",
                ),
            );
            None
        })
        .collect()
}
