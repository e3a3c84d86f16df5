//! The CSL processor run over every citation of the edition in reading
//! order, as a word processor runs it over a document: so that the style
//! decides first and later references ("ibid.", a short form, "(n 3)") from
//! what came before, and the note each stands in. Its output is turned into
//! [`Piece`]s, the formatted words render writes; nothing here is HTML.

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, StyleClass, VerticalAlign};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, Formatting, LocatorPayload, Rendered, SpecificLocator,
};

use super::grammar::Unit;
use super::library::Library;
use super::style::Formatter;
use crate::resolve::{Dest, Piece};

/// One citation to format: its works in order, and the note it stands in.
#[derive(Hash)]
pub(super) struct Request {
    pub items: Vec<RequestItem>,
    pub note: Option<u32>,
}

#[derive(Hash)]
pub(super) struct RequestItem {
    pub key: String,
    pub locator: Option<(Unit, String)>,
    /// Cited in prose (`@key`): the style's narrative form ("Guild and
    /// Grant (2017)"), or a note style's note.
    pub prose: bool,
    /// Cited by the author's own words (a `cite:` link): counted, not shown.
    pub hidden: bool,
}

/// The formatted citations, in the order asked, and the works cited in the
/// style's order, each with its entry.
#[derive(Clone)]
pub(super) struct Formatted {
    pub citations: Vec<Vec<Piece>>,
    pub bibliography: Vec<(String, Vec<Piece>)>,
}

/// Formats `requests` (whose keys are all in `library`); `to(key)` is where
/// a work's words lead. `None` when the processor does not give back one
/// citation for each asked: pairing them would put a reference in the
/// wrong place.
pub(super) fn format(
    library: &Library,
    f: &Formatter,
    requests: &[Request],
    to: &dyn Fn(&str) -> Dest,
) -> Option<Formatted> {
    // In a note style the sequence that decides first and later forms
    // ("(n 3)", "ibid.") is the notes': a citation in the body text stands
    // apart, in its full form, lest a later note refer back to a note that
    // is not there. A `cite:` link's work counts for the bibliography only,
    // so it is asked last.
    let note_style = f.style.settings.class == StyleClass::Note;
    let linked = |r: &Request| r.items.iter().all(|i| i.hidden);
    let apart = |r: &Request| note_style && r.note.is_none() && !linked(r);
    let in_sequence: Vec<usize> = (0..requests.len())
        .filter(|&i| !apart(&requests[i]) && !linked(&requests[i]))
        .collect();
    // A `cite:` link only puts its work in the bibliography: one link to a
    // work is asked, and none to a work a citation already cites (the CSL
    // processor's time grows with every citation asked).
    let mut counted: std::collections::HashSet<&str> = requests
        .iter()
        .filter(|r| !linked(r))
        .flat_map(|r| r.items.iter().map(|i| i.key.as_str()))
        .collect();
    let rest: Vec<usize> = (0..requests.len())
        .filter(|&i| {
            let r = &requests[i];
            if apart(r) {
                return true;
            }
            linked(r) && r.items.iter().any(|item| counted.insert(item.key.as_str()))
        })
        .collect();
    let asked: Vec<(&Request, bool)> = in_sequence
        .iter()
        .map(|&i| (&requests[i], false))
        .chain(rest.iter().map(|&i| (&requests[i], true)))
        .collect();
    let rendered = run_with(library, f, &asked, None);
    if rendered.citations.len() != asked.len() {
        return None;
    }
    let words = |r: &Request, c: &ElemChildren| {
        let dests: Vec<Dest> = r.items.iter().map(|i| to(&i.key)).collect();
        pieces(c, Some(&dests))
    };
    let mut citations: Vec<Vec<Piece>> = vec![Vec::new(); requests.len()];
    for (&i, c) in in_sequence.iter().zip(&rendered.citations) {
        citations[i] = words(&requests[i], &c.citation);
    }
    for &i in rest.iter().filter(|&&i| apart(&requests[i])) {
        let alone = run_with(library, f, &[(&requests[i], false)], None);
        let c = alone.citations.first()?;
        citations[i] = words(&requests[i], &c.citation);
    }
    let bibliography = match rendered.bibliography {
        Some(b) => b
            .items
            .iter()
            .map(|item| {
                let mut text = Vec::new();
                if let Some(first) = &item.first_field {
                    walk(std::slice::from_ref(first), None, None, &mut text);
                    push(&mut text, " ", Formatting::default(), None);
                }
                walk(&item.content.0, None, None, &mut text);
                (item.key.clone(), text)
            })
            .collect(),
        // A style without a bibliography (some note styles): each work's
        // full form, in the order of its text.
        None => {
            let mut keys: Vec<String> = Vec::new();
            for r in requests {
                for i in &r.items {
                    if !keys.contains(&i.key) {
                        keys.push(i.key.clone());
                    }
                }
            }
            let full: Vec<Request> = keys
                .iter()
                .map(|k| Request {
                    items: vec![RequestItem {
                        key: k.clone(),
                        locator: None,
                        prose: false,
                        hidden: false,
                    }],
                    note: None,
                })
                .collect();
            let asked: Vec<(&Request, bool)> = full.iter().map(|r| (r, false)).collect();
            let rendered = run_with(library, f, &asked, Some(CitePurpose::Full));
            let mut list: Vec<(String, Vec<Piece>)> = keys
                .into_iter()
                .zip(&rendered.citations)
                .map(|(k, c)| (k, pieces(&c.citation, None)))
                .collect();
            list.sort_by_cached_key(|(k, p)| (plain(p).to_lowercase(), k.clone()));
            list
        }
    };
    Some(Formatted {
        citations,
        bibliography,
    })
}

