//! Stage 1, load: the only stage that reads the disk.
//!
//! Reads `book.toml`, every file under the content folder, and the edition's
//! template and theme overrides into memory ([`Sources`]). It decides nothing
//! about meaning; it only makes sure that what later stages see is inside the
//! edition, decoded, with mdBook's `{{#include}}` directives expanded
//! ([`mod@include`]), and registered in the [`SourceMap`] for diagnostics.

pub mod include;
mod preprocess;
pub mod summary;
pub mod text;
mod works;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::config::environment::{self, Override};
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
pub use summary::{Entry, EntryKind, Summary};

/// Everything the edition consists of, read into memory.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The checked configuration.
    pub config: Config,
    /// The reading order from `SUMMARY.md`.
    pub summary: Summary,
    /// `SUMMARY.md` itself, when present.
    pub summary_file: Option<FileId>,
    /// Every Markdown file under the content folder, by path relative to it
    /// (always with `/`), except `SUMMARY.md`.
    pub pages: BTreeMap<String, FileId>,
    /// Every other file under the content folder (images, PDFs), copied as is.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Files that exist but may not be published, with the reason.
    pub refused: BTreeMap<String, String>,
    /// Markdown files that exist but could not be read (already reported).
    pub unreadable: std::collections::BTreeSet<String>,
    /// The edition's own templates, overriding built-in ones by name.
    pub templates: BTreeMap<String, FileId>,
    /// The edition's own theme files, overriding built-in ones by name.
    pub theme: BTreeMap<String, Vec<u8>>,
    /// The `{{#title}}` of a page, by path as in `pages`: its `<title>`.
    pub titles: BTreeMap<String, String>,
    /// Every file an include directive names, relative to the edition
    /// folder (with `/`), found or not: `serve` watches them.
    pub included: BTreeSet<String>,
    /// The case declarations, `cases/*.toml` of the content folder, in path
    /// order: read as text, not published.
    pub cases: Vec<FileId>,
    /// The bibliography and the edition's own CSL style, when book.toml
    /// names them: read as text, not published.
    pub works: Option<WorksFiles>,
}

/// The files of `[glossator] bibliography` and `citation-style`.
#[derive(Debug, Clone, Copy)]
pub struct WorksFiles {
    pub bibliography: FileId,
    /// The `.csl` file, for a style that is one.
    pub style: Option<FileId>,
}

/// Reads the edition at `root`. Problems are pushed onto `diags`; `None`
/// means nothing further can be done (no readable `book.toml`, say).
pub fn load(
    root: &Path,
    dest: Option<&Path>,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Sources> {
    let book_toml = root.join("book.toml");
    let reported = diags.len();
    let text = match read_text(&book_toml, "book.toml", map, diags) {
        Some(t) => t,
        None => {
            if diags.len() == reported {
                diags.push(
                    Diagnostic::file_error("no book.toml here", root.display().to_string())
                        .with_help(
                            "run `glossator init` to start an edition, or pass the edition folder",
                        ),
                );
            }
            return None;
        }
    };
    let (text, applied, refused) = with_environment(text);
    let file = map.add("book.toml".to_string(), text);
    let whole = Span::new(file, 0..0);
    for o in applied {
        diags.push(Diagnostic::note(
            format!(
                "`{}` is set from {} in the environment",
                o.key.join("."),
                o.var
            ),
            whole.clone(),
        ));
    }
    for (o, why) in refused {
        diags.push(
            Diagnostic::warning(format!("{} in the environment is not applied: {why}", o.var), whole.clone())
                .with_help("name a key of book.toml: MDBOOK_OUTPUT__HTML__SITE_URL sets `output.html.site-url`"),
        );
    }
    let config = Config::parse(root, map.text(file), file, dest, diags)?;
    let src_name = rel_display(&config.root, &config.src_dir);
    if !config.src_dir.is_dir() {
        diags.push(
            Diagnostic::file_error("the content folder does not exist", src_name)
                .with_help("create it with a SUMMARY.md, or set `[book] src` in book.toml"),
        );
        return None;
    }
    let mut sources = Sources {
        summary: Summary::default(),
        summary_file: None,
        pages: BTreeMap::new(),
        assets: BTreeMap::new(),
        refused: BTreeMap::new(),
        unreadable: Default::default(),
        templates: BTreeMap::new(),
        theme: BTreeMap::new(),
        titles: BTreeMap::new(),
        included: BTreeSet::new(),
        cases: Vec::new(),
        works: None,
        config,
    };
    let (expanded, as_read) = read_content(&mut sources, &src_name, map, diags);
    if let Some(id) = sources.pages.remove("SUMMARY.md") {
        sources.summary = summary::parse(map.text(id), id, diags);
        sources.summary_file = Some(id);
    } else if !sources.unreadable.contains("SUMMARY.md") {
        diags.push(
            Diagnostic::file_error("there is no SUMMARY.md", src_name.clone()).with_help(
                "list the chapters in reading order: `- [Title](chapter.md)`, one a line",
            ),
        );
    }
    // A Markdown file that a chapter includes and SUMMARY.md does not list
    // is a piece of that chapter, not a page: it is neither built nor
    // reported alone (its problems are reported through the chapter).
    let listed: BTreeSet<String> = sources
        .summary
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Chapter {
                path: Some(path), ..
            } => Some(
                path.split('/')
                    .filter(|c| *c != ".")
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            _ => None,
        })
        .collect();
    let mut reported = Vec::new();
    for (rel, found) in expanded {
        let fragment = !listed.contains(&rel)
            && !rel.starts_with("instruments/")
            && sources.included.contains(&match src_name.is_empty() {
                true => rel.clone(),
                false => format!("{src_name}/{rel}"),
            });
        if fragment {
            sources.pages.remove(&rel);
            sources.titles.remove(&rel);
        } else {
            reported.push((rel, found));
        }
    }
    // A chapter a preprocessor changed before mdBook's `links` is expanded
    // again from its new text, which reports its own problems.
    let expanded_again = preprocess::run(&mut sources, file, &as_read, map, diags);
    for (rel, found) in reported {
        if !expanded_again.contains(&rel) {
            diags.extend(found);
        }
    }
    read_cases(&mut sources, &src_name, map, diags);
    works::read(&mut sources, &src_name, map, diags);
    read_overrides(&mut sources, file, map, diags);
    Some(sources)
}

