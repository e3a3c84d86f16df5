//! Stage 4, render: the resolved edition → every output file, in memory.
//!
//! No file IO happens here: the result is an [`Output`], a sorted map from
//! site-relative path to bytes, which `write` puts on disk and `serve` answers
//! from. Pages render in parallel; the map's order keeps output deterministic.

mod assets;
mod compare;
pub mod highlight;
mod html;
mod instrument;
mod instrument_index;
mod meta;
mod nav;
mod search;
mod single;
pub mod templates;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::BookMeta;
use crate::diag::{Diagnostic, SourceMap};
use crate::resolve::{Edition, relative_url};
use templates::Templates;

/// Every file of the site, by path relative to the site root.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Output {
    /// Sorted, so iteration (and therefore writing) order is stable.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The whole edition as one self-contained file, when asked for.
    pub single_file: Option<Vec<u8>>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct TocItem {
    id: String,
    text: String,
    level: u8,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    number: Option<&'a str>,
    path: &'a str,
    header: String,
    content: String,
    notes: String,
    toc: Vec<TocItem>,
    description: &'a str,
}

#[derive(Serialize)]
struct PageContext<'a> {
    book: &'a BookMeta,
    page: PageInfo<'a>,
    root: String,
    prev: Option<Link>,
    next: Option<Link>,
    stylesheets: Vec<String>,
    scripts: Vec<String>,
    canonical: Option<String>,
    meta: String,
    home: String,
    single: bool,
    contents_href: String,
    generator: &'static str,
}

/// A rendered page: its output path, its HTML, and its body alone (for the
/// print and single-file editions).
type Rendered = (String, Vec<u8>, String);

const GENERATOR: &str = concat!("glossator ", env!("CARGO_PKG_VERSION"));

/// Renders the whole site. `None` when a template failed.
pub fn render(
    edition: &Edition,
    map: &SourceMap,
    single_file: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Output> {
    let templates = templates::load(&edition.templates, map, diags)?;
    let mut files = BTreeMap::new();
    let toc = nav::toc_html(edition);
    files.insert("toc.js".to_string(), nav::toc_js(&toc).into_bytes());
    for (name, bytes) in assets::theme_files(&edition.theme) {
        files.insert(format!("theme/{name}"), bytes);
    }
    let any_code = edition.pages.iter().any(|p| p.doc.has_code);
    if any_code {
        files.insert(
            "theme/highlight.css".to_string(),
            highlight::stylesheet().into_bytes(),
        );
    }
    let render_pages = || -> Vec<Result<Rendered, Diagnostic>> {
        edition
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                render_page(edition, i, &templates, map)
                    .map(|(html, body)| (page.output.clone(), html.into_bytes(), body))
            })
            .collect()
    };
    let (results, search_index) = rayon::join(render_pages, || search::index_script(edition));
    files.insert("search-index.js".to_string(), search_index.into_bytes());
    let mut failed = false;
    let mut bodies = BTreeMap::new();
    for result in results {
        match result {
            Ok((path, bytes, body)) => {
                files.insert(path.clone(), bytes);
                bodies.insert(path, body);
            }
            Err(d) => {
                failed = true;
                // One broken template breaks every page alike: say it once.
                if !diags
                    .iter()
                    .any(|x| x.message == d.message && x.path == d.path && x.span == d.span)
                {
                    diags.push(d);
                }
            }
        }
    }
    // The pages glossator writes itself, in the `contents.html` template.
    let (print, instruments) = rayon::join(
        || print_edition(edition, &bodies),
        || (!edition.citations.instruments.is_empty()).then(|| instrument_index::content(edition)),
    );
    let mut generated = vec![
        ("print.html", "Print edition", print),
        (
            "toc.html",
            "Contents",
            format!(
                "<h1>Contents</h1>\n{toc}\n<p class=\"print-link\"><a href=\"print.html\">The whole paper on one page</a>, for printing or saving as PDF.</p>\n"
            ),
        ),
        ("search.html", "Search", SEARCH_PAGE.to_string()),
        ("404.html", "Page not found", not_found(edition)),
    ];
    if let Some(content) = instruments {
        generated.push((crate::resolve::INSTRUMENT_INDEX, "Instruments", content));
    }
    if !edition.comparisons.is_empty() {
        generated.push((
            crate::resolve::COMPARISON_INDEX,
            "Comparisons",
            compare::index(edition),
        ));
    }
    let generated: Vec<_> = generated
        .into_par_iter()
        .map(|(path, title, content)| {
            (
                path,
                generated_page(edition, path, title, content, &templates, map),
            )
        })
        .collect();
    for (path, page) in generated {
        failed |= !put(&mut files, path.to_string(), page, diags);
    }
    files.insert(
        "references.json".to_string(),
        crate::resolve::citations::references_json(&edition.citations, &edition.pages).into_bytes(),
    );
    if !files.contains_key("index.html")
        && let Some(first) = edition.pages.first()
    {
        files.insert(
            "index.html".to_string(),
            redirect(&edition.config.book.title, &first.output).into_bytes(),
        );
    }

    let pages: Vec<String> = files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .cloned()
        .collect();
    if let Some(xml) = meta::sitemap(edition, &pages) {
        files.insert("sitemap.xml".to_string(), xml.into_bytes());
    }
    for (path, bytes) in &edition.assets {
        files.insert(path.clone(), bytes.clone());
    }
    let single_file = match single_file {
        true => match single_file_page(edition, &files, &bodies, &templates, map) {
            Ok(html) => Some(html.into_bytes()),
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
        false => None,
    };
    (!failed).then_some(Output { files, single_file })
}

