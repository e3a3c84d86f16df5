//! The edition as one document: the print edition (`print.html`, the whole
//! edition on one page) and `build --single-file` (everything in one
//! self-contained file, to send by e-mail).
//!
//! Each page's rendered body becomes a section, its ids and links moved to
//! the document's addresses ([`Combined`], the second address strategy
//! beside the site's). A body is rendered once, at the site's addresses,
//! and this rewrites the attributes that hold ids and addresses, because
//! rendering every page a second time would cost more than reading the
//! attributes again (a page's HTML rendering is about twice this rewrite
//! in a build's profile) and because the authors' raw HTML and
//! pulldown-cmark's own writer put ids and addresses into a body that no
//! strategy chose. The rewriting works on glossator's own output, whose
//! attributes are always double-quoted and escaped.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark_escape::{escape_href, escape_html};

pub use super::address::combined::slug;
use super::address::{Combined, encode_path};
use crate::config::Config;
use crate::resolve::Edition;

/// Attributes that hold ids (or lists of ids).
const ID_ATTRIBUTES: &[&str] = &[
    "id",
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];

/// The address, escaped for an attribute, of page `output`'s section in
/// a combined document: its slug encoded as a fragment.
pub fn section_link(output: &str) -> String {
    href(&format!("#{}", encode_path(&slug(output))))
}

/// The bodies of `pages` (by output path, in reading order) as one
/// document. `images` inlines images as data URLs (for a single file).
pub fn combine(edition: &Edition, pages: &[(String, String)], images: bool) -> String {
    let inside: BTreeSet<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    let images = images.then_some(&edition.assets);
    pages
        .iter()
        .map(|(output, body)| section(&edition.config, images, output, body, &inside))
        .collect()
}

/// The section of the page `output` in a document made of the pages
/// `inside`; with `images` (the edition's assets), its images inlined.
pub fn section(
    config: &Config,
    images: Option<&BTreeMap<String, Vec<u8>>>,
    output: &str,
    body: &str,
    inside: &BTreeSet<&str>,
) -> String {
    let document = Combined::new(inside, config.numbering);
    let id = attribute(&slug(output));
    let mut out = String::with_capacity(body.len() + body.len() / 8 + id.len() + 48);
    out.push_str("<section class=\"combined-page\" id=\"");
    out.push_str(&id);
    out.push_str("\">\n");
    rewrite(&mut out, body, output, &document, images);
    out.push_str("</section>\n");
    out
}

/// Appends `body`, the page `page`'s, with its ids and addresses the
/// document's, to `out`.
fn rewrite(
    out: &mut String,
    body: &str,
    page: &str,
    document: &Combined<'_>,
    images: Option<&BTreeMap<String, Vec<u8>>>,
) {
    // Ids are written into attribute text, which is escaped already.
    let section = attribute(&slug(page));
    // A link within the page (most are) needs no lookup: the page is here.
    let here = encode_path(&slug(page));
    let mut rest = body;
    while let Some((name, value_start)) = next_attribute(rest) {
        let value_end = match memchr::memchr(b'"', &rest.as_bytes()[value_start..]) {
            Some(e) => value_start + e,
            None => break,
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_end];
        match name {
            "href" => match value.strip_prefix('#') {
                Some(fragment) => {
                    let fragment = fragment.replace("&amp;", "&");
                    out.push('#');
                    out.push_str(&href(&document.id_in(&here, page, &fragment)));
                }
                None => match images.and_then(|assets| asset(value, page, assets)) {
                    // A file of the edition's own (its copy-text, a PDF) is
                    // in the document too, as a download: a link beside a
                    // single file would lead nowhere.
                    Some((data, name)) => {
                        out.push_str(&data);
                        out.push_str("\" download=\"");
                        out.push_str(&attribute(&name));
                        rest = &rest[value_end..];
                        continue;
                    }
                    None => out.push_str(&link(value, page, document)),
                },
            },
            "src" => out.push_str(&match images {
                Some(assets) => image(value, page, assets),
                None => rebased(value, page),
            }),
            _ => {
                for (k, id) in value.split_whitespace().enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(&document.id_in(&section, page, id));
                }
            }
        }
        rest = &rest[value_end..];
    }
    out.push_str(rest);
}

/// The next ` name="` of an attribute we rewrite: (name, value start).
/// One pass over the bytes: every `="` is looked at once.
fn next_attribute(html: &str) -> Option<(&'static str, usize)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'=', &bytes[from..]) {
        let eq = from + found;
        if bytes.get(eq + 1) != Some(&b'"') {
            from = eq + 1;
            continue;
        }
        let name_start = bytes[..eq]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .map_or(0, |i| i + 1);
        let name = &html[name_start..eq];
        let known = ID_ATTRIBUTES
            .iter()
            .chain(&["href", "src"])
            .find(|n| **n == name);
        if let Some(n) = known
            && name_start > 0
            && bytes[name_start - 1] == b' '
        {
            return Some((n, eq + 2));
        }
        from = eq + 2;
    }
    None
}

