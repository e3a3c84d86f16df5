//! An edition's `templates/` and `theme/` files replace the built-in ones of
//! the same name, one file at a time.

use std::fs;

use crate::util::{Edition, html_pages, read_text, repo_root, tags};

#[test]
fn one_template_and_one_stylesheet_replace_the_built_in_ones() {
    let ed = Edition::fixture("overrides");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();

    let pages = html_pages(&site);
    assert_eq!(
        pages,
        [
            "404.html",
            "index.html",
            "print.html",
            "search.html",
            "sub/page.html",
            "toc.html"
        ]
    );
    for page in &pages {
        let html = read_text(&site, page);
        assert!(
            html.contains("<footer class=\"fixture-footer\">")
                && html.contains("FIXTURE-FOOTER: Overrides"),
            "{page} does not use templates/footer.html:\n{html}"
        );
        assert!(
            !html.contains("class=\"site-footer\""),
            "{page} still has the built-in footer"
        );
        // The other templates are still the built-in ones.
        assert!(
            html.contains("<main id=\"gl-content\""),
            "{page}: base.html"
        );
        // Every page links the stylesheet, relative to itself.
        let css: Vec<String> = tags(&html)
            .into_iter()
            .filter(|t| t.name == "link" && t.attr("rel") == Some("stylesheet"))
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect();
        let root = "../".repeat(page.matches('/').count());
        assert!(
            css.contains(&format!("{root}theme/glossator.css")),
            "{page} links {css:?}"
        );
    }
    assert!(read_text(&site, "sub/page.html").contains("class=\"chapter-nav\""));

    assert_eq!(
        fs::read(site.join("theme/glossator.css")).unwrap(),
        fs::read(ed.path("theme/glossator.css")).unwrap(),
        "theme/glossator.css is the edition's"
    );
    assert_eq!(
        fs::read(site.join("theme/glossator.js")).unwrap(),
        fs::read(repo_root().join("theme/glossator.js")).unwrap(),
        "theme/glossator.js is still the built-in one"
    );
}

#[test]
fn without_overrides_the_built_in_files_are_used() {
    let ed = Edition::fixture("overrides");
    fs::remove_dir_all(ed.path("templates")).unwrap();
    fs::remove_dir_all(ed.path("theme")).unwrap();
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "index.html");
    assert!(!html.contains("FIXTURE-FOOTER"));
    assert!(html.contains("class=\"site-footer\""));
    assert_eq!(
        fs::read(site.join("theme/glossator.css")).unwrap(),
        fs::read(repo_root().join("theme/glossator.css")).unwrap()
    );
}

/// The pages glossator writes itself put their content into a slot of
/// `contents.html`; a template that escapes the content, filters it or shows
/// it twice gets exactly what it asked for.
#[test]
fn a_contents_template_that_transforms_the_content_gets_the_content() {
    let base = fs::read_to_string(repo_root().join("templates/contents.html")).unwrap();
    for (variant, expected) in [
        (
            "{{ page.content }}",
            "&lt;h1&gt;Page not found&lt;&#x2F;h1&gt;",
        ),
        (
            "{{ page.content | safe }}<hr>{{ page.content | safe }}",
            "<h1>Page not found</h1>",
        ),
        ("{{ page.content | length }} bytes", " bytes"),
    ] {
        let ed = Edition::fixture("overrides");
        ed.write(
            "templates/contents.html",
            base.replace("{{ page.content | safe }}", variant),
        );
        let site = ed.out("site");
        ed.build_into(&site).assert_success();
        let html = read_text(&site, "404.html");
        assert!(html.contains(expected), "{variant}: {html}");
        assert!(
            !html.contains('\0') && !html.contains("glossator-content"),
            "{variant}: {html}"
        );
        if variant.contains("<hr>") {
            assert_eq!(html.matches("<h1>Page not found</h1>").count(), 2, "{html}");
        }
        if variant.contains("length") {
            let n = html
                .split(" bytes")
                .next()
                .unwrap()
                .rsplit('>')
                .next()
                .unwrap();
            assert!(
                n.trim().parse::<usize>().unwrap() > 100,
                "{variant}: {html}"
            );
        }
    }
}
