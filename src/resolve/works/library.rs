//! The bibliography file read into works: BibTeX or BibLaTeX (`.bib`),
//! CSL-JSON (`.json`) and hayagriva's YAML (`.yml`, `.yaml`), the formats
//! Zotero exports (Better BibTeX, or its own "Export Library…") and
//! hayagriva reads. A file that does not read is an error at the place its
//! reader names, so that a broken export is found where it is broken.

use std::collections::BTreeMap;

use hayagriva::citationberg::json::{Item, Value};

use crate::diag::{Diagnostic, FileId, Span};

/// The works of one bibliography, as its reader gives them.
pub(super) enum Library {
    /// BibTeX, BibLaTeX and hayagriva's YAML, read into hayagriva's entries.
    Native(hayagriva::Library),
    /// CSL-JSON, formatted as it is (hayagriva's CSL processor reads its
    /// items directly), by key.
    Json(BTreeMap<String, Item>),
}

/// What a Zotero user sees of a work: enough for a reference manager to
/// pick it up from the page (COinS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    /// `book`, `article`, `bookitem` (a chapter), or `document`.
    pub genre: &'static str,
    pub title: String,
    /// The journal or the book a chapter is in.
    pub container: String,
    /// `(family, given)`.
    pub authors: Vec<(String, String)>,
    pub year: Option<i32>,
    pub publisher: String,
    pub doi: String,
    pub isbn: String,
}

impl Library {
    /// Reads `text`, the file `name`, by its extension.
    pub(super) fn read(
        name: &str,
        file: FileId,
        text: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Library> {
        let lower = name.to_ascii_lowercase();
        let at = |r: std::ops::Range<usize>| {
            Span::new(file, r.start.min(text.len())..r.end.min(text.len()))
        };
        if lower.ends_with(".bib") || lower.ends_with(".bibtex") || lower.ends_with(".biblatex") {
            return match hayagriva::io::from_biblatex_str(text) {
                Ok(lib) => Some(Library::Native(super::titles::keep_stop_words(
                    super::retype::edited_books(lib),
                ))),
                Err(errors) => {
                    for e in errors {
                        let (span, what) = match e {
                            hayagriva::io::BibLaTeXError::Parse(p) => {
                                (p.span.clone(), p.kind.to_string())
                            }
                            hayagriva::io::BibLaTeXError::Type(t) => {
                                (t.span.clone(), t.kind.to_string())
                            }
                        };
                        diags.push(
                            Diagnostic::error(format!("the bibliography does not read as BibTeX: {what}"), at(span))
                                .with_help("correct the entry here, or export the library again from Zotero (File ▸ Export Library…, format BibLaTeX)"),
                        );
                    }
                    None
                }
            };
        }
        if lower.ends_with(".json") {
            return match serde_json::from_str::<Vec<Item>>(text) {
                Ok(items) => json(items, file, text, diags),
                Err(e) => {
                    let start = offset(text, e.line(), e.column());
                    diags.push(
                        Diagnostic::error(format!("the bibliography does not read as CSL-JSON: {e}"), at(start..start))
                            .with_help("a CSL-JSON bibliography is an array of items, each with an `id`; export it again from Zotero (format CSL JSON)"),
                    );
                    None
                }
            };
        }
        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            return match hayagriva::io::from_yaml_str(text) {
                Ok(lib) => Some(Library::Native(super::titles::keep_stop_words(lib))),
                Err(e) => {
                    let start = e.location().map_or(0, |l| l.index());
                    diags.push(
                        Diagnostic::error(format!("the bibliography does not read as hayagriva YAML: {e}"), at(start..start))
                            .with_help("see hayagriva's file format: each work is a key with its `type`, `title`, `author`, `date`…"),
                    );
                    None
                }
            };
        }
        diags.push(
            Diagnostic::error(format!("`{name}` is not a bibliography format glossator reads"), at(0..0))
                .with_help("export the library as BibLaTeX (`.bib`), CSL JSON (`.json`) or hayagriva YAML (`.yml`)"),
        );
        None
    }

    /// Every key, in the file's order.
    pub(super) fn keys(&self) -> Vec<String> {
        match self {
            Library::Native(lib) => lib.keys().map(str::to_string).collect(),
            Library::Json(items) => items.keys().cloned().collect(),
        }
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        match self {
            Library::Native(lib) => lib.get(key).is_some(),
            Library::Json(items) => items.contains_key(key),
        }
    }

    /// What a reference manager reads of work `key`.
    pub(super) fn meta(&self, key: &str) -> Meta {
        match self {
            Library::Native(lib) => lib.get(key).map(native_meta).unwrap_or_default(),
            Library::Json(items) => items.get(key).map(json_meta).unwrap_or_default(),
        }
    }
}