/// The driver over either kind of work (hayagriva's entries or CSL-JSON
/// items), which its API takes as two types; each request with whether it
/// is to be counted and not shown.
fn run_with(
    library: &Library,
    f: &Formatter,
    requests: &[(&Request, bool)],
    purpose: Option<CitePurpose>,
) -> Rendered {
    macro_rules! drive {
        ($get:expr) => {{
            let mut driver = BibliographyDriver::new();
            for &(r, hide) in requests {
                let items = r
                    .items
                    .iter()
                    .filter_map(|i| {
                        let entry = $get(i.key.as_str())?;
                        let locator = i
                            .locator
                            .as_ref()
                            .map(|(u, v)| SpecificLocator(locator(*u), LocatorPayload::Str(v)));
                        // A note style's narrative form is its note (hayagriva's
                        // prose form of one is not a citation Pandoc would write).
                        let prose = i.prose && f.style.settings.class != StyleClass::Note;
                        let purpose = purpose.or(prose.then_some(CitePurpose::Prose));
                        Some(CitationItem::new(
                            entry,
                            locator,
                            None,
                            i.hidden || hide,
                            purpose,
                        ))
                    })
                    .collect();
                driver.citation(CitationRequest::new(
                    items,
                    &f.style,
                    None,
                    &f.locales,
                    r.note.map(|n| n as usize),
                ));
            }
            driver.finish(BibliographyRequest::new(&f.style, None, &f.locales))
        }};
    }
    match library {
        Library::Native(lib) => drive!(|k| lib.get(k)),
        Library::Json(items) => drive!(|k| items.get(k)),
    }
}

fn locator(unit: Unit) -> Locator {
    match unit {
        Unit::Page => Locator::Page,
        Unit::Paragraph => Locator::Paragraph,
        Unit::Chapter => Locator::Chapter,
        Unit::Section => Locator::Section,
        Unit::Note => Locator::Note,
        Unit::Volume => Locator::Volume,
        Unit::Line => Locator::Line,
        Unit::Figure => Locator::Figure,
        Unit::Custom => Locator::Custom,
    }
}

/// The words of `children`; in a citation, each work's words lead to
/// `dests[i]`, the `i`th work's.
fn pieces(children: &ElemChildren, dests: Option<&[Dest]>) -> Vec<Piece> {
    let mut out = Vec::new();
    walk(&children.0, dests, None, &mut out);
    out
}

