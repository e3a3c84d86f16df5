//! The Bibliography (`bibliography.html`): the works the edition cites, in
//! the order and form of its CSL style, each with every place that cites
//! it (page, paragraph or note) and a COinS span, the OpenURL that Zotero's
//! browser connector reads to save the references from the page, with a
//! `citation_reference` tag for each in the head; and the
//! HTML of formatted words ([`Piece`]s), which citations in the text share.

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::i18n;
use crate::resolve::works::{Meta, Work, WorkCitation};
use crate::resolve::{BIBLIOGRAPHY, Dest, Edition, Piece};

/// The body of the Bibliography.
pub(super) fn content(edition: &Edition) -> String {
    let s = &edition.config.strings;
    let mut html = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<ul class=\"bibliography\">\n",
        i18n::html(&s.bibliography),
        i18n::html(&s.bibliography_intro)
    );
    let site = super::address::Site::new(edition);
    for (n, work) in edition.works.works.iter().enumerate() {
        entry(&mut html, edition, n, work, &|to| {
            site.href(BIBLIOGRAPHY, to)
        });
    }
    html.push_str("</ul>\n");
    html
}

/// One work: its entry as the style gives it, its COinS, where it is cited.
fn entry(
    html: &mut String,
    edition: &Edition,
    n: usize,
    work: &Work,
    href: &dyn Fn(&Dest) -> String,
) {
    let s = &edition.config.strings;
    html.push_str("<li class=\"work-entry\" id=\"");
    let _ = escape_html(&mut *html, &work.id);
    html.push_str("\"><p class=\"work-reference\">");
    pieces(html, &work.text, href);
    html.push_str("</p>");
    coins(html, &work.meta);
    let places: Vec<&WorkCitation> = edition.works.of_work(n).collect();
    html.push_str("<p class=\"work-places\"><span class=\"visually-hidden\">");
    let _ = escape_html(&mut *html, &s.bibliography_cited_in);
    html.push_str("</span> ");
    for (k, c) in places.iter().enumerate() {
        if k > 0 {
            html.push_str("; ");
        }
        place(html, edition, c, n);
    }
    html.push_str("</p></li>\n");
}

/// A place that cites work `work`, with the locator cited there
/// ([`super::generated::citing_place`]).
fn place(html: &mut String, edition: &Edition, c: &WorkCitation, work: usize) {
    let at = c.works.iter().position(|&w| w == work);
    let locator = at
        .and_then(|i| c.locators.get(i))
        .and_then(Option::as_deref);
    html.push_str(&super::generated::citing_place(
        edition,
        BIBLIOGRAPHY,
        (c.page, &c.anchor),
        (c.note, c.paragraph),
        locator,
    ));
}

/// The card key of the work whose entry `to` leads to (`work/KEY`), which
/// names its preview: a citation's link to its entry shows the entry on
/// hover, focus and tap, as a provision's shows its text.
pub(super) fn card(to: &Dest) -> Option<String> {
    match to {
        Dest::In {
            page: crate::resolve::PageRef::Generated(BIBLIOGRAPHY),
            fragment: Some(f),
        } => f.strip_prefix("work-").map(|k| format!("work/{k}")),
        _ => None,
    }
}

/// The hidden cards of the works page `page` cites: each work's entry, as
/// the Bibliography gives it, without its links (a card holds none).
pub(super) fn previews(edition: &Edition, page: usize) -> String {
    let mut works: Vec<usize> = edition
        .works
        .list
        .iter()
        .filter(|c| c.page.0 == page)
        .flat_map(|c| c.works.iter().copied())
        .collect();
    works.sort_unstable();
    works.dedup();
    if works.is_empty() {
        return String::new();
    }
    let title = i18n::html(&edition.config.strings.bibliography);
    let mut html = String::from("<div class=\"unit-previews\" hidden>\n");
    for w in works {
        let work = &edition.works.works[w];
        let plain: Vec<Piece> = work
            .text
            .iter()
            .map(|p| Piece {
                to: None,
                ..p.clone()
            })
            .collect();
        html.push_str("<div class=\"unit-preview work-preview\" data-unit=\"work/");
        let _ = escape_html(&mut html, work.id.strip_prefix("work-").unwrap_or(&work.id));
        html.push_str("\"><p class=\"preview-title\">");
        html.push_str(&title);
        html.push_str("</p><p>");
        pieces(&mut html, &plain, &|_| String::new());
        html.push_str("</p></div>\n");
    }
    html.push_str("</div>\n");
    html
}