fn render_page(
    edition: &Edition,
    index: usize,
    templates: &Templates,
    map: &SourceMap,
) -> Result<(String, String), Diagnostic> {
    let page = &edition.pages[index];
    let marks = instrument::marks(edition, index);
    let body = catch_unwind(AssertUnwindSafe(|| html::render(page, &marks))).map_err(|_| {
        Diagnostic::file_error(
            "internal error while rendering this page",
            map.name(page.doc.file).to_string(),
        )
        .with_help("please report this with the file attached")
    })?;
    let link = |i: Option<usize>| {
        i.map(|i| Link {
            title: edition.pages[i].title.clone(),
            href: relative_url(&page.output, &edition.pages[i].output),
        })
    };
    let toc = page
        .doc
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(|h| TocItem {
            id: h.id.clone(),
            text: h.text.clone(),
            level: h.level,
        })
        .collect::<Vec<_>>();
    let info = PageInfo {
        title: &page.title,
        number: page.number.as_deref(),
        path: &page.output,
        header: format!(
            "{}{}",
            instrument::header(page),
            instrument::clause_panel(page)
        ),
        content: format!("{}{}", body.content, instrument::previews(edition, index)),
        notes: body.notes,
        toc: if toc.len() >= 3 { toc } else { Vec::new() },
        description: page
            .doc
            .front
            .description
            .as_deref()
            .unwrap_or(&edition.config.book.description),
    };
    let body = format!("{}{}{}", info.header, info.content, info.notes);
    let meta = meta::head(edition, Some(page), &page.output, &page.title);
    let context = page_context(
        edition,
        &page.output,
        info,
        link(page.prev),
        link(page.next),
        page.doc.has_code,
        meta,
    );
    let context = tera::Context::from_serialize(&context).map_err(|e| {
        Diagnostic::file_error(
            format!("template data: {e}"),
            map.name(page.doc.file).to_string(),
        )
    })?;
    Ok((templates.render("page.html", &context, map)?, body))
}

/// The body of `404.html`. A server shows it at any depth, so when the
/// edition knows its address the links are absolute.
fn not_found(edition: &Edition) -> String {
    let base = edition
        .config
        .html
        .site_url
        .as_ref()
        .map(|u| format!("{u}/"))
        .unwrap_or_default();
    let mut home = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut home, &format!("{base}index.html"));
    let mut contents = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut contents, &format!("{base}toc.html"));
    format!(
        "<h1>Page not found</h1>\n<p>There is no page at this address in the edition. Start from the <a href=\"{home}\">first page</a> or the <a href=\"{contents}\">contents</a>.</p>\n"
    )
}

