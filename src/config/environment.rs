//! mdBook's configuration from the environment: `MDBOOK_BOOK__TITLE="Draft"`
//! sets `book.title`, `MDBOOK_OUTPUT__HTML__SITE_URL=/docs/` sets
//! `output.html.site-url`, as `mdbook build` reads them (a deploy sets the
//! address of the site this way without touching book.toml).
//!
//! mdBook's rule: drop `MDBOOK_`, lower-case the rest, `__` separates keys
//! and `_` is a hyphen; the value is read as JSON, and as a plain string
//! when it is not JSON. A JSON object sets each of its keys.
//!
//! The overrides are written into the text of book.toml before it is read,
//! so that the rest of glossator reads one configuration (and preprocessors
//! are given it, as mdBook gives them its own): a value already in the file
//! is replaced where it stands, so every line keeps its number; a new key
//! goes after its table's header, or at the end in a table of its own.

use toml::de::{DeTable, DeValue};

/// One setting from the environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The variable, as written (`MDBOOK_BOOK__TITLE`).
    pub var: String,
    /// The key's path (`["book", "title"]`).
    pub key: Vec<String>,
    /// The value, written as TOML.
    pub value: String,
}

/// The overrides among `vars` (name, value), sorted by variable, objects
/// set key by key. Variables mdBook reads for itself (`MDBOOK_LOG`) are not
/// configuration.
pub fn overrides(vars: impl Iterator<Item = (String, String)>) -> Vec<Override> {
    let mut out = Vec::new();
    for (var, raw) in vars {
        let Some(rest) = var.strip_prefix("MDBOOK_") else {
            continue;
        };
        let dotted = rest.to_lowercase().replace("__", ".").replace('_', "-");
        if dotted.is_empty() || dotted == "log" {
            continue;
        }
        let key: Vec<String> = dotted.split('.').map(str::to_string).collect();
        let value = serde_json::from_str::<serde_json::Value>(&raw)
            .unwrap_or(serde_json::Value::String(raw));
        flatten(&var, key, value, &mut out);
    }
    out.sort_by(|a, b| (&a.var, &a.key).cmp(&(&b.var, &b.key)));
    out
}

fn flatten(var: &str, key: Vec<String>, value: serde_json::Value, out: &mut Vec<Override>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let mut key = key.clone();
                key.push(k);
                flatten(var, key, v, out);
            }
        }
        // TOML has no null: nothing to set.
        serde_json::Value::Null => {}
        other => {
            if let Ok(v) = toml::Value::try_from(other) {
                out.push(Override {
                    var: var.to_string(),
                    key,
                    value: v.to_string(),
                });
            }
        }
    }
}

/// `text` (book.toml) with `o` written into it, or why it cannot be.
pub fn apply(text: &str, o: &Override) -> Result<String, String> {
    let table = DeTable::parse(text).map_err(|e| e.message().to_string())?;
    let found = along(table.get_ref(), &o.key);
    let edited = match found.last() {
        // The key is there: its value is replaced where it stands.
        Some(Place::Value(span)) if found.len() == o.key.len() => {
            format!("{}{}{}", &text[..span.start], o.value, &text[span.end..])
        }
        Some(Place::Value(_)) => {
            return Err(format!(
                "`{}` is a value, not a table",
                o.key[..found.len()].join(".")
            ));
        }
        _ => {
            // The deepest of its tables written with a header: the key goes
            // on the line after it; with none, into a table of its own at
            // the end.
            let header = found
                .iter()
                .enumerate()
                .rev()
                .find_map(|(depth, place)| match place {
                    Place::Table(span) if is_header(text, span.start, &o.key[..=depth]) => {
                        Some((depth, span.clone()))
                    }
                    _ => None,
                });
            match header {
                Some((depth, span)) => {
                    let line_end = text[span.end..]
                        .find('\n')
                        .map_or(text.len(), |i| span.end + i + 1);
                    let mut out = text[..line_end].to_string();
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&format!("{} = {}\n", dotted(&o.key[depth + 1..]), o.value));
                    out.push_str(&text[line_end..]);
                    out
                }
                None => {
                    let Some((name, table)) = o.key.split_last().filter(|(_, t)| !t.is_empty())
                    else {
                        return Err("a key outside every table is no setting of book.toml".into());
                    };
                    let mut out = text.to_string();
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&format!(
                        "\n[{}]\n{} = {}\n",
                        dotted(table),
                        dotted(std::slice::from_ref(name)),
                        o.value
                    ));
                    out
                }
            }
        }
    };
    match DeTable::parse(&edited) {
        Ok(_) => Ok(edited),
        Err(e) => Err(e.message().to_string()),
    }
}

/// Whether the line holding byte `at` of `text` is the header of the
/// table `path` itself: `[preprocessor.first]` holds the key `preprocessor`
/// but is not `[preprocessor]`'s header, and a key of `preprocessor`
/// written under it would be one of `preprocessor.first`.
fn is_header(text: &str, at: usize, path: &[String]) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].trim_start();
    let Some(inner) = line.strip_prefix('[').filter(|l| !l.starts_with('[')) else {
        return false;
    };
    let Some((name, _)) = inner.split_once(']') else {
        return false;
    };
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    name == dotted(path)
}

