//! BibLaTeX's edited books given the CSL types BibLaTeX means by them.
//!
//! hayagriva reads `@collection` (an edited book, as Zotero exports one) as
//! an "anthology", which it hands to CSL as `collection`, an archival
//! collection: APA then prints "[Archival collection]" after an edited
//! book. It reads `@incollection` (a chapter of one) as an "anthos" in an
//! anthology, whose book title it gives CSL both as the container's title
//! and as the volume's: Chicago printed "In Research Handbook…, Research
//! Handbook…, edited by". Made a book, and a chapter of a book, they
//! format as citeproc-js formats the same works from Zotero's CSL-JSON
//! (`book` and `chapter`). Each entry is retyped through hayagriva's own
//! serialised form and kept only if it comes back whole; otherwise it
//! stays as it was read.

use hayagriva::types::EntryType;
use hayagriva::{Entry, Library};
use serde_json::Value;

/// `lib` with its edited books and their chapters retyped.
pub(super) fn edited_books(lib: hayagriva::Library) -> Library {
    if !lib.iter().any(needs_retyping) {
        return lib;
    }
    let mut out = Library::new();
    for entry in lib.iter() {
        match needs_retyping(entry).then(|| retyped(entry)).flatten() {
            Some(e) => out.push(&e),
            None => out.push(entry),
        }
    }
    out
}

fn needs_retyping(e: &Entry) -> bool {
    *e.entry_type() == EntryType::Anthology
        || e.parents()
            .iter()
            .any(|p| *p.entry_type() == EntryType::Anthology)
}

/// `e` as a book, or a chapter of a book; `None` if the round trip through
/// its serialised form would change anything else.
fn retyped(e: &Entry) -> Option<Entry> {
    let mut value = serde_json::to_value(e).ok()?;
    retype(&mut value, true);
    let mut map = serde_json::Map::new();
    map.insert(e.key().to_string(), value.clone());
    let lib: Library = serde_json::from_value(Value::Object(map)).ok()?;
    let back = lib.get(e.key())?.clone();
    (serde_json::to_value(&back).ok()? == value).then_some(back)
}

/// Makes an anthology a book, and an anthos in one a chapter, in the
/// serialised entry `v` and its parents.
fn retype(v: &mut Value, top: bool) {
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    let in_anthology = |p: &Value| p.get("type").and_then(Value::as_str) == Some("anthology");
    let parent_is_anthology = match obj.get("parent") {
        Some(Value::Array(ps)) => ps.iter().any(in_anthology),
        Some(p) => in_anthology(p),
        None => false,
    };
    if let Some(t) = obj.get_mut("type") {
        match t.as_str() {
            Some("anthology") => *t = Value::from("book"),
            Some("anthos") if top && parent_is_anthology => *t = Value::from("chapter"),
            _ => {}
        }
    }
    match obj.get_mut("parent") {
        Some(Value::Array(ps)) => ps.iter_mut().for_each(|p| retype(p, false)),
        Some(p) => retype(p, false),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIB: &str = r"
@collection{venturas2015,
  editor    = {Venturas, Lina},
  title     = {International Migration Management in the Early Cold War},
  publisher = {University of the Peloponnese},
  address   = {Corinth},
  year      = {2015},
}
@incollection{guild2017,
  author    = {Guild, Elspeth and Grant, Stefanie},
  title     = {Migration Governance in the {UN}},
  booktitle = {Research Handbook on International Law and Migration},
  editor    = {Chetail, Vincent and Bauloz, Céline},
  publisher = {Edward Elgar},
  year      = {2017},
  pages     = {70--90},
}
@article{aradau2004,
  author  = {Aradau, Claudia},
  title   = {The Perverse Politics of Four-Letter Words},
  journal = {Millennium},
  year    = {2004},
}
";

    #[test]
    fn edited_books_become_books_and_their_chapters_chapters() {
        let read = hayagriva::io::from_biblatex_str(BIB).unwrap();
        let lib = edited_books(read.clone());
        let venturas = lib.get("venturas2015").unwrap();
        assert_eq!(*venturas.entry_type(), EntryType::Book);
        assert_eq!(venturas.editors().unwrap()[0].name, "Venturas");
        let guild = lib.get("guild2017").unwrap();
        assert_eq!(*guild.entry_type(), EntryType::Chapter);
        assert_eq!(*guild.parents()[0].entry_type(), EntryType::Book);
        assert_eq!(
            guild.parents()[0].title().unwrap().value.to_string(),
            "Research Handbook on International Law and Migration"
        );
        assert_eq!(
            guild.page_range(),
            read.get("guild2017").unwrap().page_range()
        );
        // Untouched otherwise, and in the file's order.
        assert_eq!(lib.get("aradau2004"), read.get("aradau2004"));
        let keys: Vec<&str> = lib.keys().collect();
        assert_eq!(keys, ["venturas2015", "guild2017", "aradau2004"]);
    }
}
