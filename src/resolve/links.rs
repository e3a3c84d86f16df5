//! Links between pages: `chapter.md#anchor` becomes a relative `.html`
//! address that works from disk, and every internal link is checked.

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use super::{Dest, Page, PageId, PageRef, Target};
use crate::diag::{Diagnostic, Span};
use crate::load::summary::percent_decode;
use crate::parse::scheme;

/// mdBook's ids for a page's notes and their references, as
/// `render/html.rs` writes them in an mdBook book.
fn mdbook_note_ids(page: &Page) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut ids: Vec<String> = page
        .doc
        .note_defs
        .iter()
        .map(|d| format!("footnote-{}", d.label))
        .collect();
    for r in &page.doc.note_refs {
        let k = seen.entry(r.label.as_str()).or_insert(0);
        *k += 1;
        ids.push(format!("fr-{}-{k}", r.label));
    }
    ids
}

pub(super) struct LinkIndex<'a> {
    /// Each page by its source path: which page it is, and its ids.
    pages: HashMap<&'a str, (PageRef, HashSet<String>)>,
    /// A page's output path → its source path, for links written to the
    /// `.html` file (`chapter.html#part`), as mdBook books often do.
    outputs: HashMap<&'a str, &'a str>,
    unreadable: &'a std::collections::BTreeSet<String>,
    assets: &'a BTreeMap<String, Vec<u8>>,
}

impl<'a> LinkIndex<'a> {
    /// The index of `pages` and of `not_found`, the book's `404.md`, which
    /// chapters may link to as mdBook lets them. In an mdBook book
    /// (`mdbook`), mdBook's note ids (`footnote-LABEL`, `fr-LABEL-1`), which
    /// its pages carry beside glossator's, are targets too.
    pub fn new(
        pages: &'a [Page],
        not_found: Option<&'a Page>,
        assets: &'a BTreeMap<String, Vec<u8>>,
        unreadable: &'a std::collections::BTreeSet<String>,
        mdbook: bool,
    ) -> Self {
        let all = || {
            let refs = (0..pages.len()).map(|i| PageRef::Page(PageId(i)));
            pages
                .iter()
                .zip(refs)
                .chain(not_found.map(|p| (p, PageRef::NotFound)))
        };
        let outputs = all()
            .map(|(p, _)| (p.output.as_str(), p.doc.path.as_str()))
            .collect();
        let pages = all()
            .map(|(p, page_ref)| {
                let mut ids: HashSet<String> = p
                    .doc
                    .headings
                    .iter()
                    .map(|h| h.id.clone())
                    .chain(p.doc.terms.iter().cloned())
                    .collect();
                // `<a id="x">` and `<span id="x">` anchors written in raw HTML.
                for (event, _) in &p.doc.events {
                    if let Some(Event::Html(html) | Event::InlineHtml(html)) = event.md() {
                        ids.extend(html_ids(html));
                    }
                }
                for t in p.targets.values() {
                    if let Target::NoteDef { number, .. } = t {
                        ids.insert(format!("fn-{number}"));
                    }
                    if let Target::NoteRef {
                        number,
                        occurrence: 1,
                        ..
                    } = t
                    {
                        ids.insert(format!("fnref-{number}"));
                    }
                }
                if mdbook {
                    ids.extend(mdbook_note_ids(p));
                }
                (p.doc.path.as_str(), (page_ref, ids))
            })
            .collect();
        LinkIndex {
            pages,
            outputs,
            unreadable,
            assets,
        }
    }

    /// Whether a site-relative path is a copied file or a page's output.
    fn exists(&self, path: &str) -> bool {
        // A file that could not be read was reported already; links to it
        // are not reported again.
        self.assets.contains_key(path)
            || self.outputs.contains_key(path)
            || self.unreadable.contains(path)
    }
}