/// What the include directives of each page reported, by page in walk order.
type Reported = Vec<(String, Vec<Diagnostic>)>;

/// Walks the content folder in a stable order. Symbolic links are read only
/// when they stay inside the edition; folders behind links are never
/// followed, so `ln -s . loop` cannot hang the walk. Each chapter's include
/// directives are expanded as it is read; what they report is handed back
/// by page, in walk order, for [`load`] to keep or drop, with the file as
/// read of each page whose text the directives changed (what a
/// preprocessor that runs before mdBook's `links` is given).
fn read_content(
    sources: &mut Sources,
    src_name: &str,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> (Reported, BTreeMap<String, FileId>) {
    let src = sources.config.src_dir.clone();
    let book = sources
        .config
        .links
        .then(|| include::Book::new(&sources.config.root, &sources.config.build_dir));
    let canonical_src = fs::canonicalize(&src).unwrap_or_else(|_| src.clone());
    let walker = WalkDir::new(&src)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    // The walk decides what to read; the files are then read in parallel
    // and taken in walk order, so that diagnostics keep their order.
    let mut steps = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = format!(
                    "{src_name}/{}",
                    e.path().map(|p| rel_display(&src, p)).unwrap_or_default()
                );
                let problem = Step::Problem(unreadable_folder(&e, shown));
                // walkdir may report one folder twice (opening it, listing it).
                if steps.last() != Some(&problem) {
                    steps.push(problem);
                }
                continue;
            }
        };
        let rel = rel_display(&src, entry.path());
        let shown = format!("{src_name}/{rel}");
        if entry.path_is_symlink() {
            match fs::canonicalize(entry.path()) {
                Err(_) => {
                    steps.push(Step::Problem(
                        Diagnostic::file_error("dangling symbolic link", shown)
                            .with_help("remove the link or restore the file it points to"),
                    ));
                    continue;
                }
                Ok(target) if !target.starts_with(&canonical_src) => {
                    sources.refused.insert(
                        rel,
                        "it is a symbolic link to a file outside the content folder".into(),
                    );
                    continue;
                }
                Ok(target) if target.is_dir() => continue,
                Ok(_) => {}
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        steps.push(Step::Read {
            rel,
            shown,
            path: entry.into_path(),
        });
    }
    let read: Vec<Read> = steps
        .into_par_iter()
        .map(|step| match step {
            Step::Problem(d) => Read::Problem(d),
            Step::Read { rel, shown, path } if rel.ends_with(".md") => {
                let mut found = Vec::new();
                let text = read_decoded(&path, &shown, &mut found);
                let text = text.map(|t| {
                    t.map(|t| match &book {
                        // mdBook expands no directive in SUMMARY.md.
                        Some(book) if rel != "SUMMARY.md" => {
                            include::expand(book, &path, &shown, t)
                        }
                        _ => include::Expanded::plain(t),
                    })
                });
                Read::Page(rel, shown, text, found)
            }
            Step::Read { rel, shown, path } => match fs::read(&path) {
                Ok(bytes) => Read::Asset(rel, bytes),
                Err(e) => Read::Problem(Diagnostic::file_error(format!("cannot read: {e}"), shown)),
            },
        })
        .collect();
    let mut expanded = Vec::new();
    let mut assembled = Vec::new();
    for r in read {
        match r {
            Read::Problem(d) => diags.push(d),
            Read::Page(rel, shown, text, found) => {
                diags.extend(found);
                match text {
                    Ok(Some(text)) => {
                        let id = map.add(shown, text.text);
                        sources.pages.insert(rel.clone(), id);
                        if let Some(title) = text.title {
                            sources.titles.insert(rel.clone(), title);
                        }
                        sources.included.extend(text.named);
                        let mut found = text.diags;
                        match text.origins {
                            // Placed once every page has its id, so that a
                            // page's id does not depend on the includes of
                            // the pages before it.
                            Some(origins) => assembled.push((id, origins, expanded.len())),
                            None => {
                                for d in &mut found {
                                    if let Some(span) = &mut d.span {
                                        span.file = id;
                                    }
                                }
                            }
                        }
                        expanded.push((rel, found));
                    }
                    Ok(None) => {
                        sources.unreadable.insert(rel);
                    }
                    Err(bad) => {
                        diags.push(bad.diagnostic(&shown, map));
                        sources.unreadable.insert(rel);
                    }
                }
            }
            Read::Asset(rel, bytes) => {
                sources.assets.insert(rel, bytes);
            }
        }
    }
    // The files the expanded pages are made of, each included file once.
    let mut registered: HashMap<String, FileId> = HashMap::new();
    let mut as_read = BTreeMap::new();
    for (id, origins, at) in assembled {
        let ids = origins.place(id, map, &mut registered);
        as_read.insert(expanded[at].0.clone(), ids[0]);
        for d in &mut expanded[at].1 {
            if let Some(span) = &mut d.span {
                span.file = ids[span.file.0 as usize];
            }
        }
    }
    (expanded, as_read)
}

