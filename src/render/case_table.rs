//! The Table of Cases (`cases.html`): the declared cases grouped by court
//! (courts in alphabetical order, undeclared courts last), each court's cases
//! by name, each with its full citation and every place the edition cites it
//! (page, paragraph or note, pinpoint), as a legal book's table of cases
//! lists them; and the hidden cards that show a case's full citation when its
//! citation in a chapter is hovered or focused (the units' preview mechanism,
//! so the script needs nothing new).

use std::collections::BTreeMap;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::i18n;
use crate::resolve::{CASE_TABLE, Case, CaseCitation, Edition, PageId};

/// The body of the Table of Cases.
pub(super) fn content(edition: &Edition) -> String {
    let s = &edition.config.strings;
    let mut html = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        i18n::html(&s.case_table),
        i18n::html(&s.case_table_intro)
    );
    // Court → cases, by name; the cases of no court last.
    let mut courts: BTreeMap<(bool, String), Vec<&Case>> = BTreeMap::new();
    for case in &edition.cases.cases {
        let court = case.court.clone();
        courts
            .entry((
                court.is_none(),
                court.unwrap_or_else(|| s.case_court_other.clone()),
            ))
            .or_default()
            .push(case);
    }
    for (k, ((_, court), mut cases)) in courts.into_iter().enumerate() {
        cases.sort_by_key(|c| (c.name.to_lowercase(), c.key.clone()));
        html.push_str(&format!("<h2 id=\"gl-court-{}\">", k + 1));
        let _ = escape_html(&mut html, &court);
        html.push_str("</h2>\n<ul class=\"case-table\">\n");
        for case in cases {
            entry(&mut html, edition, case);
        }
        html.push_str("</ul>\n");
    }
    html
}

/// One case: its name, full citation and particulars, then where it is cited.
fn entry(html: &mut String, edition: &Edition, case: &Case) {
    let s = &edition.config.strings;
    html.push_str("<li class=\"case-entry\" id=\"case-");
    let _ = escape_html(&mut *html, &case.key);
    html.push_str("\"><p class=\"case-citation\"><cite>");
    match &case.url {
        Some(url) => {
            html.push_str("<a href=\"");
            let _ = escape_href(&mut *html, url);
            html.push_str("\">");
            let _ = escape_html(&mut *html, &case.name);
            html.push_str("</a>");
        }
        None => {
            let _ = escape_html(&mut *html, &case.name);
        }
    }
    html.push_str("</cite>");
    let particulars: Vec<&str> = [
        Some(&case.citation).filter(|c| **c != case.name),
        case.date.as_ref(),
        case.ecli.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    for p in particulars {
        html.push_str(" · ");
        let _ = escape_html(&mut *html, p);
    }
    html.push_str("</p>\n");
    let places: Vec<&CaseCitation> = edition.cases.of_case(case.id).collect();
    if places.is_empty() {
        html.push_str("<p class=\"case-uncited\">");
        html.push_str(&i18n::html(&s.case_not_cited));
        html.push_str("</p>");
    } else {
        html.push_str("<ul class=\"case-places\">\n");
        for c in places {
            html.push_str("<li>");
            place(html, edition, c);
            html.push_str("</li>\n");
        }
        html.push_str("</ul>");
    }
    html.push_str("</li>\n");
}

/// A place that cites a case ([`super::generated::citing_place`]).
fn place(html: &mut String, edition: &Edition, c: &CaseCitation) {
    html.push_str(&super::generated::citing_place(
        edition,
        CASE_TABLE,
        (c.page, &c.anchor),
        (c.note, c.paragraph),
        c.pinpoint.as_deref(),
    ));
}

/// The hidden cards of the cases page `page` cites, one for each case and
/// pinpoint: the name with the pinpoint, the full citation, the court and
/// the date, shown by the script as a citation's preview.
pub(super) fn previews(edition: &Edition, page: usize) -> String {
    let mut cards: BTreeMap<String, String> = BTreeMap::new();
    for c in edition.cases.on_page(PageId(page)) {
        let case = &edition.cases.cases[c.case.0];
        let key = crate::resolve::cases::card_key(&case.key, c.pinpoint.as_deref());
        cards.entry(key.clone()).or_insert_with(|| {
            let mut html = String::from("<div class=\"unit-preview case-preview\" data-unit=\"");
            let _ = escape_html(&mut html, &key);
            html.push_str("\"><p class=\"preview-title\">");
            let _ = escape_html(&mut html, &case.name);
            if let Some(pin) = &c.pinpoint {
                html.push_str(", ");
                let _ = escape_html(&mut html, pin);
            }
            html.push_str("</p><p>");
            let _ = escape_html(&mut html, &case.citation);
            html.push_str("</p>");
            let about: Vec<&str> = [case.court.as_ref(), case.date.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !about.is_empty() {
                html.push_str("<p>");
                let _ = escape_html(&mut html, &about.join(", "));
                html.push_str("</p>");
            }
            html.push_str("</div>\n");
            html
        });
    }
    if cards.is_empty() {
        return String::new();
    }
    let mut html = String::from("<div class=\"unit-previews\" hidden>\n");
    for card in cards.values() {
        html.push_str(card);
    }
    html.push_str("</div>\n");
    html
}