pub(super) fn resolve_links(
    page: &Page,
    index: &LinkIndex<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, Target)> {
    let mut out = Vec::new();
    for (i, (event, range)) in page.doc.events.iter().enumerate() {
        let (dest, is_image) = match event.md() {
            Some(Event::Start(Tag::Link { dest_url, .. })) => (dest_url.as_ref(), false),
            Some(Event::Start(Tag::Image { dest_url, .. })) => (dest_url.as_ref(), true),
            _ => continue,
        };
        let span = Span::new(page.doc.file, range.clone());
        if let Some(scheme) = scheme(dest) {
            if matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file")
                && !(is_image && scheme == "data")
            {
                diags.push(
                    Diagnostic::warning(
                        format!("`{scheme}:` links are not published; the link text is kept"),
                        span,
                    )
                    .with_help("link to a page or an https:// address"),
                );
                out.push((i, Target::TextOnly));
            }
            continue;
        }
        if dest.starts_with("//") || dest.is_empty() {
            continue;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            if let Some(f) = fragment {
                check_fragment(
                    index.pages.get(page.doc.path.as_str()).map(|p| &p.1),
                    f,
                    dest,
                    &span,
                    diags,
                );
            }
            continue;
        }
        let Some(target) = join(&page.doc.path, &percent_decode(path)) else {
            diags.push(
                Diagnostic::note(
                    format!("`{dest}` leads out of the book, so it is not checked"),
                    span,
                )
                .with_help("a link out of the content folder is published as written"),
            );
            continue;
        };
        // A link to a page's `.html` file is a link to the page, and one to
        // `index.md` beside a `README.md` is a link to that chapter, which
        // mdBook's `index` preprocessor names `index.md` (the Clippy book
        // links `[introduction](index.md)`).
        let source = index.outputs.get(target.as_str()).copied();
        let page_at = index
            .pages
            .get(target.as_str())
            .or_else(|| source.and_then(|s| index.pages.get(s)))
            .or_else(|| readme_for(&target).and_then(|r| index.pages.get(r.as_str())));
        if let Some((page_ref, ids)) = page_at {
            if let Some(f) = fragment {
                check_fragment(Some(ids), f, dest, &span, diags);
            }
            let to = Dest::In {
                page: *page_ref,
                fragment: fragment.map(str::to_string),
            };
            out.push((i, Target::Link(to)));
        } else if !index.exists(&target) {
            diags.push(
                Diagnostic::warning(
                    format!("broken link: `{dest}` is not a file of this edition"),
                    span,
                )
                .with_help("link to a chapter's .md file, or to a file inside the content folder"),
            );
        }
    }
    out
}

fn check_fragment(
    ids: Option<&HashSet<String>>,
    fragment: &str,
    dest: &str,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(ids) = ids
        && !ids.contains(&percent_decode(fragment))
    {
        diags.push(
            Diagnostic::warning(
                format!("broken link: no heading or note `#{fragment}` in `{dest}`"),
                span.clone(),
            )
            .with_help("heading anchors are the heading's words in lower case, joined by hyphens"),
        );
    }
}

/// `README.md` in the folder of `target`, when `target` is that folder's
/// `index.md`: mdBook's name for a `README.md` chapter.
fn readme_for(target: &str) -> Option<String> {
    let folder = match target.rsplit_once('/') {
        Some((folder, "index.md")) => format!("{folder}/"),
        None if target == "index.md" => String::new(),
        _ => return None,
    };
    Some(format!("{folder}README.md"))
}

/// The values of the `id` attributes in a piece of raw HTML. HTML allows
/// spaces around the `=` and any case in the name: the Rust book writes
/// `<a id ="determining-a-single-pages-title"></a>`, which browsers and
/// mdBook read as an id.
fn html_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    let lower = html.to_ascii_lowercase();
    let starts: Vec<usize> = lower.match_indices("id").map(|(at, _)| at).collect();
    starts.into_iter().filter_map(move |at| {
        let before = html[..at].chars().next_back()?;
        if !before.is_whitespace() {
            return None;
        }
        let rest = html[at + 2..].trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let quote = rest.chars().next()?;
        let value = if quote == '"' || quote == '\'' {
            rest[1..].split(quote).next()?
        } else {
            rest.split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()?
        };
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// `rel` read from the folder of `from` (both relative to the content
/// folder); `None` if it climbs out.
pub fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in rel.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_ids_are_found() {
        let ids: Vec<String> =
            html_ids("<a id=\"one\"></a><span class=\"x\" id='two'>, <p id=three>, data-id=\"no\"")
                .collect();
        assert_eq!(ids, ["one", "two", "three"]);
        let spaced: Vec<String> =
            html_ids("<a id =\"four\"></a><a ID= 'five'><a id = six><a idx=\"no\"><p hidden>")
                .collect();
        assert_eq!(spaced, ["four", "five", "six"]);
    }

    #[test]
    fn index_md_is_the_folders_readme() {
        assert_eq!(readme_for("index.md").as_deref(), Some("README.md"));
        assert_eq!(readme_for("a/b/index.md").as_deref(), Some("a/b/README.md"));
        assert_eq!(readme_for("a/xindex.md"), None);
        assert_eq!(readme_for("a/README.md"), None);
    }

    #[test]
    fn join_stays_inside() {
        assert_eq!(join("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(join("b.md", "../c.md"), None);
    }
}
