//! A build that fails writes nothing: the previous site stays byte for byte
//! as it was, and no staging folder is left beside it.

use std::fs;

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;

use crate::util::{Edition, assert_same_tree, list_dir, read_tree, run_via};

/// Builds `minimal`, breaks it with `break_it`, builds again and checks that
/// the failure left the first site untouched.
fn failed_build_leaves_the_site(break_it: impl FnOnce(&Edition), expected_diag: &str) {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let before = read_tree(&site);
    assert!(before.contains_key("index.html") && before.contains_key(".glossator-site"));
    let around_before = list_dir(ed.tmp.path());

    break_it(&ed);
    let run = ed.build_into(&site);
    run.assert_failure().assert_diag(expected_diag, &[]);
    run.assert_stderr_contains("nothing was written");

    assert_same_tree(&before, &read_tree(&site), "the site after a failed build");
    assert_eq!(
        list_dir(ed.tmp.path()),
        around_before,
        "a failed build left something beside the site"
    );
    assert!(
        !list_dir(ed.tmp.path())
            .iter()
            .any(|n| n.contains(".glossator")),
        "staging folder left behind"
    );
}

#[test]
fn a_summary_entry_to_a_missing_file_leaves_the_old_site() {
    failed_build_leaves_the_site(
        |ed| {
            ed.write(
                "content/SUMMARY.md",
                "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [Gone](gone.md)\n",
            );
        },
        "content/SUMMARY.md:6:1: error: `gone.md` does not exist",
    );
}

#[test]
fn a_deleted_chapter_leaves_the_old_site() {
    failed_build_leaves_the_site(
        |ed| {
            ed.remove("content/chapter.md");
        },
        "content/SUMMARY.md:5:1: error: `chapter.md` does not exist",
    );
}

#[test]
fn a_template_error_leaves_the_old_site() {
    failed_build_leaves_the_site(
        |ed| {
            ed.write(
                "templates/footer.html",
                "<footer>\n{{ book.title </footer>\n",
            );
        },
        "templates/footer.html:2:",
    );
}

#[test]
fn a_good_build_after_a_failed_one_replaces_the_site() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let first = read_tree(&site);
    let summary = fs::read(ed.path("content/SUMMARY.md")).unwrap();
    ed.write("content/SUMMARY.md", "- [Gone](gone.md)\n");
    ed.build_into(&site).assert_failure();
    ed.write("content/SUMMARY.md", &summary);
    ed.write("content/chapter.md", "# Chapter\n\nChanged.\n");
    ed.build_into(&site).assert_success();
    let second = read_tree(&site);
    assert_ne!(first["chapter.html"], second["chapter.html"]);
    assert_eq!(first["index.html"], second["index.html"]);
    assert_eq!(list_dir(ed.tmp.path()), ["minimal", "site"]);
}

/// A full disk part-way through writing: the new site is abandoned, the old
/// one stays, nothing is left beside it. Needs a small tmpfs, which only root
/// can mount; elsewhere the test says so and passes.
#[test]
fn a_full_disk_leaves_the_old_site() {
    let ed = Edition::fixture("minimal");
    let disk = ed.tmp.path().join("disk");
    fs::create_dir_all(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=600k", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipping: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let site = disk.join("site");
    ed.build_into(&site).assert_success();
    let before = read_tree(&site);
    // A new image too big for what is left of the disk.
    ed.write("content/big.png", vec![7u8; 700 * 1024]);
    let run = ed.build_into(&site);
    run.assert_failure();
    run.assert_stderr_contains("cannot write");
    assert_same_tree(
        &before,
        &read_tree(&site),
        "the site after the disk filled up",
    );
    assert_eq!(
        list_dir(&disk),
        vec!["site".to_string()],
        "nothing left beside the site"
    );
}

/// A site folder made read-only is not replaced, even by root (who could):
/// the build says so and the site stays as it was (docs/robustness.md, case 20).
#[test]
fn a_read_only_site_folder_is_left_alone() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let before = read_tree(&site);
    fs::set_permissions(&site, fs::Permissions::from_mode(0o555)).unwrap();
    ed.write("content/chapter.md", "# Chapter\n\nChanged.\n");
    let run = ed.build_into(&site);
    fs::set_permissions(&site, fs::Permissions::from_mode(0o755)).unwrap();
    run.assert_failure().assert_stderr_contains("is read-only");
    assert_same_tree(&before, &read_tree(&site), "the read-only site");
    assert_eq!(list_dir(ed.tmp.path()), ["minimal", "site"]);
}

