//! The book as mdBook hands it to a preprocessor: its items (chapters, part
//! titles, separators) in mdBook's JSON, sent and read back.
//!
//! The items are typed here, as mdBook's own `BookItem` is, so that what a
//! preprocessor writes back is read as mdBook would read it (unknown fields
//! dropped, a missing one an error) and an item glossator cannot use is
//! named by its place in the book. The book is sent in the shape of mdBook
//! 0.4 and of 0.5 at once (`sections` and `items`), so that a preprocessor
//! built against either reads it.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::load::{EntryKind, Sources};

/// One item of the book, as mdBook's `BookItem` is written in JSON:
/// `{"Chapter": {…}}`, `"Separator"`, `{"PartTitle": "…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) enum Item {
    Chapter(Chapter),
    Separator,
    PartTitle(String),
}

/// A chapter, with mdBook's field names. `path` is where it is written (a
/// draft has none); `source_path` the file it was read from (none for a
/// chapter a preprocessor made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Chapter {
    pub name: String,
    pub content: String,
    #[serde(default)]
    pub number: Option<Vec<u32>>,
    #[serde(default)]
    pub sub_items: Vec<Item>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub source_path: Option<String>,
    #[serde(default)]
    pub parent_names: Vec<String>,
}

impl Chapter {
    /// The file the chapter comes from: its `source_path`, or for a chapter
    /// a preprocessor made, its `path`.
    pub fn source(&self) -> Option<&str> {
        self.source_path.as_deref().or(self.path.as_deref())
    }
}

/// The summary as mdBook's items: chapters nested by their depth, with
/// their number, path and parents' names, and as text what `text` gives
/// for their path (the chapter as read, or with its directives expanded).
pub(super) fn from_summary(sources: &Sources, text: &dyn Fn(&str) -> Option<String>) -> Vec<Item> {
    let entries: Vec<(usize, &EntryKind)> = sources
        .summary
        .entries
        .iter()
        .map(|e| (e.depth, &e.kind))
        .collect();
    let mut at = 0;
    nest(&entries, &mut at, 0, &[], text)
}

fn nest(
    entries: &[(usize, &EntryKind)],
    at: &mut usize,
    depth: usize,
    parents: &[String],
    text: &dyn Fn(&str) -> Option<String>,
) -> Vec<Item> {
    let mut items = Vec::new();
    while let Some(&(d, kind)) = entries.get(*at) {
        if d < depth {
            break;
        }
        *at += 1;
        match kind {
            EntryKind::Part(title) => items.push(Item::PartTitle(title.clone())),
            EntryKind::Separator => items.push(Item::Separator),
            EntryKind::Chapter {
                title,
                path,
                number,
                ..
            } => {
                let path = path.as_deref().map(normalise);
                let content = path.as_deref().and_then(text).unwrap_or_default();
                let number = number
                    .as_ref()
                    .map(|n| n.split('.').filter_map(|part| part.parse().ok()).collect());
                let mut inner = parents.to_vec();
                inner.push(title.clone());
                let sub_items = nest(entries, at, d + 1, &inner, text);
                items.push(Item::Chapter(Chapter {
                    name: title.clone(),
                    content,
                    number,
                    sub_items,
                    source_path: path.clone(),
                    path,
                    parent_names: parents.to_vec(),
                }));
            }
        }
    }
    items
}

