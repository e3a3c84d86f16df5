//! What scholars' tools and publishers read from a page's head: Highwire
//! Press `citation_*` tags (Zotero, Google Scholar), Open Graph tags for link
//! previews, and schema.org JSON-LD (ScholarlyArticle for the paper,
//! Legislation for an instrument); and the site-wide `sitemap.xml`.

use pulldown_cmark_escape::escape_html;

use super::address::encode_path;
use crate::config::Config;
use crate::resolve::{Edition, Page};

/// The `<meta>` and JSON-LD for one page (`page` is `None` for pages
/// glossator writes itself).
pub fn head(config: &Config, page: Option<&Page>, path: &str, title: &str) -> String {
    let book = &config.book;
    let url = config
        .html
        .site_url
        .as_ref()
        .map(|u| format!("{u}/{}", encode_path(path)));
    let mut html = String::new();
    if let Some(u) = &url {
        html.push_str("<link rel=\"canonical\" href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, u);
        html.push_str("\">\n");
    }
    let mut meta = |name: &str, attr: &str, value: &str| {
        if value.trim().is_empty() {
            return;
        }
        html.push_str(&format!("<meta {attr}=\"{name}\" content=\""));
        let _ = escape_html(&mut html, value);
        html.push_str("\">\n");
    };
    let instrument = page.and_then(|p| p.doc.instrument.as_ref());
    if instrument.is_none() {
        meta("citation_title", "name", &book.title);
        for author in &book.authors {
            meta("citation_author", "name", author);
        }
        meta("citation_publication_date", "name", &book.date);
        meta("citation_series_title", "name", &book.series);
        meta("citation_public_url", "name", &book.handle);
        meta("citation_language", "name", &book.language);
        meta("DC.identifier", "name", &book.handle);
    }
    meta("og:title", "property", title);
    meta("og:site_name", "property", &book.title);
    meta(
        "og:type",
        "property",
        if instrument.is_some() {
            "website"
        } else {
            "article"
        },
    );
    meta("og:description", "property", &book.description);
    if let Some(u) = &url {
        meta("og:url", "property", u);
    }
    let ld = match instrument {
        Some(m) => serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": m.title.clone().unwrap_or_else(|| title.to_string()),
            "alternateName": m.short,
            "legislationIdentifier": m.symbol.clone().filter(|s| !s.is_empty()),
            "legislationDate": m.date,
            "url": url,
        }),
        None => serde_json::json!({
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "headline": book.title,
            "name": title,
            "author": book.authors.iter().map(|a| serde_json::json!({ "@type": "Person", "name": a })).collect::<Vec<_>>(),
            "datePublished": book.date,
            "isPartOf": { "@type": "CreativeWorkSeries", "name": book.series },
            "identifier": book.handle,
            "inLanguage": book.language,
            "url": url,
        }),
    };
    let json =
        crate::script_json::escape(serde_json::to_string(&strip_nulls(ld)).unwrap_or_default());
    html.push_str("<script type=\"application/ld+json\">");
    html.push_str(&json);
    html.push_str("</script>\n");
    html
}

fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}

/// `sitemap.xml`, when the edition knows its address.
pub fn sitemap(edition: &Edition, paths: &[String]) -> Option<String> {
    let base = edition.config.html.site_url.as_ref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str("<url><loc>");
        let _ = escape_html(&mut xml, &format!("{base}/{}", encode_path(path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