/// The whole edition in one file: every page a section, styles and scripts
/// (search included) inlined as data URLs, links turned into anchors.
fn single_file_page(
    edition: &Edition,
    files: &BTreeMap<String, Vec<u8>>,
    bodies: &BTreeMap<String, String>,
    templates: &Templates,
    map: &SourceMap,
) -> Result<String, Diagnostic> {
    let pages = single::ordered(edition, bodies, true);
    let info = PageInfo {
        title: &edition.config.book.title,
        number: None,
        path: "single.html",
        header: String::new(),
        content: single::combine(edition, &pages, true),
        notes: String::new(),
        toc: Vec::new(),
        description: &edition.config.book.description,
    };
    let meta = meta::head(edition, None, "index.html", &edition.config.book.title);
    let mut context = page_context(edition, "single.html", info, None, None, false, meta);
    let data = |path: &str, mime: &str| {
        files
            .get(path)
            .map(|b| format!("data:{mime};base64,{}", single::base64(b)))
    };
    let theme_css = [
        "theme/glossator.css".to_string(),
        "theme/highlight.css".to_string(),
    ]
    .into_iter()
    .chain(
        edition
            .config
            .html
            .additional_css
            .iter()
            .map(|c| format!("theme/{c}")),
    );
    context.stylesheets = theme_css.filter_map(|p| data(&p, "text/css")).collect();
    let scripts = [
        "toc.js",
        "search-index.js",
        "theme/glossator.js",
        "theme/search.js",
    ]
    .map(String::from)
    .into_iter()
    .chain(
        edition
            .config
            .html
            .additional_js
            .iter()
            .map(|j| format!("theme/{j}")),
    );
    context.scripts = scripts
        .filter_map(|p| data(&p, "text/javascript"))
        .collect();
    context.canonical = None;
    context.single = true;
    context.home = format!(
        "#{}",
        edition
            .pages
            .first()
            .map_or("index".into(), |p| single::slug(&p.output))
    );
    context.contents_href = "#sidebar".into();
    let context = tera::Context::from_serialize(&context).map_err(|e| {
        Diagnostic::file_error(format!("template data: {e}"), "templates/contents.html")
    })?;
    templates.render("contents.html", &context, map)
}

/// The whole paper on one page, its notes after each section, for paper.
fn print_edition(edition: &Edition, bodies: &BTreeMap<String, String>) -> String {
    let pages = single::ordered(edition, bodies, false);
    format!(
        "<div class=\"print-edition\">\n{}</div>\n",
        single::combine(edition, &pages, false)
    )
}

const SEARCH_PAGE: &str = "<h1>Search</h1>\n<p>Type in the search box above; the results appear as you type. Use the arrow keys to move through them and Enter to open one.</p>\n";

/// Puts a rendered page into the output, or its diagnostic into `diags`;
/// false when it failed.
fn put(
    files: &mut BTreeMap<String, Vec<u8>>,
    path: String,
    page: Result<String, Diagnostic>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match page {
        Ok(html) => {
            files.insert(path, html.into_bytes());
            true
        }
        Err(d) => {
            diags.push(d);
            false
        }
    }
}

/// `index.html` for an edition whose first page has another name: it sends
/// the reader on (also from disk, where a folder has no default page).
fn redirect(title: &str, to: &str) -> String {
    let mut t = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut t, title);
    let mut href = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut href, to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{t}</a></p>\n</body>\n</html>\n"
    )
}

/// A page glossator writes itself (contents, index of instruments), in the
/// `contents.html` template.
fn generated_page(
    edition: &Edition,
    path: &str,
    title: &str,
    content: String,
    templates: &Templates,
    map: &SourceMap,
) -> Result<String, Diagnostic> {
    let info = PageInfo {
        title,
        number: None,
        path,
        header: String::new(),
        content,
        notes: String::new(),
        toc: Vec::new(),
        description: &edition.config.book.description,
    };
    let meta = meta::head(edition, None, path, title);
    let context = page_context(edition, path, info, None, None, false, meta);
    let context = tera::Context::from_serialize(&context).map_err(|e| {
        Diagnostic::file_error(format!("template data: {e}"), "templates/contents.html")
    })?;
    templates.render("contents.html", &context, map)
}

fn page_context<'a>(
    edition: &'a Edition,
    path: &str,
    page: PageInfo<'a>,
    prev: Option<Link>,
    next: Option<Link>,
    has_code: bool,
    meta: String,
) -> PageContext<'a> {
    let root = "../".repeat(path.matches('/').count());
    let mut stylesheets = vec![format!("{root}theme/glossator.css")];
    if has_code {
        stylesheets.push(format!("{root}theme/highlight.css"));
    }
    stylesheets.extend(
        edition
            .config
            .html
            .additional_css
            .iter()
            .map(|c| format!("{root}theme/{c}")),
    );
    let mut scripts = vec![
        format!("{root}toc.js"),
        format!("{root}theme/glossator.js"),
        format!("{root}theme/search.js"),
    ];
    scripts.extend(
        edition
            .config
            .html
            .additional_js
            .iter()
            .map(|j| format!("{root}theme/{j}")),
    );
    PageContext {
        book: &edition.config.book,
        canonical: edition
            .config
            .html
            .site_url
            .as_ref()
            .map(|u| format!("{u}/{path}")),
        contents_href: format!("{root}toc.html"),
        home: format!("{root}index.html"),
        single: false,
        meta,
        page,
        root,
        prev,
        next,
        stylesheets,
        scripts,
        generator: GENERATOR,
    }
}
