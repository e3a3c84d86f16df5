//! The bundled edition: its instruments parse into the units lawyers cite,
//! and every citation in the paper links to the unit it means.

use std::path::Path;
use std::sync::OnceLock;

use glossator::diag::FileId;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level units (articles or paragraphs) of an instrument file.
fn top_units(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("content/instruments").join(file)).unwrap();
    let mut diags = Vec::new();
    let doc = glossator::parse::parse(&format!("instruments/{file}"), FileId(0), &text, &mut diags);
    assert!(diags.is_empty(), "{file}: {diags:?}");
    use glossator::parse::instrument::Kind;
    doc.units
        .iter()
        .filter(|u| matches!(u.kind, Kind::Article | Kind::Preamble))
        .map(|u| u.address.clone())
        .collect()
}

fn range(from: u32, to: u32) -> Vec<String> {
    (from..=to).map(|n| n.to_string()).collect()
}

fn with_preamble(mut v: Vec<String>) -> Vec<String> {
    v.insert(0, "preamble".into());
    v
}

#[test]
fn every_instrument_parses_into_its_articles() {
    assert_eq!(top_units("un-charter.md"), with_preamble(range(1, 111)));
    assert_eq!(
        top_units("iom-constitution.md"),
        with_preamble(range(1, 31))
    );
    assert_eq!(top_units("udhr.md"), with_preamble(range(1, 30)));
    let statute: Vec<String> = ["1", "2", "3", "4", "5", "8", "9", "10", "11", "12", "13"]
        .map(String::from)
        .to_vec();
    assert_eq!(top_units("unhcr-statute.md"), statute);
    assert_eq!(top_units("un-iom-agreement.md"), range(1, 4));
    assert_eq!(top_units("a-res-71-280.md"), vec!["preamble", "11", "26"]);
    let declaration = top_units("a-res-71-1.md");
    for held in [
        "1", "2", "3", "11", "12", "21", "22", "24", "26", "32", "49", "51", "64",
    ] {
        assert!(
            declaration.contains(&held.to_string()),
            "A/RES/71/1 lacks {held}: {declaration:?}"
        );
    }
}

#[test]
fn paragraphs_and_points_are_addressable() {
    let text = std::fs::read_to_string(root().join("content/instruments/un-charter.md")).unwrap();
    let mut diags = Vec::new();
    let doc = glossator::parse::parse("instruments/un-charter.md", FileId(0), &text, &mut diags);
    let find = |a: &str| {
        doc.units
            .iter()
            .find(|u| u.address == a)
            .unwrap_or_else(|| panic!("no {a}"))
    };
    assert!(
        find("1(3)")
            .text
            .contains("without distinction as to race, sex, language, or religion")
    );
    assert!(find("55(c)").text.starts_with("universal respect"));
    assert_eq!(find("55(c)").html_id, "art_55__point_c");
    assert!(
        find("preamble(2)")
            .text
            .starts_with("to reaffirm faith in fundamental human rights")
    );
    assert!(find("103").text.starts_with("In the event of a conflict"));
}

fn references() -> &'static serde_json::Value {
    static REFS: OnceLock<serde_json::Value> = OnceLock::new();
    REFS.get_or_init(|| {
        let compiled = glossator::compile(root(), None);
        let output = compiled.output.expect("the bundled edition builds");
        serde_json::from_slice(&output.files["references.json"]).unwrap()
    })
}

