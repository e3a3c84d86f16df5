//! Which files become pages, in what order, under which output names.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::Page;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::{EntryKind, Sources, is_safe_relative};
use crate::parse::Document;

/// One line of the table of contents.
#[derive(Debug, Clone)]
pub struct NavEntry {
    /// What the line is.
    pub kind: NavKind,
    /// Nesting level.
    pub depth: usize,
    /// Shown text.
    pub title: String,
    /// The shown text as inline HTML (a summary title's code and emphasis),
    /// for the table of contents.
    pub title_html: String,
    /// "1.2." for numbered chapters.
    pub number: Option<String>,
    /// The page it links to.
    pub page: Option<usize>,
}

/// Kinds of table-of-contents line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavKind {
    /// A built chapter.
    Chapter,
    /// A draft chapter: listed, not built.
    Draft,
    /// A part title.
    Part,
    /// A separator line.
    Separator,
    /// The generated index of instruments.
    InstrumentIndex,
    /// The generated list of comparisons.
    ComparisonIndex,
    /// The generated Table of Cases.
    CaseTable,
    /// The generated Bibliography.
    Bibliography,
}

/// The site's layout: its pages in reading order, the contents, every file
/// it writes and the 404 page.
pub(super) struct Layout {
    pub pages: Vec<Page>,
    pub nav: Vec<NavEntry>,
    /// Every file the site writes, by lower-cased path, with what writes it.
    pub outputs: BTreeMap<String, String>,
    /// The chapter that becomes `404.html` (see [`not_found`]).
    pub not_found: Option<Page>,
}

