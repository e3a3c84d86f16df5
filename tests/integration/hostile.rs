//! The hostile-input suite: a corpus of inputs written to break glossator or to smuggle a script
//! into the edition (docs/robustness.md, cases 5 to 12), each built as a one-chapter edition. A
//! case holds when glossator neither crashes nor panics, the edition's own files are untouched,
//! and no page it wrote can run a script. The CI report says how many cases were tried and held.

use std::collections::BTreeMap;

use crate::support;
use crate::util::{Edition, decode_entities, read_tree, tags};

/// What a case tries, and the files it writes over the minimal fixture.
type Case = (&'static str, Vec<(String, Vec<u8>)>);

fn corpus() -> Vec<Case> {
    let chapter = |text: &str| vec![("content/chapter.md".to_string(), text.as_bytes().to_vec())];
    let mut cases: Vec<Case> = vec![
        (
            "a script block",
            chapter("# C\n\n<script>alert(1)</script>\n"),
        ),
        (
            "an event handler",
            chapter("# C\n\nA <img src=x onerror=alert(1)> b.\n"),
        ),
        (
            "a handler on its own line",
            chapter(
                "# C\n\n<details open\nontoggle=alert(1)>\n<summary>s</summary>\n\nx\n\n</details>\n",
            ),
        ),
        (
            "an entity-encoded scheme",
            chapter("# C\n\n<a href=\"javascript&#58;alert(1)\">x</a>\n"),
        ),
        (
            "a scheme in mixed case",
            chapter("# C\n\n<a href=\"JaVaScRiPt:alert(1)\">x</a>\n"),
        ),
        (
            "a tab inside the scheme",
            chapter("# C\n\n<a href=\"java\tscript:alert(1)\">x</a>\n"),
        ),
        (
            "a leading space before the scheme",
            chapter("# C\n\n<a href=\" javascript:alert(1)\">x</a>\n"),
        ),
        (
            "a data: document",
            chapter("# C\n\n<a href=\"data:text/html,<script>alert(1)</script>\">x</a>\n"),
        ),
        (
            "a Markdown javascript: link",
            chapter("# C\n\n[x](javascript:alert(1)) and ![y](javascript:alert(1))\n"),
        ),
        (
            "a Markdown link with an encoded scheme",
            chapter("# C\n\n[x](&#x6a;avascript:alert(1))\n"),
        ),
        (
            "svg with onload",
            chapter("# C\n\n<svg onload=alert(1)><circle r=1 /></svg>\n"),
        ),
        (
            "an iframe srcdoc",
            chapter("# C\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n"),
        ),
        (
            "a form action",
            chapter("# C\n\n<form action=\"javascript:alert(1)\"><button>go</button></form>\n"),
        ),
        (
            "a meta refresh",
            chapter("# C\n\n<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n"),
        ),
        (
            "an object",
            chapter("# C\n\n<object data=\"javascript:alert(1)\"></object>\n"),
        ),
        (
            "a base element",
            chapter("# C\n\n<base href=\"javascript:alert(1)//\">\n"),
        ),
        (
            "math with xlink",
            chapter("# C\n\n<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>\n"),
        ),
        (
            "a noscript mutation",
            chapter(
                "# C\n\n<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n",
            ),
        ),
        (
            "a comment hiding a script",
            chapter("# C\n\n<!-- x --><script>alert(1)</script>\n"),
        ),
        (
            "a style with an expression",
            chapter("# C\n\n<p style=\"background:url(javascript:alert(1))\">x</p>\n"),
        ),
        (
            "a script in a heading",
            chapter("# <script>alert(1)</script> C\n\nText.\n"),
        ),
        (
            "a script in a note",
            chapter("# C\n\nText.[^1]\n\n[^1]: <img src=x onerror=alert(1)>\n"),
        ),
        (
            "a raw </aside> in a note",
            chapter("# C\n\nText.[^1]\n\n[^1]: note\n    </aside>\n\nAfter.\n"),
        ),
        (
            "a script in an editorial note",
            chapter("# C\n\n```editorial\n<img src=x onerror=alert(1)>\n```\n"),
        ),
        (
            "a script in a comparison",
            chapter(
                "# C\n\n```compare\nA: <script>alert(1)</script>\nB: <img src=x onerror=alert(1)>\n```\n",
            ),
        ),
        (
            "markup in the front matter title",
            chapter("+++\ntitle = \"\\\"><img src=x onerror=alert(1)>\"\n+++\n# C\n"),
        ),
        (
            "case-changing letters before a cross-reference",
            chapter("# C\n\nA.[^1]\n\nİK ẞ see footnote 1, İ see note 1, K Annex I.\n\n[^1]: n\n"),
        ),
        (
            "escaped note brackets",
            chapter("# C\n\nLiteral \\[^1\\].\n"),
        ),
        (
            "a heading id glossator uses",
            chapter("# C {#gl-content}\n\n## D {#para-1}\n\n## E {#fn-1}\n\nText.\n"),
        ),
        (
            "deep block quotes",
            chapter(&format!("# C\n\n{}deep\n", "> ".repeat(5_000))),
        ),
        (
            "deep brackets",
            chapter(&format!(
                "# C\n\n{}a{}\n",
                "[".repeat(5_000),
                "]".repeat(5_000)
            )),
        ),
        (
            "deep emphasis",
            chapter(&format!("# C\n\n{}\n", "*a **a ".repeat(5_000))),
        ),
        ("NUL and lone CR", chapter("# C\n\nA\0B\rC\r\n")),
        (
            "a byte-order mark and CRLF",
            chapter("\u{feff}+++\r\ntitle = \"T\"\r\n+++\r\n# C\r\n\r\nText.\r\n"),
        ),
        (
            "many case-changing letters",
            chapter(&"İ see footnote 9 K ".repeat(2_000)),
        ),
    ];
    cases.push((
        "invalid UTF-8",
        vec![(
            "content/chapter.md".to_string(),
            b"# C\n\nA \xE9 b\n".to_vec(),
        )],
    ));
    cases.push((
        "markup in the summary",
        vec![(
            "content/SUMMARY.md".to_string(),
            b"# Summary\n\n[<img src=x onerror=alert(1)>](README.md)\n\n- [<script>alert(1)</script>](chapter.md)\n".to_vec(),
        )],
    ));
    cases.push((
        "markup in a file name",
        vec![
            (
                "content/SUMMARY.md".to_string(),
                b"# Summary\n\n[Introduction](README.md)\n\n- [Chapter](x%22%20onfocus=%22alert(1).md)\n"
                    .to_vec(),
            ),
            (
                "content/x\" onfocus=\"alert(1).md".to_string(),
                b"# C\n\nText.\n".to_vec(),
            ),
        ],
    ));
    cases.push((
        "markup in book.toml",
        vec![(
            "book.toml".to_string(),
            b"[book]\ntitle = \"</title><script>alert(1)</script>\"\nauthors = [\"<img src=x onerror=alert(1)>\"]\n".to_vec(),
        )],
    ));
    cases
}

/// Why `site` could run a script, if it could.
fn script_in(site: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    for (path, bytes) in site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for tag in tags(&html) {
            for (name, value) in &tag.attrs {
                let name = name.to_ascii_lowercase();
                if name.starts_with("on") {
                    return Some(format!("{path}: <{} {name}=…>", tag.name));
                }
                let value: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let url_attr = ["href", "src", "action", "data", "formaction", "xlink:href"];
                if url_attr.contains(&name.as_str()) && value.starts_with("javascript:") {
                    return Some(format!("{path}: <{} {name}=\"{value}\">", tag.name));
                }
            }
            let name = tag.name.to_ascii_lowercase();
            if ["iframe", "object", "embed", "base"].contains(&name.as_str()) {
                return Some(format!("{path}: a <{name}> element"));
            }
        }
        if let Some(at) = html.to_ascii_lowercase().find("<script>alert") {
            return Some(format!("{path}: {}", &html[at..(at + 40).min(html.len())]));
        }
    }
    None
}