/// Every citation of the paper, in reading order: (chapter, words, address).
const EXPECTED: &[(&str, &str, &str)] = &[
    // Note 8: "Universal Declaration of Human Rights preamble 1".
    ("what-is-the-iom.html", "preamble 1", "udhr/preamble(1)"),
    ("what-is-the-iom.html", "Art. 1(3)", "iom-constitution/1(3)"),
    ("what-is-the-iom.html", "Article 1(3)", "un-charter/1(3)"),
    ("what-is-the-iom.html", "Article 13", "un-charter/13"),
    ("what-is-the-iom.html", "Article 55(c)", "un-charter/55(c)"),
    ("what-is-the-iom.html", "Article 62(2)", "un-charter/62(2)"),
    ("what-is-the-iom.html", "Article 68", "un-charter/68"),
    ("what-is-the-iom.html", "Article 76(c)", "un-charter/76(c)"),
    ("what-is-the-iom.html", "Article 103", "un-charter/103"),
    ("what-is-the-iom.html", "Article 48(2)", "un-charter/48(2)"),
    (
        "ioms-status-within-the-un.html",
        "Articles 57",
        "un-charter/57",
    ),
    ("ioms-status-within-the-un.html", "63", "un-charter/63"),
    (
        "ioms-status-within-the-un.html",
        "para. 13",
        "unhcr-statute/13",
    ),
    (
        "ioms-status-within-the-un.html",
        "Art.11",
        "unhcr-statute/11",
    ),
    (
        "ioms-status-within-the-un.html",
        "Art. 4",
        "un-iom-agreement/4",
    ),
    ("article-1.html", "Article 1", "un-iom-agreement/1"),
    ("article-1.html", "Article 2", "un-iom-agreement/2"),
    ("article-1.html", "article 2(1)", "un-iom-agreement/2(1)"),
    ("article-2-2.html", "Article 2(2)", "un-iom-agreement/2(2)"),
    ("article-2-2.html", "Article 2(2)", "un-iom-agreement/2(2)"),
    ("article-2-3.html", "Article 2(3)", "un-iom-agreement/2(3)"),
    ("article-2-3.html", "Article 2(3)", "un-iom-agreement/2(3)"),
    ("article-2-3.html", "article 2(4)", "un-iom-agreement/2(4)"),
    ("article-2-3.html", "Article 2(5)", "un-iom-agreement/2(5)"),
    ("article-2-3.html", "article 2(6)", "un-iom-agreement/2(6)"),
    ("article-3.html", "Article 3", "un-iom-agreement/3"),
    ("article-3.html", "Article 3", "un-iom-agreement/3"),
    (
        "human-rights-in-the-global-compact.html",
        "paragraph 64",
        "a-res-71-1/64",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "Paragraphs 5",
        "a-res-71-1/5",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "6",
        "a-res-71-1/6",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "11",
        "a-res-71-1/11",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "22",
        "a-res-71-1/22",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "24",
        "a-res-71-1/24",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "26",
        "a-res-71-1/26",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "32",
        "a-res-71-1/32",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "41",
        "a-res-71-1/41",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "47",
        "a-res-71-1/47",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "51",
        "a-res-71-1/51",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "59",
        "a-res-71-1/59",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "paragraph 11",
        "a-res-71-280/11",
    ),
    (
        "human-rights-in-the-global-compact.html",
        "paragraph 26",
        "a-res-71-280/26",
    ),
    ("annex-2.html", "Article 1", "iom-constitution/1"),
    ("annex-2.html", "Article 1", "iom-constitution/1"),
    // The editors' About page quotes the paper's citations; quoted, they
    // are citations still.
    ("about.html", "Article 103", "un-charter/103"),
    ("about.html", "Article 2(3)", "un-iom-agreement/2(3)"),
    ("about.html", "Article 103", "un-charter/103"),
    ("about.html", "Article 1(1)", "iom-constitution/1(1)"),
];

#[test]
fn every_citation_of_the_paper_links_to_its_unit() {
    let got: Vec<(String, String, String)> = references()["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["comparison"] == false)
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("page"), s("text"), s("address"))
        })
        .collect();
    let expected: Vec<(String, String, String)> = EXPECTED
        .iter()
        .map(|(p, t, a)| (p.to_string(), t.to_string(), a.to_string()))
        .collect();
    assert_eq!(got, expected);
}

/// A citation in the text names its numbered paragraph; one in a note names
/// the note. Both in `references.json` and in the "Cited in" list.
#[test]
fn citations_say_which_paragraph_or_note_they_stand_in() {
    let citations = references()["citations"].as_array().unwrap();
    let charter_1_3 = citations
        .iter()
        .find(|c| c["page"] == "what-is-the-iom.html" && c["address"] == "un-charter/1(3)")
        .unwrap();
    assert_eq!(charter_1_3["paragraph"], 11);
    assert_eq!(charter_1_3["note"], serde_json::Value::Null);
    assert!(
        citations
            .iter()
            .filter(|c| c["note"] != serde_json::Value::Null)
            .all(|c| c["paragraph"] == serde_json::Value::Null),
        "a citation in a note names the note, not a paragraph"
    );
    let charter = page("instruments/un-charter.html");
    assert!(
        charter.contains("What is the IOM?, para 11</a>"),
        "Cited in names the paragraph"
    );
}

