//! Publishing: with `site-url` set, a sitemap, canonical links and a 404 page
//! that works at any depth; metadata for citation managers on every page.

use crate::util::{Edition, read_text};

#[test]
fn site_url_gives_sitemap_canonical_links_and_a_404_page() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\nauthors = [\"A. Author\"]\n\n[output.html]\nsite-url = \"https://example.org/ed/\"\n\n[glossator]\ndate = \"2017\"\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let sitemap = read_text(&site, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/ed/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404.html"));
    let index = read_text(&site, "index.html");
    assert!(
        index.contains(r#"<link rel="canonical" href="https://example.org/ed/index.html">"#),
        "{index}"
    );
    assert!(index.contains(r#"<meta name="citation_title" content="Minimal edition">"#));
    assert!(index.contains(r#"<meta name="citation_author" content="A. Author">"#));
    assert!(index.contains(r#"<meta name="citation_publication_date" content="2017">"#));
    assert!(
        index.contains(r#"<meta property="og:url" content="https://example.org/ed/index.html">"#)
    );
    assert!(index.contains(r#""@type":"ScholarlyArticle""#));
    let missing = read_text(&site, "404.html");
    assert!(
        missing.contains(r#"href="https://example.org/ed/index.html""#),
        "absolute links: {missing}"
    );
}

#[test]
fn without_site_url_there_is_no_sitemap_and_no_canonical_link() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(!site.join("sitemap.xml").exists());
    assert!(!read_text(&site, "index.html").contains("rel=\"canonical\""));
    assert!(site.join("404.html").exists());
}
