//! Raw HTML in content is the editor's to use, but not to run: the HTML
//! editors write (tables, `sup`/`sub`, spans and divs with a class or an id,
//! links, images, `details`/`summary`, `abbr`) is kept as written; anything
//! else (a script, a frame, an event handler, a `javascript:` address however
//! it is encoded, an unknown element) is removed, and the removal reported.
//!
//! pulldown-cmark hands raw HTML over in fragments: an HTML block up to its
//! blank line, an inline tag alone (`<span>`, then text, then `</span>`). A
//! fragment is rarely a balanced tree, so it is not parsed as one: it is cut
//! into tokens as a browser's tokenizer cuts it, and each tag is judged alone,
//! twice. [ammonia] (a maintained allowlist sanitizer, over html5ever's
//! parser) sanitizes the tag, in a table when it is a part of one; the tag
//! ammonia gives back is then held to the same allowlist here, URLs checked
//! after decoding character references. A tag both accept unchanged is kept
//! byte for byte; any other is written as what is left, or removed. A comment
//! or a tag that does not end within its fragment is shown as text, so that
//! every fragment leaves the browser's tokenizer where it found it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// The elements kept.
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes kept on every element.
pub const GENERIC_ATTRIBUTES: &[&str] = &["class", "id", "title", "lang", "dir"];

/// Attributes kept on some elements.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("blockquote", &["cite"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("img", &["src", "alt", "width", "height"]),
    ("ins", &["cite", "datetime"]),
    ("li", &["value"]),
    ("ol", &["start", "reversed", "type"]),
    ("q", &["cite"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("time", &["datetime"]),
];

/// The schemes an address may have (relative addresses have none).
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Attributes that hold an address.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Elements removed with everything up to their end tag: their content is
/// a script, a style, a document of its own or not shown.
const CONTENT_TAGS: &[&str] = &[
    "script",
    "style",
    "template",
    "iframe",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "textarea",
    "title",
    "object",
    "plaintext",
    "svg",
    "math",
    "select",
];

/// Elements whose content a browser reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "plaintext",
];

static AMMONIA: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(false);
    b
});

/// Something taken out of a fragment: where (bytes of the fragment) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub range: Range<usize>,
    pub what: String,
}

/// `html` with what may not be published taken out, and what was; the
/// fragment itself when everything in it is kept.
pub fn clean(html: &str) -> (Cow<'_, str>, Vec<Removed>) {
    let tokens = tokenize(html);
    let mut out = String::with_capacity(html.len());
    let mut removed = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let text = &html[tok.range.clone()];
        match &tok.kind {
            Kind::Text | Kind::Comment => out.push_str(text),
            Kind::Broken => {
                changed = true;
                out.push_str("&lt;");
                out.push_str(&text[1..]);
                removed.push(Removed {
                    range: tok.range.clone(),
                    what: "an unfinished tag or comment, shown as text".into(),
                });
            }
            Kind::End(name) => {
                if TAGS.contains(&name.as_str()) {
                    if is_plain_end(text, name) {
                        out.push_str(text);
                    } else {
                        changed = true;
                        out.push_str(&format!("</{name}>"));
                    }
                } else {
                    changed = true;
                }
            }
            Kind::Start(tag) if CONTENT_TAGS.contains(&tag.name.as_str()) => {
                changed = true;
                let close = tokens[i + 1..]
                    .iter()
                    .position(|t| matches!(&t.kind, Kind::End(n) if *n == tag.name))
                    .map_or(tokens.len() - 1, |p| i + 1 + p);
                removed.push(Removed {
                    range: tok.range.start..tokens[close].range.end,
                    what: format!("<{}> and its content", tag.name),
                });
                i = close;
            }
            Kind::Start(tag) => match judge(tag) {
                Verdict::Keep => out.push_str(text),
                Verdict::Rewrite(kept, gone) => {
                    changed = true;
                    out.push_str(&kept);
                    if !gone.is_empty() {
                        removed.push(Removed {
                            range: tok.range.clone(),
                            what: format!(
                                "{} of <{}>",
                                gone.iter()
                                    .map(|a| format!("`{a}`"))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                tag.name
                            ),
                        });
                    }
                }
                Verdict::Remove => {
                    changed = true;
                    removed.push(Removed {
                        range: tok.range.clone(),
                        what: format!("<{}>", tag.name),
                    });
                }
            },
        }
        i += 1;
    }
    if changed {
        (Cow::Owned(out), removed)
    } else {
        (Cow::Borrowed(html), removed)
    }
}