/// The site's address `value` (escaped, as written in page `page`) in the
/// document: read back as the file and place it names, and written by the
/// document's rule. Addresses with a scheme are kept.
fn link(value: &str, page: &str, document: &Combined<'_>) -> String {
    let raw = value.replace("&amp;", "&");
    if let Some(fragment) = raw.strip_prefix('#') {
        return href(&document.href(page, Some(fragment)));
    }
    if raw.contains(':') || raw.starts_with("//") {
        return value.to_string();
    }
    let (path, fragment) = raw
        .split_once('#')
        .map_or((raw.as_str(), None), |(p, f)| (p, Some(f)));
    // An empty address (`[x]()`) is the page itself, not its folder.
    let target = match path {
        "" => Some(page.to_string()),
        _ => join(page, path),
    };
    match target {
        Some(target) => href(&document.href(&target, fragment)),
        None => value.to_string(),
    }
}

/// `s` escaped for a double-quoted attribute value.
fn attribute(s: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, s);
    out
}

fn href(s: &str) -> String {
    let mut out = String::new();
    let _ = escape_href(&mut out, s);
    out
}

/// An image's address, relative to page `page`, made relative to the
/// document, which stands at the site's root: `img/a.png` in
/// `chapter_1/section.html` is `chapter_1/img/a.png` there. Addresses with a
/// scheme, from the root or of the page itself are kept.
fn rebased(value: &str, page: &str) -> String {
    let raw = value.replace("&amp;", "&");
    if raw.is_empty() || raw.contains(':') || raw.starts_with(['/', '#', '?']) {
        return value.to_string();
    }
    let (path, fragment) = raw
        .split_once('#')
        .map_or((raw.as_str(), None), |(p, f)| (p, Some(f)));
    match join(page, path) {
        Some(target) => href(&match fragment {
            Some(f) => format!("{}#{f}", encode_path(&target)),
            None => encode_path(&target),
        }),
        None => value.to_string(),
    }
}

fn image(value: &str, page: &str, assets: &BTreeMap<String, Vec<u8>>) -> String {
    let raw = value.replace("&amp;", "&");
    let Some(bytes) = join(page, &raw).and_then(|p| assets.get(&p)) else {
        return value.to_string();
    };
    let mime = mime_guess::from_path(&raw).first_or_octet_stream();
    format!("data:{mime};base64,{}", base64(bytes))
}

/// A link to a file of the edition that is no page, as a data URL, with
/// the file's name.
fn asset(value: &str, page: &str, assets: &BTreeMap<String, Vec<u8>>) -> Option<(String, String)> {
    let raw = value.replace("&amp;", "&");
    if raw.contains(':') || raw.starts_with(['/', '#', '?']) || raw.contains('#') {
        return None;
    }
    let path = join(page, &raw)?;
    let bytes = assets.get(&path)?;
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let charset = if mime.type_() == "text" && std::str::from_utf8(bytes).is_ok() {
        ";charset=utf-8"
    } else {
        ""
    };
    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
    Some((
        format!("data:{mime}{charset};base64,{}", base64(bytes)),
        name,
    ))
}

/// `rel` read from the folder of the site path `from`, decoded.
fn join(from: &str, rel: &str) -> Option<String> {
    crate::resolve::join(from, rel).map(|p| crate::load::summary::percent_decode(&p))
}

/// Standard base64, for data URLs.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Numbering;

    #[test]
    fn attributes_after_any_character_are_found() {
        assert_eq!(next_attribute("é=\"x\" id=\"a\""), Some(("id", 11)));
        assert_eq!(next_attribute("<p>«é»=\"x\"</p>"), None);
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn images_are_rebased_to_the_documents_root() {
        let page = "chapter_1/section.html";
        assert_eq!(rebased("img/a.png", page), "chapter_1/img/a.png");
        assert_eq!(rebased("./a%20b.png", page), "chapter_1/a%20b.png");
        assert_eq!(rebased("../img/a.png", page), "img/a.png");
        assert_eq!(rebased("a.png", "index.html"), "a.png");
        for kept in [
            "https://e.org/a.png",
            "data:image/png;base64,AA==",
            "/abs.png",
            "",
        ] {
            assert_eq!(rebased(kept, page), kept);
        }
    }

    #[test]
    fn an_empty_link_is_the_page_itself() {
        let inside: BTreeSet<&str> = ["a.html", "c/d.html"].into_iter().collect();
        let document = Combined::new(&inside, Numbering::Edition);
        assert_eq!(link("", "c/d.html", &document), "#c-d");
        assert_eq!(link("", "a.html", &document), "#a");
    }

    #[test]
    fn the_sites_links_become_in_document_anchors() {
        let inside: BTreeSet<&str> = ["a.html", "instruments/b.html"].into_iter().collect();
        let document = Combined::new(&inside, Numbering::Edition);
        let cases = [
            ("#fn-3", "a.html", "#fn-3"),
            ("#abstract", "a.html", "#a--abstract"),
            (
                "instruments/b.html#art_1",
                "a.html",
                "#instruments-b--art_1",
            ),
            ("../a.html", "instruments/b.html", "#a"),
            ("https://e.org/x", "a.html", "https://e.org/x"),
            ("../toc.html", "instruments/b.html", "toc.html"),
        ];
        for (site, page, combined) in cases {
            assert_eq!(link(site, page, &document), combined, "{site} in {page}");
        }
    }
}
