//! Works cited (`tests/editions/works`: a BibTeX bibliography formatted by
//! Chicago's notes and bibliography style): each of Pandoc's citation forms
//! and the `cite:` link resolves with its locator, an address or code is
//! never a citation, the authors' notes keep their numbers, unknown keys are
//! diagnosed at their file, line and column, the Bibliography lists only the
//! works cited with every citing place, and the style's output matches that
//! of another CSL processor (citeproc-js) for two works in two styles.

use crate::util::{Edition, read_text, strip_tags};

/// The fixture built, with no diagnostic about its content.
fn built() -> (Edition, std::path::PathBuf) {
    let ed = Edition::fixture("works");
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    (ed, site)
}

/// The citation with id `anchor` on a page: its words (tags stripped) and
/// the entries it links to.
fn citation(html: &str, anchor: &str) -> (String, Vec<String>) {
    let open = format!("<span class=\"work-cite\" id=\"{anchor}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no citation {anchor} in {html}"));
    let rest = &html[start + open.len()..];
    let inner = &rest[..rest.find("</span>").expect("the citation closes")];
    let links = inner
        .split("<a href=\"bibliography.html#")
        .skip(1)
        .map(|l| l.split('"').next().unwrap_or("").to_string())
        .collect();
    (strip_tags(inner), links)
}

#[test]
fn each_citation_form_resolves_with_its_locator() {
    let (_ed, site) = built();
    let html = read_text(&site, "commentary.html");
    // [@aradau2004, 257] in prose: the full note form, the locator a page.
    let (words, to) = citation(&html, "work-1");
    assert!(
        words.starts_with("Claudia Aradau, “The Perverse Politics")
            && words.contains("(2004): 257"),
        "{words}"
    );
    assert_eq!(to, ["work-aradau2004"]);
    // The style's full stop gives way to the author's after the citation.
    assert!(
        words.ends_with("https://doi.org/10.1177/03058298040330020101"),
        "{words}"
    );
    // The link form keeps the authors' words.
    assert!(html.contains(
        "<a class=\"cite work-cite\" id=\"work-2\" href=\"bibliography.html#work-guild2017\" data-unit=\"work/guild2017\">Guild and Grant</a>"
    ), "{html}");
    // @brownlie2008 [p. 12] in a note.
    let (words, to) = citation(&html, "work-3");
    assert_eq!(
        words,
        "Ian Brownlie, Principles of Public International Law, 7th ed. (Oxford University Press, 2008), 12."
    );
    assert_eq!(to, ["work-brownlie2008"]);
    // [@aradau2004, para 4; @guild2017]: two works, each its own link, each
    // in full: the first note to cite them (a note style's sequence is its
    // notes'; the body text's citation and the link stand apart).
    let (words, to) = citation(&html, "work-4");
    assert!(
        words.starts_with("Claudia Aradau, “The Perverse Politics")
            && words.contains("(2004): para. 4")
            && words.contains("; Elspeth Guild and Stefanie Grant, “Migration Governance in the UN,” in Research Handbook"),
        "{words}"
    );
    assert_eq!(to, ["work-aradau2004", "work-guild2017"]);
    // [See @andrijasevic2010, 146–48]: the prefix kept.
    let (words, _) = citation(&html, "work-5");
    assert!(
        words.starts_with("See Rutvica Andrijasevic and William Walters,")
            && words.ends_with("(2010): 146–48"),
        "{words}"
    );
    // In a later chapter's text, in full again; in its note, the short form
    // of a work a note cited before.
    let later = read_text(&site, "later.html");
    let (words, _) = citation(&later, "work-1");
    assert_eq!(
        words,
        "Ian Brownlie, Principles of Public International Law, 7th ed. (Oxford University Press, 2008), chap. 3"
    );
    let (words, _) = citation(&later, "work-2");
    assert_eq!(
        words,
        "Brownlie, Principles of Public International Law, 15"
    );
}

