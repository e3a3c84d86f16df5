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
    parse_known(text, file, offset, |_| None, diags).map(|(value, _)| value)
}

/// The keys a struct `T` reads at its top level, as its `Deserialize`
/// names them to the deserializer (none for a type that is no struct).
fn top_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    /// A deserializer that only listens for the fields of a struct.
    struct Fields(&'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for &mut Fields {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("fields only"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields;
            Err(serde::de::Error::custom("fields only"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields = Fields(&[]);
    let _ = T::deserialize(&mut fields);
    fields.0
}

/// A key the reader did not use but knows, with why it is left alone.
#[derive(Debug, Clone)]
pub struct Unused {
    /// The key's dotted path (`output.html.search`).
    pub key: String,
    /// Why it is left alone.
    pub why: &'static str,
    /// Where it is written.
    pub span: Span,
}

/// [`parse`], where `known` says why an unread key is nonetheless expected
/// (another tool's key, say): such keys are returned instead of warned about.
pub fn parse_known<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    offset: usize,
    known: impl Fn(&[String]) -> Option<&'static str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, Vec<Unused>)> {
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
    // Each unknown key's place: its path with the index of every list item
    // on the way (the `[[case]]` table it is in).
    let mut places: Vec<Vec<Segment>> = Vec::new();
    let de = toml::de::Deserializer::from(table.clone());
    let result = serde_ignored::deserialize(de, |path| {
        unknown.push(path_segments(&path));
        places.push(place_segments(&path));
    });
    match result {
        Ok(value) => {
            let mut unused = Vec::new();
            for (path, place) in unknown.into_iter().zip(places) {
                let span = key_span(table.get_ref(), &place);
                if let Some(why) = known(&path) {
                    unused.push(Unused {
                        key: path.join("."),
                        why,
                        span: span_of(span),
                    });
                    continue;
                }
                let fields = match &path[..] {
                    [_] => top_fields::<T>(),
                    _ => &[],
                };
                let help = match crate::diag::closest(&path[0], fields.iter().copied()) {
                    Some(field) if path.len() == 1 => format!("did you mean `{field}`?"),
                    _ => {
                        "check the spelling; the README lists the keys glossator reads".to_string()
                    }
                };
                diags.push(
                    Diagnostic::warning(
                        format!("unknown key `{}` is ignored", path.join(".")),
                        span_of(span),
                    )
                    .with_help(help),
                );
            }
            Some((value, unused))
        }
        Err(e) => {
            let range = e.span();
            let found = range
                .as_ref()
                .and_then(|r| value_at(table.get_ref(), r, &mut Vec::new()));
            let written = range
                .as_ref()
                .and_then(|r| text.get(r.clone()))
                .unwrap_or("");
            diags.push(value_error(
                first_line(e.message()),
                found,
                written,
                span_of(range),
            ));
            None
        }
    }
}

/// The diagnostic for a value of the wrong type: which key, what it should
/// be, and how to write it. `found` is the key path and value at the error's
/// span, `written` the value as the file spells it.
fn value_error(
    message: &str,
    found: Option<Found<'_, '_>>,
    written: &str,
    span: Span,
) -> Diagnostic {
    let Some(Found {
        path,
        value,
        in_list,
    }) = found
    else {
        return Diagnostic::error(format!("invalid value: {message}"), span)
            .with_help("the README lists the keys glossator reads and the value each takes");
    };
    let key = path.join(".");
    let name = path.last().map_or("key", String::as_str);
    let expected = message
        .split_once(", expected ")
        .map_or("", |(_, e)| e.trim());
    if matches!(value, DeValue::Datetime(_)) && expected.contains("string") {
        return Diagnostic::error(
            format!("`{key}` is an unquoted TOML date, but text is expected here"),
            span,
        )
        .with_help(if in_list {
            format!("quote it: `\"{}\"`", written.trim())
        } else {
            format!("quote it: `{name} = \"{}\"`", written.trim())
        });
    }
    let what = match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    };
    if expected.is_empty() {
        return Diagnostic::error(format!("invalid value for `{key}`: {message}"), span)
            .with_help("the README lists the value each key takes");
    }
    let help = if expected.contains("bool") {
        format!("write `{name} = true` or `{name} = false`, without quotes")
    } else if expected.contains("string") {
        format!("put the text in double quotes: `{name} = \"...\"`")
    } else if expected.contains("sequence") {
        format!("write a list in brackets: `{name} = [\"...\"]`")
    } else if expected.contains("integer") || expected.contains("u32") || expected.contains("usize")
    {
        format!("write a whole number without quotes: `{name} = 1`")
    } else {
        format!("`{name}` takes {expected}")
    };
    let expected = expected.replace("a sequence", "a list");
    Diagnostic::error(format!("`{key}` must be {expected}, not {what}"), span).with_help(help)
}