/// Takes the case declarations (`cases/*.toml`, at any depth below it) out
/// of the files copied as they are: they are the edition's data, read by
/// resolve, and not published.
fn read_cases(
    sources: &mut Sources,
    src_name: &str,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = sources
        .assets
        .keys()
        .filter(|k| k.starts_with("cases/") && k.ends_with(".toml"))
        .cloned()
        .collect();
    for rel in names {
        let Some(bytes) = sources.assets.remove(&rel) else {
            continue;
        };
        let shown = match src_name.is_empty() {
            true => rel.clone(),
            false => format!("{src_name}/{rel}"),
        };
        match text::decode(bytes) {
            Ok(text) => sources.cases.push(map.add(shown, text)),
            Err(bad) => diags.push(bad.diagnostic(&shown, map)),
        }
    }
}

/// A folder of the content folder the walk could not open or list: its
/// files would otherwise be left out without a word.
fn unreadable_folder(e: &walkdir::Error, shown: String) -> Diagnostic {
    let io = e.io_error();
    let why = io.map_or(e.to_string(), |io| io.to_string());
    let d = Diagnostic::file_error(
        format!("cannot read: {why}; nothing in this folder is built"),
        shown,
    );
    if io.is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied) {
        d.with_help(
            "let the user running glossator read and enter the folder (`chmod u+rx` on it), \
             or move it out of the content folder",
        )
    } else {
        d.with_help("check that the folder can be read, or move it out of the content folder")
    }
}

/// A file of the content folder to read, or a problem met on the walk.
#[derive(PartialEq)]
enum Step {
    Problem(Diagnostic),
    Read {
        rel: String,
        shown: String,
        path: PathBuf,
    },
}

/// What reading a [`Step`] gave.
enum Read {
    Problem(Diagnostic),
    Page(
        String,
        String,
        Result<Option<include::Expanded>, text::Undecodable>,
        Vec<Diagnostic>,
    ),
    Asset(String, Vec<u8>),
}

/// `text` (book.toml) with mdBook's `MDBOOK_…` settings from the environment
/// written into it (see [`crate::config::environment`]): the text, the
/// settings applied and those that could not be, with why.
fn with_environment(mut text: String) -> (String, Vec<Override>, Vec<(Override, String)>) {
    let vars = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)));
    let (mut applied, mut refused) = (Vec::new(), Vec::new());
    for o in environment::overrides(vars) {
        match environment::apply(&text, &o) {
            Ok(t) => {
                text = t;
                applied.push(o);
            }
            Err(why) => refused.push((o, why)),
        }
    }
    (text, applied, refused)
}

