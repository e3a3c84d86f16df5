//! glossator's extensions never corrupt ordinary Markdown: every example of
//! the CommonMark specification renders through the whole pipeline (footnotes,
//! citation linking, abbreviations, cross-references and link rewriting on;
//! paragraph numbers off) exactly as plain pulldown-cmark renders it with the
//! same options, but for the differences an extension is meant to make,
//! listed below with the reason.

use std::path::Path;

use pulldown_cmark::{Parser, html::push_html};

struct Example {
    number: usize,
    markdown: String,
}

fn examples() -> Vec<Example> {
    let spec = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/commonmark-spec-0.31.2.txt"),
    )
    .unwrap();
    let fence = format!("{} example", "`".repeat(32));
    let close = "`".repeat(32);
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line != fence {
            continue;
        }
        let mut markdown = String::new();
        for l in lines.by_ref() {
            if l == "." {
                break;
            }
            markdown.push_str(&l.replace('→', "\t"));
            markdown.push('\n');
        }
        for l in lines.by_ref() {
            if l == close {
                break;
            }
        }
        out.push(Example {
            number: out.len() + 1,
            markdown,
        });
    }
    out
}

/// What glossator adds on purpose, removed before comparing: heading ids
/// and anchors, the scrolling wrapper of tables, and the note section.
fn normalise(html: &str) -> String {
    let mut s = html.to_string();
    while let Some(at) = s.find("<a class=\"anchor\"") {
        let end = at + s[at..].find("</a>").unwrap() + 4;
        s.replace_range(at..end, "");
    }
    for level in 1..=6 {
        let open = format!("<h{level} id=\"");
        while let Some(at) = s.find(&open) {
            let end = at + open.len() + s[at + open.len()..].find('"').unwrap() + 1;
            s.replace_range(at..end, &format!("<h{level}"));
        }
    }
    while let Some(at) = s.find("<div class=\"table-wrap\"") {
        let end = at + s[at..].find(">\n").unwrap() + 2;
        s.replace_range(at..end, "");
        let close = s[at..]
            .find("</table>\n</div>\n")
            .map(|i| at + i + "</table>\n".len());
        if let Some(c) = close {
            s.replace_range(c..c + "</div>\n".len(), "");
        }
    }
    s.trim().to_string()
}

/// Examples an extension changes on purpose, with the reason.
const INTENDED: &[(usize, &str)] = &[
    (
        142,
        "code in a known language (ruby) is highlighted with syntect's classes",
    ),
    (
        143,
        "code in a known language (ruby) is highlighted with syntect's classes",
    ),
    (
        146,
        "the words after a code block's language are classes, as mdBook writes them",
    ),
    (
        150,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        156,
        "a tag that does not end within its HTML block is shown as text",
    ),
    (
        157,
        "a tag that does not end within its HTML block is shown as text",
    ),
    (
        158,
        "a tag that does not end within its HTML block is shown as text",
    ),
    (
        163,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        169,
        "an attribute outside the allowlist is removed from raw HTML",
    ),
    (170, "raw HTML holding a script is removed with the script"),
    (
        171,
        "an element whose content is a style, a script or a form field is removed with its content",
    ),
    (
        172,
        "an element whose content is a style, a script or a form field is removed with its content",
    ),
    (
        173,
        "an element whose content is a style, a script or a form field is removed with its content",
    ),
    (
        176,
        "an element whose content is a style, a script or a form field is removed with its content",
    ),
    (178, "raw HTML holding a script is removed with the script"),
    (
        201,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        491,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        524,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        536,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        613,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        614,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        615,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        616,
        "an attribute outside the allowlist is removed from raw HTML",
    ),
    (
        617,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
    (
        623,
        "raw HTML outside the allowlist (an unknown element) is removed",
    ),
];

#[test]
fn commonmark_examples_render_as_pulldown_cmark_does() {
    let examples = examples();
    assert_eq!(examples.len(), 652, "the 0.31.2 spec has 652 examples");
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"CommonMark\"\n",
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n");
    for e in &examples {
        let name = format!("example-{:03}.md", e.number);
        std::fs::write(
            content.join(&name),
            format!("+++\nparagraph-numbers = false\n+++\n{}", e.markdown),
        )
        .unwrap();
        summary.push_str(&format!("- [Example {}]({name})\n", e.number));
    }
    std::fs::write(content.join("SUMMARY.md"), summary).unwrap();
    let compiled = glossator::compile(dir.path(), None);
    let output = compiled.output.unwrap_or_else(|| {
        let diags: Vec<String> = compiled
            .diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| compiled.map.render(d))
            .collect();
        panic!("the examples did not build:\n{}", diags.join("\n"))
    });
    let mut differ = Vec::new();
    let mut scripts = Vec::new();
    for e in &examples {
        let page =
            String::from_utf8(output.files[&format!("example-{:03}.html", e.number)].to_vec())
                .unwrap();
        let start = page
            .find('>')
            .map(|_| page.find("<article class=\"chapter\"").unwrap())
            .unwrap();
        let body_start = start + page[start..].find(">\n").unwrap() + 2;
        let body_end = page.rfind("\n</article>").unwrap();
        let ours = normalise(&page[body_start..body_end]);
        if ours.to_ascii_lowercase().contains("<script") {
            scripts.push(e.number);
        }
        let mut plain = String::new();
        push_html(
            &mut plain,
            Parser::new_ext(&e.markdown, glossator::parse::options()),
        );
        if ours != plain.trim() {
            differ.push((e.number, plain, ours));
        }
    }
    let unexpected: Vec<String> = differ
        .iter()
        .filter(|(n, _, _)| !INTENDED.iter().any(|(i, _)| i == n))
        .map(|(n, plain, ours)| {
            format!("example {n}:\n  pulldown-cmark: {plain:?}\n  glossator:      {ours:?}")
        })
        .collect();
    assert!(
        scripts.is_empty(),
        "examples publishing a script: {scripts:?}"
    );
    let stale: Vec<usize> = INTENDED
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !differ.iter().any(|(d, _, _)| d == n))
        .collect();
    assert!(
        stale.is_empty(),
        "listed as intended differences but identical: {stale:?}"
    );
    println!(
        "CommonMark 0.31.2: {} examples, {} identical, {} intended differences",
        examples.len(),
        examples.len() - differ.len(),
        differ.len() - unexpected.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} examples differ:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
