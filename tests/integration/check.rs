//! `glossator check`: what a build checks, writing nothing.

use crate::util::{Edition, assert_same_tree, list_dir};

fn broken() -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Missing](missing.md)\n",
    );
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\ntitel = \"typo\"\n",
    );
    ed
}

#[test]
fn check_writes_nothing() {
    for ed in [Edition::fixture("features"), broken()] {
        let before = ed.tree();
        let around = list_dir(ed.tmp.path());
        ed.check(&[]).assert_no_crash();
        ed.check(&["--format", "json"]).assert_no_crash();
        ed.check(&["--strict"]).assert_no_crash();
        assert_same_tree(&before, &ed.tree(), "the edition after check");
        assert_eq!(
            list_dir(ed.tmp.path()),
            around,
            "check wrote beside the edition"
        );
        assert!(!ed.path("site").exists());
    }
}

#[test]
fn check_succeeds_on_a_good_edition() {
    let ed = Edition::fixture("features");
    let run = ed.check(&[]);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    assert!(run.stdout.contains("0 error(s)"), "{}", run.stdout);
}

#[test]
fn check_fails_on_errors() {
    broken()
        .check(&[])
        .assert_failure()
        .assert_diag("content/SUMMARY.md:6:1: error: ", &["missing.md"]);
}

#[test]
fn check_json_is_valid_and_placed() {
    let ed = broken();
    let run = ed.check(&["--format", "json"]);
    run.assert_failure();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["warnings"], 1);
    let diags = doc["diagnostics"].as_array().expect("a diagnostics array");
    let find = |severity: &str| {
        diags
            .iter()
            .find(|d| d["severity"] == severity)
            .unwrap_or_else(|| panic!("no {severity} in {diags:#?}"))
    };
    let error = find("error");
    assert_eq!(error["file"], "content/SUMMARY.md");
    assert_eq!(error["line"], 6);
    assert_eq!(error["column"], 1);
    assert!(error["message"].as_str().unwrap().contains("missing.md"));
    let warning = find("warning");
    assert_eq!(warning["file"], "book.toml");
    assert_eq!(warning["line"], 3);
    assert_eq!(warning["column"], 1);
    // Nothing but the JSON on stdout, nothing on stderr.
    assert!(run.stderr.trim().is_empty(), "{}", run.stderr);
}

#[test]
fn check_json_on_a_good_edition() {
    let ed = Edition::fixture("minimal");
    let run = ed.check(&["--format", "json"]);
    run.assert_success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["errors"], 0);
    assert_eq!(doc["pages"], 2);
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
}

#[test]
fn check_json_names_the_file_of_a_whole_file_problem() {
    let ed = Edition::fixture("minimal");
    ed.write("content/extra.md", "# Extra\n");
    let run = ed.check(&["--format", "json"]);
    run.assert_success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["file"], "content/extra.md");
    assert_eq!(d["severity"], "warning");
    assert!(d["line"].is_null());
}

#[test]
fn strict_fails_on_an_unresolved_citation() {
    let ed = Edition::fixture("minimal");
    ed.write("content/chapter.md", "# Chapter\n\nAs Article 3 says.\n");
    ed.check(&[])
        .assert_success()
        .assert_diag("content/chapter.md:3:4: warning: ", &["Article 3"]);
    let run = ed.check(&["--strict"]);
    run.assert_failure()
        .assert_diag("content/chapter.md:3:4: warning: ", &["Article 3"]);
    // It says that --strict failed it, and on which warnings.
    assert!(
        run.stderr.contains("check --strict failed: 1 warning(s) count as errors under --strict:\n  content/chapter.md:3:4: citation `Article 3` names no instrument"),
        "{}",
        run.stderr
    );
    let run = ed.check(&["--strict", "--format", "json"]);
    run.assert_failure();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["ok"], false);
}

/// `--strict` is about citations (an edition whose references must all
/// resolve): other warnings, such as an unknown book.toml key, still pass it,
/// as `glossator check --help` says.
#[test]
fn strict_is_about_citations_not_every_warning() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Minimal edition\"\ntitel = \"typo\"\n",
    );
    ed.check(&[]).assert_success();
    ed.check(&["--strict"]).assert_success();
}

/// A unit that does not exist is answered by structure: the enclosing unit
/// that does, and its parts (not the nearest string, "13(f)" for "6(1)(f)").
#[test]
fn a_missing_unit_names_its_enclosing_unit_and_parts() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "content/instruments/reg.md",
        "+++\nid = \"reg\"\ntitle = \"Regulation\"\naliases = [\"the Regulation\"]\n+++\nArticle 6\n\n1. Processing is lawful if:\n\n(a) consent;\n\n(b) contract;\n\nArticle 13\n\n(f) other.\n",
    );
    ed.write("content/SUMMARY.md", "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Regulation](instruments/reg.md)\n");
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nAs Article 6(1)(f) of the Regulation says.\n",
    );
    let run = ed.check(&[]);
    run.assert_success();
    assert!(
        run.stderr.contains("`reg/6(1)` has 2 parts, (a) to (b)"),
        "{}",
        run.stderr
    );
    // Points in the first of two subparagraphs: the points, not the
    // subparagraphs; an article it does not have: the articles it has.
    ed.write(
        "content/instruments/reg.md",
        "+++\nid = \"reg\"\ntitle = \"Regulation\"\naliases = [\"the Regulation\"]\n+++\nArticle 6\n\n1. Processing is lawful if:\n\n(a) consent;\n\n(b) contract.\n\nPoint (b) shall not apply.\n\nArticle 7\n\nOther.\n",
    );
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nAs Article 6(1)(f) of the Regulation and Article 38 of the Regulation say.\n",
    );
    let run = ed.check(&[]);
    run.assert_stderr_contains("`reg/6(1)` has 2 parts, (a) to (b)")
        .assert_stderr_contains("`reg` has 2 articles, 6 to 7");
}

/// A mistyped `instrument` in front matter is an error at its line, with the
/// line itself and the instrument meant.
#[test]
fn a_mistyped_front_matter_instrument_says_where_and_what_was_meant() {
    let ed = Edition::fixture("features");
    let text = std::fs::read_to_string(ed.path("content/commentary.md")).unwrap();
    ed.write(
        "content/commentary.md",
        text.replace("instrument = \"charter\"", "instrument = \"chartr\""),
    );
    let run = ed.check(&[]);
    run.assert_failure().assert_diag(
        "content/commentary.md:2:1: error: ",
        &["instrument = \"chartr\""],
    );
    assert!(
        run.stderr.contains("2 │ instrument = \"chartr\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `charter`?"),
        "{}",
        run.stderr
    );
}
