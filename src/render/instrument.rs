//! What an instrument page adds to its text: an id on every unit, a
//! "Cited in" list under every cited unit, a plain notice where a unit's text
//! is not in the edition, and the header saying where the text comes from.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Tag};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::{Site, relative_url};
use crate::i18n::{self, Strings};
use crate::resolve::{Citation, Edition, InstrumentId, Page, PageId, UnitId};

/// Raw HTML to put into a page's event stream, by event index.
#[derive(Default, Debug, Hash)]
pub struct Marks {
    /// Written instead of the event at this index.
    pub replace: BTreeMap<usize, String>,
    /// Written before the event at this index (or at the end, for the
    /// index one past the last event).
    pub before: BTreeMap<usize, String>,
}

/// The marks of an instrument page; empty for chapters.
pub fn marks(edition: &Edition, page_index: usize) -> Marks {
    let page = &edition.pages[page_index];
    let mut marks = Marks::default();
    let Some(ins) = edition
        .citations
        .instruments
        .iter()
        .position(|i| i.page == PageId(page_index))
        .map(InstrumentId)
    else {
        return marks;
    };
    let units = &page.doc.units;
    let strings = &edition.config.strings;
    let has_children: Vec<bool> = (0..units.len())
        .map(|u| units.iter().any(|c| c.parent == Some(u)))
        .collect();
    // What stands after each unit, by the event it stands before: units
    // that end together (an article and its last point) share one place,
    // and so one "Cited in" list.
    let mut ends: BTreeMap<usize, (String, Vec<usize>)> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        let mut id_attr = String::new();
        let _ = escape_html(&mut id_attr, &unit.html_id);
        match page.doc.events.get(unit.start).and_then(|(e, _)| e.md()) {
            Some(Event::Start(Tag::Item)) => {
                marks
                    .replace
                    .insert(unit.start, format!("<li id=\"{id_attr}\" class=\"unit\">"));
            }
            Some(Event::Start(Tag::Paragraph)) => match marks.replace.get_mut(&unit.start) {
                // A first subparagraph starts where its paragraph does: its
                // anchor stands inside the paragraph's element.
                Some(open) => {
                    open.push_str(&format!(
                        "<span id=\"{id_attr}\" class=\"unit-anchor\"></span>"
                    ));
                }
                None => {
                    marks.replace.insert(
                        unit.start,
                        format!(
                            "<p id=\"{id_attr}\" class=\"unit depth-{}\">",
                            unit.depth.min(5)
                        ),
                    );
                }
            },
            _ => {}
        }
        let at = end_mark(page, u);
        let group = ends
            .entry(at)
            .or_insert_with(|| (String::new(), Vec::new()));
        if unit.text.is_empty() && !has_children[u] {
            group.0.push_str(&format!(
                "<p class=\"unit-missing\">{}</p>\n",
                i18n::html(&strings.unit_missing)
            ));
        }
        if edition.citations.of_unit(ins, UnitId(u)).next().is_some() {
            group.1.push(u);
        }
    }
    for (at, (notices, cited)) in ends {
        let mut block = notices;
        block.push_str(&cited_in(edition, page, ins, &cited, |u| {
            cited.len() > 1 || units[u].parent.is_some_and(|p| end_mark(page, p) == at)
        }));
        if !block.is_empty() {
            marks.before.entry(at).or_default().push_str(&block);
        }
    }
    marks
}

/// Where the notices and the "Cited in" list after unit `u` are written: the
/// event before which its text ends (inside a list item, before its end).
fn end_mark(page: &Page, u: usize) -> usize {
    let unit = &page.doc.units[u];
    match page.doc.events.get(unit.start).and_then(|(e, _)| e.md()) {
        Some(Event::Start(Tag::Item)) => unit.end.saturating_sub(1),
        _ => unit.end,
    }
}

/// One "Cited in" list for the units `cited` (in document order) that end
/// at the same place: the places that cite each unit itself, not those that
/// cite a unit inside it (those are listed at that unit), so no entry is
/// repeated at paragraph and article level. An entry for a unit that
/// `marked` says could be mistaken for another (a point at the end of its
/// article) names its unit.
fn cited_in(
    edition: &Edition,
    page: &Page,
    ins: InstrumentId,
    cited: &[usize],
    marked: impl Fn(usize) -> bool,
) -> String {
    if cited.is_empty() {
        return String::new();
    }
    // The authors' citations, then the editors' references (comparisons,
    // editorial notes, the editors' pages) apart: the list says where the
    // paper cites the unit, and only that under its title.
    let (mut authors, mut editors) = (String::new(), String::new());
    for &unit in cited {
        let label = marked(unit).then(|| page.doc.units[unit].label.as_str());
        let mut last: Option<&Citation> = None;
        for c in edition.citations.of_unit(ins, UnitId(unit)) {
            // The same words cited twice in one place ("Article 5 … and
            // Article 5 again") are one entry.
            let same = |l: &Citation| {
                (l.page, l.note, l.paragraph, &l.snippet, l.editorial)
                    == (c.page, c.note, c.paragraph, &c.snippet, c.editorial)
            };
            if last.is_some_and(same) {
                continue;
            }
            last = Some(c);
            let list = if c.editorial {
                &mut editors
            } else {
                &mut authors
            };
            cited_entry(list, edition, page, c, label);
        }
    }
    let strings = &edition.config.strings;
    let title = i18n::html(&strings.cited_in);
    let mut html = format!("<aside class=\"cited-in\" aria-label=\"{title}\">");
    if !authors.is_empty() {
        html.push_str(&format!("<p class=\"cited-in-title\">{title}</p>\n<ul>\n"));
        html.push_str(&authors);
        html.push_str("</ul>");
    }
    if !editors.is_empty() {
        html.push_str(&format!(
            "<p class=\"cited-in-title cited-in-editorial\">{}</p>\n<ul class=\"cited-in-editorial\">\n",
            i18n::html(&strings.cited_by_editors)
        ));
        html.push_str(&editors);
        html.push_str("</ul>");
    }
    html.push_str("</aside>\n");
    html
}

