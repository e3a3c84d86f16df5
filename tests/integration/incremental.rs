//! `serve` rebuilds with a cache of parsed files and rendered pages; these
//! tests hold it to its promise: after any edit, a cached rebuild gives the
//! same site and the same diagnostics as a fresh build, byte for byte, and
//! re-renders only what the edit can have changed.
//!
//! The named edits cover each kind of dependency between pages (note and
//! paragraph numbers, citations and "Cited in" lists, previews, navigation,
//! abbreviations, cross-references, configuration, templates, pages added and
//! removed, a broken build). Random edits then look for dependencies nobody
//! thought of: `GLOSSATOR_INCREMENTAL_STEPS` runs more of them.
//!
//! The caches run in verify mode ([`Cache::verifying`]): every result one
//! hands back is made again and compared, so a key that misses an input
//! fails the rebuild with an internal error naming the step and the page,
//! even where the stale result happens to render the same site.

use crate::support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use glossator::{Cache, Compiled, compile, recompile};

/// A copy of the bundled edition in a temporary folder.
fn edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = support::root();
    fs::copy(root.join("book.toml"), dir.path().join("book.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&root).unwrap();
        if rel.starts_with("content/_source") {
            continue;
        }
        let to = dir.path().join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

fn diagnostics(c: &Compiled) -> Vec<String> {
    c.diags.iter().map(|d| c.map.render(d)).collect()
}

/// Rebuilds with the cache and from scratch, and asserts both agree.
fn assert_same(dir: &Path, cache: &mut Cache, what: &str) -> Compiled {
    let cached = recompile(dir, cache);
    let fresh = compile(dir, None);
    assert_eq!(
        diagnostics(&cached),
        diagnostics(&fresh),
        "after {what}: the diagnostics differ"
    );
    match (&cached.output, &fresh.output) {
        (Some(a), Some(b)) => {
            let differ: BTreeSet<&String> = a
                .files
                .keys()
                .chain(b.files.keys())
                .filter(|p| a.files.get(*p) != b.files.get(*p))
                .collect();
            assert!(
                differ.is_empty(),
                "after {what}: the cached rebuild differs from a fresh build in {differ:?}"
            );
        }
        (None, None) => {}
        (a, b) => panic!(
            "after {what}: cached build {} but fresh build {}",
            if a.is_some() { "succeeded" } else { "failed" },
            if b.is_some() { "succeeded" } else { "failed" },
        ),
    }
    cached
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_cached_rebuild_equals_a_fresh_build_after_every_kind_of_edit() {
    let dir = edition();
    let d = dir.path();
    let mut cache = Cache::verifying();
    let first = assert_same(d, &mut cache, "the first build");
    assert_eq!(first.stats.reused, 0, "nothing to reuse in a first build");
    let pages = first.stats.pages;

    let unchanged = assert_same(d, &mut cache, "no edit at all");
    assert_eq!(
        unchanged.stats.reused, pages,
        "an unchanged edition re-renders nothing"
    );

    edit(
        d,
        "content/introduction.md",
        "immediate and pressing",
        "immediate and urgent",
    );
    let one_word = assert_same(d, &mut cache, "a word changed in one chapter");
    assert_eq!(
        one_word.stats.reused,
        pages - 1,
        "a word changed in one chapter re-renders that chapter alone"
    );

    let steps: &[(&str, &str, &str, &str)] = &[
        (
            "a work's title changed in the bibliography",
            "content/works.bib",
            "The Perverse Politics of Four-Letter Words",
            "The Perverse Politics of Four Letter Words",
        ),
        (
            "the citation style changed",
            "book.toml",
            "citation-style = \"chicago-notes\"",
            "citation-style = \"oscola\"",
        ),
        (
            "a note added (every later note renumbered)",
            "content/introduction.md",
            "the IOM as an organisation with a global leading role in the field of migration.",
            "the IOM as an organisation with a global leading role in the field of migration.[^new]\n\n[^new]: A note added while editing.",
        ),
        (
            "a paragraph added (every later paragraph renumbered)",
            "content/introduction.md",
            "# Introduction\n",
            "# Introduction\n\nA paragraph added at the top.\n",
        ),
        (
            "an article's text changed (its previews and its page)",
            "content/instruments/un-charter.md",
            "## Article 103\n",
            "## Article 103\n\nAn added sentence of Article 103.\n",
        ),
        (
            "the text of a clause that chapters discuss changed (their clause panels)",
            "content/instruments/un-iom-agreement.md",
            "## Article 1\n",
            "## Article 1\n\nThe text of Article 1, added.\n",
        ),
        (
            "a citation added (a \"Cited in\" list grows)",
            "content/what-is-the-iom.md",
            "[^6]: Initially",
            "[^6]: See Article 103 of the UN Charter. Initially",
        ),
        (
            "a citation of an article the edition does not have",
            "content/what-is-the-iom.md",
            "[^7]: <https://www.iom.int/mission>",
            "[^7]: Compare Article 998 of the UN Charter. <https://www.iom.int/mission>",
        ),
        (
            "that article added to its instrument (the citing chapter unchanged)",
            "content/instruments/un-charter.md",
            "## Article 103\n",
            "## Article 998\n\nAn article added while editing.\n\n## Article 103\n",
        ),
        (
            "a \"see above\" naming a heading nobody wrote yet",
            "content/what-is-the-iom.md",
            "[^8]: Universal",
            "[^8]: (see above, *A Heading Yet To Come*) Universal",
        ),
        (
            "that heading written in another chapter (the referring chapter unchanged)",
            "content/introduction.md",
            "# Introduction\n",
            "# Introduction\n\n## A Heading Yet To Come\n",
        ),
        (
            "a chapter retitled in the summary (its neighbours' links)",
            "content/SUMMARY.md",
            "- [What is the IOM?](what-is-the-iom.md)",
            "- [What is IOM?](what-is-the-iom.md)",
        ),
        (
            "an abbreviation's expansion changed",
            "content/abbreviations.md",
            ": Committee against Torture",
            ": The Committee against Torture",
        ),
        (
            "a heading that \"see above\" names renamed",
            "content/ioms-status-within-the-un.md",
            "# IOM's Status within the UN",
            "# IOM's Standing within the UN",
        ),
        (
            "the edition's title changed in book.toml",
            "book.toml",
            "title = \"IOM and the UN: Unfinished Business\"",
            "title = \"IOM and the UN\"",
        ),
        (
            "a front matter broken (the build fails)",
            "content/introduction.md",
            "title = \"Introduction\"",
            "title = ",
        ),
        (
            "the front matter mended",
            "content/introduction.md",
            "title = \n",
            "title = \"Introduction, again\"\n",
        ),
    ];
    for (what, file, from, to) in steps {
        edit(d, file, from, to);
        assert_same(d, &mut cache, what);
    }

    fs::create_dir_all(d.join("templates")).unwrap();
    let page = fs::read_to_string(support::root().join("templates/page.html")).unwrap();
    fs::write(
        d.join("templates/page.html"),
        page.replacen("</article>", "<p>Draft.</p></article>", 1),
    )
    .unwrap();
    let template = assert_same(d, &mut cache, "a template overridden");
    assert_eq!(
        template.stats.reused, 0,
        "a template change re-renders every page"
    );
    edit(
        d,
        "templates/page.html",
        "<p>Draft.</p>",
        "<p>{{ broken </p>",
    );
    let broken = assert_same(d, &mut cache, "a template broken");
    assert!(broken.output.is_none(), "a broken template fails the build");
    edit(
        d,
        "templates/page.html",
        "<p>{{ broken </p>",
        "<p>Draft again.</p>",
    );
    assert_same(d, &mut cache, "the template mended");

    fs::write(
        d.join("content/added.md"),
        "+++\nclause = \"un-charter/103\"\n+++\n# Added\n\nA new chapter on a clause it does not cite.\n",
    )
    .unwrap();
    edit(
        d,
        "content/SUMMARY.md",
        "- [Annex 1:",
        "- [Added](added.md)\n- [Annex 1:",
    );
    assert_same(d, &mut cache, "a chapter added");
    edit(
        d,
        "content/instruments/un-charter.md",
        "An added sentence of Article 103.",
        "A changed sentence of Article 103.",
    );
    assert_same(d, &mut cache, "the clause beside a chapter changed");
    edit(d, "content/SUMMARY.md", "- [Added](added.md)\n", "");
    fs::remove_file(d.join("content/added.md")).unwrap();
    assert_same(d, &mut cache, "a chapter removed");
}

/// Random text inserted at random places of random files, compared after
/// each insertion. The pieces are the syntax that links pages to each other.
#[test]
fn a_cached_rebuild_equals_a_fresh_build_after_random_edits() {
    const PIECES: &[&str] = &[
        " word",
        "\n\nA new paragraph.\n\n",
        "[^3]",
        "[^77]",
        "\n\n[^zz]: A new note.\n\n",
        " Article 103 of the UN Charter",
        " Art. 1(3)",
        " article 2(3) of the agreement",
        " see footnote 28",
        " (see Annex 1)",
        " CAT",
        "\n\n## A new heading\n\n",
        "\n\n## Article 999\n\nA new article.\n\n",
        "\n\n1. A new numbered paragraph.\n\n",
        "*",
        "[link](introduction.md)",
        "\n\n```compare\nun-charter/103\nun-charter/1(3)\n```\n\n",
    ];
    let steps: usize = std::env::var("GLOSSATOR_INCREMENTAL_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let dir = edition();
    let d = dir.path();
    let files: Vec<String> = walkdir::WalkDir::new(d.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(d)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut cache = Cache::verifying();
    assert_same(d, &mut cache, "the first build");
    // A fixed seed: a failure names the step, and the same run repeats it.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..steps {
        let file = &files[next(files.len())];
        let piece = PIECES[next(PIECES.len())];
        let path = d.join(file);
        let mut text = fs::read_to_string(&path).unwrap();
        let mut at = next(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, piece);
        fs::write(&path, text).unwrap();
        assert_same(
            d,
            &mut cache,
            &format!("step {step}: {piece:?} inserted into {file} at byte {at}"),
        );
    }
    support::report(&format!(
        "incremental: {steps} random edits, each cached rebuild byte-identical to a fresh build"
    ));
}
