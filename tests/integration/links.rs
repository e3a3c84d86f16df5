//! Every relative `href`/`src` of every built page resolves to a file of the
//! site, and every `#fragment` to an id in that file (the site is read from
//! `file://`, so there is no server to forgive a broken address).

use std::ffi::OsStr;
use std::path::Path;

use crate::util::{Edition, broken_links, repo_root, run, tempdir};

#[track_caller]
fn assert_no_broken_links(site: &Path, what: &str) {
    let broken = broken_links(site);
    assert!(
        broken.is_empty(),
        "{what}: {} broken link(s):\n{}",
        broken.len(),
        broken.join("\n")
    );
}

fn fixture_links_resolve(name: &str) {
    let ed = Edition::fixture(name);
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert_no_broken_links(&site, name);
}

#[test]
fn links_resolve_in_features() {
    fixture_links_resolve("features");
}

#[test]
fn links_resolve_in_minimal() {
    fixture_links_resolve("minimal");
}

#[test]
fn links_resolve_in_summary_order() {
    fixture_links_resolve("summary-order");
}

#[test]
fn links_resolve_in_overrides() {
    fixture_links_resolve("overrides");
}

#[test]
fn links_resolve_in_mdbook() {
    fixture_links_resolve("mdbook");
}

#[test]
fn links_resolve_in_the_bundled_edition() {
    let out = tempdir();
    let site = out.path().join("site");
    run(
        out.path(),
        [
            OsStr::new("build"),
            repo_root().as_os_str(),
            OsStr::new("-d"),
            site.as_os_str(),
        ],
    )
    .assert_success();
    assert!(site.join("index.html").is_file());
    assert_no_broken_links(&site, "the bundled edition");
}

/// The starter edition has no `index.html` (its only chapter is
/// `introduction.md`), yet every page's title bar links `index.html`, and
/// `build` prints "Open .../index.html".
#[test]

fn links_resolve_in_the_init_edition() {
    let tmp = tempdir();
    run(tmp.path(), ["init", "ed"]).assert_success();
    run(tmp.path(), ["build", "ed", "-d", "site"]).assert_success();
    assert_no_broken_links(&tmp.path().join("site"), "the init edition");
}

#[test]
fn the_link_checker_finds_broken_links() {
    // The checker itself: a page with a missing file and a missing id.
    let tmp = tempdir();
    let site = tmp.path();
    crate::util::write_file(
        &site.join("a.html"),
        "<a href=\"b.html#nope\">x</a><img src='missing.png'><a href=\"#here\" id=\"here\">y</a>\
         <a href=\"https://example.org/\">ext</a><a href=\"sub&#x2F;c.html\">c</a>",
    );
    crate::util::write_file(&site.join("b.html"), "<h1 id=\"yes\">B</h1>");
    crate::util::write_file(&site.join("sub/c.html"), "<a href=\"../b.html#yes\">b</a>");
    let broken = broken_links(site);
    assert_eq!(broken.len(), 2, "{broken:#?}");
    assert!(broken[0].contains("no id `nope`"), "{broken:#?}");
    assert!(broken[1].contains("missing.png"), "{broken:#?}");
}
