//! Markup in every field an editor fills in is shown as text wherever it
//! lands: page titles, the sidebar, notes, instrument names, previews, Cited
//! in lists, the search index (docs/robustness.md, case 10).

use crate::util::{Edition, read_tree};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

#[test]
fn hostile_markup_is_escaped_in_every_output_file() {
    let evil = format!("{SCRIPT}{IMG}");
    let ed = Edition::fixture("minimal");
    let toml = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    ed.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"T {0}\"\nauthors = [\"A {0}\"]\ndescription = \"D {0}\"\n\n[glossator]\nseries = \"S {0}\"\nhandle = \"H {0}\"\ndate = \"2017\"\n",
            toml(&evil)
        ),
    );
    ed.write("content/SUMMARY.md", format!("# Summary\n\n[Intro {SCRIPT}](README.md)\n\n- [Chapter {SCRIPT}{IMG}](chapter.md)\n- [Abbreviations](abbr.md)\n"));
    ed.write(
        "content/chapter.md",
        format!(
            "+++\ntitle = \"Front {0}\"\ndescription = \"Desc {0}\"\n+++\n\n# Heading {SCRIPT}\n\nText with Article 1 of the Evil{IMG} and a note.[^1] EV{SCRIPT} here.\n\n[^1]: Note {SCRIPT} and {IMG}.\n\n```editorial\nEditors {SCRIPT}.\n```\n",
            toml(&evil)
        ),
    );
    ed.write("content/abbr.md", format!("+++\nabbreviations = true\nparagraph-numbers = false\n+++\n\n# Abbreviations\n\nEV\n: Expansion {SCRIPT}{IMG}\n"));
    ed.write(
        "content/instruments/evil.md",
        format!(
            "+++\nid = \"evil\"\ntitle = \"Title {0}\"\nshort = \"Short {0}\"\naliases = [\"Evil{1}\"]\nsource = \"Source {0}\"\nnotes = \"Notes {0}\"\n+++\n\n## Article 1\n\nUnit {SCRIPT}{IMG}.\n",
            toml(&evil),
            toml(IMG)
        ),
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let tree = read_tree(&site);
    assert!(tree.len() > 10);
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for needle in ["<script>alert", "<img src=x", "onerror=alert(1)>"] {
            let at = text
                .find(needle)
                .map(|i| text[i.saturating_sub(120)..(i + 40).min(text.len())].to_string());
            assert!(at.is_none(), "{path} holds an unescaped `{needle}`: {at:?}");
        }
    }
    let chapter = String::from_utf8_lossy(&tree["chapter.html"]).into_owned();
    assert!(
        chapter.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
}