pub(super) fn plan(
    sources: &Sources,
    docs: &mut BTreeMap<String, Arc<Document>>,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Layout {
    let mut plan = Layout {
        pages: Vec::new(),
        nav: Vec::new(),
        outputs: BTreeMap::new(),
        not_found: None,
    };
    let mut listed = BTreeSet::new();
    for entry in &sources.summary.entries {
        let (title, html, path, number) = match &entry.kind {
            EntryKind::Part(t) => {
                plan.nav.push(nav(NavKind::Part, 0, t, None, None));
                continue;
            }
            EntryKind::Separator => {
                plan.nav.push(nav(NavKind::Separator, 0, "", None, None));
                continue;
            }
            EntryKind::Chapter {
                title,
                title_html,
                path,
                number,
            } => (title, title_html.clone(), path, number),
        };
        let Some(path) = path else {
            plan.nav.push(NavEntry {
                title_html: html,
                ..nav(NavKind::Draft, entry.depth, title, number.clone(), None)
            });
            continue;
        };
        // mdBook writes `./chapter_1.md`.
        let path = path
            .split('/')
            .filter(|c| *c != ".")
            .collect::<Vec<_>>()
            .join("/");
        if sources.unreadable.contains(&path) {
            // Already reported: the file exists but could not be read.
            continue;
        }
        let problem = if let Some(why) = unpublishable(&path) {
            // Reported here, not again as a file SUMMARY.md leaves out.
            docs.remove(&path);
            Some((
                format!("`{}` cannot be published: {why}", shown(&path)),
                RENAME,
            ))
        } else if !is_safe_relative(&path) {
            Some((
                "this entry points outside the content folder".to_string(),
                "list only files inside the content folder",
            ))
        } else if let Some(reason) = sources.refused.get(&path) {
            Some((
                format!("`{path}` cannot be published: {reason}"),
                "copy the file into the content folder",
            ))
        } else if !listed.insert(path.clone()) {
            Some((
                format!("`{path}` is listed twice"),
                "list each chapter once",
            ))
        } else if !docs.contains_key(&path) {
            Some((
                format!("`{path}` does not exist"),
                "create the file, fix the path, or write `[Title]()` for a draft",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            diags.push(Diagnostic::error(message, entry.span.clone()).with_help(help));
            continue;
        }
        let doc = docs.remove(&path).expect("checked above");
        let title_text = doc.front.title.clone().unwrap_or_else(|| title.clone());
        // mdBook keeps its own `<title>` when `{{#title}}` repeats the
        // chapter's name.
        let html_title = sources.titles.get(&path).filter(|t| *t != title).cloned();
        plan.nav.push(NavEntry {
            title_html: html,
            ..nav(
                NavKind::Chapter,
                entry.depth,
                title,
                number.clone(),
                Some(plan.pages.len()),
            )
        });
        let mut chapter = page(doc, title_text, number.clone());
        chapter.html_title = html_title;
        plan.pages.push(chapter);
    }
    let instruments: Vec<String> = docs
        .keys()
        .filter(|p| p.starts_with("instruments/"))
        .cloned()
        .collect();
    if !instruments.is_empty() {
        let strings = &sources.config.strings;
        plan.nav
            .push(nav(NavKind::Part, 0, &strings.instruments, None, None));
        plan.nav.push(nav(
            NavKind::InstrumentIndex,
            0,
            &strings.all_instruments,
            None,
            None,
        ));
    }
    for path in instruments {
        let doc = docs.remove(&path).expect("key from the map");
        if let Some(why) = unpublishable(&path) {
            diags.push(
                Diagnostic::file_error(
                    format!("`{}` cannot be published: {why}", shown(&path)),
                    shown(map.name(doc.file)),
                )
                .with_help(RENAME),
            );
            continue;
        }
        let meta = doc.instrument.clone().unwrap_or_default();
        let title = meta
            .title
            .clone()
            .or_else(|| doc.first_h1().map(str::to_string))
            .unwrap_or_else(|| path.clone());
        let short = meta.short.clone().unwrap_or_else(|| title.clone());
        plan.nav.push(nav(
            NavKind::Chapter,
            0,
            &short,
            None,
            Some(plan.pages.len()),
        ));
        plan.pages.push(page(doc, title, None));
    }
    plan.not_found = not_found(sources, docs, diags);
    for (path, doc) in docs.iter() {
        let message = format!(
            "`{}` is not listed in SUMMARY.md, so it is not built",
            shown(path)
        );
        let file = shown(map.name(doc.file));
        // mdBook builds only what its summary lists, without a word: in an
        // mdBook book this is a remark for `-v`, in an edition a warning.
        let d = if sources.config.mdbook {
            Diagnostic::file_note(message, file)
        } else {
            Diagnostic::file_error(message, file).as_warning()
        };
        diags.push(d.with_help(
            "add it to SUMMARY.md, or move it into a folder whose name starts with `_`",
        ));
    }
    let n = plan.pages.len();
    for (i, page) in plan.pages.iter_mut().enumerate() {
        page.prev = i.checked_sub(1);
        page.next = (i + 1 < n).then_some(i + 1);
    }
    let src = sources
        .config
        .src_dir
        .file_name()
        .map(|n| n.to_string_lossy());
    for asset in sources.assets.keys() {
        if let Some(why) = unpublishable(asset) {
            let file = match &src {
                Some(src) => format!("{src}/{asset}"),
                None => asset.clone(),
            };
            diags.push(
                Diagnostic::file_error(
                    format!("`{}` cannot be published: {why}", shown(&file)),
                    shown(&file),
                )
                .with_help("rename the file, and the links to it, to letters, digits, spaces and punctuation other than `\\` and `:`"),
            );
        }
    }
    plan.outputs = check_collisions(&plan.pages, sources, map, diags);
    plan
}

/// The page for missing addresses, as mdBook makes it: the chapter
/// `404.md` (or the one `[output.html] input-404` names), which SUMMARY.md
/// does not list, becomes `404.html`. A file that `input-404` names and that
/// does not exist is an error at the key; without the key and the file,
/// glossator writes its own page.
fn not_found(
    sources: &Sources,
    docs: &mut BTreeMap<String, Arc<Document>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let html = &sources.config.html;
    let Some(doc) = docs.remove(&html.input_404) else {
        if let Some(span) = &html.input_404_span {
            diags.push(
                Diagnostic::error(
                    format!(
                        "`input-404` names `{}`, which is not in the content folder",
                        html.input_404
                    ),
                    span.clone(),
                )
                .with_help("create the file, or remove the key to get glossator's own 404 page"),
            );
        }
        return None;
    };
    let title = doc
        .front
        .title
        .clone()
        .or_else(|| doc.first_h1().map(str::to_string))
        .unwrap_or_else(|| "Page not found".to_string());
    let mut page = page(doc, title, None);
    page.output = "404.html".to_string();
    Some(page)
}

/// The hint of a name that cannot be published.
const RENAME: &str = "rename the file (and its SUMMARY.md entry) to letters, digits, spaces and punctuation other than `\\` and `:`";

/// Why a file of the content folder cannot be published under its name, if
/// it cannot: its name is part of every address of the site, and a page
/// must open from any common file system and from a URL. Control characters
/// are invisible and unsafe in a terminal, a backslash separates folders on
/// Windows, a `:` is refused there and reads as a URL scheme, and a folder
/// or file name ending in a dot or a space loses it on Windows. `?`, `%`,
/// `#`, spaces and letters outside ASCII are published, percent-encoded in
/// every address. (`..` is left to the check for paths out of the folder.)
pub fn unpublishable(path: &str) -> Option<&'static str> {
    if path.chars().any(char::is_control) {
        Some("its name holds a control character")
    } else if path.contains('\\') {
        Some("its name holds a backslash (`\\`)")
    } else if path.contains(':') {
        Some("its name holds a colon (`:`)")
    } else if path
        .split('/')
        .any(|c| c != "." && c != ".." && c.ends_with(['.', ' ']))
    {
        Some("a folder or file name in it ends with a dot or a space")
    } else {
        None
    }
}

/// `path` as a diagnostic shows it: control characters escaped (`\u{1}`).
pub fn shown(path: &str) -> String {
    path.chars()
        .map(|c| match c.is_control() {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect()
}

fn nav(
    kind: NavKind,
    depth: usize,
    title: &str,
    number: Option<String>,
    page: Option<usize>,
) -> NavEntry {
    let mut title_html = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut title_html, title);
    NavEntry {
        kind,
        depth,
        title: title.to_string(),
        title_html,
        number,
        page,
    }
}

fn page(doc: Arc<Document>, title: String, number: Option<String>) -> Page {
    let output = output_path(&doc.path);
    Page {
        doc,
        output,
        title,
        html_title: None,
        number,
        prev: None,
        next: None,
        targets: BTreeMap::new(),
        clause: None,
    }
}

/// Where the generated list of comparisons is written.
pub const COMPARISON_INDEX: &str = "comparisons.html";

/// Where the generated Bibliography (the works cited) is written.
pub const BIBLIOGRAPHY: &str = "bibliography.html";

/// Where the generated Table of Cases is written.
pub const CASE_TABLE: &str = "cases.html";

/// Where the generated index of instruments is written.
pub const INSTRUMENT_INDEX: &str = "instruments/index.html";

/// `a/b.md` → `a/b.html`; `README.md` → `index.html` (as mdBook does).
pub fn output_path(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    match stem.rsplit_once('/') {
        Some((dir, "README")) => format!("{dir}/index.html"),
        None if stem == "README" => "index.html".to_string(),
        _ => format!("{stem}.html"),
    }
}

/// Two sources that would write one file (on a case-insensitive disk too)
/// are an error naming both, never a silent overwrite. Returns every file
/// the site writes, by lower-cased path, with what writes it.
fn check_collisions(
    pages: &[Page],
    sources: &Sources,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let src = sources
        .config
        .src_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Pages glossator writes itself; an edition's own file may not take their place.
    let generated = [
        ("toc.html", "(the generated contents page)"),
        ("toc.js", "(the generated contents script)"),
        ("search-index.js", "(the generated search index)"),
        ("search.html", "(the generated search page)"),
        ("references.json", "(the generated list of citations)"),
        ("404.html", "(the generated page for missing addresses)"),
        ("print.html", "(the generated print edition)"),
        ("sitemap.xml", "(the generated sitemap)"),
        (COMPARISON_INDEX, "(the generated list of comparisons)"),
        (INSTRUMENT_INDEX, "(the generated index of instruments)"),
    ]
    .map(|(path, what)| (path.to_string(), what.to_string()));
    // The theme: built-in files, the edition's `theme/` folder and its
    // `additional-css`/`additional-js`, all published under `theme/`.
    let theme = crate::render::assets::BUILTIN
        .iter()
        .map(|(name, _)| {
            (
                format!("theme/{name}"),
                format!("(the built-in theme's {name})"),
            )
        })
        .chain(std::iter::once((
            "theme/highlight.css".to_string(),
            "(the generated code highlighting stylesheet)".to_string(),
        )))
        .chain(
            sources
                .theme
                .keys()
                .filter(|name| {
                    !crate::render::assets::BUILTIN
                        .iter()
                        .any(|(b, _)| b == name)
                })
                .map(|name| (format!("theme/{name}"), format!("(the theme's {name})"))),
        );
    // `index.html` sends the reader to the first page when no page is written there.
    let redirect = (!pages.iter().any(|p| p.output == "index.html")).then(|| {
        (
            "index.html".to_string(),
            "(the generated redirect to the first page)".to_string(),
        )
    });
    // mdBook's `cname`: the file a Git forge's pages read the domain from.
    let cname = sources
        .config
        .html
        .cname
        .as_ref()
        .map(|_| ("CNAME".to_string(), "(`cname` in book.toml)".to_string()));
    let outputs = pages
        .iter()
        .map(|p| (p.output.clone(), map.name(p.doc.file).to_string()))
        .chain(generated)
        .chain(theme)
        .chain(redirect)
        .chain(cname)
        .chain((!sources.cases.is_empty()).then(|| {
            (
                CASE_TABLE.to_string(),
                "(the generated Table of Cases)".to_string(),
            )
        }))
        .chain(sources.works.is_some().then(|| {
            (
                BIBLIOGRAPHY.to_string(),
                "(the generated Bibliography)".to_string(),
            )
        }))
        .chain(
            sources
                .assets
                .keys()
                .map(|a| (a.clone(), format!("{src}/{a}"))),
        );
    for (output, source) in outputs {
        let key = output.to_lowercase();
        if let Some(other) = seen.get(&key) {
            diags.push(
                Diagnostic::file_error(
                    format!("`{other}` and `{source}` would both be written to `{output}`"),
                    source.clone(),
                )
                .with_help(if output.starts_with("theme/") {
                    "rename one of them; to replace a theme file, put it in the `theme/` folder beside book.toml"
                } else {
                    "rename one of them"
                }),
            );
        } else {
            seen.insert(key, source);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::{output_path, unpublishable};

    #[test]
    fn output_paths() {
        assert_eq!(output_path("a/b.md"), "a/b.html");
        assert_eq!(output_path("README.md"), "index.html");
        assert_eq!(output_path("part/README.md"), "part/index.html");
    }

    #[test]
    fn names_that_cannot_be_published() {
        for bad in [
            "\u{1}.md",
            "a\tb.md",
            "a\u{7f}.md",
            "a\\b.md",
            "c:d.md",
            "v1./a.md",
            "x /a.md",
        ] {
            assert!(unpublishable(bad).is_some(), "{bad:?}");
        }
        for good in [
            "a b.md", "what?.md", "100%.md", "c#.md", "é.md", "a..md", "../a.md",
        ] {
            assert_eq!(unpublishable(good), None, "{good:?}");
        }
    }
}