/// A value found at an error's span.
struct Found<'t, 'i> {
    /// The keys leading to it.
    path: Vec<String>,
    value: &'t DeValue<'i>,
    /// An item of a list rather than a key's own value.
    in_list: bool,
}

/// The key path and value whose value span is `range`, searched through
/// nested tables and arrays (the deserializer's error span is the value's).
fn value_at<'t, 'i>(
    table: &'t DeTable<'i>,
    range: &std::ops::Range<usize>,
    path: &mut Vec<String>,
) -> Option<Found<'t, 'i>> {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        if let Some(found) = in_value(value, range, path, false) {
            return Some(found);
        }
        path.pop();
    }
    None
}

fn in_value<'t, 'i>(
    value: &'t toml::Spanned<DeValue<'i>>,
    range: &std::ops::Range<usize>,
    path: &mut Vec<String>,
    in_list: bool,
) -> Option<Found<'t, 'i>> {
    if value.span() == *range {
        return Some(Found {
            path: path.clone(),
            value: value.get_ref(),
            in_list,
        });
    }
    match value.get_ref() {
        DeValue::Table(inner) => value_at(inner, range, path),
        DeValue::Array(items) => items
            .iter()
            .find_map(|item| in_value(item, range, path, true)),
        _ => None,
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

/// One step of a path to a value: a key, or an item of a list.
enum Segment {
    Key(String),
    Item(usize),
}

/// `path` with list items kept, for finding the key in the file.
fn place_segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    use serde_ignored::Path;
    let (parent, last) = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, index } => (parent, Some(Segment::Item(*index))),
        Path::Map { parent, key } => (parent, Some(Segment::Key(key.clone()))),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => (parent, None),
    };
    let mut out = place_segments(parent);
    out.extend(last);
    out
}

/// The span of the last key of `path` that can be found in `table`.
fn key_span(table: &DeTable<'_>, path: &[Segment]) -> Option<std::ops::Range<usize>> {
    let (Segment::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let (key, value) = table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == first.as_str())?;
    in_place(value.get_ref(), rest).or(Some(key.span()))
}

/// The span of the last key of `path` inside `value`.
fn in_place(value: &DeValue<'_>, path: &[Segment]) -> Option<std::ops::Range<usize>> {
    match (value, path.first()?) {
        (DeValue::Table(inner), Segment::Key(_)) => key_span(inner, path),
        (DeValue::Array(items), Segment::Item(i)) => in_place(items.get(*i)?.get_ref(), &path[1..]),
        _ => None,
    }
}

/// The byte ranges of the `[[name]]` headers of an array of tables in
/// `text`, in order: where an error about a whole entry points.
pub fn array_headers(text: &str, name: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(inner) = trimmed.strip_prefix("[[").and_then(|t| t.split(']').next())
            && inner.trim() == name
        {
            let start = offset + (line.len() - line.trim_start().len());
            out.push(start..start + trimmed.split(']').next().unwrap_or("").len() + 2);
        }
        offset += line.len();
    }
    out
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

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Typed {
        flag: Option<bool>,
        date: Option<String>,
        names: Option<Vec<String>>,
    }

    fn one_error(text: &str) -> Diagnostic {
        let mut d = Vec::new();
        let r: Option<Typed> = parse(text, FileId(0), 0, &mut d);
        assert!(r.is_none() && d.len() == 1, "{d:?}");
        d.remove(0)
    }

    #[test]
    fn a_wrong_type_names_the_key_the_type_and_how_to_write_it() {
        let d = one_error("flag = \"yes\"\n");
        assert_eq!(d.message, "`flag` must be a boolean, not a string");
        assert_eq!(d.span.unwrap().range, 7..12);
        assert!(d.help.unwrap().contains("`flag = true`"));
    }

    #[test]
    fn an_unquoted_date_is_told_to_be_quoted() {
        let d = one_error("date = 2017-05-01\n");
        assert!(d.message.contains("unquoted TOML date"), "{}", d.message);
        assert_eq!(d.span.unwrap().range, 7..17);
        assert_eq!(d.help.unwrap(), "quote it: `date = \"2017-05-01\"`");
        let d = one_error("names = [\"a\", 2017-05-01]\n");
        assert_eq!(d.help.unwrap(), "quote it: `\"2017-05-01\"`");
    }

    #[test]
    fn syntax_errors_are_placed() {
        let mut d = Vec::new();
        let r: Option<Cfg> = parse("[book]\ntitle = \n", FileId(0), 0, &mut d);
        assert!(r.is_none());
        assert!(d[0].is_error());
        assert!(d[0].span.as_ref().unwrap().range.start >= 7);
    }

    #[test]
    fn array_headers_are_found_in_order() {
        let text = "[book]\n[[glossator.external]]\nnames = [\"A\"]\n  [[ glossator.external ]]\n";
        let found: Vec<&str> = array_headers(text, "glossator.external")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            ["[[glossator.external]]", "[[ glossator.external ]]"]
        );
    }
}
