//! `compare` blocks: each mode renders; bad addresses and empty blocks are
//! diagnostics at their line.

use crate::util::{Edition, read_text};

fn edition(block: &str) -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "content/instruments/charter.md",
        "+++\nid = \"charter\"\ntitle = \"Charter\"\nshort = \"Charter\"\n+++\n\n## Article 1\n\n1. Peace and security for all.\n\n2. Friendly relations among nations.\n",
    );
    ed.write(
        "content/chapter.md",
        format!("# Chapter\n\nText.\n\n{block}\n"),
    );
    ed
}

#[test]
fn both_modes_render() {
    for (mode, marks) in [("diff", true), ("parallel", false)] {
        let ed = edition(&format!(
            "```compare {mode}\ncharter/1(1)\ncharter/1(2)\nDraft: Peace for all nations.\n```"
        ));
        let site = ed.out("site");
        ed.build_into(&site).assert_success();
        let html = read_text(&site, "chapter.html");
        assert!(
            html.contains(
                r#"<figure class="comparison editorial-apparatus columns-3" id="comparison-1">"#
            ),
            "{mode}: {html}"
        );
        assert!(html.contains(
            r##"href="instruments/charter.html#art_1__para_2">Article 1(2), Charter</a>"##
        ));
        assert!(html.contains(">Draft</th>"));
        assert_eq!(html.contains("<ins>"), marks, "{mode}");
        let charter = read_text(&site, "instruments/charter.html");
        assert!(
            charter.contains("chapter.html#comparison-1"),
            "the unit's Cited in links to the comparison"
        );
        assert!(read_text(&site, "comparisons.html").contains("chapter.html#comparison-1"));
    }
}

#[test]
fn bad_addresses_and_empty_blocks_are_errors_at_their_line() {
    let ed = edition("```compare\ncharter/9\ncharter/1(1)\n```");
    ed.check(&[])
        .assert_failure()
        .assert_diag("content/chapter.md:6:1: error:", &["charter/9"]);
    let ed = edition("```compare\nnowhere/1\ncharter/1(1)\n```");
    ed.check(&[]).assert_failure().assert_diag(
        "content/chapter.md:6:1: error:",
        &["no instrument `nowhere`"],
    );
    let ed = edition("```compare\n```");
    ed.check(&[])
        .assert_failure()
        .assert_diag("content/chapter.md:5:1: error:", &["at least two columns"]);
    let ed = edition("```compare sideways\ncharter/1(1)\ncharter/1(2)\n```");
    ed.check(&[]).assert_failure().assert_diag(
        "content/chapter.md:5:1: error:",
        &["unknown comparison mode"],
    );
}

/// A mistyped front matter `clause` names where it is written and suggests
/// by structure: the parts of the nearest unit that exists, or the
/// instrument meant.
#[test]
fn a_mistyped_clause_is_an_error_with_what_to_write() {
    let ed = edition("");
    ed.write(
        "content/chapter.md",
        "+++\nclause = \"charter/1(3)\"\n+++\n# Chapter\n\nText.\n",
    );
    ed.check(&[]).assert_failure().assert_diag(
        "content/chapter.md:2:1: error: front matter clause `charter/1(3)`",
        &["has no unit `1(3)`"],
    );
    assert!(
        ed.check(&[])
            .stderr
            .contains("help: `charter/1` has 2 parts, (1) to (2)")
    );
    ed.write(
        "content/chapter.md",
        "+++\nclause = \"chartr/1\"\n+++\n# Chapter\n\nText.\n",
    );
    ed.check(&[])
        .assert_failure()
        .assert_stderr_contains("help: did you mean `charter/1`?");
    // Another instrument's name or capitals, a space for the slash, the
    // unit's word: each says what to write.
    for (written, help) in [
        ("CHARTER/1", "did you mean `charter/1`?"),
        ("charter 1", "did you mean `charter/1`?"),
        ("charter/Article 1", "without its word: `charter/1`"),
    ] {
        ed.write(
            "content/chapter.md",
            format!("+++\nclause = \"{written}\"\n+++\n# Chapter\n\nText.\n"),
        );
        ed.check(&[]).assert_failure().assert_stderr_contains(help);
    }
}

/// The editors' apparatus is not the paper: a comparison, an editorial
/// block and a page of the editors' (`editorial = true`) refer to units,
/// but the units' "Cited in" lists and the index count only the authors'
/// citations, and list the editors' references apart.
#[test]
fn the_editors_references_are_counted_and_listed_apart_from_the_authors() {
    let ed = edition(
        "The paper cites [Article 1(1)](art:charter/1(1)).\n\n```compare\ncharter/1(1)\ncharter/1(2)\n```\n\n```editorial\nThe editors point to [Article 1(2)](art:charter/1(2)).\n```",
    );
    ed.write(
        "content/README.md",
        "+++\neditorial = true\n+++\n\n# Introduction\n\nThe editors' page names [Article 1(2)](art:charter/1(2)).\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let charter = read_text(&site, "instruments/charter.html");
    let list_of = |id: &str| {
        let at = charter.find(&format!("id=\"{id}\"")).expect(id);
        let from = at
            + charter[at..]
                .find("<aside class=\"cited-in\"")
                .expect("a Cited in list");
        charter[from..from + charter[from..].find("</aside>").unwrap()].to_string()
    };
    let first = list_of("art_1__para_1");
    let (authors, editors) = first
        .split_once("Referred to by the editors")
        .expect(&first);
    assert!(
        authors.contains("Cited in") && authors.contains("<q>"),
        "{first}"
    );
    assert!(
        editors.contains("compared side by side") && !editors.contains("<q>compared"),
        "{first}"
    );
    let second = list_of("art_1__para_2");
    assert!(
        !second.contains(">Cited in<"),
        "only the editors refer to 1(2): {second}"
    );
    assert_eq!(second.matches("<li>").count(), 3, "{second}");
    let index = read_text(&site, "instruments/index.html");
    assert!(index.contains("Article 1(1)</a>\u{a0}(1)"), "{index}");
    assert!(
        !index.contains("Article 1(2)</a>"),
        "an editors' reference is counted: {index}"
    );
    let refs = read_text(&site, "references.json");
    assert_eq!(refs.matches("\"editorial\": true").count(), 4, "{refs}");
}
