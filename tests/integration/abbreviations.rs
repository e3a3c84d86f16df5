//! Abbreviations of the edition's list: the expansion is the editors' gloss
//! (an `<abbr>` title, shown in a card), never text in the authors' sentence;
//! `[glossator] abbreviation-expansions = "inline"` prints it after the
//! first use in square brackets, marked as the editors'.

use crate::util::{Edition, read_text};

/// A chapter using "UN" twice, and the list that expands it.
fn edition(glossator: &str) -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        format!("[book]\ntitle = \"Abbreviations\"\n\n[glossator]\n{glossator}"),
    );
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Abbreviations](abbr.md)\n",
    );
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nThe UN and its members.\n\nThe UN again.\n",
    );
    ed.write(
        "content/abbr.md",
        "+++\nabbreviations = true\nparagraph-numbers = false\n+++\n\n# Abbreviations\n\nUN\n: United Nations\n",
    );
    ed
}

#[test]
fn by_default_the_expansion_is_a_gloss_not_text() {
    let ed = edition("");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "chapter.html");
    assert!(html.contains(
        r#"The <abbr class="first-use" tabindex="0" title="United Nations">UN</abbr> and its members."#
    ));
    assert!(html.contains(r#"The <abbr title="United Nations">UN</abbr> again."#));
    assert!(!html.contains("[United Nations]") && !html.contains("(United Nations)"));
}

#[test]
fn inline_expansions_are_printed_as_the_editors_in_brackets() {
    let ed = edition("abbreviation-expansions = \"inline\"\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "chapter.html");
    assert!(html.contains(
        r#"UN</abbr><span class="ed-mark ed-expansion" title="Expansion added by the editors"> [United Nations]</span> and its members."#
    ));
    assert_eq!(
        html.matches("[United Nations]").count(),
        1,
        "first use only"
    );
}

#[test]
fn an_unknown_setting_is_an_error_at_its_line() {
    let ed = edition("abbreviation-expansions = \"after\"\n");
    ed.check(&[])
        .assert_failure()
        .assert_diag("book.toml:5:", &["error"]);
}