#[test]
fn every_hostile_input_holds() {
    let cases = corpus();
    let mut failed = Vec::new();
    for (what, files) in &cases {
        let ed = Edition::fixture("minimal");
        for (path, bytes) in files {
            ed.write(path, bytes);
        }
        let before = ed.tree();
        let site = ed.out("site");
        let run = ed.build_into(&site);
        let crashed = run.code.is_none_or(|c| c > 1) || run.stderr.contains("panicked");
        if crashed {
            failed.push(format!(
                "{what}: crashed (exit {:?})\n{}",
                run.code, run.stderr
            ));
            continue;
        }
        if ed.tree() != before {
            failed.push(format!("{what}: the edition's own files changed"));
        }
        if site.exists()
            && let Some(why) = script_in(&read_tree(&site))
        {
            failed.push(format!("{what}: a script can run: {why}"));
        }
    }
    let held = cases.len() - failed.len();
    support::report(&format!(
        "hostile inputs: {} tried, {held} held (tests/integration/hostile.rs)",
        cases.len()
    ));
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// The detector itself: an edition that trusts its authors' HTML publishes the corpus's scripts,
/// and `script_in` sees them.
#[test]
fn the_detector_sees_what_a_trusting_edition_publishes() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[glossator]\ntrusted-html = true\n",
    );
    for (n, (text, seen)) in [
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "javascript:"),
        ("<script>alert(1)</script>", "<script>alert"),
        ("<iframe srcdoc=x></iframe>", "<iframe>"),
    ]
    .into_iter()
    .enumerate()
    {
        ed.write("content/chapter.md", format!("# C\n\n{text}\n"));
        let site = ed.out(&format!("site-{n}"));
        ed.build_into(&site).assert_success();
        let why = script_in(&read_tree(&site)).unwrap_or_default();
        assert!(why.contains(seen), "`{text}` not seen: {why:?}");
    }
}
