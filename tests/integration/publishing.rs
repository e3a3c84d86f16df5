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

/// mdBook's `site-url` is often a path: it sets the 404 page's base, and
/// nothing relative is written where an absolute address belongs.
#[test]
fn a_site_url_that_is_a_path_gives_the_404_page_its_base_and_no_relative_urls() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html]\nsite-url = \"/mdBook/\"\n",
    );
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert!(
        !site.join("sitemap.xml").exists(),
        "a sitemap needs absolute addresses"
    );
    for page in ["index.html", "chapter_1/section.html", "404.html"] {
        let html = read_text(&site, page);
        assert!(!html.contains("rel=\"canonical\""), "{page}");
        assert!(!html.contains("og:url"), "{page}");
        assert!(!html.contains("\"url\":"), "{page}: JSON-LD url");
        assert!(!html.contains("data-cite-url=\"/"), "{page}");
    }
    let missing = read_text(&site, "404.html");
    let head = &missing[..missing.find("</head>").unwrap()];
    let base = head.find("<base href=\"/mdBook/\">").expect("a base");
    assert!(
        base < head.find("<link").unwrap() && base < head.find("<script").unwrap(),
        "the base comes before the addresses it sets: {head}"
    );
    // Its links are relative, placed by the base, as mdBook's are.
    assert!(missing.contains("href=\"index.html\""), "{missing}");
    ed.check(&["-v"])
        .assert_success()
        .assert_stderr_contains("site-url `/mdBook/` is a path");
}
