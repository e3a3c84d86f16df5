//! `[output.html.redirect]`: a page at each old address sends the reader
//! on, old fragments included; an old address the site already writes, or
//! one out of the site, is an error at its line of book.toml.

use crate::util::{Edition, read_text, tags};

const BOOK: &str = "[book]\ntitle = \"An mdBook book\"\n\n[output.html]\nsite-url = \"https://example.org/book\"\n\n[output.html.redirect]\n";

/// The mdBook fixture with `entries` under `[output.html.redirect]`.
fn with_redirects(entries: &str) -> Edition {
    let ed = Edition::fixture("mdbook");
    ed.write("book.toml", format!("{BOOK}{entries}"));
    ed
}

/// The `content` of the page's `<meta http-equiv="refresh">`.
fn refresh(html: &str) -> String {
    tags(html)
        .into_iter()
        .find(|t| t.name == "meta" && t.attr("http-equiv") == Some("refresh"))
        .and_then(|t| t.attr("content").map(str::to_string))
        .expect("a refresh")
}

#[test]
fn an_old_address_becomes_a_page_sending_the_reader_on() {
    let ed = with_redirects(
        "\"/old/intro.html\" = \"../chapter_1.html#chapter-1\"\n\"/gone.html\" = \"https://example.org/elsewhere/\"\n\"/gone.html#a\" = \"chapter_2.html\"\n\"/chapter_2.html#old-name\" = \"chapter_1/section.html#section-11\"\n",
    );
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let site = ed.path("book");

    let old = read_text(&site, "old/intro.html");
    // The new address as written, read from the old page's folder, its
    // fragment kept.
    assert_eq!(refresh(&old), "0; url=../chapter_1.html#chapter-1");
    assert!(
        old.contains("<a href=\"../chapter_1.html#chapter-1\">"),
        "{old}"
    );

    let gone = read_text(&site, "gone.html");
    assert_eq!(refresh(&gone), "0; url=https://example.org/elsewhere/");
    // An old fragment with an entry of its own goes there.
    assert!(gone.contains(r##"{"#a":"chapter_2.html"}"##), "{gone}");

    // A fragment of a real page that moved: the page sends it on.
    let chapter = read_text(&site, "chapter_2.html");
    assert!(
        chapter.contains(r##"{"#old-name":"chapter_1/section.html#section-11"}"##),
        "{chapter}"
    );

    // Old addresses are no pages of the sitemap.
    let sitemap = read_text(&site, "sitemap.xml");
    assert!(!sitemap.contains("intro.html") && !sitemap.contains("gone.html"));
}

#[test]
fn an_old_address_the_site_writes_is_an_error_at_its_line() {
    for (entry, words) in [
        (
            "\"/chapter_1.html\" = \"chapter_2.html\"",
            &["chapter_1.html", "src/chapter_1.md"][..],
        ),
        (
            "\"/toc.html\" = \"chapter_2.html\"",
            &["toc.html", "contents"][..],
        ),
        (
            "\"/Chapter_1.HTML\" = \"chapter_2.html\"",
            &["chapter_1.md"][..],
        ),
        (
            "\"/chapter_1\" = \"chapter_2.html\"",
            &["folder", "chapter_1/section.html"][..],
        ),
    ] {
        let ed = with_redirects(&format!("\"/fine.html\" = \"chapter_2.html\"\n{entry}\n"));
        ed.check(&[])
            .assert_failure()
            .assert_diag("book.toml:9:1: error: ", words);
        let site = ed.out("site");
        ed.build_into(&site).assert_failure();
        assert!(!site.exists(), "{entry}");
    }
}

#[test]
fn an_old_address_out_of_the_site_is_an_error_at_its_line() {
    for entry in [
        "\"/../outside.html\" = \"chapter_2.html\"",
        "\"/a/%2e%2e/../x.html\" = \"chapter_2.html\"",
        "\"https://old.example/x.html\" = \"chapter_2.html\"",
        "\"/x.html\" = \"javascript:alert(1)\"",
    ] {
        let ed = with_redirects(&format!("{entry}\n"));
        ed.check(&[])
            .assert_failure()
            .assert_diag("book.toml:8:1: error: ", &[]);
    }
}

#[test]
fn fragments_alone_need_an_entry_for_their_page() {
    let ed = with_redirects("\"/old.html#a\" = \"chapter_2.html\"\n");
    ed.check(&[])
        .assert_failure()
        .assert_diag("book.toml:8:1: error: ", &["old.html"]);
}

#[test]
fn a_new_address_that_names_no_file_is_a_warning() {
    // Read from the old page's folder, `chapter_2.html` is `old/chapter_2.html`.
    let ed = with_redirects("\"/old/x.html\" = \"chapter_2.html\"\n");
    ed.check(&[])
        .assert_success()
        .assert_diag("book.toml:8:1: warning: ", &["chapter_2.html", "no file"]);
}

/// The Edition Guide sends old pages to the Cargo book served beside it
/// (`../../../cargo/index.html`): above the site's root is another site,
/// whose files this build cannot know.
#[test]
fn a_new_address_above_the_site_is_another_sites_and_not_checked() {
    let ed = with_redirects(
        "\"/old/deep/x.html\" = \"../../../cargo/index.html\"\n\"/old/y.html\" = \"chapter_2.html\"\n",
    );
    let run = ed.check(&[]);
    run.assert_success()
        .assert_diag("book.toml:9:1: warning: ", &["chapter_2.html", "no file"]);
    assert!(
        !run.stderr.contains("cargo/index.html"),
        "{}",
        run.describe()
    );
}

/// mdBook's `index.html` is the first chapter itself, so `book/#a-heading`
/// links from outside arrive at a heading; glossator's `index.html`, which
/// sends the reader to a first chapter of another name, keeps the fragment.
#[test]
fn index_html_keeps_the_readers_fragment() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "src/SUMMARY.md",
        "# Summary\n\n- [Chapter 1](chapter_1.md)\n- [Chapter 2](chapter_2.md)\n",
    );
    ed.build().assert_success();
    let index = read_text(&ed.path("book"), "index.html");
    assert_eq!(refresh(&index), "0; url=chapter_1.html", "{index}");
    // The script runs before the refresh, and only when there is a fragment.
    let script = index.find("<script>").expect("a script");
    assert!(script < index.find("http-equiv").unwrap(), "{index}");
    assert!(
        index.contains("if(!h)return;var u=new URL(\"chapter_1.html\",location.href);u.hash=h;"),
        "{index}"
    );
}
