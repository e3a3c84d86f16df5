//! The index of instruments: every instrument with how often the paper
//! cites it and each of its units, and a map of which chapters cite which
//! units. Only the authors' citations count: the editors' references
//! (comparisons, editorial notes, their own pages) are not the paper's.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::relative_url;
use crate::i18n;
use crate::resolve::{Edition, INSTRUMENT_INDEX, InstrumentId, PageId, UnitId};

/// The body of the index page.
pub fn content(edition: &Edition) -> String {
    let counts = counts(edition);
    let s = &edition.config.strings;
    let h = i18n::html;
    let mut html = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        h(&s.instruments),
        h(&s.instrument_index_intro)
    );
    html.push_str(&citation_map(edition));
    html.push_str(&format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"instrument-index\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        h(&s.index_table_label),
        h(&s.index_instrument),
        h(&s.instrument_date),
        h(&s.index_text),
        h(&s.index_citations),
        h(&s.index_units)
    ));
    for (i, ins) in edition.citations.instruments.iter().enumerate() {
        let page = &edition.pages[ins.page];
        let meta = page.doc.instrument.clone().unwrap_or_default();
        let units = counts.get(&InstrumentId(i)).cloned().unwrap_or_default();
        let total: usize = units.values().sum();
        html.push_str("<tr><th scope=\"row\"><a href=\"");
        let _ = escape_href(&mut html, &relative_url(INSTRUMENT_INDEX, &page.output));
        html.push_str("\">");
        let _ = escape_html(&mut html, &page.title);
        html.push_str("</a></th><td>");
        let _ = escape_html(&mut html, meta.date.as_deref().unwrap_or(""));
        html.push_str("</td><td>");
        html.push_str(&h(match meta.text.as_deref() {
            Some("quoted") => &s.text_quoted,
            Some("partial") => &s.text_partial,
            _ => &s.text_full,
        }));
        let _ = write!(html, "</td><td>{total}</td><td>");
        let mut first = true;
        for (unit, count) in &units {
            if !first {
                html.push_str(", ");
            }
            first = false;
            unit_link(&mut html, page, *unit);
            let _ = write!(html, "\u{a0}({count})");
        }
        html.push_str("</td></tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
    html
}

/// Citation counts: instrument → unit → count, in document order of units.
fn counts(edition: &Edition) -> BTreeMap<InstrumentId, BTreeMap<UnitId, usize>> {
    let mut counts: BTreeMap<InstrumentId, BTreeMap<UnitId, usize>> = BTreeMap::new();
    for c in edition.citations.list.iter().filter(|c| !c.editorial) {
        *counts
            .entry(c.instrument)
            .or_default()
            .entry(c.unit)
            .or_default() += 1;
    }
    counts
}

/// Which chapters cite which units: a table, one row per chapter that
/// cites anything, one column per instrument cited, each cell the units
/// that chapter cites, linked. What a reader of a commentary asks of it:
/// where is this article discussed, and what does this chapter discuss.
fn citation_map(edition: &Edition) -> String {
    // chapter → instrument → units, in reading order and unit order.
    let mut map: BTreeMap<PageId, BTreeMap<InstrumentId, BTreeMap<UnitId, usize>>> =
        BTreeMap::new();
    for c in edition.citations.list.iter().filter(|c| !c.editorial) {
        *map.entry(c.page)
            .or_default()
            .entry(c.instrument)
            .or_default()
            .entry(c.unit)
            .or_default() += 1;
    }
    if map.is_empty() {
        return String::new();
    }
    let cited: std::collections::BTreeSet<InstrumentId> =
        map.values().flat_map(|by| by.keys().copied()).collect();
    let short = |ins: InstrumentId| {
        let page = &edition.pages[edition.citations.instruments[ins].page];
        page.doc
            .instrument
            .as_ref()
            .and_then(|m| m.short.clone())
            .unwrap_or_else(|| page.title.clone())
    };
    let s = &edition.config.strings;
    let mut html = format!(
        "<h2 id=\"gl-citation-map\">{}</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"gl-citation-map\"><table class=\"citation-map\">\n<thead><tr><th scope=\"col\">{}</th>",
        i18n::html(&s.citation_map),
        i18n::html(&s.citation_map_chapter)
    );
    for &ins in &cited {
        html.push_str("<th scope=\"col\">");
        let _ = escape_html(&mut html, &short(ins));
        html.push_str("</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (&chapter, by) in &map {
        let from = &edition.pages[chapter];
        html.push_str("<tr><th scope=\"row\"><a href=\"");
        let _ = escape_href(&mut html, &relative_url(INSTRUMENT_INDEX, &from.output));
        html.push_str("\">");
        let _ = escape_html(&mut html, &from.title);
        html.push_str("</a></th>");
        for ins in &cited {
            html.push_str("<td>");
            let page = &edition.pages[edition.citations.instruments[*ins].page];
            for (k, (unit, count)) in by.get(ins).into_iter().flatten().enumerate() {
                if k > 0 {
                    html.push_str(", ");
                }
                unit_link(&mut html, page, *unit);
                if *count > 1 {
                    let _ = write!(html, "\u{a0}({count})");
                }
            }
            html.push_str("</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
    html
}

/// A link from the index to unit `unit` of the instrument page `page`, by
/// its label.
fn unit_link(html: &mut String, page: &crate::resolve::Page, unit: UnitId) {
    let u = &page.doc.units[unit];
    html.push_str("<a href=\"");
    let _ = escape_href(&mut *html, &relative_url(INSTRUMENT_INDEX, &page.output));
    html.push('#');
    let _ = escape_href(&mut *html, &u.html_id);
    html.push_str("\">");
    let _ = escape_html(&mut *html, &u.label);
    html.push_str("</a>");
}
