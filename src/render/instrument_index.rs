//! The index of instruments: every instrument with how often the edition
//! cites it and each of its units, and a citation map drawn as SVG at build
//! time (no script needed to see it).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::resolve::{Edition, INSTRUMENT_INDEX, relative_url};

/// The body of the index page.
pub fn content(edition: &Edition) -> String {
    let counts = counts(edition);
    let mut html = String::from(
        "<h1>Instruments</h1>\n<p>Every instrument the paper cites, with the articles and paragraphs it cites and how often. Each count links to the unit, where its \u{201c}Cited in\u{201d} list leads back to the text.</p>\n",
    );
    html.push_str(&citation_map(edition, &counts));
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
            let u = &page.doc.units[*unit];
            html.push_str("<a href=\"");
            let _ = escape_href(&mut html, &relative_url(INSTRUMENT_INDEX, &page.output));
            html.push('#');
            let _ = escape_href(&mut html, &u.html_id);
            html.push_str("\">");
            let _ = escape_html(&mut html, &u.label);
            let _ = write!(html, "</a>\u{a0}({count})");
        }
        html.push_str("</td></tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
    html
}

/// Citation counts: instrument → unit → count, in document order of units.
fn counts(edition: &Edition) -> BTreeMap<usize, BTreeMap<usize, usize>> {
    let mut counts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    for c in &edition.citations.list {
        *counts
            .entry(c.instrument)
            .or_default()
            .entry(c.unit)
            .or_default() += 1;
    }
    counts
}

/// One row per instrument, one bar per cited unit, its length the count.
fn citation_map(edition: &Edition, counts: &BTreeMap<usize, BTreeMap<usize, usize>>) -> String {
    const ROW: usize = 22;
    const LABEL: usize = 190;
    const UNIT: usize = 64;
    let rows: usize = counts.values().map(|u| u.len()).sum::<usize>() + counts.len();
    if rows == 0 {
        return String::new();
    }
    let max = counts
        .values()
        .flat_map(|u| u.values())
        .copied()
        .max()
        .unwrap_or(1);
    let width = LABEL + UNIT + 20 * max + 40;
    let height = rows * ROW + 10;
    let mut svg = format!(
        "<figure class=\"citation-map\"><svg role=\"group\" aria-labelledby=\"gl-citation-map-title\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"gl-citation-map-title\">Citation map: how often the paper cites each article of each instrument</title>\n"
    );
    let mut y = 0;
    for (ins, units) in counts {
        let page = &edition.pages[edition.citations.instruments[*ins].page];
        let name = page
            .doc
            .instrument
            .as_ref()
            .and_then(|m| m.short.clone())
            .unwrap_or_else(|| page.title.clone());
        y += ROW;
        svg.push_str(&format!(
            "<text class=\"map-instrument\" x=\"0\" y=\"{}\">",
            y - 6
        ));
        let _ = escape_html(&mut svg, &name);
        svg.push_str("</text>\n");
        for (unit, count) in units {
            y += ROW;
            let u = &page.doc.units[*unit];
            let href = format!(
                "{}#{}",
                relative_url(INSTRUMENT_INDEX, &page.output),
                u.html_id
            );
            svg.push_str("<a href=\"");
            let _ = escape_href(&mut svg, &href);
            let _ = write!(
                svg,
                "\"><text class=\"map-unit\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
                LABEL + UNIT - 6,
                y - 6
            );
            let _ = escape_html(&mut svg, &u.label);
            let _ = writeln!(
                svg,
                "</text><rect class=\"map-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/><text class=\"map-count\" x=\"{}\" y=\"{}\">{count}</text></a>",
                LABEL + UNIT,
                y - ROW + 5,
                20 * count,
                ROW - 8,
                LABEL + UNIT + 20 * count + 6,
                y - 6
            );
        }
    }
    svg.push_str("</svg><figcaption>Citations of each unit in the paper's text and notes.</figcaption></figure>\n");
    svg
}
