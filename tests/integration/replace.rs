//! What a build may replace, and what it must leave: files glossator did not
//! write survive a rebuild, and a site edited by hand or reached through a
//! link is rebuilt where it is.

use std::fs;
use std::os::unix::fs::symlink;

use crate::util::{Edition, list_dir, read_text, read_tree};

/// A `.git` folder and a host's `CNAME` in the site are not glossator's: the
/// next build carries them over, links and empty folders included.
#[test]
fn files_glossator_did_not_write_survive_a_rebuild() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    fs::write(site.join("CNAME"), "edition.example.org\n").unwrap();
    fs::create_dir_all(site.join(".git/refs/tags")).unwrap();
    fs::write(site.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(site.join("theme/extra.css"), "p {}\n").unwrap();
    symlink("index.html", site.join("home.html")).unwrap();
    ed.write("content/chapter.md", "# Chapter\n\nChanged.\n");
    ed.build_into(&site).assert_success();
    assert_eq!(read_text(&site, "CNAME"), "edition.example.org\n");
    assert_eq!(read_text(&site, ".git/HEAD"), "ref: refs/heads/main\n");
    assert!(site.join(".git/refs/tags").is_dir());
    assert_eq!(read_text(&site, "theme/extra.css"), "p {}\n");
    assert_eq!(
        fs::read_link(site.join("home.html")).unwrap(),
        std::path::Path::new("index.html")
    );
    assert!(read_text(&site, "chapter.html").contains("Changed."));
    assert_eq!(list_dir(ed.tmp.path()), ["minimal", "site"]);
}

/// A file of someone else's where the build now writes a page is refused, not
/// overwritten.
#[test]
fn a_foreign_file_in_the_way_of_a_page_is_refused() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    fs::write(site.join("new.html"), "mine").unwrap();
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [Chapter](chapter.md)\n- [New](new.md)\n",
    );
    ed.write("content/new.md", "# New\n");
    ed.build_into(&site)
        .assert_failure()
        .assert_stderr_contains("glossator did not write `new.html` there");
    assert_eq!(read_text(&site, "new.html"), "mine");
}

/// A folder named like a staging folder but without the marker is somebody
/// else's: the build refuses to remove it. (The name the old site is moved
/// to is only needed where the folders cannot be exchanged; a build that
/// needs it refuses the same way.)
#[test]
fn an_unmarked_folder_with_a_staging_name_is_not_removed() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    for name in [".site.glossator-new", ".site.glossator-old"] {
        let dir = ed.tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("precious.txt"), "keep").unwrap();
        let run = ed.build_into(&site);
        if name.ends_with("new") || run.code != Some(0) {
            run.assert_failure()
                .assert_stderr_contains(&format!("refusing to remove {}", dir.display()));
        }
        assert_eq!(read_text(&dir, "precious.txt"), "keep");
        fs::remove_dir_all(&dir).unwrap();
    }
}

/// A page edited by hand in the site is written again, not hard-linked into
/// the new site because the manifest says its bytes were unchanged.
#[test]
fn a_hand_edited_page_is_rebuilt() {
    let ed = Edition::fixture("minimal");
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let built = read_text(&site, "chapter.html");
    fs::write(
        site.join("chapter.html"),
        built.replace("<body", "<body data-hand"),
    )
    .unwrap();
    ed.build_into(&site).assert_success();
    assert_eq!(read_text(&site, "chapter.html"), built);
}

/// A site reached through a symbolic link (a deploy link) stays a link: the
/// site is replaced where the link points.
#[test]
fn a_linked_site_folder_stays_a_link() {
    let ed = Edition::fixture("minimal");
    let real = ed.tmp.path().join("www/site");
    fs::create_dir_all(&real).unwrap();
    let site = ed.out("site");
    symlink(&real, &site).unwrap();
    ed.build_into(&site).assert_success();
    ed.write("content/chapter.md", "# Chapter\n\nChanged.\n");
    ed.build_into(&site).assert_success();
    assert!(
        fs::symlink_metadata(&site)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read_text(&real, "chapter.html").contains("Changed."));
    assert_eq!(list_dir(real.parent().unwrap()), ["site"]);
    assert_eq!(read_tree(&site), read_tree(&real));
}
