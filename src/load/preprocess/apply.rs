//! The book the preprocessors leave becomes the book glossator builds, as
//! mdBook renders the book they return: its chapters, parts and separators
//! in their order and nesting are the reading order; a chapter they made
//! is a page with their text, one without a `path` a draft, one they left
//! out is not built.
//!
//! A chapter whose text is a file's (it came back as it was sent) keeps
//! that file, so its diagnostics keep their file and lines; a changed one
//! is read from its new text, under its file's name. An entry of
//! `SUMMARY.md` keeps its line for diagnostics; what the preprocessors
//! added points at the table of the one that added it.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark_escape::escape_html;

use super::book::{Chapter, Item, as_index, normalise};
use super::links::Relinked;
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::load::{Entry, EntryKind, Sources, is_safe_relative, rel_display};

/// What identifies an item from one book to the next, for its span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// A chapter read from a file, by its `source_path`.
    Chapter(String),
    /// A chapter a preprocessor made (no `source_path`), by its path.
    Made(String),
    /// A draft, by its name.
    Draft(String),
    /// A part title.
    Part(String),
}

impl Key {
    fn of(item: &Item) -> Option<Key> {
        match item {
            Item::Chapter(ch) => Some(match (&ch.source_path, &ch.path) {
                (Some(source), _) => Key::Chapter(source.clone()),
                (None, Some(path)) => Key::Made(path.clone()),
                (None, None) => Key::Draft(ch.name.clone()),
            }),
            Item::PartTitle(t) => Some(Key::Part(t.clone())),
            Item::Separator => None,
        }
    }
}

/// Where each item of the book is said to be: the summary's entries at
/// their lines, what a preprocessor added at its table.
pub(super) struct Spans {
    by_key: HashMap<Key, Span>,
    /// The summary's separators in order, then the table of the last
    /// preprocessor whose book was taken, for the separators it added.
    separators: Vec<Span>,
    last: Option<Span>,
}

impl Spans {
    pub(super) fn of_summary(sources: &Sources) -> Spans {
        let mut by_key = HashMap::new();
        let mut separators = Vec::new();
        for e in &sources.summary.entries {
            let key = match &e.kind {
                EntryKind::Chapter {
                    path: Some(path), ..
                } => Key::Chapter(normalise(path)),
                EntryKind::Chapter { title, .. } => Key::Draft(title.clone()),
                EntryKind::Part(t) => Key::Part(t.clone()),
                EntryKind::Separator => {
                    separators.push(e.span.clone());
                    continue;
                }
            };
            by_key.entry(key).or_insert_with(|| e.span.clone());
        }
        Spans {
            by_key,
            separators,
            last: None,
        }
    }

    /// Notes that the book `items` came from the preprocessor whose table
    /// is at `span`: what is new in it is said to be there.
    pub(super) fn taken(&mut self, items: &[Item], span: &Span) {
        for item in items {
            if let Some(key) = Key::of(item) {
                self.by_key.entry(key).or_insert_with(|| span.clone());
            }
            if let Item::Chapter(ch) = item {
                self.taken(&ch.sub_items, span);
            }
        }
        self.last = Some(span.clone());
    }
}

/// Makes `items` the book glossator builds: `sources`' summary and pages.
pub(super) fn apply(
    items: &[Item],
    spans: &Spans,
    relinked: &Relinked,
    sources: &mut Sources,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    // The summary's chapters, with their titles as inline HTML.
    let mut listed: HashMap<String, (String, String)> = HashMap::new();
    for e in &sources.summary.entries {
        if let EntryKind::Chapter {
            title,
            title_html,
            path: Some(path),
            ..
        } = &e.kind
        {
            listed
                .entry(normalise(path))
                .or_insert_with(|| (title.clone(), title_html.clone()));
        }
    }
    let fallback = sources
        .summary
        .entries
        .first()
        .map(|e| e.span.clone())
        .or_else(|| spans.last.clone())
        .unwrap_or_else(|| Span::new(FileId(0), 0..0));
    let mut out = Out {
        entries: Vec::new(),
        pages: BTreeMap::new(),
        titles: BTreeMap::new(),
        separators: 0,
        spans,
        listed: &listed,
        relinked,
        fallback,
    };
    out.items(items, 0, sources, map, diags);
    let Out {
        entries,
        pages,
        titles,
        ..
    } = out;
    // A chapter of the summary the preprocessors left out is not built.
    for path in listed.keys() {
        if !pages.contains_key(path) {
            sources.pages.remove(path);
            sources.titles.remove(path);
        }
    }
    for (path, id) in pages {
        sources.titles.remove(&path);
        sources.pages.insert(path, id);
    }
    sources.titles.extend(titles);
    sources.summary.entries = entries;
}

/// The book being made into the summary and its pages.
struct Out<'a> {
    entries: Vec<Entry>,
    pages: BTreeMap<String, FileId>,
    titles: BTreeMap<String, String>,
    /// Separators met so far.
    separators: usize,
    spans: &'a Spans,
    listed: &'a HashMap<String, (String, String)>,
    relinked: &'a Relinked,
    /// For an item no table or entry can be found for.
    fallback: Span,
}