#[test]
fn addresses_and_code_are_never_citations_and_notes_keep_their_numbers() {
    let (_ed, site) = built();
    let html = read_text(&site, "commentary.html");
    assert!(
        html.contains(
            "Write to editors@example.org, and never read <code>@brownlie2008</code> in code."
        ),
        "{html}"
    );
    // The authors' two notes, numbered as they are: no note is added.
    assert!(
        html.contains("<li id=\"fn-1\" value=\"1\">")
            && html.contains("<li id=\"fn-2\" value=\"2\">")
    );
    assert!(!html.contains("id=\"fn-3\""));
    // Every citation in a note is inside it.
    let notes = &html[html.find("<section class=\"footnotes\"").expect("notes")..];
    for anchor in ["work-3", "work-4", "work-5"] {
        assert!(notes.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
}

#[test]
fn the_bibliography_lists_every_work_cited_with_every_citing_place() {
    let (_ed, site) = built();
    let page = read_text(&site, "bibliography.html");
    // Only the works cited, in the style's order (by author).
    let order: Vec<usize> = [
        "andrijasevic2010",
        "aradau2004",
        "brownlie2008",
        "guild2017",
    ]
    .iter()
    .map(|k| {
        page.find(&format!("id=\"work-{k}\""))
            .unwrap_or_else(|| panic!("{k}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!page.contains("uncited2020") && !page.contains("Nobody Cites"));
    assert!(page.contains(
        "<p class=\"work-reference\">Brownlie, Ian. <i>Principles of Public International Law</i>. 7th ed. Oxford University Press, 2008.</p>"
    ), "{page}");
    for place in [
        "<a href=\"commentary.html#work-1\">Detention and its critics</a>, para 1, at 257; <a href=\"commentary.html#work-4\">Detention and its critics</a>, note 1, at para 4</p>",
        "<a href=\"commentary.html#work-3\">Detention and its critics</a>, note 1, at p. 12; <a href=\"later.html#work-1\">Later works</a>, para 4, at ch. 3; <a href=\"later.html#work-2\">Later works</a>, note 3, at 15</p>",
        "<a href=\"commentary.html#work-2\">Detention and its critics</a>, para 2; <a href=\"commentary.html#work-4\">Detention and its critics</a>, note 1</p>",
        "<a href=\"commentary.html#work-5\">Detention and its critics</a>, note 2, at 146–48</p>",
    ] {
        assert!(page.contains(place), "{place} in {page}");
    }
    // Zotero's COinS, one per work.
    assert_eq!(
        page.matches("<span class=\"Z3988\" title=\"ctx_ver=Z39%2E88%2D2004&amp;")
            .count(),
        4
    );
    assert!(page.contains("rft.btitle=Principles%20of%20Public%20International%20Law&amp;rft.aulast=Brownlie&amp;rft.aufirst=Ian&amp;rft.date=2008"), "{page}");
    // And a `citation_reference` tag for each in the head.
    assert!(page.contains("<meta name=\"citation_reference\" content=\"citation_title=Principles of Public International Law; citation_author=Brownlie, Ian; citation_publication_date=2008; citation_publisher=Oxford University Press\">"), "{page}");
    assert_eq!(page.matches("name=\"citation_reference\"").count(), 4);
    // In the contents; the bibliography file itself is not published.
    assert!(read_text(&site, "toc.js").contains("bibliography.html"));
    assert!(!site.join("works.bib").exists());
}

#[test]
fn unknown_keys_are_diagnosed_at_their_line_and_column_with_the_nearest_key() {
    let ed = Edition::fixture("works");
    ed.write(
        "content/later.md",
        "# Later works\n\nAgain, [@brownlee2008, ch. 3], and [the IOM](cite:andrijasevic2001).\n\nAs @aradau2005 says; but @UNHCR is a handle.\n",
    );
    let run = ed.check(&[]);
    run.assert_failure()
        .assert_diag(
            "content/later.md:3:10: error: ",
            &["`@brownlee2008` is no work of the bibliography"],
        )
        .assert_diag(
            "content/later.md:3:36: error: ",
            &["`cite:andrijasevic2001`"],
        )
        .assert_diag(
            "content/later.md:5:5: warning: ",
            &["`@aradau2005`", "left as text"],
        )
        .assert_stderr_contains("did you mean `brownlie2008`?")
        .assert_stderr_contains("did you mean `andrijasevic2010`?")
        .assert_stderr_contains("did you mean `aradau2004`?");
    // A handle that is no key and near none is only text.
    assert_eq!(run.diag_lines().len(), 3, "{}", run.describe());
}

#[test]
fn a_bad_bibliography_or_style_is_an_error_at_its_place() {
    let ed = Edition::fixture("works");
    ed.write(
        "content/works.bib",
        "@book{a,\n  title = {A},\n  year = {2000}\n\n@book{b, title = {B}}\n",
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag("content/works.bib:", &["does not read as BibTeX"]);
    let ed = Edition::fixture("works");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        toml.replace("\"chicago-notes\"", "\"chicago-note\""),
    );
    ed.check(&[])
        .assert_failure()
        .assert_diag(
            "book.toml:9:18: error: ",
            &["`chicago-note` is not a citation style glossator bundles"],
        )
        .assert_stderr_contains("did you mean `chicago-notes`?");
    ed.write(
        "book.toml",
        toml.replace("\"works.bib\"", "\"missing.bib\""),
    );
    ed.check(&[]).assert_failure().assert_diag(
        "book.toml:8:16: error: ",
        &["the bibliography `content/missing.bib` does not exist"],
    );
}

#[test]
fn without_a_bibliography_a_cite_link_is_an_error_and_brackets_are_text() {
    let ed = Edition::fixture("works");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        toml.replace(
            "bibliography = \"works.bib\"\ncitation-style = \"chicago-notes\"\n",
            "",
        ),
    );
    ed.check(&[]).assert_failure().assert_diag(
        "content/commentary.md:5:44: error: ",
        &["`cite:guild2017` cites a work, but the edition has no bibliography"],
    );
    ed.write(
        "content/commentary.md",
        "# Detention and its critics\n\nAs [@aradau2004, 257] says.\n",
    );
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    assert!(read_text(&site, "commentary.html").contains("As [@aradau2004, 257] says."));
    assert!(!site.join("bibliography.html").exists());
}

/// Two works as CSL-JSON, the input the reference rendering below was made
/// from.
const CSL_JSON: &str = r#"[
  {"id": "brownlie2008", "type": "book", "title": "Principles of Public International Law",
   "author": [{"family": "Brownlie", "given": "Ian"}], "edition": "7",
   "publisher": "Oxford University Press", "publisher-place": "Oxford",
   "issued": {"date-parts": [[2008]]}},
  {"id": "aradau2004", "type": "article-journal",
   "title": "The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking",
   "author": [{"family": "Aradau", "given": "Claudia"}],
   "container-title": "Millennium: Journal of International Studies",
   "volume": "33", "issue": "2", "page": "251-277", "issued": {"date-parts": [[2004]]}}
]"#;

/// The fixture with `CSL_JSON` as its bibliography, in `style`, citing each
/// work once in a note of its own with a page: the site.
fn two_works(style: &str) -> (Edition, std::path::PathBuf) {
    let ed = two_works_edition(style);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    (ed, site)
}

/// That edition, not built.
fn two_works_edition(style: &str) -> Edition {
    let ed = Edition::fixture("works");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        toml.replace("\"works.bib\"", "\"works.json\"")
            .replace("\"chicago-notes\"", &format!("{style:?}")),
    );
    ed.write("content/works.json", CSL_JSON);
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n- [Two works](commentary.md)\n",
    );
    ed.remove("content/later.md");
    ed.write(
        "content/commentary.md",
        "# Two works\n\nFirst.[^1] Second.[^2]\n\n[^1]: [@brownlie2008, 12]\n\n[^2]: [@aradau2004, 257]\n",
    );
    ed
}

/// Each entry of the Bibliography, tags stripped, in order.
fn entries(page: &str) -> Vec<String> {
    page.split("<p class=\"work-reference\">")
        .skip(1)
        .map(|e| strip_tags(&e[..e.find("</p>").unwrap_or(e.len())]))
        .collect()
}

// The expected strings below were made once with citeproc-js 2.4.63 (npm
// package `citeproc`), from `CSL_JSON`, with the styles and the en-US locale
// as hayagriva 0.10.1 bundles them (its `archive`, written out as CSL XML),
// text output, each work cited in a note of its own (noteIndex 1 and 2) with
// the page given here; the bibliography from `makeBibliography()`. So two CSL
// processors agree on the same style and the same data.

#[test]
fn chicago_notes_output_matches_citeproc_js() {
    let (_ed, site) = two_works("chicago-notes");
    let html = read_text(&site, "commentary.html");
    assert_eq!(
        citation(&html, "work-1").0,
        "Ian Brownlie, Principles of Public International Law, 7th ed. (Oxford University Press, 2008), 12."
    );
    assert_eq!(
        citation(&html, "work-2").0,
        "Claudia Aradau, “The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking,” Millennium: Journal of International Studies 33, no. 2 (2004): 257."
    );
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Aradau, Claudia. “The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking.” Millennium: Journal of International Studies 33, no. 2 (2004): 251–77.",
            "Brownlie, Ian. Principles of Public International Law. 7th ed. Oxford University Press, 2008.",
        ]
    );
}

