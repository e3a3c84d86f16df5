//! Footnotes across chapters: the authors' numbers, the next free number for
//! other labels, backlinks, and each note diagnostic at its file and line.

use crate::util::{Edition, read_text};

fn two_chapters(one: &str, two: &str) -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n- [One](chapter.md)\n- [Two](two.md)\n",
    );
    ed.write("content/chapter.md", one);
    ed.write("content/two.md", two);
    ed
}

#[test]
fn numbering_runs_across_chapters_and_keeps_the_authors_numbers() {
    let ed = two_chapters(
        "# One\n\nA[^1] and B[^2].\n\n[^1]: First.\n\n[^2]: Second.\n",
        "# Two\n\nC[^named] and D[^7] and C again[^named].\n\n[^named]: Named.\n\n[^7]: Seventh.\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let two = read_text(&site, "two.html");
    assert!(
        two.contains(r##"<a href="#fn-3" role="doc-noteref" aria-label="Note 3">3</a>"##),
        "a named note takes the next free number: {two}"
    );
    assert!(
        two.contains(r#"<li id="fn-7" value="7">"#),
        "the authors' number is kept"
    );
    assert!(
        two.contains(r#"id="fnref-3-2""#),
        "a second reference has its own id"
    );
    assert!(
        two.contains(r##"href="#fnref-3""##) && two.contains(r##"href="#fnref-3-2""##),
        "the note links back to both references"
    );
}

#[test]
fn each_note_problem_is_reported_where_it_is() {
    let ed = two_chapters(
        "# One\n\nA[^1] and a gap[^5].\n\n[^1]: First.\n\n[^9]: Never cited.\n",
        "# Two\n\nB[^2] and again[^1].\n\n[^2]: Second.\n\n[^1]: Defined here too.\n",
    );
    let run = ed.check(&[]);
    run.assert_success()
        .assert_diag(
            "content/chapter.md:3:16: warning:",
            &["note 5", "not defined"],
        )
        .assert_diag(
            "content/chapter.md:7:1: warning:",
            &["note 9", "never referenced"],
        )
        .assert_diag(
            "content/two.md:7:1: warning:",
            &["note number 1", "two files"],
        )
        .assert_diag(
            "content/chapter.md:3:16: warning:",
            &["note numbers skip from 1 to 5"],
        )
        .assert_diag(
            "content/two.md:3:2: warning:",
            &["note 2 comes after note 5"],
        );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let one = read_text(&site, "chapter.html");
    assert!(
        one.contains(r#"<li id="fn-5" value="5" class="missing">"#),
        "a missing note is marked: {one}"
    );
    assert!(one.contains("Note missing in source."));
}

#[test]
fn the_same_label_twice_in_a_file_is_an_error() {
    let ed = two_chapters(
        "# One\n\nA[^1].\n\n[^1]: First.\n\n[^1]: Again.\n",
        "# Two\n",
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag("content/chapter.md:7:1: error:", &["defined twice"]);
}

#[test]
fn a_note_that_cites_itself_terminates() {
    let ed = two_chapters("# One\n\nA[^1].\n\n[^1]: See[^1] itself.\n", "# Two\n");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(read_text(&site, "chapter.html").contains(r#"id="fn-1""#));
}

/// `numbering = "chapter"`: each chapter numbers its notes and paragraphs
/// from 1, as commentaries do, with no warning about a number defined in
/// two files; every id of the print edition and the single file stays
/// unique. An instrument's own notes never join the commentary's.
#[test]
fn notes_and_paragraphs_numbered_per_chapter() {
    use crate::util::{Edition, read_text, tags};
    let ed = Edition::fixture("minimal");
    let book = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        format!("{book}\n[glossator]\nnumbering = \"chapter\"\nprint-instruments = true\n"),
    );
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nFirst.[^1]\n\nSecond.\n\n[^1]: A note.\n",
    );
    ed.write(
        "content/second.md",
        "# Second\n\nAgain.[^1]\n\n[^1]: Another note.\n",
    );
    ed.write(
        "content/instruments/act.md",
        "+++\nid = \"act\"\ntitle = \"Act\"\n+++\nArticle 1\n\nText.[^1]\n\n[^1]: The act's own note.\n",
    );
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Second](second.md)\n- [Act](instruments/act.md)\n",
    );
    let out = ed.out("site");
    let run = ed.build_into(&out);
    run.assert_success().assert_no_diag("content/second.md");
    assert!(
        !run.stderr.contains("defined in two files"),
        "{}",
        run.stderr
    );
    for page in ["chapter.html", "second.html"] {
        let html = read_text(&out, page);
        assert!(html.contains("id=\"fn-1\""), "{page} has its note 1");
        assert!(
            html.contains("id=\"para-1\""),
            "{page} starts its paragraphs at 1"
        );
    }
    assert!(read_text(&out, "instruments/act.html").contains("id=\"fn-1\""));
    let print = read_text(&out, "print.html");
    assert!(
        print.contains("The act’s own note.") || print.contains("The act's own note."),
        "the instruments are in the print edition"
    );
    let mut seen = std::collections::HashSet::new();
    for tag in tags(&print) {
        if let Some(id) = tag.attr("id") {
            assert!(seen.insert(id.to_string()), "id {id} twice in print.html");
        }
    }
}