/// One entry of a "Cited in" list: the citing place, the unit cited when
/// `label` names it, and the words around the citation.
fn cited_entry(
    html: &mut String,
    edition: &Edition,
    page: &Page,
    c: &Citation,
    label: Option<&str>,
) {
    let from = &edition.pages[c.page];
    let strings = &edition.config.strings;
    html.push_str("<li>");
    if let Some(label) = label {
        html.push_str("<span class=\"cited-unit\">");
        let _ = escape_html(&mut *html, label);
        html.push_str("</span> ");
    }
    let mut place = String::from("<a href=\"");
    let _ = escape_href(&mut place, &relative_url(&page.output, &from.output));
    place.push('#');
    let _ = escape_href(&mut place, &c.anchor);
    place.push_str("\">");
    let mut title = String::new();
    let _ = escape_html(&mut title, &from.title);
    let at = match (c.note, c.paragraph) {
        (Some(n), _) => Some((&strings.cited_at_note, n.to_string())),
        (None, Some(n)) => Some((&strings.cited_at_paragraph, n.to_string())),
        (None, None) => None,
    };
    match at {
        Some((template, n)) => {
            place.push_str(&i18n::fill_html(template, &[("place", &title), ("n", &n)]))
        }
        None => place.push_str(&title),
    }
    place.push_str("</a>");
    if c.comparison {
        // Not anyone's words: what the editors did with the unit.
        html.push_str(&i18n::fill_html(
            &strings.cited_compared,
            &[("place", &place)],
        ));
        html.push_str("</li>\n");
        return;
    }
    let mut words = String::from("<q>");
    super::bibliography::pieces(&mut words, &c.snippet, &|_| String::new());
    words.push_str("</q>");
    html.push_str(&i18n::fill_html(
        &strings.cited_words,
        &[("place", &place), ("words", &words)],
    ));
    html.push_str("</li>\n");
}

/// One `<dt>`/`<dd>` pair, when there is something to say.
fn definition(html: &mut String, name: &str, value: Option<&str>) {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return;
    };
    html.push_str("<dt>");
    html.push_str(&i18n::html(name));
    html.push_str("</dt><dd>");
    let _ = escape_html(&mut *html, value);
    html.push_str("</dd>\n");
}

/// The header of an instrument page: title, symbol, date, source, and what
/// of the text the edition holds.
pub fn header(page: &Page, strings: &Strings) -> String {
    let Some(meta) = &page.doc.instrument else {
        return String::new();
    };
    let mut html = String::from("<header class=\"instrument-header\">\n<h1>");
    let _ = escape_html(&mut html, &page.title);
    html.push_str("</h1>\n<dl class=\"instrument-meta\">\n");
    definition(
        &mut html,
        &strings.instrument_symbol,
        meta.symbol.as_deref(),
    );
    definition(&mut html, &strings.instrument_date, meta.date.as_deref());
    html.push_str(&format!(
        "</dl>\n<details class=\"instrument-source\"><summary>{}</summary>\n<dl class=\"instrument-meta\">\n",
        i18n::html(&strings.instrument_source_summary)
    ));
    definition(
        &mut html,
        &strings.instrument_source,
        meta.source.as_deref(),
    );
    definition(&mut html, &strings.instrument_notes, meta.notes.as_deref());
    html.push_str("</dl></details>\n");
    let notice = match meta.text.as_deref() {
        Some("quoted") => Some(i18n::fill_html(
            &strings.instrument_quoted,
            &[(
                "as_quoted",
                &format!("<strong>{}</strong>", i18n::html(&strings.as_quoted)),
            )],
        )),
        Some("partial") => Some(i18n::html(&strings.instrument_partial)),
        _ => None,
    };
    if let Some(notice) = notice {
        let label = i18n::html(&strings.editorial_note);
        html.push_str(&format!(
            "<aside class=\"editorial\" role=\"note\" aria-label=\"{label}\"><p class=\"editorial-label\">{label}</p>\n<p>{notice}</p></aside>\n"
        ));
    }
    html.push_str("</header>\n");
    html
}