#[test]
fn apa_output_matches_citeproc_js() {
    let (_ed, site) = two_works("apa");
    let html = read_text(&site, "commentary.html");
    assert_eq!(citation(&html, "work-1").0, "(Brownlie, 2008, p. 12)");
    assert_eq!(citation(&html, "work-2").0, "(Aradau, 2004, p. 257)");
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Aradau, C. (2004). The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking. Millennium: Journal of International Studies, 33(2), 251–277.",
            "Brownlie, I. (2008). Principles of Public International Law (7th ed.). Oxford University Press.",
        ]
    );
}

/// An edited book (`@collection`) and a chapter of one (`@incollection`),
/// as Zotero exports them, the input of the reference rendering below.
const EDITED_BOOKS: &str = r"@collection{venturas2015,
  editor    = {Venturas, Lina},
  title     = {International Migration Management in the Early Cold War},
  publisher = {University of the Peloponnese},
  address   = {Corinth},
  year      = {2015},
}

@incollection{guild2017,
  author    = {Guild, Elspeth and Grant, Stefanie},
  title     = {Migration Governance in the {UN}},
  booktitle = {Research Handbook on International Law and Migration},
  editor    = {Chetail, Vincent and Bauloz, Céline},
  publisher = {Edward Elgar},
  address   = {Cheltenham},
  year      = {2017},
  pages     = {70--90},
}
";

