//! Snapshot tests: the rendered pages of a fixture edition and the
//! diagnostics of one made of mistakes, kept in `snapshots/` beside this
//! file, so that any change to the HTML glossator writes or to a
//! diagnostic's wording shows up in review as a diff. A change that is
//! meant is accepted with `INSTA_UPDATE=always cargo test --test integration
//! snapshots` (or `cargo insta review`), and the new snapshot committed with
//! it.

use crate::util::Edition;

/// The `<main>` element of a page: the part of it the edition's text makes
/// (the frame around it, the same on every page, is left out).
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html[start..].find("</main>").expect("its end") + start + "</main>".len();
    &html[start..end]
}

#[test]
fn the_features_edition_renders_as_reviewed() {
    let edition = Edition::fixture("features");
    let out = edition.out("site");
    let run = edition.build_into(&out);
    assert_eq!(run.code, Some(0), "{run:?}");
    for page in [
        "index.html",
        "commentary.html",
        "part/notes.html",
        "instruments/charter.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let name = page.trim_end_matches(".html").replace('/', "-");
        insta::assert_snapshot!(format!("features-{name}"), main_of(&html));
    }
}

#[test]
fn diagnostics_read_as_reviewed() {
    let edition = Edition::fixture("diagnostics");
    let human = edition.check(&[]);
    assert_eq!(human.code, Some(1), "{human:?}");
    insta::assert_snapshot!(
        "diagnostics-human",
        format!("{}\n{}", human.stderr, human.stdout)
    );
    let verbose = edition.check(&["-v"]);
    insta::assert_snapshot!("diagnostics-verbose", verbose.stderr);
    let json = edition.check(&["--format", "json"]);
    let root = edition.root.to_string_lossy().into_owned();
    insta::assert_snapshot!("diagnostics-json", json.stdout.replace(&root, "[edition]"));
}
