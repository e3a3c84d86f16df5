//! `glossator init` writes a starter edition that builds, and never writes
//! over an edition.

use std::fs;

use crate::util::{assert_same_tree, read_tree, run, tempdir};

#[test]
fn init_then_build_works() {
    let tmp = tempdir();
    run(tmp.path(), ["init", "new"]).assert_success();
    let ed = tmp.path().join("new");
    assert!(ed.join("book.toml").is_file());
    assert!(ed.join("content/SUMMARY.md").is_file());

    let check = run(&ed, ["check"]);
    check.assert_success();
    assert!(check.diag_lines().is_empty(), "{}", check.stderr);

    // From inside the edition, with every default: builds into site/.
    let build = run(&ed, ["build"]);
    build.assert_success();
    assert!(build.diag_lines().is_empty(), "{}", build.stderr);
    let site = read_tree(&ed.join("site"));
    assert!(site.contains_key(".glossator-site"));
    assert!(
        site.keys().any(|p| p.ends_with(".html")),
        "{:?}",
        site.keys()
    );
}

#[test]
fn init_in_the_current_folder() {
    let tmp = tempdir();
    run(tmp.path(), ["init"]).assert_success();
    assert!(tmp.path().join("book.toml").is_file());
    run(tmp.path(), ["build", "-q"]).assert_success();
}

#[test]
fn init_twice_refuses_and_changes_nothing() {
    let tmp = tempdir();
    run(tmp.path(), ["init", "ed"]).assert_success();
    let ed = tmp.path().join("ed");
    fs::write(
        ed.join("content/SUMMARY.md"),
        "# Summary\n\n- [Mine](mine.md)\n",
    )
    .unwrap();
    fs::write(ed.join("content/mine.md"), "# Mine\n").unwrap();
    let before = read_tree(&ed);
    run(tmp.path(), ["init", "ed"])
        .assert_failure()
        .assert_stderr_contains("already");
    assert_same_tree(&before, &read_tree(&ed), "the edition after a second init");
}

/// `init` checks for `book.toml`, then writes file after file and stops at
/// the first that exists, so a folder holding `content/SUMMARY.md` is left
/// with a new `book.toml` (after which `init` refuses: "already holds an
/// edition").
#[test]

fn init_refusing_writes_nothing() {
    let tmp = tempdir();
    let ed = tmp.path().join("ed");
    fs::create_dir_all(ed.join("content")).unwrap();
    fs::write(ed.join("content/SUMMARY.md"), "# Mine\n").unwrap();
    let before = read_tree(&ed);
    run(tmp.path(), ["init", "ed"]).assert_failure();
    assert_same_tree(&before, &read_tree(&ed), "the folder after a refused init");
}