/// `</name>` as a browser reads it, with nothing but the name.
fn is_plain_end(text: &str, name: &str) -> bool {
    text.len() == name.len() + 3 && text[2..2 + name.len()].eq_ignore_ascii_case(name)
}

enum Verdict {
    /// As written.
    Keep,
    /// This instead, having lost these attributes.
    Rewrite(String, Vec<String>),
    Remove,
}

/// What becomes of a start tag: ammonia sanitizes it, and what it leaves is
/// held to the allowlist again.
fn judge(tag: &StartTag) -> Verdict {
    if !TAGS.contains(&tag.name.as_str()) {
        return Verdict::Remove;
    }
    let alone = serialize(&tag.name, &tag.attrs);
    // Table parts are dropped by a parser outside a table: give them one.
    let (before, after) = match tag.name.as_str() {
        "td" | "th" => ("<table><tbody><tr>", "</tr></tbody></table>"),
        "tr" => ("<table><tbody>", "</tbody></table>"),
        "col" => ("<table><colgroup>", "</colgroup></table>"),
        "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => ("<table>", "</table>"),
        _ => ("", ""),
    };
    let sanitized = AMMONIA
        .clean(&format!("{before}{alone}{after}"))
        .to_string();
    let Some(theirs) = tokenize(&sanitized)
        .into_iter()
        .rev()
        .filter_map(|t| match t.kind {
            Kind::Start(s) if s.name == tag.name => Some(s),
            _ => None,
        })
        .next()
    else {
        return Verdict::Remove;
    };
    let kept: Vec<(String, String)> = theirs
        .attrs
        .into_iter()
        .filter(|(name, value)| allowed(&tag.name, name, value))
        .collect();
    if kept == tag.attrs {
        return Verdict::Keep;
    }
    let gone = tag
        .attrs
        .iter()
        .filter(|(name, _)| !kept.iter().any(|(k, _)| k == name))
        .map(|(name, _)| name.clone())
        .collect();
    Verdict::Rewrite(serialize(&tag.name, &kept), gone)
}

/// Whether the allowlist keeps attribute `name="value"` (decoded) on `tag`.
fn allowed(tag: &str, name: &str, value: &str) -> bool {
    let listed = GENERIC_ATTRIBUTES.contains(&name)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&name));
    listed && (!URL_ATTRIBUTES.contains(&name) || safe_url(value))
}

/// A relative address, or one whose scheme is allowed, read as a browser
/// reads it (control characters and whitespace dropped).
fn safe_url(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let head = compact.split(['/', '?', '#']).next().unwrap_or_default();
    match head.split_once(':') {
        None => true,
        Some((scheme, _)) => URL_SCHEMES.contains(&scheme),
    }
}

/// A start tag written as html5ever writes it (what ammonia gives back).
fn serialize(name: &str, attrs: &[(String, String)]) -> String {
    let mut s = format!("<{name}");
    for (k, v) in attrs {
        s.push(' ');
        s.push_str(k);
        s.push_str("=\"");
        for c in v.chars() {
            match c {
                '&' => s.push_str("&amp;"),
                '"' => s.push_str("&quot;"),
                '\u{a0}' => s.push_str("&nbsp;"),
                c => s.push(c),
            }
        }
        s.push('"');
    }
    s.push('>');
    s
}

#[derive(Debug)]
struct StartTag {
    name: String,
    /// Names lower-cased, values decoded, later duplicates dropped.
    attrs: Vec<(String, String)>,
}

#[derive(Debug)]
enum Kind {
    Text,
    /// A comment, a bogus comment (`<?php ?>`, `<!DOCTYPE>`, `<![CDATA[`)
    /// or `</>`: nothing a browser shows or runs.
    Comment,
    Start(StartTag),
    End(String),
    /// A tag or comment that does not end in the fragment.
    Broken,
}