impl Out<'_> {
    fn items(
        &mut self,
        items: &[Item],
        depth: usize,
        sources: &Sources,
        map: &mut SourceMap,
        diags: &mut Vec<Diagnostic>,
    ) {
        for item in items {
            let span = match item {
                Item::Separator => {
                    self.separators += 1;
                    self.spans
                        .separators
                        .get(self.separators - 1)
                        .or(self.spans.last.as_ref())
                }
                _ => Key::of(item).and_then(|k| self.spans.by_key.get(&k)),
            }
            .cloned()
            .unwrap_or_else(|| self.fallback.clone());
            match item {
                Item::Separator => self.entries.push(Entry {
                    kind: EntryKind::Separator,
                    depth,
                    span,
                }),
                Item::PartTitle(t) => self.entries.push(Entry {
                    kind: EntryKind::Part(t.clone()),
                    depth,
                    span,
                }),
                Item::Chapter(ch) => {
                    if self.chapter(ch, depth, span, sources, map, diags) {
                        self.items(&ch.sub_items, depth + 1, sources, map, diags);
                    }
                }
            }
        }
    }

    /// Adds the chapter `ch`; false when it cannot be built (reported), and
    /// so neither can its sub-chapters.
    fn chapter(
        &mut self,
        ch: &Chapter,
        depth: usize,
        span: Span,
        sources: &Sources,
        map: &mut SourceMap,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let source = ch.source().map(str::to_string);
        // The summary's title as written when the name is still its own.
        let title_html = source
            .as_ref()
            .and_then(|s| self.listed.get(s))
            .filter(|(title, _)| *title == ch.name)
            .map(|(_, html)| html.clone())
            .unwrap_or_else(|| {
                let mut html = String::new();
                let _ = escape_html(&mut html, &ch.name);
                html
            });
        let number = ch
            .number
            .as_ref()
            .filter(|n| !n.is_empty())
            .map(|n| n.iter().map(|part| format!("{part}.")).collect::<String>());
        let entry = |path| Entry {
            kind: EntryKind::Chapter {
                title: ch.name.clone(),
                title_html: title_html.clone(),
                path,
                number: number.clone(),
            },
            depth,
            span: span.clone(),
        };
        let (Some(path), Some(source)) = (&ch.path, source) else {
            // A draft, as in mdBook: listed, not written.
            self.entries.push(entry(None));
            return true;
        };
        // glossator writes `README.md` as `index.html` itself: a chapter
        // that mdBook's `index` renamed is its file's page.
        let key = match as_index(&source).as_deref() == Some(path.as_str()) {
            true => source.clone(),
            false => path.clone(),
        };
        // An entry of SUMMARY.md where it was: resolve reports its problems
        // (a file listed twice, missing) at its line.
        let original =
            self.listed.contains_key(&key) && ch.source_path.as_deref() == Some(key.as_str());
        if !original {
            let problem = if !is_safe_relative(&key) {
                Some((
                    format!(
                        "the preprocessors leave the chapter `{}` at `{path}`, outside the content folder",
                        ch.name
                    ),
                    "a chapter's `path` is relative to the content folder, as in SUMMARY.md"
                        .to_string(),
                ))
            } else if self.pages.contains_key(&key) {
                Some((
                    format!("the preprocessors leave two chapters at `{path}`"),
                    format!("give the chapter `{}` a `path` of its own", ch.name),
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                diags.push(Diagnostic::error(message, span).with_help(help));
                return false;
            }
        }
        // The file whose text the chapter still has, if any.
        let relinked = self
            .relinked
            .get(&source)
            .filter(|(id, _)| map.text(*id) == ch.content);
        let kept = relinked.map(|(id, _)| *id).or_else(|| {
            [&source, &key]
                .into_iter()
                .filter_map(|p| sources.pages.get(p))
                .copied()
                .find(|&id| map.text(id) == ch.content)
        });
        let page = sources.pages.get(&source).copied();
        let id = match kept {
            Some(id) => Some(id),
            // A listed file that is missing or unreadable, sent empty and
            // left so, is reported as such by resolve.
            None if original && page.is_none() && ch.content.is_empty() => None,
            None => {
                let name = match page {
                    Some(id) => map.name(id).to_string(),
                    None => {
                        let src = rel_display(&sources.config.root, &sources.config.src_dir);
                        match src.is_empty() {
                            true => key.clone(),
                            false => format!("{src}/{key}"),
                        }
                    }
                };
                Some(map.add(name, ch.content.clone()))
            }
        };
        if let Some(id) = id {
            self.pages.insert(key.clone(), id);
            let title = match relinked {
                Some((_, title)) => title.clone(),
                None => sources.titles.get(&source).cloned(),
            };
            if let Some(title) = title {
                self.titles.insert(key.clone(), title);
            }
        }
        self.entries.push(entry(Some(key)));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_a_chapter_through_renames() {
        let ch = Chapter {
            name: "A".into(),
            content: String::new(),
            number: None,
            sub_items: Vec::new(),
            path: Some("b.md".into()),
            source_path: Some("a.md".into()),
            parent_names: Vec::new(),
        };
        assert_eq!(
            Key::of(&Item::Chapter(ch.clone())),
            Some(Key::Chapter("a.md".into()))
        );
        let made = Chapter {
            source_path: None,
            ..ch.clone()
        };
        assert_eq!(
            Key::of(&Item::Chapter(made)),
            Some(Key::Made("b.md".into()))
        );
        let draft = Chapter {
            path: None,
            source_path: None,
            ..ch
        };
        assert_eq!(Key::of(&Item::Chapter(draft)), Some(Key::Draft("A".into())));
    }
}
