//! TOML read strictly: every error and every unknown key is a diagnostic that
//! points at its line in the file the TOML came from.
//!
//! Used for `book.toml` and for the `+++` front matter of Markdown files, where
//! the TOML starts part-way into the file: `offset` maps the parser's
//! positions back onto the Markdown file, so errors never point into the front
//! matter block as if it were a file of its own (zola#1133).

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};

/// Parses `text` (which starts at byte `offset` of `file`) into `T`.
///
/// Returns `None` when the TOML is malformed or does not fit `T`; unknown keys
/// are warnings and do not stop the parse.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let span_of = |r: Option<std::ops::Range<usize>>| {
        let r = r.unwrap_or(0..0);
        Span::new(file, offset + r.start..offset + r.end)
    };
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    format!("invalid TOML: {}", first_line(e.message())),
                    span_of(e.span()),
                )
                .with_help("see https://toml.io for the syntax"),
            );
            return None;
        }
    };
    let mut unknown: Vec<Vec<String>> = Vec::new();
    let de = toml::de::Deserializer::from(table.clone());
    let result = serde_ignored::deserialize(de, |path| unknown.push(path_segments(&path)));
    match result {
        Ok(value) => {
            for path in unknown {
                let span = key_span(table.get_ref(), &path);
                diags.push(
                    Diagnostic::warning(
                        format!("unknown key `{}` is ignored", path.join(".")),
                        span_of(span),
                    )
                    .with_help("check the spelling; the README lists the keys glossator reads"),
                );
            }
            Some(value)
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                format!("invalid value: {}", first_line(e.message())),
                span_of(e.span()),
            ));
            None
        }
    }
}

fn first_line(s: &str) -> &str {
    s.trim().lines().next().unwrap_or("")
}

fn path_segments(path: &serde_ignored::Path<'_>) -> Vec<String> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => return path_segments(parent),
        Path::Map { parent, .. } => path_segments(parent),
    };
    if let Path::Map { key, .. } = path {
        out.push(key.clone());
    }
    out
}

/// The span of the last key of `path` that can be found in `table`.
fn key_span(table: &DeTable<'_>, path: &[String]) -> Option<std::ops::Range<usize>> {
    let (first, rest) = path.split_first()?;
    let (key, value) = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == first.as_str())?;
    match value.get_ref() {
        DeValue::Table(inner) if !rest.is_empty() => key_span(inner, rest).or(Some(key.span())),
        _ => Some(key.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Cfg {
        #[serde(default)]
        book: Book,
    }
    #[derive(Deserialize, Debug, Default)]
    struct Book {
        title: Option<String>,
    }

    #[test]
    fn unknown_keys_are_warnings_with_a_place() {
        let mut d = Vec::new();
        let text = "[book]\ntitle = \"x\"\ntitel = \"y\"\n";
        let cfg: Cfg = parse(text, FileId(0), 10, &mut d).unwrap();
        assert_eq!(cfg.book.title.as_deref(), Some("x"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("book.titel"));
        assert_eq!(d[0].span.as_ref().unwrap().range.start, 10 + 19);
    }

    #[test]
    fn syntax_errors_are_placed() {
        let mut d = Vec::new();
        let r: Option<Cfg> = parse("[book]\ntitle = \n", FileId(0), 0, &mut d);
        assert!(r.is_none());
        assert!(d[0].is_error());
        assert!(d[0].span.as_ref().unwrap().range.start >= 7);
    }
}