#[derive(Debug)]
struct Token {
    kind: Kind,
    range: Range<usize>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

/// Cuts `html` into tokens as the HTML tokenizer does from its data state.
fn tokenize(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    let find = |from: usize, needle: &str| {
        html.get(from..)
            .and_then(|r| r.find(needle))
            .map(|p| from + p)
    };
    while let Some(p) = find(at, "<") {
        let next = bytes.get(p + 1).copied();
        let (kind, end) = match next {
            Some(b'!') if html[p..].starts_with("<!--") => {
                if html[p..].starts_with("<!-->") {
                    (Kind::Comment, p + 5)
                } else if html[p..].starts_with("<!--->") {
                    (Kind::Comment, p + 6)
                } else {
                    let close = [
                        find(p + 4, "-->").map(|e| e + 3),
                        find(p + 4, "--!>").map(|e| e + 4),
                    ]
                    .into_iter()
                    .flatten()
                    .min();
                    match close {
                        Some(e) => (Kind::Comment, e),
                        None => (Kind::Broken, html.len()),
                    }
                }
            }
            Some(b'!' | b'?') => match find(p + 2, ">") {
                Some(e) => (Kind::Comment, e + 1),
                None => (Kind::Broken, html.len()),
            },
            Some(b'/') => match bytes.get(p + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => match tag(html, p + 2) {
                    Some((name, _, e)) => (Kind::End(name), e),
                    None => (Kind::Broken, html.len()),
                },
                Some(b'>') => (Kind::Comment, p + 3),
                None => (Kind::Broken, html.len()),
                Some(_) => match find(p + 2, ">") {
                    Some(e) => (Kind::Comment, e + 1),
                    None => (Kind::Broken, html.len()),
                },
            },
            Some(c) if c.is_ascii_alphabetic() => match tag(html, p + 1) {
                Some((name, attrs, e)) => (Kind::Start(StartTag { name, attrs }), e),
                None => (Kind::Broken, html.len()),
            },
            _ => {
                at = p + 1;
                continue;
            }
        };
        if text_start < p {
            tokens.push(Token {
                kind: Kind::Text,
                range: text_start..p,
            });
        }
        let raw = match &kind {
            Kind::Start(t) if RAW_TEXT.contains(&t.name.as_str()) => Some(t.name.clone()),
            _ => None,
        };
        tokens.push(Token {
            kind,
            range: p..end,
        });
        at = end;
        text_start = end;
        // The content of a script, a style, a textarea is text to its end tag.
        if let Some(name) = raw {
            let lower = html[end..].to_ascii_lowercase();
            let close = format!("</{name}");
            let mut from = 0;
            let stop = loop {
                match lower[from..].find(&close) {
                    Some(q) => {
                        let after = lower.as_bytes().get(from + q + close.len()).copied();
                        if after.is_none_or(|b| is_space(b) || b == b'/' || b == b'>') {
                            break end + from + q;
                        }
                        from += q + close.len();
                    }
                    None => break html.len(),
                }
            };
            if end < stop {
                tokens.push(Token {
                    kind: Kind::Text,
                    range: end..stop,
                });
            }
            at = stop;
            text_start = stop;
        }
    }
    if text_start < html.len() {
        tokens.push(Token {
            kind: Kind::Text,
            range: text_start..html.len(),
        });
    }
    tokens
}

type Attrs = Vec<(String, String)>;

/// The tag whose name starts at `start`: its name, attributes and the end
/// of the tag (after `>`), or `None` when the fragment ends first.
fn tag(html: &str, start: usize) -> Option<(String, Attrs, usize)> {
    let b = html.as_bytes();
    let mut i = start;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut attrs: Attrs = Vec::new();
    let push = |attrs: &mut Attrs, name: String, value: String| {
        if !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, decode(&value)));
        }
    };
    loop {
        // Before an attribute name (also after a quoted value or a `/`).
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            if b[i] == b'/' && b.get(i + 1) == Some(&b'>') {
                return Some((name, attrs, i + 2));
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some((name, attrs, i + 1));
        }
        // The name: a leading `=` belongs to it.
        let name_start = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = html[name_start..i].to_ascii_lowercase();
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] != b'=' {
            push(&mut attrs, attr, String::new());
            continue;
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        match b[i] {
            b'>' => {
                push(&mut attrs, attr, String::new());
                return Some((name, attrs, i + 1));
            }
            q @ (b'"' | b'\'') => {
                let end = html[i + 1..].find(q as char)? + i + 1;
                push(&mut attrs, attr, html[i + 1..end].to_string());
                i = end + 1;
            }
            _ => {
                let value_start = i;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                push(&mut attrs, attr, html[value_start..i].to_string());
            }
        }
    }
}