/// The fixture with `bib` as its BibTeX bibliography and `commentary` as
/// its one chapter, in `style`: the site.
fn with_bibtex(style: &str, bib: &str, commentary: &str) -> (Edition, std::path::PathBuf) {
    let ed = two_works_edition(style);
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write("book.toml", toml.replace("\"works.json\"", "\"works.bib\""));
    ed.write("content/works.bib", bib);
    ed.write("content/commentary.md", commentary);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    (ed, site)
}

/// The fixture citing `EDITED_BOOKS` in `style`, each work in a note of its
/// own: the site.
fn edited_books(style: &str) -> (Edition, std::path::PathBuf) {
    with_bibtex(
        style,
        EDITED_BOOKS,
        "# Two works\n\nFirst.[^1] Second.[^2]\n\n[^1]: [@venturas2015]\n\n[^2]: [@guild2017]\n",
    )
}

// Made with citeproc-js as above, from the same works as CSL-JSON (Zotero's
// `book` with an editor, and `chapter`): the editor of a book without an
// author stands in the author's place, in the author's form, with "ed.";
// the chapter's book is named once; an edited book is a book, not APA's
// "[Archival collection]".

#[test]
fn edited_books_and_their_chapters_match_citeproc_js() {
    let (_ed, site) = edited_books("chicago-notes");
    let html = read_text(&site, "commentary.html");
    assert_eq!(
        citation(&html, "work-1").0,
        "Lina Venturas, ed., International Migration Management in the Early Cold War (University of the Peloponnese, 2015)."
    );
    assert_eq!(
        citation(&html, "work-2").0,
        "Elspeth Guild and Stefanie Grant, “Migration Governance in the UN,” in Research Handbook on International Law and Migration, ed. Vincent Chetail and Céline Bauloz (Edward Elgar, 2017)."
    );
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Guild, Elspeth, and Stefanie Grant. “Migration Governance in the UN.” In Research Handbook on International Law and Migration, edited by Vincent Chetail and Céline Bauloz. Edward Elgar, 2017.",
            "Venturas, Lina, ed. International Migration Management in the Early Cold War. University of the Peloponnese, 2015.",
        ]
    );
    let (_ed, site) = edited_books("apa");
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Guild, E., & Grant, S. (2017). Migration Governance in the UN. In V. Chetail & C. Bauloz (Eds.), Research Handbook on International Law and Migration (pp. 70–90). Edward Elgar.",
            "Venturas, L. (Ed.). (2015). International Migration Management in the Early Cold War. University of the Peloponnese.",
        ]
    );
}

