//! Works cited: the bibliography book.toml names, the citations of its works
//! in prose and notes (Pandoc's `[@key, 12]` and `@key`, and the author's
//! `[words](cite:key)`), formatted by a CSL style, and every place each work
//! is cited, for the Bibliography page.
//!
//! `library.rs` reads the file (BibTeX, CSL-JSON, hayagriva YAML; `retype.rs`
//! gives BibLaTeX's edited books their CSL types, `titles.rs` keeps a
//! title's small words after a comma in lower case),
//! `style.rs` chooses the style (`substitute.rs` mends what hayagriva
//! misreads of it), `grammar.rs` finds Pandoc's citations in a
//! text, `scan.rs` walks one page for them, and `format.rs` runs the CSL
//! processor over all of them in reading order. A citation the style
//! formats takes the place of its `[@…]` where it stands (in the author's
//! note, under the author's number: no note is made or renumbered); a
//! `cite:` link keeps the author's words and leads to the work's entry.

mod format;
mod grammar;
mod library;
mod retype;
mod scan;
mod style;
mod substitute;
mod titles;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;

use format::Formatted;
pub use library::Meta;
use scan::{Cite, How};

use super::{Inline, InlineKind, NoteNumber, Page, PageId, PageRef, Target, WorkCite, WorkLink};
use crate::diag::{Diagnostic, SourceMap};
use crate::load::WorksFiles;
use crate::resolve::{BIBLIOGRAPHY, Dest, Piece};

/// A work of the bibliography that the edition cites, in the style's order.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Work {
    /// Its key in the bibliography.
    pub key: String,
    /// Its entry's id on the Bibliography page (`work-guild2017`).
    pub id: String,
    /// Its entry, as the style formats it.
    pub text: Vec<Piece>,
    /// What a reference manager reads of it.
    pub meta: Meta,
}

/// One place in the edition that cites works.
#[derive(Debug, Clone, PartialEq, Hash, serde::Serialize)]
pub struct WorkCitation {
    /// The works cited, as indices into [`Works::works`], in the citation's
    /// order.
    pub works: Vec<usize>,
    /// The locators, as written, one for each work.
    pub locators: Vec<Option<String>>,
    pub page: PageId,
    /// The id of the citation on that page (`work-2`).
    pub anchor: String,
    pub note: Option<NoteNumber>,
    pub paragraph: Option<u32>,
    /// The editors cite it (an editorial block or page), not the authors.
    pub editorial: bool,
    /// Where it is written, as `file:line:col`.
    pub location: String,
}

/// The works cited and every citation of them.
#[derive(Debug, Default)]
pub struct Works {
    pub works: Vec<Work>,
    /// Every citation, in reading order.
    pub list: Vec<WorkCitation>,
}

impl Works {
    /// The citations of work `work`, in reading order.
    pub fn of_work(&self, work: usize) -> impl Iterator<Item = &WorkCitation> {
        self.list.iter().filter(move |c| c.works.contains(&work))
    }
}

/// What the scan of every page found: each page's marks (formatted
/// citations), its `cite:` links' targets, and the words it claims (which
/// the provision walk leaves alone: "para 12" is the work's).
pub(super) struct Found {
    pub marks: Vec<Vec<(usize, Vec<Inline>)>>,
    pub links: Vec<Vec<(usize, Target)>>,
    pub claimed: Vec<BTreeMap<usize, Vec<Range<usize>>>>,
}

/// Where work `key`'s entry is.
fn dest(key: &str) -> Dest {
    Dest::In {
        page: PageRef::Generated(BIBLIOGRAPHY),
        fragment: Some(entry_id(key)),
    }
}

/// A work's entry id: its key, with the blanks a braced key may hold made
/// dashes (an id holds none).
fn entry_id(key: &str) -> String {
    let key: String = key
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    format!("work-{key}")
}