/// An article and its last paragraph end at the same place: one "Cited in"
/// list stands there, each entry naming the unit it cites.
#[test]
fn units_that_end_together_share_one_cited_in_list() {
    let constitution = page("instruments/iom-constitution.html");
    let at = constitution.find("id=\"art_1__para_3\"").unwrap();
    let after = &constitution[at..constitution[at..].find("id=\"chp_II\"").unwrap() + at];
    assert_eq!(
        after.matches("<aside class=\"cited-in\"").count(),
        1,
        "{after}"
    );
    assert!(after.contains(
        "<li><span class=\"cited-unit\">Article 1</span> <a href=\"../annex-2.html#cite-1\">"
    ));
    assert!(after.contains("<li><span class=\"cited-unit\">Article 1(3)</span> <a href=\"../what-is-the-iom.html#cite-2\">"));
    for file in [
        "un-charter",
        "iom-constitution",
        "un-iom-agreement",
        "a-res-71-1",
    ] {
        let html = page(&format!("instruments/{file}.html"));
        assert!(
            !html.contains("</ul></aside>\n<aside class=\"cited-in\""),
            "{file}: two Cited in lists in a row"
        );
    }
}

#[test]
fn strict_check_of_the_bundled_edition_finds_nothing_unresolved() {
    let compiled = glossator::compile(root(), None);
    let strict: Vec<String> = compiled
        .diags
        .iter()
        .filter(|d| d.strict || d.is_error())
        .map(|d| compiled.map.render(d))
        .collect();
    assert!(strict.is_empty(), "{}", strict.join("\n"));
}

/// The units of an instrument file, as (address, text).
fn unit_texts(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("content/instruments").join(file)).unwrap();
    let mut diags = Vec::new();
    let doc = glossator::parse::parse(&format!("instruments/{file}"), FileId(0), &text, &mut diags);
    doc.units
        .iter()
        .map(|u| (u.address.clone(), u.text.clone()))
        .collect()
}

/// The Agreement's text is known only from the paper's quotations; what the
/// paper says of each article stands beside it in editorial notes, which are
/// the editors' and never a unit's words.
#[test]
fn the_agreement_gives_the_papers_account_apart_from_its_quotations() {
    let units = unit_texts("un-iom-agreement.md");
    let text = |a: &str| {
        units
            .iter()
            .find(|(address, _)| address == a)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no unit {a}"))
    };
    for empty in ["1", "2(2)", "2(4)", "2(6)", "3"] {
        assert_eq!(
            text(empty),
            "",
            "{empty} holds words the paper does not quote"
        );
    }
    assert_eq!(text("2(3)"), "“non-normative organisation”");
    assert_eq!(text("2(5)"), "“due regard”");
    let html = page("instruments/un-iom-agreement.html");
    let article_1 = &html[html.find("id=\"art_1\"").unwrap()..html.find("id=\"art_2\"").unwrap()];
    assert!(article_1.contains("The paper’s account, not the Agreement’s text"));
    assert!(article_1.contains("The first article sets out the objective of the new relationship"));
    assert!(article_1.contains("The text of this unit is not in the edition."));
    // The preview a citation opens shows no editorial words as quoted ones.
    let preview = page("article-1.html");
    let card = &preview[preview
        .find("class=\"unit-preview\" data-unit=\"un-iom-agreement/1\"")
        .unwrap()..];
    let card = &card[..card.find("</div>").unwrap()];
    assert!(
        card.contains("The text of this unit is not in the edition."),
        "{card}"
    );
}

fn page(name: &str) -> String {
    static OUTPUT: OnceLock<glossator::render::Output> = OnceLock::new();
    let output = OUTPUT.get_or_init(|| glossator::compile(root(), None).output.expect("builds"));
    String::from_utf8(output.files[name].to_vec()).unwrap()
}

