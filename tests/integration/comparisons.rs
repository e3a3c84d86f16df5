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
}
