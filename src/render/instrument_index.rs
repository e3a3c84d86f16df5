//! The index of instruments: every instrument with how often the paper
//! cites it and each of its units, and a map of which chapters cite which
//! units. Only the authors' citations count: the editors' references
//! (comparisons, editorial notes, their own pages) are not the paper's.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::relative_url;
use crate::resolve::{Edition, INSTRUMENT_INDEX};

/// The body of the index page.
pub fn content(edition: &Edition) -> String {
    let counts = counts(edition);
    let mut html = String::from(
        "<h1>Instruments</h1>\n<p>Every instrument the paper cites, with the articles and paragraphs it cites and how often. Each count links to the unit, where its \u{201c}Cited in\u{201d} list leads back to the text. Only the authors\u{2019} citations are counted; the editors\u{2019} own references (comparisons, editorial notes) are listed at each unit apart.</p>\n",
    );
    html.push_str(&citation_map(edition));
    html.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Instruments and their citations\"><table class=\"instrument-index\">\n<thead><tr><th scope=\"col\">Instrument</th><th scope=\"col\">Date</th><th scope=\"col\">Text in the edition</th><th scope=\"col\">Citations</th><th scope=\"col\">Units cited</th></tr></thead>\n<tbody>\n");
    for (i, ins) in edition.citations.instruments.iter().enumerate() {
        let page = &edition.pages[ins.page];
        let meta = page.doc.instrument.clone().unwrap_or_default();
        let units = counts.get(&i).cloned().unwrap_or_default();
        let total: usize = units.values().sum();
        html.push_str("<tr><th scope=\"row\"><a href=\"");
        let _ = escape_href(&mut html, &relative_url(INSTRUMENT_INDEX, &page.output));
        html.push_str("\">");
        let _ = escape_html(&mut html, &page.title);
        html.push_str("</a></th><td>");
        let _ = escape_html(&mut html, meta.date.as_deref().unwrap_or(""));
        html.push_str("</td><td>");
        html.push_str(match meta.text.as_deref() {
            Some("quoted") => "only as quoted in the paper",
            Some("partial") => "partial",
            _ => "full",
        });
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
fn counts(edition: &Edition) -> BTreeMap<usize, BTreeMap<usize, usize>> {
    let mut counts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
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
    let mut map: BTreeMap<usize, BTreeMap<usize, BTreeMap<usize, usize>>> = BTreeMap::new();
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
    let cited: std::collections::BTreeSet<usize> =
        map.values().flat_map(|by| by.keys().copied()).collect();
    let short = |ins: usize| {
        let page = &edition.pages[edition.citations.instruments[ins].page];
        page.doc
            .instrument
            .as_ref()
            .and_then(|m| m.short.clone())
            .unwrap_or_else(|| page.title.clone())
    };
    let mut html = String::from(
        "<h2 id=\"gl-citation-map\">Where each chapter cites them</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"gl-citation-map\"><table class=\"citation-map\">\n<thead><tr><th scope=\"col\">Chapter</th>",
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
fn unit_link(html: &mut String, page: &crate::resolve::Page, unit: usize) {
    let u = &page.doc.units[unit];
    html.push_str("<a href=\"");
    let _ = escape_href(&mut *html, &relative_url(INSTRUMENT_INDEX, &page.output));
    html.push('#');
    let _ = escape_href(&mut *html, &u.html_id);
    html.push_str("\">");
    let _ = escape_html(&mut *html, &u.label);
    html.push_str("</a>");
}