/// What works cited keeps from one build for the next (`serve`): the
/// bibliography and style read, under the key of their files, and the
/// citations formatted, under the key of those and of what was asked.
#[derive(Default)]
pub struct Kept {
    read: Option<Read>,
    formatted: Option<(crate::memo::Key, format::Formatted)>,
}

struct Read {
    key: crate::memo::Key,
    /// Read without a diagnostic, in a build that keeps results.
    reusable: bool,
    library: library::Library,
    style: style::Formatter,
}

/// Reads the bibliography and the style, and formats every citation of the
/// pages; `on` says whether `kept` is kept for the next build.
pub(super) fn resolve(
    pages: &[Page],
    config: Option<&crate::config::Works>,
    files: Option<WorksFiles>,
    map: &SourceMap,
    (kept, on): (&mut Kept, bool),
    diags: &mut Vec<Diagnostic>,
) -> (Works, Found) {
    let mut found = Found {
        marks: vec![Vec::new(); pages.len()],
        links: vec![Vec::new(); pages.len()],
        claimed: vec![BTreeMap::new(); pages.len()],
    };
    let cites: Vec<Vec<Cite>> = pages
        .par_iter()
        .map(|p| {
            let _on = crate::panic::processing(map.name(p.doc.file));
            scan::page(p, map.text(p.doc.file))
        })
        .collect();
    let (Some(config), Some(files)) = (config, files) else {
        // Without a bibliography only a `cite:` link is surely a citation.
        if config.is_none() {
            for c in cites.iter().flatten().filter(|c| c.how == How::Link) {
                diags.push(
                    Diagnostic::error(format!("`cite:{}` cites a work, but the edition has no bibliography", c.items[0].key), c.span.clone())
                        .with_help("name the bibliography file in book.toml: `bibliography = \"works.bib\"` under [glossator]"),
                );
            }
        }
        return (Works::default(), found);
    };
    // The bibliography and the style as the last build read them, when
    // their files are the same (`serve`): reading and formatting them is
    // most of a save's work on a small edition.
    let read_key = crate::memo::key_of(&(
        map.name(files.bibliography),
        map.text(files.bibliography),
        crate::memo::ByDebug(&config.style),
        files.style.map(|f| map.text(f)),
    ));
    let Kept {
        read,
        formatted: last,
    } = kept;
    if !read
        .as_ref()
        .is_some_and(|r| r.reusable && r.key == read_key)
    {
        *read = None;
        *last = None;
        let said = diags.len();
        let name = map.name(files.bibliography).to_string();
        let library = library::Library::read(
            &name,
            files.bibliography,
            map.text(files.bibliography),
            diags,
        );
        let style = style::choose(
            &config.style,
            &config.style_at,
            files.style.map(|f| (f, map.text(f))),
            diags,
        );
        let (Some(library), Some(style)) = (library, style) else {
            return (Works::default(), found);
        };
        // Read again next time if it warned, so that the warning is said again.
        *read = Some(Read {
            key: read_key,
            reusable: on && diags.len() == said,
            library,
            style,
        });
    }
    let Some(Read { library, style, .. }) = read.as_ref() else {
        return (Works::default(), found);
    };
    let keys = library.keys();
    // The citations kept, by page, each with its request.
    let mut kept: Vec<(usize, Cite)> = Vec::new();
    for (p, page_cites) in cites.into_iter().enumerate() {
        for c in page_cites {
            if check(&c, library, &keys, diags) {
                kept.push((p, c));
            }
        }
    }
    let requests: Vec<format::Request> = kept
        .iter()
        .map(|(_, c)| format::Request {
            items: c
                .items
                .iter()
                .map(|i| format::RequestItem {
                    key: i.key.clone(),
                    locator: locator(i),
                    prose: c.how == How::Pandoc(grammar::Form::Bare),
                    hidden: c.how == How::Link,
                })
                .collect(),
            note: c.note,
        })
        .collect();
    let format_key = crate::memo::key_of(&(read_key, &requests));
    let formatted = match last.as_ref() {
        Some((k, f)) if on && *k == format_key => Some(f.clone()),
        _ => {
            let made = format::format(library, style, &requests, &dest);
            *last = made
                .as_ref()
                .filter(|_| on)
                .map(|f| (format_key, f.clone()));
            made
        }
    };
    let Some(formatted) = formatted else {
        diags.push(
            Diagnostic::error(
                "the citation style gave back a different number of citations than the text makes; none is formatted",
                config.style_at.clone(),
            )
            .with_help("report this with the edition's bibliography and style; meanwhile try another style"),
        );
        return (Works::default(), found);
    };
    let Formatted {
        mut citations,
        bibliography,
    } = formatted;
    // A work the style formats to nothing (Chicago's has no entry for a
    // document with nowhere to find it) is left out of the Bibliography, as
    // citeproc-js leaves it out; its citations then lead to no entry.
    let (bibliography, omitted): (Vec<_>, Vec<_>) = bibliography
        .into_iter()
        .partition(|(_, text)| text.iter().any(|p| !p.text.trim().is_empty()));
    let omitted: BTreeSet<String> = omitted.into_iter().map(|(key, _)| key).collect();
    for key in &omitted {
        let uses = kept
            .iter()
            .filter(|(_, c)| c.items.iter().any(|i| &i.key == key))
            .count();
        let name = map.name(files.bibliography);
        let at = library::entry_at(name, map.text(files.bibliography), key);
        diags.push(
            Diagnostic::warning(
                format!("the citation style makes no Bibliography entry of `{key}`: it is left out, and its {uses} citation(s) lead to no entry"),
                crate::diag::Span::new(files.bibliography, at),
            )
            .with_help("give the work what the style needs to list it (for Chicago, where it can be found: a publisher, a journal or book, a number, a URL or an archive), or choose a style that lists it"),
        );
    }
    for words in &mut citations {
        for piece in words.iter_mut() {
            if piece
                .to
                .as_ref()
                .is_some_and(|d| omitted.iter().any(|k| *d == dest(k)))
            {
                piece.to = None;
            }
        }
    }
    let works: Vec<Work> = bibliography
        .into_iter()
        .map(|(key, text)| Work {
            id: entry_id(&key),
            meta: library.meta(&key),
            key,
            text,
        })
        .collect();
    let index: BTreeMap<&str, usize> = works
        .iter()
        .enumerate()
        .map(|(i, w)| (w.key.as_str(), i))
        .collect();
    let mut list = Vec::new();
    let mut counts = vec![0usize; pages.len()];
    for ((p, c), text) in kept.iter().zip(citations) {
        counts[*p] += 1;
        let anchor = format!("work-{}", counts[*p]);
        match c.how {
            // The author's words stay as they are, leading nowhere, when the
            // work has no entry.
            How::Link if omitted.contains(&c.items[0].key) => {}
            How::Link => found.links[*p].push((
                c.event,
                Target::WorkLink(WorkLink {
                    to: dest(&c.items[0].key),
                    anchor: anchor.clone(),
                }),
            )),
            How::Pandoc(_) => {
                let mut words = Vec::new();
                let prefix = &c.items[0].prefix;
                if !prefix.is_empty() {
                    words.push(Piece {
                        text: format!("{prefix} "),
                        ..Piece::default()
                    });
                }
                words.extend(text);
                // The style's closing full stop gives way to the author's
                // punctuation right after the citation (`[@a].`), as
                // Pandoc's citeproc does.
                let after =
                    event_text(&pages[*p], c.event).and_then(|t| t[c.range.end..].chars().next());
                if matches!(after, Some('.' | ',' | ';' | ':' | '?' | '!'))
                    && let Some(last) = words.last_mut()
                    && last.text.ends_with('.')
                {
                    last.text.pop();
                    if last.text.is_empty() {
                        words.pop();
                    }
                }
                found.marks[*p].push((
                    c.event,
                    vec![Inline {
                        range: c.range.clone(),
                        kind: InlineKind::Work(WorkCite {
                            anchor: anchor.clone(),
                            text: words,
                        }),
                    }],
                ));
                found.claimed[*p]
                    .entry(c.event)
                    .or_default()
                    .push(c.range.clone());
            }
        }
        let listed: Vec<usize> = c
            .items
            .iter()
            .filter_map(|i| index.get(i.key.as_str()).copied())
            .collect();
        if listed.is_empty() {
            continue;
        }
        let loc = map.location(&c.span);
        list.push(WorkCitation {
            works: listed,
            locators: c
                .items
                .iter()
                .map(|i| (!i.locator_text.is_empty()).then(|| i.locator_text.clone()))
                .collect(),
            page: PageId(*p),
            anchor,
            note: c.note,
            paragraph: c.paragraph,
            editorial: c.editorial,
            location: format!("{}:{}:{}", loc.file, loc.line, loc.column),
        });
    }
    (Works { works, list }, found)
}

