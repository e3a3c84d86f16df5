//! A chapter's file name is the editor's, not a way into the markup: names
//! holding quotes, tags and `</script>` are escaped in every output (the
//! site's pages, `print.html`, the single file, `toc.js`, the search index,
//! the sitemap).

use crate::util::{Edition, read_tree, tags};

/// File names (relative to `content/`) that would break out of an
/// attribute, a tag or a script if written as they are.
const NAMES: &[&str] = &[
    "q\" onfocus=\"alert(1) x.md",
    "s'<img src=x onerror=alert(2)>.md",
    "a</script><img src=x onerror=alert(3)>.md",
];

/// Every script-bearing thing an HTML text could hold: an `on…`
/// attribute, an `<img>` the names brought in, an unexpected `<script>`.
fn active(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                found.push(format!("<{} {name}={value:?}>", tag.name));
            }
        }
        if tag.name == "img" && tag.attr("src") == Some("x") {
            found.push("<img src=x>".into());
        }
    }
    found
}

#[test]
fn hostile_file_names_are_escaped_in_every_output() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Names\"\n\n[output.html]\nsite-url = \"https://example.org/ed\"\n",
    );
    // The first page names `index.html`'s redirect too.
    let mut summary = format!(
        "# Summary\n\n[Introduction]({})\n\n",
        crate::util::percent_encode(NAMES[0])
    );
    for (i, name) in NAMES.iter().enumerate() {
        ed.write(
            &format!("content/{name}"),
            format!("# Chapter {i}\n\nText of chapter {i}.[^n{i}]\n\n[^n{i}]: A note.\n"),
        );
        if i > 0 {
            summary.push_str(&format!(
                "- [Chapter {i}]({})\n",
                crate::util::percent_encode(name)
            ));
        }
    }
    summary.push_str("- [Readme](README.md)\n");
    ed.write("content/SUMMARY.md", summary);
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let single = ed.tmp.path().join("single.html");
    crate::util::run(
        ed.tmp.path(),
        [
            std::ffi::OsStr::new("build"),
            ed.root.as_os_str(),
            std::ffi::OsStr::new("--single-file"),
            single.as_os_str(),
        ],
    )
    .assert_success();
    let mut outputs = read_tree(&site);
    outputs.insert(
        "(single file)".into(),
        std::fs::read(&single).expect("the single file"),
    );
    for needed in ["print.html", "toc.js", "search-index.js", "sitemap.xml"] {
        assert!(outputs.contains_key(needed), "no {needed}");
    }
    let mut problems = Vec::new();
    for (path, bytes) in &outputs {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") || path == "(single file)" {
            for found in active(&text) {
                problems.push(format!("{path}: {found}"));
            }
        }
        if path.ends_with(".js") {
            // Scripts are inlined into the single file: no `</script>` in them.
            if text.to_ascii_lowercase().contains("</script") {
                problems.push(format!("{path} could close its <script>"));
            }
            // toc.js's and the search index's strings become HTML.
            if text.contains("<img") {
                problems.push(format!("{path} carries a tag"));
            }
        }
        if path.ends_with(".xml") && (text.contains("<img") || text.contains("\" onfocus")) {
            problems.push(format!("{path}: {text}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The chapters are there, under their names, in every output.
    let print = String::from_utf8_lossy(&outputs["print.html"]).into_owned();
    for i in 0..NAMES.len() {
        assert!(print.contains(&format!("Text of chapter {i}.")), "{print}");
    }
}
