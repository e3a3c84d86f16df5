//! mdBook's `links` at its place among the preprocessors.
//!
//! glossator expands every chapter's directives as it reads it (in
//! parallel, with each piece's file and line kept for diagnostics). When a
//! preprocessor runs before `links`, it is given each chapter as read
//! instead; at `links`' place a chapter that came back as it was sent takes
//! its expanded text again, and one that a preprocessor changed or made is
//! expanded now, from its new text, as mdBook would expand it.

use std::collections::{BTreeMap, HashMap};

use super::book::{Item, for_each_chapter};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::load::{Sources, include, rel_display};

/// A chapter expanded at `links`' place: its file and `{{#title}}`, by the
/// chapter's source, for [`super::apply`] to take when its text is still
/// this one at the end.
pub(super) type Relinked = BTreeMap<String, (FileId, Option<String>)>;

/// Runs `links` over `items`, whose chapters hold their text as read (or as
/// a preprocessor left it); `as_read` is each expanded page's file as read.
pub(super) fn expand(
    items: &mut [Item],
    sources: &mut Sources,
    as_read: &BTreeMap<String, FileId>,
    map: &mut SourceMap,
    relinked: &mut Relinked,
    diags: &mut Vec<Diagnostic>,
) {
    let book = include::Book::new(&sources.config.root, &sources.config.build_dir);
    let src_dir = sources.config.src_dir.clone();
    let src_name = rel_display(&sources.config.root, &src_dir);
    let mut registered = HashMap::new();
    for_each_chapter(items, &mut |ch| {
        // mdBook's `links` reads the chapters that have a path.
        let (Some(path), Some(source)) = (ch.path.clone(), ch.source().map(str::to_string)) else {
            return;
        };
        let page = sources.pages.get(&source).copied();
        let read = as_read.get(&source).copied().or(page);
        if let (Some(read), Some(page)) = (read, page)
            && map.text(read) == ch.content
        {
            ch.content = map.text(page).to_string();
            return;
        }
        let shown = match page {
            Some(id) => map.name(id).to_string(),
            None if src_name.is_empty() => path.clone(),
            None => format!("{src_name}/{path}"),
        };
        let text = std::mem::take(&mut ch.content);
        let expanded = include::expand(&book, &src_dir.join(&path), &shown, text);
        ch.content = expanded.text.clone();
        let id = map.add(shown, expanded.text);
        let mut found = expanded.diags;
        match expanded.origins {
            Some(origins) => {
                let ids = origins.place(id, map, &mut registered);
                for d in &mut found {
                    if let Some(span) = &mut d.span {
                        span.file = ids[span.file.0 as usize];
                    }
                }
            }
            None => {
                for d in &mut found {
                    if let Some(span) = &mut d.span {
                        span.file = id;
                    }
                }
            }
        }
        diags.extend(found);
        sources.included.extend(expanded.named);
        relinked.insert(source, (id, expanded.title));
    });
}
