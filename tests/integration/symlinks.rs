//! `theme/`, `templates/`, `additional-css` and `additional-js` are confined
//! to the edition as `content/` is: a symbolic link out of it is not
//! published (an `additional-css` linked to a password file, a `theme/`
//! folder linked elsewhere), and what is skipped is said.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::util::{Edition, read_tree};

const SECRET: &str = "root:x:0:0:SECRET";

fn with_secret() -> Edition {
    let ed = Edition::fixture("minimal");
    std::fs::write(ed.tmp.path().join("secret.txt"), SECRET).unwrap();
    ed
}

fn assert_no_secret(site: &std::path::Path) {
    for (path, bytes) in read_tree(site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET"),
            "{path} holds the file outside the edition"
        );
    }
}

#[test]
fn additional_files_outside_the_edition_are_errors_at_their_line() {
    let ed = with_secret();
    symlink(ed.tmp.path().join("secret.txt"), ed.path("leak.css")).unwrap();
    ed.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[output.html]\nadditional-css = [\"leak.css\"]\n",
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_failure().assert_diag(
        "book.toml:5:19: error:",
        &["`leak.css`", "outside the edition"],
    );
    assert!(!site.exists());
    for (toml, words) in [
        (
            "additional-js = [\"missing.js\"]",
            &["cannot read `missing.js`", "additional-js"][..],
        ),
        (
            "additional-css = [\"content\"]",
            &["`content`", "not a file"][..],
        ),
        (
            "additional-css = [\"../secret.txt\"]",
            &["outside the edition"][..],
        ),
    ] {
        ed.write(
            "book.toml",
            format!("[book]\ntitle = \"T\"\n\n[output.html]\n{toml}\n"),
        );
        let run = ed.build_into(&ed.tmp.path().join("never"));
        run.assert_failure().assert_diag("book.toml:5:", words);
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
    }
}

#[test]
fn theme_and_templates_reached_through_links_stay_inside() {
    let ed = with_secret();
    // theme/ itself a link to a folder outside the edition.
    let outside = ed.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("glossator.css"), SECRET).unwrap();
    symlink(&outside, ed.path("theme")).unwrap();
    // templates/ holding links out, a dangling link and one that stays in.
    std::fs::create_dir_all(ed.path("templates")).unwrap();
    symlink(
        ed.tmp.path().join("secret.txt"),
        ed.path("templates/page.html"),
    )
    .unwrap();
    symlink(ed.tmp.path().join("gone"), ed.path("templates/gone.html")).unwrap();
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success()
        .assert_diag("theme/", &["warning", "outside the edition"])
        .assert_diag("templates/page.html", &["warning", "outside the edition"])
        .assert_diag("templates/gone.html", &["warning", "dangling"]);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert_no_secret(&site);

    // theme/ a real folder: a link inside it to a file of its own, or to
    // one elsewhere in the edition (the mdBook patterns book links
    // `theme/book.js` to `../third_party/mdbook/book.js`), is read; one to a
    // file outside the edition is skipped with a warning.
    let ed = with_secret();
    ed.write("theme/real.css", "p { color: green }");
    symlink("real.css", ed.path("theme/same.css")).unwrap();
    ed.write("third_party/book.js", "// vendored");
    symlink("../third_party/book.js", ed.path("theme/book.js")).unwrap();
    symlink(
        ed.tmp.path().join("secret.txt"),
        ed.path("theme/glossator.css"),
    )
    .unwrap();
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_diag("theme/glossator.css", &["warning", "outside the edition"]);
    assert_no_secret(&site);
    let tree = read_tree(&site);
    assert_eq!(tree["theme/same.css"], b"p { color: green }");
    assert_eq!(tree["theme/book.js"], b"// vendored");
}
