//! The same edition builds to the same bytes: into another folder, from
//! another working directory, from a copy of the edition elsewhere, and over
//! a previous build.

use std::ffi::OsStr;
use std::path::Path;

use crate::util::{Edition, assert_same_tree, copy_tree, read_tree, repo_root, run, tempdir};

#[test]
fn rebuilds_are_byte_identical() {
    let ed = Edition::fixture("features");

    // 1. Absolute paths, run from the temporary folder.
    let a = ed.out("a");
    ed.build_into(&a).assert_success();

    // 2. Relative paths, run from inside the edition (DIR defaults to `.`).
    let b = ed.out("b");
    run(&ed.root, ["build", "-d", "../b"]).assert_success();

    // 3. A copy of the edition under another name, in another folder.
    let other = tempdir();
    let copy = other.path().join("elsewhere").join("renamed");
    copy_tree(&ed.root, &copy);
    let c = other.path().join("c");
    run(
        other.path(),
        [
            OsStr::new("build"),
            copy.as_os_str(),
            OsStr::new("-d"),
            c.as_os_str(),
        ],
    )
    .assert_success();

    let tree_a = read_tree(&a);
    assert!(tree_a.len() > 10, "{:?}", tree_a.keys());
    assert_same_tree(&tree_a, &read_tree(&b), "two folders");
    assert_same_tree(&tree_a, &read_tree(&c), "a copy of the edition");

    // 4. Over the previous build.
    ed.build_into(&a).assert_success();
    assert_same_tree(&tree_a, &read_tree(&a), "a rebuild over the old site");
}

#[test]
fn the_bundled_edition_rebuilds_byte_identically() {
    let tmp = tempdir();
    let build = |edition: &Path, out: &Path| {
        run(
            tmp.path(),
            [
                OsStr::new("build"),
                edition.as_os_str(),
                OsStr::new("-d"),
                out.as_os_str(),
            ],
        )
        .assert_success();
        read_tree(out)
    };
    let first = build(repo_root(), &tmp.path().join("one"));
    let second = build(repo_root(), &tmp.path().join("two"));
    assert_same_tree(&first, &second, "the bundled edition, twice");

    // A copy: everything a build reads (templates/ and theme/ at the root are
    // read as overrides, identical to the built-in files).
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    for part in ["book.toml", "content", "templates", "theme"] {
        let from = repo_root().join(part);
        if from.is_dir() {
            copy_tree(&from, &copy.join(part));
        } else if from.is_file() {
            std::fs::copy(&from, copy.join(part)).unwrap();
        }
    }
    let third = build(&copy, &tmp.path().join("three"));
    assert_same_tree(&first, &third, "a copy of the bundled edition");
}

/// Neither the time zone, the locale nor the number of threads reaches the
/// output (docs/robustness.md, case 25).
#[test]
fn time_zone_locale_and_threads_do_not_change_the_output() {
    let ed = crate::util::Edition::fixture("features");
    let build = |name: &str, env: &[(&str, &str)]| {
        let out = ed.tmp.path().join(name);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_glossator"))
            .args(["build", "-q"])
            .arg(&ed.root)
            .arg("-d")
            .arg(&out)
            .envs(env.iter().copied())
            .status()
            .unwrap();
        assert!(status.success());
        crate::util::read_tree(&out)
    };
    let reference = build(
        "a",
        &[("TZ", "UTC"), ("LANG", "C"), ("RAYON_NUM_THREADS", "1")],
    );
    let other = build(
        "b",
        &[
            ("TZ", "Pacific/Kiritimati"),
            ("LANG", "de_DE.UTF-8"),
            ("LC_ALL", "tr_TR.UTF-8"),
            ("RAYON_NUM_THREADS", "4"),
        ],
    );
    crate::util::assert_same_tree(
        &reference,
        &other,
        "builds under another time zone, locale and thread count",
    );
}
