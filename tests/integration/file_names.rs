//! Chapter file names holding `?`, `%`, `#`, spaces and letters outside
//! ASCII are published under their names, and every address of them (the
//! contents, the sidebar, previous and next, in-text links, the search
//! index, the sitemap, the canonical link and `og:url`) is percent-encoded so
//! that a browser opens the written file. Names that cannot be published
//! (a control character, a backslash) are an error naming the file.

use std::collections::BTreeMap;

use crate::util::{Edition, broken_links, check_url, read_text, read_tree, tags};

/// Chapter files (relative to `content/`), each with the address its page
/// must have.
const CHAPTERS: &[(&str, &str)] = &[
    ("a b.md", "a%20b.html"),
    ("what?.md", "what%3F.html"),
    ("100%.md", "100%25.html"),
    ("c#.md", "c%23.html"),
    ("é.md", "%C3%A9.html"),
    ("part two/a b?.md", "part%20two/a%20b%3F.html"),
];

const SITE_URL: &str = "https://example.org/ed";

/// Why `url` is not a well-formed address, if it is not: no space, control
/// character or letter outside ASCII, and every `%` starting an escape (a
/// browser reads `100%.html` as a malformed address, not as the file).
fn malformed(url: &str) -> Option<&'static str> {
    let bytes = url.as_bytes();
    if bytes.iter().any(|b| *b <= b' ' || *b >= 0x7f) {
        return Some("holds a space, a control character or a byte outside ASCII");
    }
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        {
            return Some("has a `%` that starts no escape");
        }
    }
    None
}

fn edition() -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        format!("[book]\ntitle = \"Names\"\n\n[output.html]\nsite-url = \"{SITE_URL}\"\n"),
    );
    let mut summary =
        String::from("# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n");
    for (i, (name, _)) in CHAPTERS.iter().enumerate() {
        // Each chapter links to the next one, and to a heading of it.
        let (next, _) = CHAPTERS[(i + 1) % CHAPTERS.len()];
        let next = crate::util::percent_encode(&relative(name, next));
        ed.write(
            &format!("content/{name}"),
            format!(
                "# Chapter {i}\n\nSee [the next chapter]({next}) and [its section]({next}#section-{j}).\n\n## Section {i}\n\nText of chapter {i}.\n",
                j = (i + 1) % CHAPTERS.len()
            ),
        );
        summary.push_str(&format!(
            "- [Chapter {i}]({})\n",
            crate::util::percent_encode(name)
        ));
    }
    ed.write("content/SUMMARY.md", summary);
    ed
}

/// The content path `to` as a link from the content file `from`.
fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

#[test]
fn awkward_chapter_names_build_and_every_address_opens_its_file() {
    let ed = edition();
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    let files = read_tree(&site);
    for (name, _) in CHAPTERS {
        let written = format!("{}.html", name.trim_end_matches(".md"));
        assert!(files.contains_key(&written), "no {written}");
    }

    // Every link of every page, and of the sidebar, opens a written file…
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // …and is an address a browser reads as that file.
    let mut problems = Vec::new();
    for (page, url) in crate::util::all_urls(&site) {
        if let Some(why) = malformed(&url) {
            problems.push(format!("{page}: `{url}` {why}"));
        }
    }

    // Each chapter's page: its canonical link and og:url, and the in-text,
    // previous and next links, name it by its encoded address.
    for (i, (name, address)) in CHAPTERS.iter().enumerate() {
        let page = format!("{}.html", name.trim_end_matches(".md"));
        let html = read_text(&site, &page);
        let canonical = tags(&html)
            .into_iter()
            .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
            .and_then(|t| t.attr("href").map(str::to_string));
        let og = tags(&html)
            .into_iter()
            .find(|t| t.name == "meta" && t.attr("property") == Some("og:url"))
            .and_then(|t| t.attr("content").map(str::to_string));
        let wanted = format!("{SITE_URL}/{address}");
        for (what, got) in [("canonical", canonical), ("og:url", og)] {
            if got.as_deref() != Some(wanted.as_str()) {
                problems.push(format!("{page}: {what} is {got:?}, not {wanted:?}"));
            }
        }
        let (_, next) = CHAPTERS[(i + 1) % CHAPTERS.len()];
        let depth = name.matches('/').count();
        let next_href = format!("{}{next}", "../".repeat(depth));
        let hrefs: Vec<String> = crate::util::urls(&html);
        for needed in [
            next_href.clone(),
            format!("{next_href}#section-{}", (i + 1) % CHAPTERS.len()),
        ] {
            if !hrefs.contains(&needed) {
                problems.push(format!("{page}: no link to `{needed}` in {hrefs:?}"));
            }
        }
    }

    // The sitemap's addresses.
    let sitemap = read_text(&site, "sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    for (_, address) in CHAPTERS {
        let wanted = format!("{SITE_URL}/{address}");
        if !locs.contains(&wanted.as_str()) {
            problems.push(format!("sitemap.xml lacks <loc>{wanted}</loc>: {locs:?}"));
        }
    }
    for loc in &locs {
        if let Some(why) = malformed(loc) {
            problems.push(format!("sitemap.xml: `{loc}` {why}"));
        }
    }

    // The search index's page addresses, relative to the site root.
    let index = read_text(&site, "search-index.js");
    let json = index
        .split_once("window.glossatorSearchIndex = ")
        .map(|(_, j)| j.trim_end().trim_end_matches(';'))
        .expect("search-index.js sets glossatorSearchIndex");
    let index: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    let pages = index["pages"].as_array().expect("pages");
    let mut cache = BTreeMap::new();
    for (_, address) in CHAPTERS {
        if !pages.iter().any(|p| p[1] == *address) {
            problems.push(format!("search-index.js lacks the address {address}"));
        }
    }
    for p in pages {
        let url = p[1].as_str().expect("an address");
        if let Some(why) = malformed(url) {
            problems.push(format!("search-index.js: `{url}` {why}"));
        }
        if let Some(broken) = check_url(&site, &files, &mut cache, "search-index.js", url) {
            problems.push(broken);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn unpublishable_names_are_errors_naming_the_file() {
    for (name, listed, shown, why) in [
        ("\u{1}.md", "%01.md", "\\u{1}.md", "control character"),
        (
            "tab\there.md",
            "tab%09here.md",
            "tab\\u{9}here.md",
            "control character",
        ),
        (
            "back\\slash.md",
            "back%5Cslash.md",
            "back\\slash.md",
            "backslash",
        ),
    ] {
        let ed = Edition::fixture("minimal");
        ed.write(&format!("content/{name}"), "# Bad\n\nText.\n");
        ed.write(
            "content/SUMMARY.md",
            format!("# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Bad]({listed})\n"),
        );
        let site = ed.out("site");
        let build = ed.build_into(&site);
        build
            .assert_failure()
            .assert_diag(
                "content/SUMMARY.md:6:1: error: ",
                &[&format!("`{shown}` cannot be published"), why],
            )
            .assert_stderr_contains("rename the file");
        assert!(!site.exists(), "{name:?}: a failed build wrote the site");
        assert!(
            !name.contains(char::is_control) || !build.stderr.contains(name),
            "{name:?} is printed as it is:\n{}",
            build.stderr
        );
    }
}
