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