/// Where each segment of a key path is, as far as `table` has them.
enum Place {
    /// A value (not a table): the value's span.
    Value(std::ops::Range<usize>),
    /// A table: the span of its key (in a header, a dotted key or before
    /// an inline table).
    Table(std::ops::Range<usize>),
}

/// The place of each leading segment of `path` that `table` holds.
fn along(table: &DeTable<'_>, path: &[String]) -> Vec<Place> {
    let mut current = table;
    let mut places = Vec::new();
    for segment in path {
        let Some((key, value)) = current
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == segment.as_str())
        else {
            break;
        };
        match value.get_ref() {
            DeValue::Table(inner) => {
                places.push(Place::Table(key.span()));
                current = inner;
            }
            _ => {
                places.push(Place::Value(value.span()));
                break;
            }
        }
    }
    places
}

/// A key path as TOML writes it: bare where it can be, quoted otherwise.
fn dotted(path: &[String]) -> String {
    path.iter()
        .map(|k| {
            let bare = !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            match bare {
                true => k.clone(),
                false => toml::Value::String(k.clone()).to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(var: &str, value: &str) -> Override {
        let mut all = overrides([(var.to_string(), value.to_string())].into_iter());
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn names_are_read_as_mdbook_reads_them() {
        let o = one("MDBOOK_OUTPUT__HTML__SITE_URL", "/docs/");
        assert_eq!(o.key, ["output", "html", "site-url"]);
        assert_eq!(o.value, "\"/docs/\"");
        assert_eq!(one("MDBOOK_BUILD__CREATE_MISSING", "false").value, "false");
        let all = overrides(
            [
                (
                    "MDBOOK_BOOK".to_string(),
                    r#"{"title": "T", "authors": ["A"]}"#.to_string(),
                ),
                ("MDBOOK_LOG".to_string(), "debug".to_string()),
                ("PATH".to_string(), "/bin".to_string()),
            ]
            .into_iter(),
        );
        let keys: Vec<_> = all
            .iter()
            .map(|o| (o.key.join("."), o.value.clone()))
            .collect();
        let expected = [("book.authors", "[\"A\"]"), ("book.title", "\"T\"")]
            .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(keys, expected);
    }

    #[test]
    fn a_value_in_the_file_is_replaced_where_it_stands() {
        let text = "[book]\ntitle = \"Old\"\n\n[output.html]\nfold.enable = true\n";
        let out = apply(text, &one("MDBOOK_BOOK__TITLE", "New")).unwrap();
        assert_eq!(
            out,
            "[book]\ntitle = \"New\"\n\n[output.html]\nfold.enable = true\n"
        );
    }

    #[test]
    fn a_new_key_goes_under_its_tables_header_or_into_a_table_of_its_own() {
        let text = "[book]\ntitle = \"T\"\n\n[output.html]\ncname = \"x.org\"";
        let out = apply(text, &one("MDBOOK_OUTPUT__HTML__SITE_URL", "/d/")).unwrap();
        assert_eq!(
            out,
            "[book]\ntitle = \"T\"\n\n[output.html]\nsite-url = \"/d/\"\ncname = \"x.org\""
        );
        let out = apply(
            "[book]\ntitle = \"T\"\n",
            &one("MDBOOK_BUILD__BUILD_DIR", "out"),
        )
        .unwrap();
        assert_eq!(
            out,
            "[book]\ntitle = \"T\"\n\n[build]\nbuild-dir = \"out\"\n"
        );
        let out = apply(
            "[book]\n",
            &one("MDBOOK_OUTPUT__HTML__SEARCH__LIMIT_RESULTS", "5"),
        )
        .unwrap();
        assert!(
            out.ends_with("\n[output.html.search]\nlimit-results = 5\n"),
            "{out}"
        );
    }

    #[test]
    fn a_key_under_a_dotted_table_is_written_from_its_header() {
        let text = "[output.html]\nfold.enable = true\n";
        let out = apply(text, &one("MDBOOK_OUTPUT__HTML__FOLD__LEVEL", "1")).unwrap();
        assert_eq!(out, "[output.html]\nfold.level = 1\nfold.enable = true\n");
    }

    /// `[preprocessor.first]` holds `preprocessor` without being its
    /// header: a new `preprocessor.second` is a table of its own, not a key
    /// of `first`.
    #[test]
    fn a_new_table_beside_a_header_of_its_parent_is_a_table_of_its_own() {
        let text = "[preprocessor.first]\nword = \"loud\"\n";
        let out = apply(text, &one("MDBOOK_PREPROCESSOR__SECOND__COMMAND", "two")).unwrap();
        assert_eq!(
            out,
            "[preprocessor.first]\nword = \"loud\"\n\n[preprocessor.second]\ncommand = \"two\"\n"
        );
        let out = apply(text, &one("MDBOOK_PREPROCESSOR__FIRST__MAX_LEVEL", "3")).unwrap();
        assert_eq!(
            out,
            "[preprocessor.first]\nmax-level = 3\nword = \"loud\"\n"
        );
    }

    #[test]
    fn what_cannot_be_written_says_why() {
        let err = apply(
            "[book]\ntitle = \"T\"\n",
            &one("MDBOOK_BOOK__TITLE__X", "1"),
        )
        .unwrap_err();
        assert!(err.contains("not a table"), "{err}");
        assert!(apply("[book]\n", &one("MDBOOK_FOO", "1")).is_err());
    }
}