#[test]
fn a_work_the_style_lists_no_entry_for_is_said_at_its_entry_and_left_unlinked() {
    // Chicago's bibliography has no entry for a document with nowhere to
    // find it (citeproc-js gives none either); its note is formatted.
    let ed = Edition::fixture("works");
    let bib = std::fs::read_to_string(ed.path("content/works.bib")).unwrap();
    ed.write(
        "content/works.bib",
        format!("{bib}\n@misc{{andrijasevic2005,\n  author = {{Andrijasevic, Rutvica}},\n  title  = {{Deported}},\n  year   = {{2005}},\n}}\n"),
    );
    let later = std::fs::read_to_string(ed.path("content/later.md")).unwrap();
    ed.write(
        "content/later.md",
        format!("{later}\nA paper.[^p] [Her paper](cite:andrijasevic2005).\n\n[^p]: [@andrijasevic2005]\n"),
    );
    let site = ed.out("site");
    let line = bib.lines().count() + 2;
    ed.build_into(&site).assert_success().assert_diag(
        &format!("content/works.bib:{line}:1: warning: "),
        &[
            "makes no Bibliography entry of `andrijasevic2005`",
            "its 2 citation(s) lead to no entry",
        ],
    );
    let page = read_text(&site, "bibliography.html");
    assert!(!page.contains("andrijasevic2005"), "{page}");
    assert!(!page.contains("<p class=\"work-reference\"></p>"), "{page}");
    let html = read_text(&site, "later.html");
    assert!(!html.contains("#work-andrijasevic2005"), "{html}");
    assert!(
        html.contains("Rutvica Andrijasevic, “Deported,” 2005."),
        "{html}"
    );
    assert!(html.contains(" Her paper."), "{html}");
}

/// A small note style of the test's own, to show that an edition's `.csl`
/// file is the style used (OSCOLA is brought in the same way): its entries
/// sorted by title, where Chicago's are by author.
const OWN_STYLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-GB">
  <info><title>Titles first</title><id>titles-first</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout suffix="." delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name/></names>
        <text variable="title" font-style="italic"/>
        <text variable="locator"/>
      </group>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=" — ">
        <text variable="title"/>
        <names variable="author"><name name-as-sort-order="all"/></names>
      </group>
    </layout>
  </bibliography>
</style>
"#;

#[test]
fn an_editions_own_csl_file_is_its_style() {
    let ed = two_works_edition("own.csl");
    ed.write("content/own.csl", OWN_STYLE);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    let html = read_text(&site, "commentary.html");
    assert_eq!(
        citation(&html, "work-1").0,
        "Ian Brownlie, Principles of Public International Law, 12."
    );
    assert!(
        html.contains("<i>Principles of Public International Law</i>"),
        "{html}"
    );
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Principles of Public International Law — Brownlie, Ian.",
            "The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking — Aradau, Claudia.",
        ]
    );
    assert!(!site.join("own.csl").exists(), "the style is not published");
    // A style that is not CSL is an error at its file.
    ed.write("content/own.csl", "<style>not csl</style>");
    ed.check(&[])
        .assert_failure()
        .assert_diag("content/own.csl:1:1: error: ", &["does not read as CSL"]);
}

#[test]
fn hayagriva_yaml_is_read_too() {
    let ed = Edition::fixture("works");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write("book.toml", toml.replace("\"works.bib\"", "\"works.yml\""));
    ed.write(
        "content/works.yml",
        "brownlie2008:\n  type: book\n  title: Principles of Public International Law\n  author: Brownlie, Ian\n  edition: 7\n  date: 2008\n  publisher: Oxford University Press\n",
    );
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n- [Later works](later.md)\n",
    );
    ed.remove("content/commentary.md");
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    let (words, _) = citation(&read_text(&site, "later.html"), "work-1");
    assert_eq!(
        words,
        "Ian Brownlie, Principles of Public International Law, 7th ed. (Oxford University Press, 2008), chap. 3"
    );
}

/// OSCOLA, the legal style glossator bundles: the full reference in the
/// first note, then the short form naming that note, "(n 1)".
#[test]
fn oscola_is_bundled_and_refers_back_to_the_first_note() {
    let ed = two_works_edition("oscola");
    ed.write(
        "content/commentary.md",
        "# Two works\n\nFirst.[^1] Second.[^2] Third.[^3] Fourth.[^4]\n\n[^1]: [@brownlie2008, 12]\n\n[^2]: [@aradau2004, 257]\n\n[^3]: [@brownlie2008, 14]\n\n[^4]: [@brownlie2008, 15]\n",
    );
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    let html = read_text(&site, "commentary.html");
    let first = citation(&html, "work-1").0;
    let third = citation(&html, "work-3").0;
    let fourth = citation(&html, "work-4").0;
    assert!(
        first.starts_with("Ian Brownlie, Principles of Public International Law"),
        "{first}"
    );
    assert!(
        third.starts_with("Brownlie") && third.contains("(n 1)") && third.contains("14"),
        "{third}"
    );
    assert!(
        fourth.starts_with("ibid") || fourth.starts_with("Ibid"),
        "{fourth}"
    );
}