/// Reads `templates/` and `theme/` beside `book.toml`, and the files
/// `additional-css` and `additional-js` name, confined as the content folder
/// is: a folder or file reached through a symbolic link is read only when it
/// stays inside the edition; what is skipped is said, with the path.
fn read_overrides(
    sources: &mut Sources,
    book_toml: FileId,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    let root = sources.config.root.clone();
    let canonical_root = fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let canonical_out = fs::canonicalize(&sources.config.build_dir).ok();
    for (dir, is_template) in [("templates", true), ("theme", false)] {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        let Ok(canonical_base) = fs::canonicalize(&base) else {
            continue;
        };
        if !canonical_base.starts_with(&canonical_root) {
            diags.push(
                Diagnostic::file_error(
                    format!("`{dir}/` is a symbolic link to a folder outside the edition; it is not read"),
                    format!("{dir}/"),
                )
                .as_warning()
                .with_help(format!("copy the files into the edition's own `{dir}/` folder")),
            );
            continue;
        }
        let walker = WalkDir::new(&base)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
        for entry in walker.flatten() {
            let rel = rel_display(&base, entry.path());
            let shown = format!("{dir}/{rel}");
            if entry.depth() > 0 && entry.path_is_symlink() {
                let skipped = match fs::canonicalize(entry.path()) {
                    Err(_) => Some("a dangling symbolic link"),
                    // Anywhere in the edition, as mdBook follows the
                    // mdBook patterns book's `theme/book.js` into its
                    // `third_party/`; never out of it.
                    Ok(target) if !target.starts_with(&canonical_root) => {
                        Some("a symbolic link to a file outside the edition")
                    }
                    Ok(target)
                        if canonical_out
                            .as_ref()
                            .is_some_and(|o| target.starts_with(o)) =>
                    {
                        Some("a symbolic link into the output folder, which every build replaces")
                    }
                    Ok(target) if !target.is_file() => Some("a symbolic link to a folder"),
                    Ok(_) => None,
                };
                if let Some(why) = skipped {
                    diags.push(
                        Diagnostic::file_error(format!("skipped: it is {why}"), shown)
                            .as_warning()
                            .with_help(format!(
                                "put the file itself in `{dir}/`, or link only to files inside the edition"
                            )),
                    );
                    continue;
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            if !is_template && rel.ends_with(".hbs") {
                diags.push(handlebars_template(&rel, shown));
                continue;
            }
            if is_template {
                if let Some(text) = read_text(entry.path(), &shown, map, diags) {
                    let id = map.add(shown, text);
                    sources.templates.insert(rel, id);
                }
            } else {
                match fs::read(entry.path()) {
                    Ok(bytes) => {
                        sources.theme.insert(rel, bytes);
                    }
                    Err(e) => {
                        diags.push(Diagnostic::file_error(format!("cannot read: {e}"), shown))
                    }
                }
            }
        }
    }
    let extra: Vec<(&str, String)> = sources
        .config
        .html
        .additional_css
        .iter()
        .map(|p| ("additional-css", p.clone()))
        .chain(
            sources
                .config
                .html
                .additional_js
                .iter()
                .map(|p| ("additional-js", p.clone())),
        )
        .collect();
    for (key, rel) in extra {
        let published = crate::config::theme_name(&rel).to_string();
        let span = value_span(map.text(book_toml), book_toml, key, &rel);
        let problem = |message: String, help: &str| {
            Diagnostic::error(message, span.clone()).with_help(help.to_string())
        };
        let outside = || {
            problem(
                format!("`{rel}` in `{key}` is outside the edition"),
                "copy the file into the edition folder (for instance into `theme/`) and name it relative to book.toml",
            )
        };
        if !is_safe_relative(&rel) {
            diags.push(outside());
            continue;
        }
        let path = root.join(&rel);
        let target = match fs::canonicalize(&path) {
            Ok(t) => t,
            Err(e) => {
                diags.push(problem(
                    format!("cannot read `{rel}` in `{key}`: {e}"),
                    "the path is relative to the edition folder (where book.toml is); check its spelling",
                ));
                continue;
            }
        };
        if !target.starts_with(&canonical_root) {
            diags.push(outside());
            continue;
        }
        if !target.is_file() {
            diags.push(problem(
                format!("`{rel}` in `{key}` is not a file"),
                "name a stylesheet or script file, not a folder",
            ));
            continue;
        }
        match fs::read(&target) {
            Ok(bytes) => {
                sources.theme.insert(published, bytes);
            }
            Err(e) => diags.push(problem(
                format!("cannot read `{rel}` in `{key}`: {e}"),
                "check the file's permissions",
            )),
        }
    }
}

/// The warning for `theme/NAME.hbs`, an mdBook Handlebars template: glossator
/// renders its pages with tera templates, so the file would do nothing but
/// be published as it is. Says what takes its place.
fn handlebars_template(rel: &str, shown: String) -> Diagnostic {
    let instead = match rel {
        "head.hbs" => "put what it adds to each page's <head> in `templates/head_extra.html`",
        "index.hbs" => {
            "glossator's page skeleton is `templates/base.html` and a chapter's body `templates/page.html`; an edition's file of that name replaces the built-in one"
        }
        "header.hbs" => "put what it adds above each chapter in `templates/page.html`",
        "toc.js.hbs" | "toc.html.hbs" => {
            "glossator writes the table of contents itself (`toc.js`, `toc.html`)"
        }
        "redirect.hbs" => "glossator writes the redirect pages itself",
        _ => {
            "glossator's own templates are in `templates/` (`base.html`, `page.html`, `head_extra.html`, `footer.html`)"
        }
    };
    Diagnostic::file_error(
        "an mdBook Handlebars template, which glossator does not use: it is not published"
            .to_string(),
        shown,
    )
    .as_warning()
    .with_help(format!(
        "{instead} (tera templates, see the README); remove the file to silence this warning"
    ))
}

/// The span of the string `value` written after `key` in `text` (book.toml),
/// or of the key, or the start of the file.
fn value_span(text: &str, file: FileId, key: &str, value: &str) -> crate::diag::Span {
    let from = text.find(key).unwrap_or(0);
    for quote in ['"', '\''] {
        let literal = format!("{quote}{value}{quote}");
        if let Some(at) = text[from..].find(&literal) {
            let start = from + at;
            return crate::diag::Span::new(file, start..start + literal.len());
        }
    }
    let start = text.find(key).unwrap_or(0);
    crate::diag::Span::new(
        file,
        start..start + if text.contains(key) { key.len() } else { 0 },
    )
}

/// Reads and decodes a text file, reporting failures against `shown`.
fn read_text(
    path: &Path,
    shown: &str,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    read_decoded(path, shown, diags).unwrap_or_else(|bad| {
        diags.push(bad.diagnostic(shown, map));
        None
    })
}

/// As [`read_text`], but a file that is not UTF-8 is handed back, to be
/// placed in the source map by the caller (pages are read in parallel).
fn read_decoded(
    path: &Path,
    shown: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<String>, text::Undecodable> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            // A file gone since the walk is not reported, but one that cannot
            // be reached (a folder without `x`) is: `exists()` says false.
            if e.kind() != std::io::ErrorKind::NotFound {
                let d = Diagnostic::file_error(format!("cannot read: {e}"), shown);
                diags.push(if e.kind() == std::io::ErrorKind::PermissionDenied {
                    d.with_help("let the user running glossator read the file and enter its folder")
                } else {
                    d
                });
            }
            return Ok(None);
        }
    };
    text::decode(bytes).map(Some)
}