/// An output folder whose parent the user may not write to: a clear error
/// naming the folder, and the site as it was. Permissions do not bind root,
/// so as root the build runs as `nobody` through `setpriv` (util-linux).
#[test]
fn an_unwritable_output_location_is_a_clear_error() {
    let ed = Edition::fixture("minimal");
    let public = ed.tmp.path().join("public");
    let site = public.join("site");
    ed.build_into(&site).assert_success();
    let before = read_tree(&site);
    let Some(wrapper) = crate::util::unprivileged(&ed) else {
        return;
    };
    let wrapper: Vec<&OsStr> = wrapper.iter().map(|w| w.as_os_str()).collect();
    fs::set_permissions(&public, fs::Permissions::from_mode(0o555)).unwrap();
    ed.write("content/chapter.md", "# Chapter\n\nChanged.\n");
    let run = run_via(
        &wrapper,
        ed.tmp.path(),
        [
            OsStr::new("build"),
            ed.root.as_os_str(),
            OsStr::new("-d"),
            site.as_os_str(),
        ],
    );
    fs::set_permissions(&public, fs::Permissions::from_mode(0o755)).unwrap();
    run.assert_no_crash().assert_failure();
    run.assert_stderr_contains("Permission denied");
    run.assert_stderr_contains(&public.display().to_string());
    assert_same_tree(
        &before,
        &read_tree(&site),
        "the site in an unwritable folder",
    );
    assert_eq!(list_dir(&public), ["site"]);
}

/// `minimal` with `n` more chapters: enough files that two builds writing at
/// once overlap.
fn with_chapters(n: usize) -> Edition {
    let ed = Edition::fixture("minimal");
    let mut summary =
        String::from("# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n");
    for i in 0..n {
        summary.push_str(&format!("- [Chapter {i}](c{i}.md)\n"));
        ed.write(
            &format!("content/c{i}.md"),
            format!("# Chapter {i}\n\nText {i}.\n"),
        );
    }
    ed.write("content/SUMMARY.md", summary);
    ed
}

/// Builds started at once into one folder take turns: each exits 0 and the
/// site left is complete. Without a lock each cleared the other's staging
/// folder, and one published a gutted site with exit 0.
#[test]
fn concurrent_builds_into_one_folder_take_turns() {
    let ed = with_chapters(300);
    let alone = ed.out("alone");
    ed.build_into(&alone).assert_success();
    let expected = read_tree(&alone).len();
    let site = ed.out("site");
    for round in 0..3 {
        let runs: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| ed.build_into(&site))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in &runs {
            run.assert_success();
            for line in run.stderr.lines() {
                assert_eq!(
                    line,
                    format!("waiting for another build of {} to finish", site.display()),
                    "round {round}"
                );
            }
        }
        assert_eq!(
            read_tree(&site).len(),
            expected,
            "round {round}: files in the site"
        );
        assert_eq!(
            list_dir(ed.tmp.path()),
            ["alone", "minimal", "site"],
            "round {round}"
        );
    }
}

/// The site's path names a complete site at every moment of a rebuild: the
/// folders are exchanged in one step, not renamed one after the other (a
/// build killed between two renames left no site at all).
#[test]
fn the_site_never_goes_missing_during_a_swap() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let missing = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            let mut missing = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if !site.join(".glossator-site").exists() {
                    missing += 1;
                }
            }
            missing
        });
        for i in 0..20 {
            ed.write("content/chapter.md", format!("# Chapter\n\nEdit {i}.\n"));
            ed.build_into(&site).assert_success();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        watcher.join().unwrap()
    });
    assert_eq!(missing, 0, "times the site was found missing");
}