#[test]
fn cross_references_become_links() {
    assert!(
        page("the-un-iom-agreement.html")
            .contains(r##"<a class="xref" href="#fn-28">footnote 28</a>"##)
    );
    let iom = page("what-is-the-iom.html");
    assert!(iom.contains(r#"<a class="xref" href="annex-1.html">Annex I</a>"#));
    assert!(iom.contains(r#"<a class="xref" href="annex-2.html">Annex 2</a>"#));
    assert!(iom.contains(r#"<a class="xref" href="annex-3.html">Annex 3</a>"#));
    assert!(page("article-2-3.html").contains(
        r#"<a class="xref" href="ioms-status-within-the-un.html">IOM’s Status within the UN</a>"#
    ));
}

#[test]
fn abbreviations_are_glossed_never_written_into_the_text() {
    let html = page("what-is-the-iom.html");
    let first =
        r#"<abbr class="first-use" tabindex="0" title="United States of America">USA</abbr>"#;
    assert_eq!(
        html.matches(first).count(),
        1,
        "USA's first use is marked once"
    );
    assert!(
        !html.contains("(United States of America)")
            && !html.contains("[United States of America]"),
        "the expansion is not written into the authors' sentence"
    );
    let iom = "title=\"International Organisation for Migration\">IOM</abbr>";
    assert_eq!(
        html.matches(&format!("<abbr class=\"first-use\" tabindex=\"0\" {iom}"))
            .count(),
        1,
        "IOM's first use in the chapter is marked once"
    );
    assert!(html.matches(&format!("<abbr {iom}")).count() > 5);
}

#[test]
fn paragraphs_are_numbered_through_the_paper() {
    let intro = page("introduction.html");
    assert!(intro.contains(r##"<p id="para-1" class="numbered"><a class="para-num" href="#para-1" aria-label="Paragraph 1">1</a> On 25 July 2016"##));
    let next = page("what-is-the-iom.html");
    let last_intro: u32 = intro.matches("class=\"numbered\"").count() as u32;
    assert!(
        next.contains(&format!("id=\"para-{}\"", last_intro + 1)),
        "numbering runs on into the next chapter"
    );
    assert!(
        !page("about.html").contains("class=\"numbered\""),
        "editors' pages are not numbered"
    );
}

#[test]
fn the_bundled_comparisons_stand_where_the_paper_makes_the_point() {
    let compared: Vec<(String, String)> = references()["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["comparison"] == true)
        .map(|c| {
            (
                c["page"].as_str().unwrap().to_string(),
                c["address"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (page, address) in [
        ("what-is-the-iom.html", "un-charter/1(3)"),
        ("what-is-the-iom.html", "un-charter/55(c)"),
        ("what-is-the-iom.html", "un-charter/76(c)"),
        ("what-is-the-iom.html", "iom-constitution/1(3)"),
        ("what-is-the-iom.html", "un-charter/103"),
        ("ioms-status-within-the-un.html", "unhcr-statute/11"),
        ("ioms-status-within-the-un.html", "un-iom-agreement/4"),
        ("article-1.html", "un-iom-agreement/2(1)"),
        ("article-2-3.html", "un-iom-agreement/2(3)"),
        ("article-2-3.html", "un-iom-agreement/2(5)"),
    ] {
        assert!(
            compared.contains(&(page.to_string(), address.to_string())),
            "{page}: {address} not compared"
        );
    }
    let charter = page("what-is-the-iom.html");
    let table = &charter[charter.find("id=\"comparison-1\"").unwrap()..];
    let table = &table[..table.find("</figure>").unwrap()];
    assert!(
        !table.contains("<ins>without") && !table.contains("<del>without"),
        "the shared formula is not marked"
    );
    assert!(table.contains("<ins>") && table.contains("<del>"));
    let modalities = page("human-rights-in-the-global-compact.html");
    assert!(
        modalities.contains("Earlier drafts of the Modalities document (as the paper reports)")
    );
}

#[test]
fn citation_managers_find_the_papers_real_metadata() {
    let html = page("introduction.html");
    for tag in [
        r#"<meta name="citation_title" content="IOM and the UN: Unfinished Business">"#,
        r#"<meta name="citation_author" content="Elspeth Guild">"#,
        r#"<meta name="citation_author" content="Stefanie Grant">"#,
        r#"<meta name="citation_author" content="Kees Groenendijk">"#,
        r#"<meta name="citation_publication_date" content="2017">"#,
        r#"<meta name="citation_public_url" content="http://hdl.handle.net/2066/172926">"#,
    ] {
        assert!(html.contains(tag), "missing {tag}");
    }
    assert!(page("instruments/un-charter.html").contains(r#""@type":"Legislation""#));
}

#[test]
fn the_search_index_stays_within_its_budget() {
    static OUTPUT: OnceLock<glossator::render::Output> = OnceLock::new();
    let output = OUTPUT.get_or_init(|| glossator::compile(root(), None).output.expect("builds"));
    let size = output.files["search-index.js"].len();
    assert!(size < 300 * 1024, "search index is {} KB", size / 1024);
    let index = String::from_utf8(output.files["search-index.js"].to_vec()).unwrap();
    assert!(!index.contains("</script"), "safe to inline");
    assert!(index.contains("\"note 73\""), "notes are searchable");
    assert!(index.contains("\"Article 2(3)\""), "units are searchable");
}

#[test]
fn the_editors_bibliography_links_the_notes_to_the_works_they_cite() {
    // The authors' words of note 11, unchanged, lead to their entry.
    assert!(page("what-is-the-iom.html").contains(
        "<a class=\"cite work-cite\" id=\"work-5\" href=\"bibliography.html#work-brownlie1998\" data-unit=\"work/brownlie1998\">Brownlie, Ian. <em>The Rule of Law in International Affairs: International Law at the Fiftieth Anniversary of the United Nations</em>. Vol. 1. Martinus Nijhoff Publishers, 1998</a>."
    ));
    // Note 10 prints its authors' names garbled, and keeps them; the entry
    // gives them right, and its German title keeps its own capitals.
    assert!(page("what-is-the-iom.html").contains(
        "<a class=\"cite work-cite\" id=\"work-4\" href=\"bibliography.html#work-kunz2014\" data-unit=\"work/kunz2014\">Rahel, Kunz, and Schwenken Helen. “Migrantinnen"
    ));
    let bib = page("bibliography.html");
    assert!(bib.contains(
        "Kunz, Rahel, and Helen Schwenken. “Migrantinnen als Hoffnungsträgerinnen in der Entwicklungszusammenarbeit? Geschlechterspezifische Subjektivitäten im migration-development nexus.” In <i>Entwicklungstheorien</i>. Nomos"
    ));
    // An edited book (note 6) names its editor in the author's place.
    assert!(bib.contains("Venturas, Lina, ed. <i>International Migration Management in the Early Cold War</i>. University of the Peloponnese, 2015."));
    // The journals notes 18 and 51 abbreviate are written out.
    assert!(bib.contains("<i>British Year Book of International Law</i> 17 (1936): 54."));
    assert!(bib.contains("<i>International Journal of Refugee Law</i> 4 (1992): 205."));
    for (key, places) in [
        (
            "venturas2015",
            vec!["what-is-the-iom.html#work-1\">What is the IOM?</a>, note 6"],
        ),
        (
            "aradau2004",
            vec!["what-is-the-iom.html#work-2\">What is the IOM?</a>, note 10"],
        ),
        (
            "andrijasevic2010",
            vec![
                "what-is-the-iom.html#work-3\">What is the IOM?</a>, note 10",
                "article-2-2.html#work-6\">Article 2(2): IOM’s assets</a>, note 56",
            ],
        ),
        (
            "kunz2014",
            vec!["what-is-the-iom.html#work-4\">What is the IOM?</a>, note 10"],
        ),
        (
            "brownlie1998",
            vec!["what-is-the-iom.html#work-5\">What is the IOM?</a>, note 11"],
        ),
        (
            "lauterpacht1936",
            vec!["what-is-the-iom.html#work-6\">What is the IOM?</a>, note 18"],
        ),
        (
            "lutz2010",
            vec![
                "article-1.html#work-1\">Article 1: the objective fulfilment of two mandates</a>, note 42",
            ],
        ),
        (
            "bonjour2013",
            vec![
                "article-1.html#work-2\">Article 1: the objective fulfilment of two mandates</a>, note 42",
            ],
        ),
        (
            "baldwinedwards2004",
            vec![
                "article-1.html#work-3\">Article 1: the objective fulfilment of two mandates</a>, note 42",
            ],
        ),
        (
            "pecoud2006",
            vec!["article-2-2.html#work-1\">Article 2(2): IOM’s assets</a>, note 50"],
        ),
        (
            "perruchoud1992",
            vec!["article-2-2.html#work-2\">Article 2(2): IOM’s assets</a>, note 51"],
        ),
        (
            "martin2010",
            vec!["article-2-2.html#work-3\">Article 2(2): IOM’s assets</a>, note 52"],
        ),
        (
            "andrijasevic2006",
            vec!["article-2-2.html#work-4\">Article 2(2): IOM’s assets</a>, note 54"],
        ),
        (
            "byrne2002",
            vec!["article-2-2.html#work-5\">Article 2(2): IOM’s assets</a>, note 56"],
        ),
        (
            "webber2011",
            vec!["article-2-2.html#work-7\">Article 2(2): IOM’s assets</a>, note 57"],
        ),
        (
            "stancova2010",
            vec!["article-2-2.html#work-8\">Article 2(2): IOM’s assets</a>, note 57"],
        ),
        (
            "collyer2012",
            vec!["article-2-2.html#work-9\">Article 2(2): IOM’s assets</a>, note 57"],
        ),
        (
            "frelick2009",
            vec!["article-2-2.html#work-10\">Article 2(2): IOM’s assets</a>, note 60"],
        ),
        (
            "sitaropoulos2006",
            vec!["article-2-2.html#work-11\">Article 2(2): IOM’s assets</a>, note 62"],
        ),
        (
            "fekete2011",
            vec!["article-2-2.html#work-12\">Article 2(2): IOM’s assets</a>, note 63"],
        ),
        (
            "pattenden2006",
            vec!["article-2-2.html#work-13\">Article 2(2): IOM’s assets</a>, note 64"],
        ),
        (
            "lietaert2016",
            vec!["article-2-2.html#work-14\">Article 2(2): IOM’s assets</a>, note 67"],
        ),
        (
            "kalir2016",
            vec!["article-2-2.html#work-15\">Article 2(2): IOM’s assets</a>, note 68"],
        ),
    ] {
        let start = bib
            .find(&format!("id=\"work-{key}\""))
            .unwrap_or_else(|| panic!("{key}"));
        let entry = &bib[start..start + bib[start..].find("</li>").unwrap()];
        for place in places {
            assert!(entry.contains(place), "{place} in {entry}");
        }
    }
    assert_eq!(bib.matches("class=\"work-entry\"").count(), 23);
    // The style's period after a title's own question mark is dropped.
    assert!(bib.contains("Voluntary Returns?” <i>Race &amp; Class</i>"));
}

#[test]
fn the_copy_text_is_published_with_the_edition_and_in_its_single_file() {
    // The About page invites readers to check every reading against the
    // copy-text: it is a file of the site, and in the single file a
    // download of its own, since a link beside that file would lead nowhere.
    let copy = "copy-text/iom-and-the-un-unfinished-business.txt";
    assert!(page("about.html").contains(&format!("<a href=\"{copy}\">the copy-text</a>")));
    let dir = crate::util::tempdir();
    let site = dir.path().join("site");
    let one = dir.path().join("one.html");
    crate::util::run(root(), ["build", "-q", "-d", site.to_str().unwrap()]).assert_success();
    let text = std::fs::read(root().join("content").join(copy)).unwrap();
    assert_eq!(std::fs::read(site.join(copy)).unwrap(), text);
    crate::util::run(
        root(),
        ["build", "-q", "--single-file", one.to_str().unwrap()],
    )
    .assert_success();
    let html = std::fs::read_to_string(&one).unwrap();
    let at = html
        .find("data:text/plain;charset=utf-8;base64,")
        .expect("the copy-text inlined");
    let rest = &html[at..];
    let end = rest.find('"').unwrap();
    assert!(rest[end..].starts_with("\" download=\"iom-and-the-un-unfinished-business.txt\""));
    assert!(!html.contains(&format!("href=\"{copy}\"")));
}

#[test]
fn cited_in_quotations_keep_the_authors_emphasis() {
    // "…states that its purpose, *inter alia*, is…": the authors' italics,
    // in the Charter's list of the places that cite Article 76(c).
    let charter = page("instruments/un-charter.html");
    assert!(
        charter.contains("<q>Article 76(c) regarding the trusteeship system, states that its purpose, <i>inter alia</i>, is “to…</q>"),
        "{charter}"
    );
}