/// CSL-JSON items by their `id`: an item without one, or two with the same,
/// is an error at the item (found by its `"id"` in the text).
fn json(
    items: Vec<Item>,
    file: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Library> {
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (n, item) in items.into_iter().enumerate() {
        let Some(id) = item.id().map(|i| i.into_owned()) else {
            diags.push(
                Diagnostic::error(
                    format!("item {} of the bibliography has no `id`", n + 1),
                    Span::new(file, 0..0),
                )
                .with_help("give every item an `id`: it is the key the text cites it by"),
            );
            ok = false;
            continue;
        };
        if out.contains_key(&id) {
            let at = text
                .find(&format!("\"{id}\""))
                .map_or(0..0, |s| s..s + id.len() + 2);
            diags.push(
                Diagnostic::error(
                    format!("two works of the bibliography have the id `{id}`"),
                    Span::new(file, at),
                )
                .with_help("give each work an id of its own"),
            );
            ok = false;
            continue;
        }
        out.insert(id, item);
    }
    ok.then_some(Library::Json(out))
}

/// The byte offset of 1-based `line` and `column` in `text`.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn native_meta(e: &hayagriva::Entry) -> Meta {
    use hayagriva::types::EntryType;
    let parent = e.parents().first();
    let genre = match (e.entry_type(), parent.map(|p| p.entry_type())) {
        (EntryType::Book | EntryType::Anthology | EntryType::Report | EntryType::Thesis, _) => {
            "book"
        }
        (EntryType::Article, _) | (_, Some(EntryType::Periodical | EntryType::Newspaper)) => {
            "article"
        }
        (EntryType::Chapter, _) | (_, Some(EntryType::Book | EntryType::Anthology)) => "bookitem",
        _ => "document",
    };
    Meta {
        genre,
        title: e.title().map(|t| t.value.to_string()).unwrap_or_default(),
        container: parent
            .and_then(|p| p.title())
            .map(|t| t.value.to_string())
            .unwrap_or_default(),
        authors: e
            .authors()
            .unwrap_or_default()
            .iter()
            .map(|p| (p.name.clone(), p.given_name.clone().unwrap_or_default()))
            .collect(),
        year: e.date_any().map(|d| d.year),
        publisher: e
            .publisher()
            .or_else(|| parent.and_then(|p| p.publisher()))
            .and_then(|p| p.name())
            .map(|n| n.value.to_string())
            .unwrap_or_default(),
        doi: e.doi().unwrap_or_default().to_string(),
        isbn: e
            .isbn()
            .or_else(|| parent.and_then(|p| p.isbn()))
            .unwrap_or_default()
            .to_string(),
    }
}

fn json_meta(item: &Item) -> Meta {
    let s = |k: &str| {
        item.0
            .get(k)
            .and_then(Value::to_str)
            .map(|v| v.into_owned())
            .unwrap_or_default()
    };
    let genre = match item.type_().as_deref() {
        Some("book" | "report" | "thesis") => "book",
        Some("article-journal" | "article-magazine" | "article-newspaper" | "article") => "article",
        Some("chapter" | "paper-conference" | "entry-encyclopedia") => "bookitem",
        _ => "document",
    };
    let authors = match item.0.get("author") {
        Some(Value::Names(names)) => names
            .iter()
            .filter_map(|n| {
                let v = serde_json::to_value(n).ok()?;
                let family = v
                    .get("family")
                    .or_else(|| v.get("literal"))?
                    .as_str()?
                    .to_string();
                let given = v
                    .get("given")
                    .and_then(|g| g.as_str())
                    .unwrap_or_default()
                    .to_string();
                Some((family, given))
            })
            .collect(),
        _ => Vec::new(),
    };
    let year = match item.0.get("issued") {
        Some(Value::Date(d)) => serde_json::to_value(d)
            .ok()
            .and_then(|v| v.pointer("/date-parts/0/0").cloned())
            .and_then(|y| y.as_i64().or_else(|| y.as_str()?.parse().ok()))
            .and_then(|y| i32::try_from(y).ok()),
        _ => None,
    };
    Meta {
        genre,
        title: s("title"),
        container: s("container-title"),
        authors,
        year,
        publisher: s("publisher"),
        doi: s("DOI"),
        isbn: s("ISBN"),
    }
}

/// Where work `key`'s entry begins in `text`, the bibliography file `name`:
/// its `@type{key,` in BibTeX, its `"id": "key"` in CSL-JSON, its `key:`
/// line in YAML; the file's start if it is not found.
pub(super) fn entry_at(name: &str, text: &str, key: &str) -> std::ops::Range<usize> {
    let lower = name.to_ascii_lowercase();
    let found = if lower.ends_with(".json") {
        text.match_indices(&format!("\"{key}\""))
            .find_map(|(i, m)| {
                let before = text[..i].trim_end().strip_suffix(':')?.trim_end();
                before.ends_with("\"id\"").then_some(i..i + m.len())
            })
    } else if lower.ends_with(".yml") || lower.ends_with(".yaml") {
        let mut start = 0;
        text.split_inclusive('\n').find_map(|line| {
            let at = start;
            start += line.len();
            let rest = line.strip_prefix(key)?;
            rest.starts_with(':').then_some(at..at + key.len())
        })
    } else {
        text.match_indices(key).find_map(|(i, m)| {
            let open = text[..i].trim_end().strip_suffix('{')?;
            let at = open.rfind('@')?;
            let kind = open[at + 1..].trim_end();
            let after = text[i + m.len()..].trim_start();
            (!kind.is_empty()
                && kind.chars().all(|c| c.is_ascii_alphabetic())
                && after.starts_with(','))
            .then_some(at..i + m.len())
        })
    };
    found.unwrap_or(0..0)
}

#[cfg(test)]
mod tests {
    use super::entry_at;

    #[test]
    fn an_entry_is_found_by_its_key_in_each_format() {
        let bib = "@article{a2004, title = {x}}\n\n@misc{ b2005 ,\n  year = {2005}}\n";
        assert_eq!(&bib[entry_at("w.bib", bib, "b2005")], "@misc{ b2005");
        assert_eq!(entry_at("w.bib", bib, "x"), 0..0);
        let json = r#"[{"id": "a", "title": "b"}, {"title": "a", "id" : "b"}]"#;
        let at = entry_at("w.json", json, "b");
        assert_eq!(
            (&json[at.clone()], &json[at.start - 7..at.start]),
            ("\"b\"", "\"id\" : ")
        );
        let yaml = "a:\n  type: book\nb:\n  title: a\n";
        assert_eq!(&yaml[entry_at("w.yml", yaml, "b")], "b");
        assert_eq!(entry_at("w.yml", yaml, "b").start, 16);
    }
}