#[test]
fn references_json_lists_every_work_citation_with_its_locators() {
    let (_ed, site) = built();
    let refs: serde_json::Value =
        serde_json::from_str(&read_text(&site, "references.json")).unwrap();
    let works = refs["works"].as_array().expect("a list of work citations");
    let two = works
        .iter()
        .find(|c| c["page"] == "commentary.html" && c["anchor"] == "work-4")
        .expect("the citation of two works");
    assert_eq!(two["works"], serde_json::json!(["aradau2004", "guild2017"]));
    assert_eq!(
        two["targets"],
        serde_json::json!([
            "bibliography.html#work-aradau2004",
            "bibliography.html#work-guild2017"
        ])
    );
    assert_eq!(two["locators"], serde_json::json!(["para 4", null]));
    assert!(two["note"].is_number());
    // Every citing place the Bibliography lists is one of them.
    let page = read_text(&site, "bibliography.html");
    let listed = page.matches("<p class=\"work-places\">").count();
    assert!(
        works.len() >= listed && listed > 0,
        "{} citations, {listed} entries",
        works.len()
    );
    assert!(refs["cases"].as_array().unwrap().is_empty());
}

#[test]
fn each_link_to_a_works_entry_names_its_card_which_the_page_holds() {
    let (_ed, site) = built();
    let html = read_text(&site, "commentary.html");
    // A formatted citation's words and an author's `cite:` link alike.
    assert!(html.contains("<a href=\"bibliography.html#work-aradau2004\" class=\"cite\" data-unit=\"work/aradau2004\">"), "{html}");
    assert!(html.contains("data-unit=\"work/guild2017\">Guild and Grant</a>"));
    // One card for each work the page cites, with its entry, unlinked.
    let cards = &html[html
        .find("<div class=\"unit-preview work-preview\" data-unit=\"work/aradau2004\">")
        .expect("its card")..];
    let card = &cards[..cards.find("</div>").unwrap()];
    assert_eq!(
        strip_tags(card),
        "BibliographyAradau, Claudia. “The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking.” Millennium: Journal of International Studies 33, no. 2 (2004): 251–77. https://doi.org/10.1177/03058298040330020101."
    );
    assert!(!card.contains("<a "), "{card}");
    assert_eq!(
        html.matches("class=\"unit-preview work-preview\"").count(),
        4
    );
    // The Bibliography's own entries are no citations.
    assert!(!read_text(&site, "bibliography.html").contains("data-unit=\"work/"));
}

#[test]
fn small_words_after_a_comma_and_apostrophes_are_as_citeproc_js_has_them() {
    // citeproc-js 2.4.63, Chicago as hayagriva bundles it, from the same
    // works as CSL-JSON: "…, Migration, and Governance", not "And"; and
    // "Italy’s", the apostrophe typographic.
    let (_ed, site) = with_bibtex(
        "chicago-notes",
        "@article{martin2010,\n  author = {Martin, Susan},\n  title = {Climate change, migration, and governance},\n  journal = {Global Governance},\n  volume = {16},\n  number = {3},\n  pages = {397--414},\n  year = {2010},\n}\n\n@book{frelick2009,\n  author = {Frelick, Bill},\n  title = {Italy's forced return of boat migrants},\n  publisher = {Human Rights Watch},\n  year = {2009},\n}\n",
        "# Two works\n\nFirst.[^1] Second.[^2]\n\n[^1]: [@martin2010]\n\n[^2]: [@frelick2009]\n",
    );
    let html = read_text(&site, "commentary.html");
    assert_eq!(
        citation(&html, "work-1").0,
        "Susan Martin, “Climate Change, Migration, and Governance,” Global Governance 16, no. 3 (2010): 397–414."
    );
    assert_eq!(
        citation(&html, "work-2").0,
        "Bill Frelick, Italy’s Forced Return of Boat Migrants (Human Rights Watch, 2009)."
    );
    assert_eq!(
        entries(&read_text(&site, "bibliography.html")),
        [
            "Frelick, Bill. Italy’s Forced Return of Boat Migrants. Human Rights Watch, 2009.",
            "Martin, Susan. “Climate Change, Migration, and Governance.” Global Governance 16, no. 3 (2010): 397–414.",
        ]
    );
}
