//! A file of the content folder named like a file glossator writes itself
//! (the theme, the search index, `index.html`'s redirect) is an error naming
//! both, never a silent replacement.

use crate::util::Edition;

#[test]
fn content_files_may_not_replace_generated_or_theme_files() {
    for (file, output, what) in [
        (
            "content/theme/glossator.js",
            "theme/glossator.js",
            "built-in theme",
        ),
        (
            "content/theme/glossator.css",
            "theme/glossator.css",
            "built-in theme",
        ),
        (
            "content/theme/highlight.css",
            "theme/highlight.css",
            "highlighting",
        ),
        ("content/search-index.js", "search-index.js", "search index"),
        ("content/toc.js", "toc.js", "contents script"),
        ("content/index.html", "index.html", "redirect"),
    ] {
        let ed = Edition::fixture("minimal");
        // No README.md: index.html is the redirect to the first page.
        ed.remove("content/README.md");
        ed.write(
            "content/SUMMARY.md",
            "# Summary\n\n- [Chapter](chapter.md)\n",
        );
        ed.write(file, "alert('replaced')");
        let site = ed.out("site");
        ed.build_into(&site)
            .assert_failure()
            .assert_diag(file, &[what, output, "would both be written"]);
        assert!(!site.exists(), "{file}: nothing is written");
    }
    // A theme file of the edition's own `theme/` folder is one too.
    let ed = Edition::fixture("minimal");
    ed.write("theme/extra.css", "p {}");
    ed.write("content/theme/extra.css", "p {}");
    ed.build_into(&ed.out("site")).assert_failure().assert_diag(
        "content/theme/extra.css",
        &["theme's extra.css", "theme/extra.css"],
    );
}
