//! One page's template data and its rendering.
//!
//! [`PageContext`] is what a page's template is given: the page, its
//! neighbours, its stylesheets and scripts, its head. [`render_page`] renders
//! a chapter or instrument page from its [`cache::PageInput`] into a
//! [`RenderedPage`]. They stand apart from the orchestration in `mod.rs`
//! because rendering a page is a cached step (see `cache.rs`), a function of
//! its input alone: here is all it does, and nothing of the site around it.
//! The pages glossator writes itself are given the same context.

use std::panic::{AssertUnwindSafe, catch_unwind};

use bytes::Bytes;
use serde::Serialize;

use super::address::relative_url;
use super::{
    RenderedPage, cache, html, instrument, instrument_contents, meta, redirect, search, single,
};
use crate::config::BookMeta;
use crate::diag::Diagnostic;

/// A neighbouring page, as the templates' `prev` and `next`.
#[derive(Serialize)]
pub(super) struct Link {
    title: String,
    href: String,
}

/// A heading of the page's own contents (`page.toc`).
#[derive(Serialize)]
pub(super) struct TocItem {
    id: String,
    text: String,
    level: u8,
}

/// The page itself, as the templates see it (`page`).
#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    pub(super) title: &'a str,
    /// The whole `<title>`, when the chapter gives it (`{{#title}}`).
    pub(super) html_title: Option<&'a str>,
    pub(super) number: Option<&'a str>,
    pub(super) path: &'a str,
    pub(super) header: String,
    pub(super) content: String,
    pub(super) notes: String,
    pub(super) toc: Vec<TocItem>,
    pub(super) description: &'a str,
}

/// What a page's template (`page.html`, or `contents.html` for the pages
/// glossator writes itself) is given.
#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    book: &'a BookMeta,
    page: PageInfo<'a>,
    root: String,
    prev: Option<Link>,
    next: Option<Link>,
    pub(super) stylesheets: Vec<String>,
    pub(super) scripts: Vec<String>,
    /// The tab's icon: `theme/favicon.svg`, or its data in the single file.
    pub(super) favicon: Option<String>,
    pub(super) canonical: Option<String>,
    meta: String,
    pub(super) home: String,
    pub(super) single: bool,
    pub(super) contents_href: String,
    generator: &'static str,
}

/// What every page names as its maker (in its head and its footer).
const GENERATOR: &str = concat!("glossator ", env!("CARGO_PKG_VERSION"));

/// Renders one page from its input alone (see [`cache::PageInput`]).
pub(super) fn render_page(input: &cache::PageInput) -> Result<RenderedPage, Diagnostic> {
    let (page, config, addresses) = (input.page, input.site.config, input.site.addresses);
    let body = catch_unwind(AssertUnwindSafe(|| {
        html::render(page, &input.marks, config, addresses)
    }))
    .map_err(|_| {
        Diagnostic::file_error(
            "internal error while rendering this page",
            input.name.to_string(),
        )
        .with_help("please report this with the file attached")
    })?;
    let link = |n: &Option<cache::Neighbour>| {
        n.as_ref().map(|n| Link {
            title: n.title.to_string(),
            href: relative_url(&page.output, n.output),
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
        html_title: page.html_title.as_deref(),
        number: page.number.as_deref(),
        path: &page.output,
        header: concat(&[
            &instrument::header(page, &config.strings),
            &instrument_contents::html(page, &config.strings),
            &instrument::clause_panel(page, addresses, &config.strings),
        ]),
        content: concat(&[&body.content, &input.previews]),
        notes: body.notes,
        // An instrument's contents follow its structure, in its header.
        toc: if toc.len() >= 3 && page.doc.instrument.is_none() {
            toc
        } else {
            Vec::new()
        },
        description: page
            .doc
            .front
            .description
            .as_deref()
            .unwrap_or(&config.book.description),
    };
    let body = concat(&[&info.header, &info.content, &info.notes]);
    let mut meta = meta::head(config, Some(page), &page.output, &page.title);
    if let Some(anchors) = input.anchors {
        meta.push_str(&redirect::anchors(anchors));
    }
    let context = page_context(
        config,
        &page.output,
        info,
        link(&input.prev),
        link(&input.next),
        page.doc.has_code,
        meta,
    );
    let context = tera::Context::from_serialize(&context).map_err(|e| {
        Diagnostic::file_error(format!("template data: {e}"), input.name.to_string())
    })?;
    // Every page's file, print section and search entries are held until the
    // site is written: each at its
    // length, not at the capacity it grew to (up to twice that). Shrinking
    // in place is cheap; the slack was a third of a large build's memory.
    let html: Bytes = fitted(input.site.templates.render("page.html", &context)?).into();
    let hash = xxhash_rust::xxh3::xxh3_128(&html);
    let in_print = &input.site.in_print;
    let print = match in_print.contains(page.output.as_str()) {
        true => fitted(single::section(config, None, &page.output, &body, in_print)),
        false => String::new(),
    };
    Ok(RenderedPage {
        html,
        hash,
        print,
        search: fitted(search::page_entries(
            input.index,
            page,
            &config.html.hidelines,
            &config.strings,
        )),
        body,
    })
}

/// `parts` joined, allocated once at their length (`format!` grows its
/// string as it goes, copying a page's body several times over).
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `s` without its spare capacity.
fn fitted(mut s: String) -> String {
    s.shrink_to_fit();
    s
}

/// The template data of the page at `path` (site-relative), whose addresses
/// of the theme, the scripts and the other pages are relative to it.
pub(super) fn page_context<'a>(
    config: &'a crate::config::Config,
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
        config
            .html
            .additional_css
            .iter()
            .map(|c| format!("{root}theme/{}", crate::config::theme_name(c))),
    );
    let mut scripts = vec![
        format!("{root}toc.js"),
        format!("{root}theme/glossator.js"),
        format!("{root}theme/search.js"),
    ];
    scripts.extend(
        config
            .html
            .additional_js
            .iter()
            .map(|j| format!("{root}theme/{}", crate::config::theme_name(j))),
    );
    PageContext {
        book: &config.book,
        favicon: Some(format!("{root}theme/favicon.svg")),
        canonical: config.html.site_url.as_ref().map(|u| format!("{u}/{path}")),
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
