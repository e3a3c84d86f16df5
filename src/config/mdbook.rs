//! mdBook's own `book.toml` keys that glossator does not read.
//!
//! An mdBook book must build unchanged and without false warnings, so a key
//! mdBook documents is accepted without a word even when glossator has no use
//! for it; `check -v` lists them, saying why each is left alone. Only a key
//! nobody knows is worth a "check the spelling" warning. The
//! `[preprocessor.NAME]` tables are read here too, for `load` to run.

use crate::diag::{Diagnostic, FileId, Span};

/// Why glossator leaves the mdBook key at `path` alone, when it is one.
///
/// `path` is the topmost key the configuration did not read (a whole table
/// such as `output.html.search` counts as one key).
pub fn unused_key(path: &[String]) -> Option<&'static str> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        ["rust", ..] => Some("Rust code is not compiled or tested by glossator"),
        ["output", renderer, ..] if *renderer != "html" => {
            Some("glossator writes its own HTML site and runs no other mdBook renderer")
        }
        ["book", "multilingual" | "text-direction"] => Some("mdBook itself does not use it"),
        ["build", "create-missing"] => {
            Some("a chapter missing from the content folder is always an error")
        }
        ["build", "extra-watch-dirs"] => {
            Some("`glossator serve` watches the whole book folder already")
        }
        ["output", "html", key, ..] => html_key(key),
        _ => None,
    }
}

/// Why an `[output.html]` key of mdBook's is left alone.
fn html_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "theme" | "default-theme" | "preferred-dark-theme" | "copy-fonts" => {
            "glossator has its own theme (see `theme/` in the README)"
        }
        "mathjax-support" => "glossator does not load MathJax",
        "git-repository-url" | "git-repository-icon" | "edit-url-template" => {
            "glossator's pages have no repository or edit link"
        }
        "hash-files" => "glossator's file names are stable; a rebuild rewrites only what changed",
        "live-reload-endpoint" | "livereload-url" => "`glossator serve` reloads pages itself",
        "sidebar-header-nav" => {
            "a page with three or more sections lists them at its top (\"In this section\"), not in the sidebar"
        }
        "print" => "glossator always writes the print edition",
        "fold" => "glossator's table of contents shows every chapter",
        "playground" | "playpen" => "glossator runs no code playground",
        "search" => "glossator's search index has no settings",
        "code" => "of the code settings, glossator reads `hidelines`",
        "google-analytics" => "glossator loads nothing from other sites",
        _ => return None,
    })
}

/// mdBook's own preprocessors, which glossator does the work of itself.
pub const BUILT_IN_PREPROCESSORS: &[&str] = &["links", "index"];

/// One `[preprocessor.NAME]` table of book.toml, as mdBook reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Preprocessor {
    /// The table's name.
    pub name: String,
    /// `command`, by default `mdbook-NAME`.
    pub command: String,
    /// `before`: the preprocessors this one runs before.
    pub before: Vec<String>,
    /// `after`: the preprocessors this one runs after.
    pub after: Vec<String>,
    /// `optional`: a missing command is a warning, not an error.
    pub optional: bool,
    /// `renderers`: the renderers it runs for (all when absent).
    pub renderers: Option<Vec<String>>,
    /// mdBook's own `links` or `index`: no command is run, glossator does
    /// the work at the table's place in the order.
    pub builtin: bool,
    /// The table's header in book.toml, for diagnostics.
    pub span: Span,
}

impl Preprocessor {
    /// Whether its `renderers` let it run for glossator's one renderer,
    /// `html` (every renderer when it has none).
    pub fn runs_for_html(&self) -> bool {
        self.renderers
            .as_ref()
            .is_none_or(|r| r.iter().any(|r| r == "html"))
    }
}

/// The `[preprocessor.NAME]` tables, as book.toml lists them. mdBook's own
/// `links` and `index` are kept, marked `builtin` (a note says glossator
/// does their work), since their `before` and `after` order the others as
/// under mdBook. A table whose keys have the wrong type is an error at its
/// header.
pub fn preprocessors(
    tables: &std::collections::BTreeMap<String, toml::Value>,
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Preprocessor> {
    let mut out = Vec::new();
    for (name, table) in tables {
        let span = table_span(text, file, &format!("preprocessor.{name}"));
        let builtin = BUILT_IN_PREPROCESSORS.contains(&name.as_str());
        if builtin {
            diags.push(Diagnostic::note(
                format!("`[preprocessor.{name}]` is mdBook's own; glossator does its work itself"),
                span.clone(),
            ));
        }
        let strings = |key: &str| -> Option<Vec<String>> {
            match table.get(key) {
                None => Some(Vec::new()),
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect(),
                Some(_) => None,
            }
        };
        let command = match table.get("command") {
            None => Some(format!("mdbook-{name}")),
            Some(v) => v.as_str().map(str::to_string),
        };
        let optional = match table.get("optional") {
            None => Some(false),
            Some(v) => v.as_bool(),
        };
        let renderers = match table.get("renderers") {
            None => Some(None),
            Some(_) => strings("renderers").map(Some),
        };
        match (command, strings("before"), strings("after"), optional, renderers) {
            (Some(command), Some(before), Some(after), Some(optional), Some(renderers)) => {
                out.push(Preprocessor {
                    name: name.clone(),
                    command,
                    before,
                    after,
                    optional,
                    renderers,
                    builtin,
                    span,
                })
            }
            _ => diags.push(
                Diagnostic::error(
                    format!("`[preprocessor.{name}]` is not a preprocessor table mdBook reads"),
                    span,
                )
                .with_help("`command` is a string, `before`, `after` and `renderers` lists of names, `optional` true or false"),
            ),
        }
    }
    out
}

/// Where the table header `[name]` is written, or the file's start.
fn table_span(text: &str, file: FileId, name: &str) -> Span {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let header = line.trim();
        let inner = header
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .map(|h| h.trim_matches(|c| c == '[' || c == ']').trim());
        if inner == Some(name) {
            return Span::new(file, offset + indent..offset + indent + header.len());
        }
        offset += line.len();
    }
    Span::new(file, 0..0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(str::to_string).collect()
    }

    #[test]
    fn mdbooks_keys_are_known_and_typos_are_not() {
        for known in [
            "rust",
            "output.linkcheck",
            "output.html.search",
            "output.html.git-repository-url",
            "output.html.playground",
            "build.extra-watch-dirs",
            "book.multilingual",
            "output.html.sidebar-header-nav",
        ] {
            assert!(unused_key(&path(known)).is_some(), "{known}");
        }
        // Honoured, so read by the configuration and never left over.
        for honoured in [
            "output.html.input-404",
            "output.html.cname",
            "output.html.admonitions",
            "output.html.smart-punctuation",
        ] {
            assert!(unused_key(&path(honoured)).is_none(), "{honoured}");
        }
        for typo in ["output.html.serch", "buld", "book.titel", "output.html"] {
            assert!(unused_key(&path(typo)).is_none(), "{typo}");
        }
    }
}