/// Hidden files, `_drafts`-style folders and editor leftovers are never part
/// of the edition (vim's `4913` probe, `x.md~`, emacs `#x.md#` and `.#x.md`).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('_')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
        || name == "4913"
}

/// True when `rel` names a file inside the folder it is relative to: no
/// absolute path, drive letter, backslash, URL or `..` (after decoding).
pub fn is_safe_relative(rel: &str) -> bool {
    let decoded = summary::percent_decode(rel);
    !(decoded.is_empty()
        || decoded.starts_with('/')
        || decoded.contains('\\')
        || decoded.contains(':')
        || decoded.contains('\0')
        || decoded.split('/').any(|c| c == ".."))
}

/// `path` relative to `base`, with `/` separators, for display and as a key.
pub fn rel_display(base: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_relative_paths_are_refused() {
        for bad in [
            "../x.md",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "..%2f..%2fx.md",
            "\\\\server\\share\\x.md",
            "https://e.org/x.md",
            "a/../../x.md",
        ] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
        for good in ["a.md", "part/b.md", "c%20d.md"] {
            assert!(is_safe_relative(good), "{good}");
        }
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".x.md.swp",
            "x.md~",
            "4913",
            "#x.md#",
            ".#x.md",
            "x.md___jb_tmp___",
            "_source",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("chapter.md"));
    }
}
