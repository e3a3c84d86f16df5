//! Stage 4, render: the resolved edition → every output file, in memory.
//!
//! No file IO happens here: the result is an [`Output`], a sorted map from
//! site-relative path to bytes, which `write` puts on disk and `serve` answers
//! from. Pages render in parallel; the map's order keeps output deterministic.
//!
//! This file is the orchestration: `render` renders every page (`page.rs`),
//! a window of pages at a time, assembles the print edition and the search
//! index as they come, and collects the pages, the generated pages
//! (`generated.rs`), the theme and the edition's files into the [`Output`].

mod address;
mod admonition;
pub(crate) mod assets;
mod bibliography;
mod cache;
mod case_table;
mod code;
mod comparison;
mod generated;
pub mod highlight;
mod html;
mod instrument;
mod instrument_contents;
mod instrument_index;
mod meta;
mod nav;
mod page;
mod parts;
mod redirect;
mod references;
mod renderer;
mod search;
mod single;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use crate::diag::{Diagnostic, SourceMap};
use crate::i18n;
use crate::resolve::Edition;
use address::encode_path;
pub use cache::Cache;
use generated::{generated_frame, generated_page, not_found, print_contents, single_file_page};
use parts::Parts;
pub use renderer::{Html, RenderContext, Renderer};

/// Every file of the site, by path relative to the site root.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Output {
    /// Sorted, so iteration (and therefore writing) order is stable.
    /// Bytes, not vectors: a page `serve` did not render again is shared
    /// between builds, and answering a request does not copy it.
    pub files: BTreeMap<String, Bytes>,
    /// The whole edition as one self-contained file, when asked for.
    pub single_file: Option<Vec<u8>>,
    /// The 128-bit xxh3 hash of each file's bytes, for the write manifest,
    /// taken as the file was made (a page's on the core that rendered it).
    /// A file missing here (one added after rendering) is hashed when asked.
    hashes: BTreeMap<String, u128>,
    /// The size of `search-index.js` in bytes (also when a sink took it).
    pub search_index: usize,
}

