//! `SUMMARY.md` decides which pages exist and in what order: prefix,
//! numbered and nested chapters, part titles, separators, drafts.

use std::collections::BTreeSet;

use crate::util::{Edition, join_url, read_text, tags, toc_js_html};

/// The pages of `tests/editions/summary-order`, in reading order.
const ORDER: &[&str] = &[
    "index.html",
    "alpha.html",
    "part/alpha-1.html",
    "part/alpha-1-deep.html",
    "beta.html",
    "gamma.html",
    "colophon.html",
];

/// The text of `html` without its tags, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `href` of the first `<a rel="{rel}">` of the page, resolved to a
/// site-relative path.
fn neighbour(site: &std::path::Path, page: &str, rel: &str) -> Option<String> {
    let html = read_text(site, page);
    let tag = tags(&html)
        .into_iter()
        .find(|t| t.name == "a" && t.attr("rel") == Some(rel))?;
    let href = tag.attr("href").expect("prev/next link has an href");
    Some(join_url(page, href).expect("prev/next stays in the site"))
}

#[test]
fn pages_follow_the_summary_and_drafts_are_not_built() {
    let ed = Edition::fixture("summary-order");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();

    let pages: BTreeSet<String> = crate::util::html_pages(&site).into_iter().collect();
    let mut expected: BTreeSet<String> = ORDER.iter().map(|s| s.to_string()).collect();
    for generated in ["toc.html", "search.html", "print.html", "404.html"] {
        expected.insert(generated.into());
    }
    assert_eq!(
        pages, expected,
        "exactly the listed chapters and the pages glossator writes itself"
    );
    for page in ORDER {
        assert!(
            !read_text(&site, page).contains("Alpha Draft"),
            "{page} links the draft"
        );
    }
}

#[test]
fn prev_and_next_links_follow_the_summary() {
    let ed = Edition::fixture("summary-order");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    for (i, page) in ORDER.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| ORDER[p].to_string());
        let next = ORDER.get(i + 1).map(|n| n.to_string());
        assert_eq!(neighbour(&site, page, "prev"), prev, "previous of {page}");
        assert_eq!(neighbour(&site, page, "next"), next, "next of {page}");
    }
}

#[test]
fn toc_lists_parts_chapters_drafts_and_separators_in_order() {
    let ed = Edition::fixture("summary-order");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let toc = toc_js_html(&site);

    let links: Vec<String> = tags(&toc)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert_eq!(links, ORDER, "toc.js links, in order");

    assert_eq!(
        text_of(&toc),
        "Preface Part One 1. Alpha 1.1. Alpha One 1.1.1. Alpha One Deep 1.2. Alpha Draft \
         2. Beta Part Two 3. Gamma Colophon",
        "toc.js text, in order (numbers as mdBook gives them)"
    );

    // The draft is listed but is no link; the separator sits between Beta and
    // Part Two.
    let draft = toc.find("Alpha Draft").unwrap();
    let item = toc[..draft].rfind("<li").unwrap();
    let item_end = draft + toc[draft..].find("</li>").unwrap();
    assert!(
        !toc[item..item_end].contains("<a"),
        "the draft is listed as a link: {}",
        &toc[item..item_end]
    );
    let spacer = toc.find("spacer").expect("a separator in the contents");
    assert!(toc.find("Beta").unwrap() < spacer && spacer < toc.find("Part Two").unwrap());

    // Nesting: list depth at each chapter.
    let depth_at = |needle: &str| {
        let at = toc.find(needle).unwrap();
        toc[..at].matches("<ol").count() - toc[..at].matches("</ol").count()
    };
    assert_eq!(depth_at("Alpha One Deep"), 3);
    assert_eq!(depth_at("Alpha One<"), 2);
    assert_eq!(depth_at("Alpha Draft"), 2);
    assert_eq!(depth_at(" Beta"), 1);
    assert_eq!(depth_at("Colophon"), 1);

    // The contents page lists the same, in the same order.
    let contents = read_text(&site, "toc.html");
    let mut last = 0;
    for title in [
        "Preface",
        "Part One",
        "Alpha One Deep",
        "Alpha Draft",
        "Beta",
        "Part Two",
        "Gamma",
        "Colophon",
    ] {
        let at = contents[last..]
            .find(title)
            .unwrap_or_else(|| panic!("toc.html lacks {title} after byte {last}"));
        last += at + title.len();
    }
}

/// The minimal edition with `summary` as its `SUMMARY.md`, built: the site.
fn built_with(summary: &str) -> (Edition, std::path::PathBuf, crate::util::Run) {
    let ed = Edition::fixture("minimal");
    ed.write("content/SUMMARY.md", summary);
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success();
    (ed, site, run)
}

#[test]
fn a_title_with_inline_code_is_markup_in_the_contents_and_text_elsewhere() {
    let (_ed, site, run) = built_with(
        "# Summary\n\n[Introduction](README.md)\n\n- [The `Option<T>` *type*](chapter.md)\n",
    );
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let toc = toc_js_html(&site);
    assert!(
        toc.contains("The <code>Option&lt;T&gt;</code> <em>type</em>"),
        "{toc}"
    );
    let chapter = read_text(&site, "chapter.html");
    assert!(
        chapter.contains("<title>The Option&lt;T&gt; type · "),
        "{chapter}"
    );
    // The previous page's link names it as text, as mdBook does.
    let intro = read_text(&site, "index.html");
    let next = intro.find("rel=\"next\"").expect("a next link");
    let link = &intro[next..next + intro[next..].find("</a>").unwrap()];
    assert!(link.ends_with("The Option&lt;T&gt; type"), "{link}");
    for page in ["chapter.html", "index.html"] {
        assert!(!read_text(&site, page).contains('`'), "backticks in {page}");
    }
}

#[test]
fn a_link_with_a_title_is_a_chapter() {
    let (_ed, site, run) = built_with(
        "# Summary\n\n[Introduction](README.md \"The start\")\n\n- [Chapter](<chapter.md> 'A chapter')\n",
    );
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert!(read_text(&site, "chapter.html").contains("<title>Chapter · "));
}

#[test]
fn text_after_a_link_is_left_out_with_a_warning_at_its_line() {
    let (_ed, site, run) = built_with(
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md) (draft, unreviewed)\n",
    );
    run.assert_diag("content/SUMMARY.md:5:1: warning: ", &["not a chapter link"]);
    let toc = toc_js_html(&site);
    assert!(!toc.contains("unreviewed"), "{toc}");
    assert!(site.join("chapter.html").is_file());
}
