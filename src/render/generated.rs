//! The pages glossator writes itself rather than renders from a chapter:
//! the `contents.html` template around a generated page's content (the
//! contents, search and 404 pages, the print edition, the indexes of
//! instruments and of comparisons), the 404 page's body, the print edition's
//! list of contents, the `index.html` that sends the reader on to the first
//! page, and the single file.
//!
//! They stand apart from `mod.rs`, which decides which of them a site has and
//! gathers their content, because each is made once per build from the whole
//! edition, not cached page by page as a chapter's rendering is (`page.rs`).

use std::collections::BTreeMap;

use bytes::Bytes;

use super::page::{PageContext, PageInfo, page_context};
use super::templates::Templates;
use super::{address, html, instrument, meta, single};
use crate::diag::Diagnostic;
use crate::i18n;
use crate::resolve::Edition;

/// The body of `404.html`. A server shows it at any depth, so when the
/// edition knows its address the links are absolute; when it knows only its
/// path (mdBook's `site-url = "/book/"`), the page's `<base>` places them.
pub(super) fn not_found(edition: &Edition) -> String {
    if let Some(page) = &edition.not_found {
        // The book's own page (mdBook's `404.md`), its notes after its text.
        let body = html::render(
            page,
            &instrument::Marks::default(),
            &edition.config,
            address::Site::new(edition),
        );
        return body.content + &body.notes;
    }
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
    let strings = &edition.config.strings;
    let first_page = format!(
        "<a href=\"{home}\">{}</a>",
        i18n::html(&strings.not_found_first_page)
    );
    let contents = format!(
        "<a href=\"{contents}\">{}</a>",
        i18n::html(&strings.not_found_contents)
    );
    format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        i18n::html(&strings.not_found),
        i18n::fill_html(
            &strings.not_found_text,
            &[("first_page", &first_page), ("contents", &contents)]
        )
    )
}

/// The whole edition in one file: every page a section, styles and scripts
/// (search included) inlined as data URLs, links turned into anchors.
pub(super) fn single_file_page(
    edition: &Edition,
    files: &BTreeMap<String, Bytes>,
    pages: &[(String, String)],
    templates: &Templates,
) -> Result<String, Diagnostic> {
    let info = PageInfo {
        title: &edition.config.book.title,
        html_title: None,
        number: None,
        path: "single.html",
        header: String::new(),
        content: single::combine(edition, pages, true),
        notes: String::new(),
        toc: Vec::new(),
        description: &edition.config.book.description,
    };
    let meta = meta::head(
        &edition.config,
        None,
        "index.html",
        &edition.config.book.title,
    );
    let mut context = page_context(
        &edition.config,
        "single.html",
        info,
        None,
        None,
        false,
        meta,
    );
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
            .map(|c| format!("theme/{}", crate::config::theme_name(c))),
    );
    context.stylesheets = theme_css.filter_map(|p| data(&p, "text/css")).collect();
    context.favicon = data("theme/favicon.svg", "image/svg+xml");
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
            .map(|j| format!("theme/{}", crate::config::theme_name(j))),
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
    context.contents_href = "#gl-sidebar".into();
    let context = tera::Context::from_serialize(&context).map_err(|e| {
        Diagnostic::file_error(format!("template data: {e}"), "templates/contents.html")
    })?;
    templates.render("contents.html", &context)
}

/// `index.html` for an edition whose first page has another name: it sends
/// the reader on (also from disk, where a folder has no default page). A
/// refresh drops the reader's `#fragment`, so a script goes first and keeps
/// it: mdBook's `index.html` is the first chapter itself, and links from
/// outside to `book/#a-heading` must still arrive there.
pub(super) fn redirect(title: &str, language: &str, to: &str) -> String {
    let mut t = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut t, title);
    let lang = i18n::html(language);
    let mut href = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut href, to);
    let target =
        crate::script_json::escape(serde_json::to_string(to).unwrap_or_else(|_| "\"\"".into()));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<script>(function(){{var h=location.hash;if(!h)return;var u=new URL({target},location.href);u.hash=h;location.replace(u.href);}})();</script>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{t}</a></p>\n</body>\n</html>\n"
    )
}

/// A page glossator writes itself (contents, index of instruments), in the
/// `contents.html` template.
pub(super) fn generated_page(
    edition: &Edition,
    path: &str,
    title: &str,
    content: String,
    templates: &Templates,
) -> Result<String, Diagnostic> {
    // The print edition is the whole paper: rather than copy it through the
    // template engine (three copies at once), render the page around a slot
    // and put the content into it.
    if let Some((before, after)) = generated_frame(edition, path, title, templates)? {
        // Around the content in place: a second buffer the size of the
        // print edition (61 MB at 5,000 chapters) would be held beside it.
        let mut html = content;
        html.reserve_exact(before.len() + after.len());
        html.insert_str(0, &before);
        html.push_str(&after);
        return Ok(html);
    }
    let context = generated_context(edition, path, title, content);
    render_contents(&context, templates)
}