/// A summary path as a key of `Sources::pages`: mdBook writes
/// `./chapter_1.md`, Windows builds of a preprocessor `a\b.md`.
pub(super) fn normalise(path: &str) -> String {
    path.replace('\\', "/")
        .split('/')
        .filter(|c| *c != "." && !c.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// The book to send: `[context, book]`'s second element.
pub(super) fn to_json(items: &[Item]) -> Value {
    let items = serde_json::to_value(items).unwrap_or(Value::Array(Vec::new()));
    json!({ "sections": items, "items": items, "__non_exhaustive": null })
}

/// The items of the book a preprocessor wrote back, having been sent
/// `sent`. A preprocessor built against mdBook 0.4 writes `sections`, one
/// built against 0.5 `items`; a script may change one and copy the other
/// through as it was sent, so the one that changed is taken. `Err` says
/// what is wrong, and where.
pub(super) fn returned(book: &Value, sent: &Value) -> Result<Vec<Item>, String> {
    let field = |name: &str| book.get(name).filter(|v| !v.is_null());
    let list = match (field("items"), field("sections")) {
        (Some(items), Some(sections)) if Some(items) == sent.get("items") => sections,
        (Some(items), _) => items,
        (None, Some(sections)) => sections,
        (None, None) => {
            return Err("it wrote back something without `items` or `sections`, not a book".into());
        }
    };
    items(list, "")
}

/// `value`, a list of items, read as mdBook reads them; `at` names the
/// list's place for errors ("" for the book, "item 2's" below).
fn items(value: &Value, at: &str) -> Result<Vec<Item>, String> {
    let Value::Array(list) = value else {
        return Err(format!("its book's {at}items are not a list"));
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, value) in list.iter().enumerate() {
        let here = format!("{at}item {}", i + 1);
        out.push(item(value, &here)?);
    }
    Ok(out)
}

fn item(value: &Value, here: &str) -> Result<Item, String> {
    /// A chapter's fields, its sub-items read afterwards so that an error
    /// in one of them is named by its place.
    #[derive(Deserialize)]
    struct Fields {
        name: String,
        content: String,
        #[serde(default)]
        number: Option<Vec<u32>>,
        #[serde(default)]
        sub_items: Value,
        #[serde(default)]
        path: Option<String>,
        #[serde(default)]
        source_path: Option<String>,
        #[serde(default)]
        parent_names: Vec<String>,
    }
    if let Some(chapter) = value.get("Chapter") {
        let f = Fields::deserialize(chapter)
            .map_err(|e| format!("{here} of its book is not a chapter mdBook reads: {e}"))?;
        let sub_items = match f.sub_items {
            Value::Null => Vec::new(),
            sub => items(&sub, &format!("{here}'s sub-"))?,
        };
        return Ok(Item::Chapter(Chapter {
            name: f.name,
            content: f.content,
            number: f.number,
            sub_items,
            path: f.path.as_deref().map(normalise),
            source_path: f.source_path.as_deref().map(normalise),
            parent_names: f.parent_names,
        }));
    }
    Item::deserialize(value).map_err(|e| {
        let mut shown = value.to_string();
        if shown.len() > 60 {
            let cut = (0..=60)
                .rev()
                .find(|&i| shown.is_char_boundary(i))
                .unwrap_or(0);
            shown.truncate(cut);
            shown.push('…');
        }
        format!(
            "{here} of its book, `{shown}`, is not a chapter, a part title or a separator ({e})"
        )
    })
}

/// Every chapter of `items`, depth first, for changing in place.
pub(super) fn for_each_chapter(items: &mut [Item], f: &mut dyn FnMut(&mut Chapter)) {
    for item in items {
        if let Item::Chapter(ch) = item {
            f(ch);
            for_each_chapter(&mut ch.sub_items, f);
        }
    }
}

/// mdBook's `index` preprocessor: a chapter written at `README.md` (any
/// case) is written at `index.md` in the same folder instead.
pub(super) fn index(items: &mut [Item]) {
    for_each_chapter(items, &mut |ch| {
        if let Some(path) = &mut ch.path
            && let Some(renamed) = as_index(path)
        {
            *path = renamed;
        }
    });
}

/// `dir/README.md` (the stem in any case) as `dir/index.md`.
pub(super) fn as_index(path: &str) -> Option<String> {
    let (dir, file) = match path.rsplit_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, path),
    };
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    if !stem.eq_ignore_ascii_case("readme") {
        return None;
    }
    Some(match dir {
        Some(dir) => format!("{dir}/index.md"),
        None => "index.md".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(name: &str, path: Option<&str>, sub_items: Vec<Item>) -> Item {
        Item::Chapter(Chapter {
            name: name.into(),
            content: format!("# {name}\n"),
            number: None,
            sub_items,
            path: path.map(str::to_string),
            source_path: path.map(str::to_string),
            parent_names: Vec::new(),
        })
    }

    #[test]
    fn items_are_written_and_read_as_mdbook_writes_them() {
        let book = vec![
            chapter("Intro", Some("README.md"), vec![]),
            Item::PartTitle("Part".into()),
            chapter("One", Some("one.md"), vec![chapter("Draft", None, vec![])]),
            Item::Separator,
        ];
        let sent = to_json(&book);
        assert_eq!(sent["items"][1], json!({ "PartTitle": "Part" }));
        assert_eq!(sent["items"][3], json!("Separator"));
        assert_eq!(sent["sections"], sent["items"]);
        assert_eq!(returned(&sent, &sent).unwrap(), book);
    }

    #[test]
    fn the_shape_that_changed_is_read_back() {
        let sent = to_json(&[chapter("One", Some("one.md"), vec![])]);
        let mut back = sent.clone();
        back["sections"][0]["Chapter"]["content"] = json!("changed");
        let read = returned(&back, &sent).unwrap();
        let Item::Chapter(ch) = &read[0] else {
            panic!()
        };
        assert_eq!(ch.content, "changed");
        // A 0.5 preprocessor writes only `items`.
        let only = json!({ "items": back["sections"].clone() });
        assert_eq!(returned(&only, &sent).unwrap(), read);
    }

    #[test]
    fn what_cannot_be_read_is_named_by_its_place() {
        let sent = to_json(&[]);
        let bad = json!({ "items": [
            { "Chapter": { "name": "A", "content": "", "sub_items": [ { "Chapter": { "name": "B" } } ] } }
        ] });
        let e = returned(&bad, &sent).unwrap_err();
        assert!(
            e.contains("item 1's sub-item 1") && e.contains("content"),
            "{e}"
        );
        let e = returned(&json!({ "items": ["Seperator"] }), &sent).unwrap_err();
        assert!(e.contains("item 1") && e.contains("Seperator"), "{e}");
        let e = returned(&json!({ "title": "x" }), &sent).unwrap_err();
        assert!(e.contains("not a book"), "{e}");
    }

    #[test]
    fn readme_is_renamed_index_as_mdbook_does() {
        assert_eq!(as_index("README.md").as_deref(), Some("index.md"));
        assert_eq!(as_index("a/readme.md").as_deref(), Some("a/index.md"));
        assert_eq!(as_index("a/readmes.md"), None);
        let mut book = vec![chapter("A", Some("part/README.md"), vec![])];
        index(&mut book);
        let Item::Chapter(ch) = &book[0] else {
            panic!()
        };
        assert_eq!(ch.path.as_deref(), Some("part/index.md"));
        assert_eq!(ch.source_path.as_deref(), Some("part/README.md"));
    }

    #[test]
    fn paths_are_keys_of_the_pages() {
        assert_eq!(normalise("./a/./b.md"), "a/b.md");
        assert_eq!(normalise("a\\b.md"), "a/b.md");
    }
}