fn walk(children: &[ElemChild], dests: Option<&[Dest]>, to: Option<&Dest>, out: &mut Vec<Piece>) {
    for child in children {
        match child {
            ElemChild::Text(t) => push(out, &apostrophes(&t.text), t.formatting, to),
            ElemChild::Elem(e) => {
                let inner = match (&e.meta, dests) {
                    (Some(ElemMeta::Entry(i)), Some(d)) => d.get(*i).or(to),
                    _ => to,
                };
                walk(&e.children.0, dests, inner, out);
            }
            // Markup meant for Typst: its words, as text.
            ElemChild::Markup(m) => push(out, m, Formatting::default(), to),
            // A URL the style prints: a link, unless the words already lead
            // to the work's entry (a link holds no link).
            ElemChild::Link { text, url } => {
                let link = Dest::Out(url.clone());
                push(out, &text.text, text.formatting, to.or(Some(&link)))
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Adds words, joined to the last piece when they look and lead the same.
///
/// A style's period after words that already end a sentence ("How
/// Voluntary Are Voluntary Returns?." or "ed..") is dropped, as citeproc-js
/// and Zotero drop it: the title's own mark ends the element.
fn push(out: &mut Vec<Piece>, text: &str, f: Formatting, to: Option<&Dest>) {
    let text = match (text.strip_prefix('.'), out.last()) {
        (Some(rest), Some(last)) if !rest.starts_with('.') && ends_a_sentence(&last.text) => rest,
        _ => text,
    };
    let text = without_stop_in_quote(text);
    if text.is_empty() {
        return;
    }
    let piece = Piece {
        text: String::new(),
        italic: f.font_style == FontStyle::Italic,
        bold: f.font_weight == FontWeight::Bold,
        small_caps: f.font_variant == FontVariant::SmallCaps,
        raised: match f.vertical_align {
            VerticalAlign::Sup => Some(true),
            VerticalAlign::Sub => Some(false),
            _ => None,
        },
        to: to.cloned(),
    };
    match out.last_mut() {
        Some(last)
            if Piece {
                text: String::new(),
                ..last.clone()
            } == piece =>
        {
            last.text.push_str(&text)
        }
        _ => out.push(Piece {
            text: text.to_string(),
            ..piece
        }),
    }
}

/// The words of pieces, without their formatting.
fn plain(pieces: &[Piece]) -> String {
    pieces.iter().map(|p| p.text.as_str()).collect()
}

/// Words without the period a style set inside a closing quotation mark
/// after a title's own ? or ! ("Returns?.”"); only there, lest a URL's "?."
/// lose its dot. Borrowed when there is none, as almost always.
fn without_stop_in_quote(text: &str) -> std::borrow::Cow<'_, str> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for (doubled, single) in [
        ("?.”", "?”"),
        ("!.”", "!”"),
        ("?.\"", "?\""),
        ("!.\"", "!\""),
    ] {
        if text.contains(doubled) {
            text = text.replace(doubled, single).into();
        }
    }
    text
}

/// A straight apostrophe after a letter ("Italy's", "Aliens' Rights") set
/// as the typographic one, as citeproc-js and Zotero set it; a URL, which
/// is no text element, keeps its own. Borrowed when there is none.
fn apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\'') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut last: Option<char> = None;
    for c in text.chars() {
        out.push(if c == '\'' && last.is_some_and(char::is_alphabetic) {
            '’'
        } else {
            c
        });
        last = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `text` ends in a full stop, question or exclamation mark, inside
/// closing quotation marks or not.
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '’', '"', '\''])
        .ends_with(['.', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(parts: &[&str]) -> String {
        let mut out = Vec::new();
        for part in parts {
            push(&mut out, part, Formatting::default(), None);
        }
        plain(&out)
    }

    #[test]
    fn an_apostrophe_after_a_letter_is_typographic() {
        assert_eq!(
            apostrophes("Italy's Forced Return, Aliens' Rights"),
            "Italy’s Forced Return, Aliens’ Rights"
        );
        assert_eq!(apostrophes("'quoted' 90's"), "'quoted’ 90's");
        assert!(matches!(apostrophes("none"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_title_s_own_mark_ends_it() {
        assert_eq!(words(&["“Returns?”", ". Race"]), "“Returns?” Race");
        assert_eq!(words(&["“Returns?", "”", ". Race"]), "“Returns?” Race");
        assert_eq!(words(&["Venturas, Lina, ed.", "."]), "Venturas, Lina, ed.");
        assert_eq!(words(&["Vol", ". 1"]), "Vol. 1");
        assert_eq!(words(&["Class 52", "."]), "Class 52.");
        assert_eq!(
            words(&["“How Voluntary Are Voluntary Returns?.”"]),
            "“How Voluntary Are Voluntary Returns?”"
        );
        assert_eq!(words(&["Wait", "..."]), "Wait...");
        assert_eq!(
            words(&["https://example.org/?.x"]),
            "https://example.org/?.x"
        );
    }
}