/// The generated page `path` rendered around [`CONTENT_SLOT`]: what comes
/// before its content and what after. `None` when the template does
/// anything but print the content as it is (escape it, filter it), which
/// leaves no single slot: such a page needs its content itself.
pub(super) fn generated_frame(
    edition: &Edition,
    path: &str,
    title: &str,
    templates: &Templates,
) -> Result<Option<(String, String)>, Diagnostic> {
    let context = generated_context(edition, path, title, CONTENT_SLOT.to_string());
    let frame = render_contents(&context, templates)?;
    Ok(match frame.split(CONTENT_SLOT).collect::<Vec<_>>()[..] {
        [before, after] => Some((before.to_string(), after.to_string())),
        _ => None,
    })
}

fn generated_context<'a>(
    edition: &'a Edition,
    path: &'a str,
    title: &'a str,
    content: String,
) -> PageContext<'a> {
    let info = PageInfo {
        title,
        html_title: None,
        number: None,
        path,
        header: String::new(),
        content,
        notes: String::new(),
        toc: Vec::new(),
        description: &edition.config.book.description,
    };
    let mut meta = meta::head(&edition.config, None, path, title);
    if path == crate::resolve::BIBLIOGRAPHY {
        meta.push_str(&super::bibliography::references_meta(edition));
    }
    if path == "404.html"
        && let Some(base) = &edition.config.html.site_base
    {
        // First in the head's addresses, as mdBook's 404 page has it.
        let mut href = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut href, base);
        meta.insert_str(0, &format!("<base href=\"{href}\">\n"));
    }
    page_context(&edition.config, path, info, None, None, false, meta)
}

/// What [`generated_page`] renders where the content goes: nothing an
/// edition's text can hold (NUL becomes U+FFFD on reading), and changed by
/// escaping.
const CONTENT_SLOT: &str = "\u{0}<glossator-content>\u{0}";

fn render_contents(context: &PageContext<'_>, templates: &Templates) -> Result<String, Diagnostic> {
    let context = tera::Context::from_serialize(context).map_err(|e| {
        Diagnostic::file_error(format!("template data: {e}"), "templates/contents.html")
    })?;
    templates.render("contents.html", &context)
}

/// The print edition's contents list: each chapter's title, linking to its
/// section, as a printed book opens with one.
pub(super) fn print_contents<'a>(
    strings: &i18n::Strings,
    chapters: impl Iterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut out = format!(
        "<nav class=\"print-contents\" aria-labelledby=\"print-contents-title\">\n<h2 id=\"print-contents-title\">{}</h2>\n<ol>\n",
        i18n::html(&strings.contents)
    );
    for (output, title) in chapters {
        let mut escaped = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut escaped, title);
        out.push_str(&format!(
            "<li><a href=\"{}\">{escaped}</a></li>\n",
            single::section_link(output)
        ));
    }
    out.push_str("</ol>\n</nav>\n");
    out
}

/// A place that cites a case or a work, as the Table of Cases and the
/// Bibliography (written at `list`, the page's output path) list it, linked
/// to the citation: "Chapter, para 3", "Chapter, note 1", with the
/// pinpoint or locator cited there ("…, at § 43").
pub(super) fn citing_place(
    edition: &Edition,
    list: &str,
    citation: (crate::resolve::PageId, &str),
    (note, paragraph): (Option<crate::resolve::NoteNumber>, Option<u32>),
    pinpoint: Option<&str>,
) -> String {
    use pulldown_cmark_escape::{escape_href, escape_html};
    let s = &edition.config.strings;
    let (page, anchor) = citation;
    let page = &edition.pages[page];
    let mut link = String::from("<a href=\"");
    let _ = escape_href(&mut link, &address::relative_url(list, &page.output));
    link.push('#');
    let _ = escape_href(&mut link, anchor);
    link.push_str("\">");
    let _ = escape_html(&mut link, &page.title);
    link.push_str("</a>");
    let text = match (note, paragraph) {
        (Some(n), _) => {
            i18n::fill_html(&s.cited_at_note, &[("place", &link), ("n", &n.to_string())])
        }
        (None, Some(n)) => i18n::fill_html(
            &s.cited_at_paragraph,
            &[("place", &link), ("n", &n.to_string())],
        ),
        (None, None) => link,
    };
    match pinpoint {
        Some(pin) => {
            let mut escaped = String::new();
            let _ = escape_html(&mut escaped, pin);
            i18n::fill_html(
                &s.case_pinpoint,
                &[("place", &text), ("pinpoint", &escaped)],
            )
        }
        None => text,
    }
}