impl Output {
    /// The hash of the file at `path`, `bytes`, for the write manifest.
    pub fn hash_of(&self, path: &str, bytes: &[u8]) -> u128 {
        self.hashes
            .get(path)
            .copied()
            .unwrap_or_else(|| xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// The hash of every file in `files`: the pages' from `pages` (taken while
/// rendering), unless something else was put at a page's path since; the
/// rest hashed here, on every core.
fn hashes(
    files: &BTreeMap<String, Bytes>,
    pages: BTreeMap<&str, (&Bytes, u128)>,
) -> BTreeMap<String, u128> {
    files
        .par_iter()
        .map(|(path, bytes)| {
            let hash = match pages.get(path.as_str()) {
                Some((html, hash))
                    if html.as_ptr() == bytes.as_ptr() && html.len() == bytes.len() =>
                {
                    *hash
                }
                _ => xxhash_rust::xxh3::xxh3_128(bytes),
            };
            (path.clone(), hash)
        })
        .collect()
}

#[cfg(test)]
impl Output {
    /// A site of text files, for tests.
    pub(crate) fn of(files: &[(&str, &str)]) -> Output {
        let files = files
            .iter()
            .map(|(path, text)| (path.to_string(), Bytes::copy_from_slice(text.as_bytes())))
            .collect();
        Output {
            files,
            single_file: None,
            hashes: BTreeMap::new(),
            search_index: 0,
        }
    }
}

/// Everything rendered from one page; `serve` keeps it between builds.
#[derive(Debug, PartialEq)]
pub struct RenderedPage {
    /// The page's file.
    html: Bytes,
    /// Its hash, for the write manifest.
    hash: u128,
    /// Its header, text and notes without the template, for the single file
    /// (empty when none is made).
    body: String,
    /// Its section of the print edition (empty for instruments, which the
    /// print edition leaves out).
    print: String,
    /// Its entries in the search index.
    search: String,
}

/// Pages rendered side by side before their share of the print edition and
/// the search index is copied out: enough to keep every core busy, few
/// enough that the rendered pages in flight stay small.
const RENDER_WINDOW: usize = 64;

/// Where a build puts its pages as it renders them: the site on disk
/// (`write`'s writer), so that a large edition's pages are never all held in
/// memory. Called from every core at once.
pub trait Sink: Sync {
    /// Takes the file at `path` (relative to the site), whose 128-bit xxh3
    /// hash is `hash`.
    fn put(&self, path: &str, bytes: &[u8], hash: u128);
    /// Adds `bytes` to the end of the file at `path`, which the first call
    /// begins: a file made in parts, in order, from one thread.
    fn append(&self, path: &str, bytes: &[u8]);
    /// Ends the file at `path` that [`Sink::append`] began.
    fn close(&self, path: &str);
}

/// Renders the whole site. `None` when a template failed. Pages whose
/// inputs are unchanged since the build `cache` kept are reused. With a
/// `sink`, every page goes to it as soon as it is rendered and is not in
/// the [`Output`], which holds the rest of the site. Called through
/// [`Html`], the site's [`Renderer`].
fn render(
    edition: &Edition,
    map: &SourceMap,
    single_file: bool,
    cache: &mut Cache,
    sink: Option<&dyn Sink>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Output> {
    let strings = &edition.config.strings;
    let templates = templates::load(&edition.templates, strings, map, diags)?;
    let mut files = BTreeMap::new();
    let toc = nav::toc_html(edition);
    files.insert(
        "toc.js".to_string(),
        nav::toc_js(&toc, &strings.script_json()).into(),
    );
    for (name, bytes) in assets::theme_files(&edition.theme) {
        files.insert(format!("theme/{name}"), bytes.into());
    }
    let any_code = edition.pages.iter().any(|p| p.doc.has_code);
    if any_code {
        files.insert(
            "theme/highlight.css".to_string(),
            highlight::stylesheet().into(),
        );
    }
    let in_print: BTreeSet<&str> = edition
        .pages
        .iter()
        .filter(|p| p.doc.instrument.is_none() || edition.config.print_instruments)
        .map(|p| p.output.as_str())
        .collect();
    let site = cache.keyed(cache::Shared {
        config: &edition.config,
        addresses: address::Site::new(edition),
        templates: &templates,
        in_print,
        single_file,
    });
    let in_print = &site.in_print;
    let old = &*cache;
    let render_one = |i: usize| -> Result<(crate::memo::Key, Arc<RenderedPage>), Diagnostic> {
        let page = &edition.pages[i];
        let _on = crate::panic::processing(map.name(page.doc.file));
        let input = cache::PageInput::new(&site, edition, i, map);
        let (key, mut rendered) = old.try_run(&page.output, &input)?;
        if let Some(sink) = sink {
            sink.put(&page.output, &rendered.html, rendered.hash);
            // Unless a memo keeps it, the page is let go once on disk.
            if let Some(own) = Arc::get_mut(&mut rendered) {
                own.html = Bytes::new();
            }
        }
        Ok((key, rendered))
    };
    // The print edition and the search index are assembled as the pages
    // come, a window of pages at a time, and a page's share of them is let
    // go once copied (unless a memo keeps it): at 5,000 chapters they are
    // 90 MB that would otherwise be held twice.
    //
    // With a sink (a build), they go to it as they are made: the print
    // edition inside its page's frame, rendered first. A frame without a
    // slot (see `generated_frame`) needs the whole content: then it is kept.
    let print_frame = match sink {
        Some(_) => match generated_frame(edition, "print.html", &strings.print_edition, &templates)
        {
            Ok(frame) => frame,
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
        None => None,
    };
    let mut print = Parts::new(sink.filter(|_| print_frame.is_some()), "print.html");
    if let Some((before, _)) = &print_frame {
        print.push(before);
    }
    print.push("<div class=\"print-edition\">\n");
    print.push(&print_contents(
        strings,
        edition
            .pages
            .iter()
            .filter(|p| in_print.contains(p.output.as_str()))
            .map(|p| (p.output.as_str(), p.title.as_str())),
    ));
    let mut index = search::IndexScript::new(edition, Parts::new(sink, "search-index.js"));
    let mut failed = false;
    let mut rendered = Vec::with_capacity(edition.pages.len());
    let keep_rendered = cache.is_on();
    for start in (0..edition.pages.len()).step_by(RENDER_WINDOW) {
        let window = start..(start + RENDER_WINDOW).min(edition.pages.len());
        let results: Vec<_> = window.into_par_iter().map(render_one).collect();
        for result in results {
            match result {
                Ok((key, mut p)) => {
                    print.push(&p.print);
                    index.push(&p.search);
                    if !keep_rendered && let Some(own) = Arc::get_mut(&mut p) {
                        own.print = String::new();
                        own.search = String::new();
                    }
                    rendered.push((key, p));
                }
                Err(d) => {
                    failed = true;
                    // One broken template breaks every page alike: say it once.
                    if !diags.contains(&d) {
                        diags.push(d);
                    }
                }
            }
        }
    }
    if failed {
        return None;
    }
    print.push("</div>\n");
    if let Some((_, after)) = &print_frame {
        print.push(after);
    }
    let print = print.finish();
    let outputs = edition.pages.iter().map(|p| p.output.clone());
    let rendered = cache.keep(outputs, rendered);
    let page_files: Vec<(Bytes, u128)> =
        rendered.iter().map(|p| (p.html.clone(), p.hash)).collect();
    // The pages a sink took are on disk already.
    let mut streamed: BTreeSet<&str> = match sink {
        Some(_) => edition.pages.iter().map(|p| p.output.as_str()).collect(),
        None => BTreeSet::new(),
    };
    if print.is_none() {
        streamed.insert("print.html");
    }
    if sink.is_none() {
        for (page, p) in edition.pages.iter().zip(&rendered) {
            files.insert(page.output.clone(), p.html.clone());
        }
    }
    let (script, search_index) = index.finish();
    if let Some(script) = script {
        files.insert("search-index.js".to_string(), script.into());
    }
    // The bodies, for the single file; the rest of each rendered page is in `files`,
    // the search index and `print` now, and goes (unless a memo keeps it).
    let bodies: Vec<(String, String)> = match single_file {
        true => edition
            .pages
            .iter()
            .zip(&rendered)
            .map(|(page, p)| (page.output.clone(), p.body.clone()))
            .collect(),
        false => Vec::new(),
    };
    drop(rendered);
    // The edition-wide pages' contents and `references.json` read the
    // edition only: made side by side, not one after another on one core.
    let ((instruments, case_table), (bibliography, (comparison_index, references))) = rayon::join(
        || {
            rayon::join(
                || {
                    (!edition.citations.instruments.is_empty())
                        .then(|| instrument_index::content(edition))
                },
                || (!edition.cases.cases.is_empty()).then(|| case_table::content(edition)),
            )
        },
        || {
            rayon::join(
                || (!edition.works.works.is_empty()).then(|| bibliography::content(edition)),
                || {
                    rayon::join(
                        || (!edition.comparisons.is_empty()).then(|| comparison::index(edition)),
                        || references::json(edition),
                    )
                },
            )
        },
    );
    // The pages glossator writes itself, in the `contents.html` template.
    let print_link = format!(
        "<a href=\"print.html\">{}</a>",
        i18n::html(&strings.print_link_text)
    );
    let mut generated = vec![
        (
            "toc.html",
            strings.contents.as_str(),
            format!(
                "<h1>{}</h1>\n{toc}\n<p class=\"print-link\">{}</p>\n",
                i18n::html(&strings.contents),
                i18n::fill_html(&strings.print_link, &[("link", &print_link)])
            ),
        ),
        (
            "search.html",
            strings.search_title.as_str(),
            format!(
                "<h1>{}</h1>\n<p>{}</p>\n",
                i18n::html(&strings.search_title),
                i18n::html(&strings.search_help)
            ),
        ),
        (
            "404.html",
            edition
                .not_found
                .as_ref()
                .map_or(strings.not_found.as_str(), |p| p.title.as_str()),
            not_found(edition),
        ),
    ];
    if let Some(print) = print {
        generated.push(("print.html", strings.print_edition.as_str(), print));
    }
    if let Some(content) = instruments {
        generated.push((
            crate::resolve::INSTRUMENT_INDEX,
            strings.instruments.as_str(),
            content,
        ));
    }
    if let Some(content) = case_table {
        generated.push((
            crate::resolve::CASE_TABLE,
            strings.case_table.as_str(),
            content,
        ));
    }
    if let Some(content) = bibliography {
        generated.push((
            crate::resolve::BIBLIOGRAPHY,
            strings.bibliography.as_str(),
            content,
        ));
    }
    if let Some(content) = comparison_index {
        generated.push((
            crate::resolve::COMPARISON_INDEX,
            strings.comparisons.as_str(),
            content,
        ));
    }
    let generated: Vec<_> = generated
        .into_par_iter()
        .map(|(path, title, content)| {
            (
                path,
                generated_page(edition, path, title, content, &templates),
            )
        })
        .collect();
    for (path, page) in generated {
        failed |= !put(&mut files, path.to_string(), page, diags);
    }
    files.insert("references.json".to_string(), references.into());
    if !files.contains_key("index.html")
        && !streamed.contains("index.html")
        && let Some(first) = edition.pages.first()
    {
        files.insert(
            "index.html".to_string(),
            generated::redirect(
                &edition.config.book.title,
                &edition.config.book.language,
                &encode_path(&first.output),
            )
            .into(),
        );
    }

    let mut pages: Vec<String> = files
        .keys()
        .map(String::as_str)
        .chain(streamed.iter().copied())
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .map(str::to_string)
        .collect();
    pages.sort();
    pages.dedup();
    if let Some(xml) = meta::sitemap(edition, &pages) {
        files.insert("sitemap.xml".to_string(), xml.into());
    }
    if let Some(cname) = &edition.config.html.cname {
        // As mdBook writes it: the domain and a newline.
        files.insert("CNAME".to_string(), format!("{cname}\n").into());
    }
    // After the sitemap, which lists pages, not old addresses.
    for (path, moved) in &edition.redirects.pages {
        let html = redirect::page(moved, &edition.config.book.language, strings);
        files.insert(path.clone(), html.into());
    }
    for (path, bytes) in &edition.assets {
        files.insert(path.clone(), Bytes::copy_from_slice(bytes));
    }
    let single_file = match single_file {
        true => match single_file_page(edition, &files, &bodies, &templates) {
            Ok(html) => Some(html.into_bytes()),
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
        false => None,
    };
    let page_hashes = edition
        .pages
        .iter()
        .zip(&page_files)
        .map(|(page, (html, hash))| (page.output.as_str(), (html, *hash)))
        .collect();
    let hashes = hashes(&files, page_hashes);
    (!failed).then_some(Output {
        files,
        single_file,
        hashes,
        search_index,
    })
}

/// Puts a rendered page into the output, or its diagnostic into `diags`;
/// false when it failed.
fn put(
    files: &mut BTreeMap<String, Bytes>,
    path: String,
    page: Result<String, Diagnostic>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match page {
        Ok(html) => {
            files.insert(path, html.into());
            true
        }
        Err(d) => {
            diags.push(d);
            false
        }
    }
}
