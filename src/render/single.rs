//! The edition as one document: the print edition (`print.html`, the whole
//! paper on one page) and `build --single-file` (everything in one
//! self-contained file, to send by e-mail).
//!
//! Each page's rendered body becomes a section; its ids get the page's name
//! as a prefix, and every link to a page of the document becomes a link to
//! that section. The rewriting works on glossator's own output, whose
//! attributes are always double-quoted and escaped.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::encode_path;
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

/// The section id of a page (`instruments/un-charter.html` → `instruments-un-charter`).
pub fn slug(output: &str) -> String {
    output.trim_end_matches(".html").replace('/', "-")
}

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
    format!(
        "<section class=\"combined-page\" id=\"{}\">\n{}</section>\n",
        attribute(&slug(output)),
        rewrite(body, output, inside, config, images)
    )
}

fn rewrite(
    body: &str,
    page: &str,
    inside: &BTreeSet<&str>,
    config: &Config,
    images: Option<&BTreeMap<String, Vec<u8>>>,
) -> String {
    let prefix = slug(page);
    let per_chapter = config.numbering == crate::config::Numbering::Chapter;
    let global = numbers_global(page, per_chapter);
    // Ids are written into attribute text, which is escaped already.
    let escaped_prefix = attribute(&prefix);
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut rest = body;
    while let Some((name, value_start)) = next_attribute(rest) {
        let value_end = match rest[value_start..].find('"') {
            Some(e) => value_start + e,
            None => break,
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_end];
        match name {
            "href" => out.push_str(&link(value, page, &prefix, inside, per_chapter)),
            "src" => out.push_str(&match images {
                Some(assets) => image(value, page, assets),
                None => rebased(value, page),
            }),
            _ => {
                let ids: Vec<String> = value
                    .split_whitespace()
                    .map(|id| prefixed(&escaped_prefix, id, global))
                    .collect();
                out.push_str(&ids.join(" "));
            }
        }
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// The next ` name="` of an attribute we rewrite: (name, value start).
/// One pass over the bytes: every `="` is looked at once.
fn next_attribute(html: &str) -> Option<(&'static str, usize)> {
    let bytes = html.as_bytes();
    let mut eq = 0;
    while eq + 1 < bytes.len() {
        if bytes[eq] != b'=' || bytes[eq + 1] != b'"' {
            eq += 1;
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
        eq += 2;
    }
    None
}

fn link(
    value: &str,
    page: &str,
    prefix: &str,
    inside: &BTreeSet<&str>,
    per_chapter: bool,
) -> String {
    let raw = value.replace("&amp;", "&");
    // A section id is the page's file name: encoded in an address, as the
    // fragment a browser decodes to find it.
    if let Some(fragment) = raw.strip_prefix('#') {
        let global = numbers_global(page, per_chapter);
        return href(&format!(
            "#{}",
            prefixed(&encode_path(prefix), fragment, global)
        ));
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
    let Some(target) = target else {
        return value.to_string();
    };
    if inside.contains(target.as_str()) {
        let s = encode_path(&slug(&target));
        return href(&match fragment {
            Some(f) => format!("#{}", prefixed(&s, f, numbers_global(&target, per_chapter))),
            None => format!("#{s}"),
        });
    }
    // Outside the document: relative to the document, which stands at the root.
    let target = encode_path(&target);
    href(&match fragment {
        Some(f) => format!("{target}#{f}"),
        None => target,
    })
}

/// Whether the note and paragraph numbers of page `page` are the
/// edition's (numbered through it), rather than its own: an instrument's
/// notes are always its own, and so are every chapter's when the edition
/// numbers per chapter.
fn numbers_global(page: &str, per_chapter: bool) -> bool {
    !per_chapter && !page.starts_with("instruments/")
}

/// The id `id` of page `prefix` in the combined document. Note and
/// paragraph numbers unique in the whole edition keep their ids, so that
/// "note 12" and "para 30" stay the same address everywhere; numbers a
/// page has to itself (`global` false) are prefixed like any other id.
fn prefixed(prefix: &str, id: &str, global: bool) -> String {
    let global = global && ["fn-", "fnref-", "para-"].iter().any(|p| id.starts_with(p));
    if global {
        id.to_string()
    } else {
        format!("{prefix}--{id}")
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
    let mime = match raw
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    };
    format!("data:{mime};base64,{}", base64(bytes))
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
        assert_eq!(link("", "c/d.html", "c-d", &inside, false), "#c-d");
        assert_eq!(link("", "a.html", "a", &inside, false), "#a");
    }

    #[test]
    fn ids_and_links_become_in_document_anchors() {
        let inside: BTreeSet<&str> = ["a.html", "instruments/b.html"].into_iter().collect();
        assert_eq!(link("#fn-3", "a.html", "a", &inside, false), "#fn-3");
        assert_eq!(
            link("#abstract", "a.html", "a", &inside, false),
            "#a--abstract"
        );
        assert_eq!(
            link("instruments/b.html#art_1", "a.html", "a", &inside, false),
            "#instruments-b--art_1"
        );
        assert_eq!(
            link(
                "../a.html",
                "instruments/b.html",
                "instruments-b",
                &inside,
                false
            ),
            "#a"
        );
        assert_eq!(
            link("https://e.org/x", "a.html", "a", &inside, false),
            "https://e.org/x"
        );
        assert_eq!(
            link(
                "../toc.html",
                "instruments/b.html",
                "instruments-b",
                &inside,
                false
            ),
            "toc.html"
        );
    }
}