/// Formatted words as HTML: the style's italics, bold, small capitals and
/// raised or lowered text, and each run that leads somewhere one link; a
/// link to a work's entry names its card unless `href` is the
/// Bibliography's own.
pub(super) fn pieces(html: &mut String, pieces: &[Piece], href: &dyn Fn(&Dest) -> String) {
    let mut open: Option<&Dest> = None;
    for piece in pieces {
        if open != piece.to.as_ref() {
            if open.is_some() {
                html.push_str("</a>");
            }
            if let Some(to) = &piece.to {
                html.push_str("<a href=\"");
                let address = href(to);
                let _ = escape_href(&mut *html, &address);
                html.push('"');
                if let Some(card) = card(to).filter(|_| !address.starts_with('#')) {
                    html.push_str(" class=\"cite\" data-unit=\"");
                    let _ = escape_html(&mut *html, &card);
                    html.push('"');
                }
                html.push('>');
            }
            open = piece.to.as_ref();
        }
        let tags: Vec<&str> = [
            (piece.italic, "i"),
            (piece.bold, "b"),
            (piece.raised == Some(true), "sup"),
            (piece.raised == Some(false), "sub"),
        ]
        .into_iter()
        .filter_map(|(on, t)| on.then_some(t))
        .collect();
        if piece.small_caps {
            html.push_str("<span class=\"small-caps\">");
        }
        for t in &tags {
            html.push_str(&format!("<{t}>"));
        }
        let _ = escape_html(&mut *html, &piece.text);
        for t in tags.iter().rev() {
            html.push_str(&format!("</{t}>"));
        }
        if piece.small_caps {
            html.push_str("</span>");
        }
    }
    if open.is_some() {
        html.push_str("</a>");
    }
}

/// The Bibliography's `citation_reference` tags, one for each work, as
/// Google Scholar reads an article's references (Highwire Press style:
/// `citation_title=…; citation_author=…; citation_publication_date=…`).
pub(super) fn references_meta(edition: &Edition) -> String {
    let mut html = String::new();
    for work in &edition.works.works {
        let m = &work.meta;
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.trim().is_empty() {
                // The tag's own separator stays out of the values.
                parts.push(format!("{k}={}", v.replace(';', ",")));
            }
        };
        add("citation_title", &m.title);
        for (family, given) in &m.authors {
            add(
                "citation_author",
                &[family.as_str(), given.as_str()].join(", "),
            );
        }
        if let Some(y) = m.year {
            add("citation_publication_date", &y.to_string());
        }
        match m.genre {
            "article" => add("citation_journal_title", &m.container),
            "bookitem" => add("citation_inbook_title", &m.container),
            _ => {}
        }
        add("citation_publisher", &m.publisher);
        add("citation_doi", &m.doi);
        add("citation_isbn", &m.isbn);
        html.push_str("<meta name=\"citation_reference\" content=\"");
        let _ = escape_html(&mut html, &parts.join("; "));
        html.push_str("\">\n");
    }
    html
}

/// The work's COinS: an empty span whose title is an OpenURL
/// ContextObject (Z39.88-2004), the form Zotero reads from a page.
fn coins(html: &mut String, m: &Meta) {
    let (format, title_key) = match m.genre {
        "article" => ("journal", "atitle"),
        "bookitem" => ("book", "atitle"),
        "book" => ("book", "btitle"),
        _ => ("dc", "title"),
    };
    let mut kev: Vec<(String, String)> = vec![
        ("ctx_ver".into(), "Z39.88-2004".into()),
        (
            "rft_val_fmt".into(),
            format!("info:ofi/fmt:kev:mtx:{format}"),
        ),
    ];
    if format != "dc" {
        kev.push(("rft.genre".into(), m.genre.to_string()));
    }
    fn add(kev: &mut Vec<(String, String)>, k: &str, v: &str) {
        if !v.is_empty() {
            kev.push((format!("rft.{k}"), v.to_string()));
        }
    }
    add(&mut kev, title_key, &m.title);
    match m.genre {
        "article" => add(&mut kev, "jtitle", &m.container),
        "bookitem" => add(&mut kev, "btitle", &m.container),
        _ => {}
    }
    for (family, given) in &m.authors {
        match format {
            "dc" => add(
                &mut kev,
                "creator",
                &[family.as_str(), given.as_str()].join(", "),
            ),
            _ => {
                kev.push(("rft.aulast".into(), family.clone()));
                if !given.is_empty() {
                    kev.push(("rft.aufirst".into(), given.clone()));
                }
            }
        }
    }
    if let Some(y) = m.year {
        kev.push(("rft.date".into(), y.to_string()));
    }
    add(&mut kev, "pub", &m.publisher);
    add(&mut kev, "isbn", &m.isbn);
    if !m.doi.is_empty() {
        kev.push(("rft_id".into(), format!("info:doi/{}", m.doi)));
    }
    let query: Vec<String> = kev
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect();
    html.push_str("<span class=\"Z3988\" title=\"");
    let _ = escape_html(&mut *html, &query.join("&"));
    html.push_str("\"></span>");
}