/// Whether every key of `c` is a work of the bibliography; otherwise the
/// diagnostic, at the key, with the nearest key. A bare `@word` that is no
/// key is left as text (a handle, "@UNHCR"), with a warning only when a key
/// is near enough to be what was meant.
fn check(
    c: &Cite,
    library: &library::Library,
    keys: &[String],
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    for (item, span) in c.items.iter().zip(&c.key_spans) {
        if library.contains(&item.key) {
            continue;
        }
        ok = false;
        let near = nearest(&item.key, keys);
        let written = match c.how {
            How::Link => format!("cite:{}", item.key),
            How::Pandoc(_) => format!("@{}", item.key),
        };
        let help = match &near {
            Some(k) => format!("did you mean `{k}`? Otherwise add the work to the bibliography"),
            None => "add the work to the bibliography, or correct the key (it is the entry's key in the .bib file, or its `id` in CSL-JSON)".to_string(),
        };
        match (c.how, near) {
            (How::Pandoc(grammar::Form::Bare), None) => {}
            (How::Pandoc(grammar::Form::Bare), Some(_)) => diags.push(
                Diagnostic::warning(
                    format!("`{written}` is no work of the bibliography; it is left as text"),
                    span.clone(),
                )
                .with_help(help)
                .strict(),
            ),
            _ => diags.push(
                Diagnostic::error(
                    format!("`{written}` is no work of the bibliography"),
                    span.clone(),
                )
                .with_help(help),
            ),
        }
    }
    if ok && c.items.len() > 1 && c.items.iter().skip(1).any(|i| !i.prefix.is_empty()) {
        diags.push(
            Diagnostic::warning("only the first work of a citation may have words before it; the others' are left out", c.span.clone())
                .with_help("split the citation in two: `[see @a; @b]` becomes `[see @a] and [compare @b]`"),
        );
    }
    ok
}

/// An item's locator, with the words after it (`12 and passim`); words
/// without a locator go where one would (`emphasis added`), without a label.
fn locator(i: &grammar::Item) -> Option<(grammar::Unit, String)> {
    match (&i.locator, i.suffix.is_empty()) {
        (Some((u, v)), true) => Some((*u, v.clone())),
        (Some((u, v)), false) => Some((*u, format!("{v} {}", i.suffix))),
        (None, false) => Some((grammar::Unit::Custom, i.suffix.clone())),
        (None, true) => None,
    }
}

/// The words of text event `event` of `page`.
fn event_text(page: &Page, event: usize) -> Option<&str> {
    match page.doc.events.get(event).map(|e| &e.0) {
        Some(crate::parse::Node::Md(pulldown_cmark::Event::Text(t))) => Some(t),
        _ => None,
    }
}

/// The key nearest to `key`, for a typo.
fn nearest<'a>(key: &str, keys: &'a [String]) -> Option<&'a str> {
    let wanted = key.to_lowercase();
    keys.iter()
        .map(|k| (strsim::levenshtein(&wanted, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= wanted.len().min(k.len()) / 3 + 1)
        .min()
        .map(|(_, k)| k.as_str())
}
