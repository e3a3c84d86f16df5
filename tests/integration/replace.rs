//! What a build may replace, and what it must leave: the edition's sources
//! are never an output, files glossator did not write survive a rebuild, and
//! a site edited by hand or reached through a link is rebuilt where it is.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::symlink;

use crate::util::{Edition, assert_same_tree, list_dir, read_text, read_tree, run};

/// `glossator build minimal --single-file <out>`, from the temporary folder.
fn single_file(ed: &Edition, out: &str) -> crate::util::Run {
    run(
        ed.tmp.path(),
        [
            OsStr::new("build"),
            ed.root.as_os_str(),
            OsStr::new("--single-file"),
            OsStr::new(out),
        ],
    )
}

#[test]
fn single_file_onto_a_source_is_refused() {
    let ed = Edition::fixture("minimal");
    ed.write(
        "templates/footer.html",
        "<footer>{{ book.title }}</footer>\n",
    );
    let before = ed.tree();
    for (out, what) in [
        ("minimal/content/chapter.md", "is inside the content folder"),
        ("minimal/content", "is the content folder"),
        ("minimal/book.toml", "is book.toml"),
        (
            "minimal/templates/footer.html",
            "is inside the templates folder",
        ),
        ("minimal/theme/new.html", "is inside the theme folder"),
    ] {
        single_file(&ed, out)
            .assert_failure()
            .assert_stderr_contains(&format!(
                "refusing to write the single file to {out}: it {what}"
            ));
    }
    assert_same_tree(&before, &ed.tree(), "the edition");
}

#[test]
fn single_file_replaces_only_its_own_export() {
    let ed = Edition::fixture("minimal");
    single_file(&ed, "edition.html").assert_success();
    single_file(&ed, "edition.html").assert_success();
    fs::write(ed.tmp.path().join("notes.html"), "<p>mine</p>").unwrap();
    single_file(&ed, "notes.html")
        .assert_failure()
        .assert_stderr_contains(
            "refusing to replace notes.html: it exists and is not a single file glossator wrote",
        );
    assert_eq!(read_text(ed.tmp.path(), "notes.html"), "<p>mine</p>");
}

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

/// Every folder the build reads is refused as its output, at the key's line
/// in book.toml.
#[test]
fn build_dir_onto_what_the_build_reads_is_refused() {
    for (dir, what) in [
        ("theme", "it is the theme folder"),
        ("templates", "it is the templates folder"),
        ("templates/site", "it is inside the templates folder"),
        ("extra", "it holds `extra/style.css`"),
        ("content/..", "it is the edition folder itself"),
    ] {
        let ed = Edition::fixture("minimal");
        ed.write("extra/style.css", "p {}\n");
        ed.write(
            "book.toml",
            format!("[book]\ntitle = \"M\"\n\n[output.html]\nadditional-css = [\"extra/style.css\"]\n\n[build]\nbuild-dir = \"{dir}\"\n"),
        );
        let before = ed.tree();
        ed.build()
            .assert_failure()
            .assert_diag("book.toml:8:1: error: refusing to build into", &[what]);
        assert_same_tree(&before, &ed.tree(), dir);
    }
}

#[test]
fn a_file_as_build_dir_is_refused_at_its_key() {
    let ed = Edition::fixture("minimal");
    ed.write("notes.txt", "mine");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"M\"\n\n[build]\nbuild-dir = \"notes.txt\"\n",
    );
    ed.build()
        .assert_failure()
        .assert_diag(
            "book.toml:5:1: error: refusing to build into",
            &["it is a file, not a folder"],
        )
        .assert_stderr_contains("help: set `[build] build-dir` to a folder of its own");
    assert_eq!(read_text(&ed.root, "notes.txt"), "mine");
}

/// A refused `--dest-dir` is blamed on the argument, not on book.toml.
#[test]
fn a_refused_dest_dir_names_the_argument() {
    let ed = Edition::fixture("minimal");
    let run = ed.build_into(&ed.path("theme"));
    run.assert_failure()
        .assert_diag(
            "--dest-dir: error: refusing to build into",
            &["theme folder"],
        )
        .assert_no_diag("book.toml");
}