/// The clause a chapter comments on (front matter `clause`), to stand in
/// view beside the commentary.
pub fn clause_panel(page: &Page, site: Site<'_>, strings: &Strings) -> String {
    let Some(clause) = &page.clause else {
        return String::new();
    };
    // A clause whose text the edition lacks is named once, above the
    // commentary, and not kept in view: an empty panel pinned over the text
    // would cover it for nothing.
    let class = match clause.text.is_empty() {
        true => "clause-panel clause-empty",
        false => "clause-panel",
    };
    let mut html = format!(
        "<aside class=\"{class}\" aria-labelledby=\"gl-clause-title\">\n<p class=\"clause-label\" id=\"gl-clause-title\">"
    );
    let mut name = String::new();
    match &clause.to {
        Some(to) => {
            name.push_str("<a href=\"");
            let _ = escape_href(&mut name, &site.href(&page.output, to));
            name.push_str("\">");
            let _ = escape_html(&mut name, &clause.label);
            name.push_str("</a>");
        }
        None => {
            let _ = escape_html(&mut name, &clause.label);
        }
    }
    html.push_str(&i18n::fill_html(
        &strings.clause_discussed,
        &[("clause", &name)],
    ));
    if clause.quoted && !clause.text.is_empty() {
        html.push_str(&format!(
            " <span class=\"quoted-label\">{}</span>",
            i18n::html(&strings.as_quoted)
        ));
    }
    html.push_str("</p>\n<div class=\"clause-text\">");
    if clause.text.is_empty() {
        html.push_str(&format!(
            "<p class=\"unit-missing\">{}</p>",
            i18n::html(&strings.clause_missing)
        ));
    } else {
        html.push_str("<p>");
        let _ = escape_html(&mut html, &clause.text);
        html.push_str("</p>");
    }
    html.push_str("</div>\n</aside>\n");
    html
}

/// Hidden copies of the units a chapter cites, which the script shows as a
/// preview card when a citation is hovered or focused.
pub fn previews(edition: &Edition, page_index: usize) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut html = String::new();
    let strings = &edition.config.strings;
    for c in edition.citations.on_page(PageId(page_index)) {
        if !seen.insert((c.instrument, c.unit)) {
            continue;
        }
        let ins = &edition.citations.instruments[c.instrument];
        let ins_page = &edition.pages[ins.page];
        let unit = &ins_page.doc.units[c.unit];
        let quoted = ins_page
            .doc
            .instrument
            .as_ref()
            .and_then(|m| m.text.as_deref())
            == Some("quoted");
        html.push_str("<div class=\"unit-preview\" data-unit=\"");
        let _ = escape_html(&mut html, &format!("{}/{}", ins.id, unit.address));
        html.push_str("\">");
        trail(&mut html, &ins_page.doc.units, c.unit.0);
        html.push_str("<p class=\"preview-title\">");
        let _ = escape_html(&mut html, &unit.label);
        // The article's own title, as its source prints it ("Lawfulness of
        // processing").
        if let Some(title) = &unit.title {
            html.push_str(" (");
            let _ = escape_html(&mut html, title);
            html.push(')');
        }
        html.push_str(", ");
        let _ = escape_html(
            &mut html,
            ins_page
                .doc
                .instrument
                .as_ref()
                .and_then(|m| m.short.as_deref())
                .unwrap_or(&ins_page.title),
        );
        html.push_str("</p><p>");
        if unit.text.is_empty() {
            html.push_str("<em>");
            html.push_str(&i18n::html(&strings.unit_missing));
            html.push_str("</em>");
        } else {
            if quoted {
                html.push_str("<em>");
                html.push_str(&i18n::html(&strings.as_quoted_intro));
                html.push_str("</em> ");
            }
            let _ = escape_html(&mut html, &truncate(&unit.text, 700));
        }
        html.push_str("</p></div>\n");
    }
    if html.is_empty() {
        return html;
    }
    format!("<div class=\"unit-previews\" hidden>\n{html}</div>\n")
}

/// Where unit `u` stands in its instrument, as a lawyer finds it: its
/// parts, titles, chapters and sections, and annex, outermost first
/// ("Chapter II (Principles) › Section 1"); nothing for a unit outside any.
fn trail(html: &mut String, units: &[crate::parse::Unit], u: usize) {
    use crate::parse::instrument::Kind;
    let mut holders = Vec::new();
    let mut at = units[u].parent;
    while let Some(p) = at {
        if matches!(units[p].kind, Kind::Container | Kind::Annex) {
            holders.push(p);
        }
        at = units[p].parent;
    }
    if holders.is_empty() {
        return;
    }
    html.push_str("<p class=\"preview-trail\">");
    for (k, &h) in holders.iter().rev().enumerate() {
        if k > 0 {
            html.push_str(" › ");
        }
        let _ = escape_html(&mut *html, &units[h].label);
        if let Some(title) = &units[h].title {
            html.push_str(" (");
            let _ = escape_html(&mut *html, title);
            html.push(')');
        }
    }
    html.push_str("</p>");
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}