/// Decodes character references in an attribute value: numeric ones and the
/// named ones an address could hide behind. Others are left as written
/// (a tag holding one is then written as ammonia gives it back).
fn decode(value: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("colon", ":"),
        ("Tab", "\t"),
        ("NewLine", "\n"),
        ("sol", "/"),
        ("num", "#"),
        ("quest", "?"),
        ("period", "."),
        ("lpar", "("),
        ("rpar", ")"),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let after = &rest[1..];
        if let Some(num) = after.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            if len > 0 {
                let n = u32::from_str_radix(&digits[..len.min(8)], if hex { 16 } else { 10 })
                    .unwrap_or(0x110000);
                out.push(char::from_u32(n).filter(|_| n != 0).unwrap_or('\u{fffd}'));
                let used = 1 + (num.len() - digits.len()) + len;
                let used = used + usize::from(after[used..].starts_with(';'));
                rest = &after[used..];
                continue;
            }
        }
        let named = NAMED
            .iter()
            .find(|(n, _)| after.starts_with(n) && after[n.len()..].starts_with(';'));
        match named {
            Some((n, s)) => {
                out.push_str(s);
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        clean(html).0.into_owned()
    }

    #[test]
    fn what_editors_write_is_kept_as_written() {
        for html in [
            "<table class=\"x\">\n<tr><th scope=col>A</th><td colspan=\"2\">B</td></tr>\n</table>\n",
            "<span class='note' id=n1>",
            "</span>",
            "<sup>1</sup><sub>2</sub>",
            "<a href=\"https://example.org/?a=1&amp;b=2\" id=\"x\">",
            "<a href=\"chapter.html#sec\">",
            "<a href=\"mailto:someone@example.org\">",
            "<details open>\n<summary>More</summary>\n",
            "</details>\n",
            "<abbr title=\"International Organization for Migration\">IOM</abbr>",
            "<img src=\"map.png\" alt=\"A map\">",
            "<br/>",
            "<!-- an editor's comment -->\n",
            "<div class=\"x\">\n",
            "a < b and <3\n",
            // One attribute, as a browser reads it: `src` is `x/onerror=alert(1)`.
            "<img/src=x/onerror=alert(1)>",
        ] {
            assert_eq!(clean(html), (Cow::Borrowed(html), Vec::new()), "{html}");
        }
    }

    #[test]
    fn scripts_are_removed_however_written() {
        for (html, left) in [
            (
                "<details open\nontoggle=alert(1)>\n",
                "<details open=\"\">\n",
            ),
            ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
            ("<img src=x\tONERROR = \"alert(1)\" >", "<img src=\"x\">"),
            ("<a href=\"javascript&#58;alert(1)\">", "<a>"),
            ("<a href=\"javascript&colon;alert(1)\">", "<a>"),
            ("<a href=\"jav&#x09;ascript:alert(1)\">", "<a>"),
            ("<a href=\"&#106;avascript:alert(1)\">", "<a>"),
            ("<a href=' javascript:alert(1)'>", "<a>"),
            ("<a href=\"JaVaScRiPt:alert(1)\">", "<a>"),
            (
                "<a href=\"data:text/html,<script>alert(1)</script>\">",
                "<a>",
            ),
            ("<script>alert(1)</script>\n", "\n"),
            ("<SCRIPT>alert('</p>')</script >x", "x"),
            ("<style>body{}</style>", ""),
            ("<iframe src=x></iframe>", ""),
            ("<svg><script>alert(1)</script></svg>", ""),
            (
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                "",
            ),
            ("<object data=x></object>", ""),
            ("<base href=\"https://evil.example/\">", ""),
            ("<meta http-equiv=refresh content=0>", ""),
            ("<form action=x><input></form>", ""),
            (
                "<span style=\"background:url(x)\" class=\"k\">",
                "<span class=\"k\">",
            ),
            ("<div\n", "&lt;div\n"),
            ("<!-- never closed\n", "&lt;!-- never closed\n"),
            ("<span title=\"a>b\" onclick=x>", "<span title=\"a>b\">"),
            ("<foo>bar</foo>", "bar"),
        ] {
            let (out, removed) = clean(html);
            assert_eq!(out, left, "{html}");
            assert!(!removed.is_empty(), "{html}: nothing reported");
        }
    }

    #[test]
    fn removals_say_what_and_where() {
        let html = "<p>ok</p>\n<details open\nontoggle=alert(1)>";
        let (_, removed) = clean(html);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].range.start, html.find("<details").unwrap());
        assert!(removed[0].what.contains("`ontoggle`"), "{:?}", removed[0]);
    }

    #[test]
    fn every_allowed_tag_survives_ammonia_alone() {
        for tag in TAGS {
            let html = format!("<{tag} class=\"c\">");
            assert_eq!(cleaned(&html), html, "{tag}");
        }
    }
}
