//! Real instrument texts in their sources' layout (`tests/instruments/`):
//! each reads into the unit tree its source prints, counted against
//! `expected.toml`, whose counts were taken from the texts by hand.

use std::collections::BTreeMap;
use std::path::Path;

use glossator::diag::FileId;
use glossator::parse::instrument::{Kind, Unit};

fn folder() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/instruments"))
}

fn units(id: &str) -> Vec<Unit> {
    let text = std::fs::read_to_string(folder().join(format!("{id}.md"))).unwrap();
    let mut diags = Vec::new();
    let doc = glossator::parse::parse(
        &format!("instruments/{id}.md"),
        FileId(0),
        &text,
        &mut diags,
    );
    assert!(diags.is_empty(), "{id}: {diags:?}");
    doc.units
}

/// Counts by what a lawyer calls them.
fn counts(units: &[Unit]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for u in units {
        let key = match u.kind {
            // A schedule's `Paragraph 1` is no article.
            Kind::Article if u.label.starts_with("Article") => "articles",
            Kind::Article if u.label.starts_with("Section") => "statute_sections",
            Kind::Recital => "recitals",
            Kind::Part if !u.address.contains('/') => {
                let last = u.html_id.rsplit("__").next().unwrap_or("");
                match (last.split('_').next(), u.depth) {
                    (Some("para"), _) => "paragraphs",
                    (Some("point"), _) => "points",
                    _ => continue,
                }
            }
            Kind::Container => match u
                .address
                .rsplit(", ")
                .next()
                .unwrap_or("")
                .split(' ')
                .next()
            {
                Some("Chapter") => "chapters",
                Some("Part") => "parts",
                Some("Section") => "sections",
                Some("Division") => "divisions",
                _ => "containers",
            },
            _ => continue,
        };
        *out.entry(key).or_default() += 1;
    }
    // Marginal notes: the titles of a statute's sections and subsections.
    let notes = units
        .iter()
        .filter(|u| {
            u.title.is_some()
                && (u.label.starts_with("Section") && matches!(u.kind, Kind::Article | Kind::Part))
        })
        .count();
    if notes > 0 {
        out.insert("marginal_notes", notes);
    }
    out
}

#[test]
fn each_real_text_reads_into_its_units() {
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(folder().join("expected.toml")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for (id, want) in &expected {
        let units = units(id);
        let got = counts(&units);
        let want = want.as_table().unwrap();
        let int = |key: &str| want.get(key).and_then(toml::Value::as_integer);
        for key in [
            "articles",
            "recitals",
            "chapters",
            "parts",
            "sections",
            "paragraphs",
            "points",
            "statute_sections",
            "divisions",
            "marginal_notes",
        ] {
            // Article 4's numbered definitions are paragraphs, and
            // sub-points are points, each a level deeper; the lettered
            // sections and numbered items of the Refugee Convention's
            // Article 1 are paragraphs too.
            let n = match key {
                "paragraphs" => int(key).map(|n| {
                    n + int("definitions").unwrap_or(0)
                        + int("article_1_sections").unwrap_or(0)
                        + int("numbered_items").unwrap_or(0)
                }),
                "points" => int(key).map(|n| n + int("subpoints").unwrap_or(0)),
                _ => int(key),
            };
            if let Some(n) = n {
                let have = got.get(key).copied().unwrap_or(0);
                if have as i64 != n {
                    failures.push(format!("{id}: {have} {key}, the text has {n}"));
                }
            }
        }
        for unit in want["units"].as_array().unwrap() {
            let address = unit.as_str().unwrap();
            if !units.iter().any(|u| u.address == address) {
                failures.push(format!("{id}: no unit {address}"));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for u in &units {
            if !seen.insert(&u.address) {
                failures.push(format!("{id}: {} twice", u.address));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Council of Europe's treaty office prints the ECHR with each
/// article's title after a dash on its line, paragraph numbers without a
/// full stop and points as bare letters ("1 Everyone…", "a the lawful…").
/// The words are those of `tests/instruments/echr.md` (Articles 1, 2 and 5),
/// laid out that way, with blank lines between paragraphs and without.
#[test]
fn the_council_of_europe_layout_reads_into_paragraphs_and_points() {
    let body = "Article 1 – Obligation to respect human rights\n\
        The High Contracting Parties shall secure to everyone within their jurisdiction the rights and freedoms defined in Section I of this Convention.\n\
        Section I – Rights and freedoms\n\
        Article 2 – Right to life\n\
        1 Everyone's right to life shall be protected by law. No one shall be deprived of his life intentionally save in the execution of a sentence of a court following his conviction of a crime for which this penalty is provided by law.\n\
        2 Deprivation of life shall not be regarded as inflicted in contravention of this Article when it results from the use of force which is no more than absolutely necessary:\n\
        a in defence of any person from unlawful violence;\n\
        b in order to effect a lawful arrest or to prevent the escape of a person lawfully detained;\n\
        c in action lawfully taken for the purpose of quelling a riot or insurrection.\n\
        Article 5 – Right to liberty and security\n\
        1 Everyone has the right to liberty and security of person. No one shall be deprived of his liberty save in the following cases and in accordance with a procedure prescribed by law:\n\
        a the lawful detention of a person after conviction by a competent court;\n\
        b the lawful arrest or detention of a person for non-compliance with the lawful order of a court or in order to secure the fulfilment of any obligation prescribed by law;\n\
        c the lawful arrest or detention of a person effected for the purpose of bringing him before the competent legal authority on reasonable suspicion of having committed an offence or when it is reasonably considered necessary to prevent his committing an offence or fleeing after having done so;\n\
        d the detention of a minor by lawful order for the purpose of educational supervision or his lawful detention for the purpose of bringing him before the competent legal authority;\n\
        e the lawful detention of persons for the prevention of the spreading of infectious diseases, of persons of unsound mind, alcoholics or drug addicts or vagrants;\n\
        f the lawful arrest or detention of a person to prevent his effecting an unauthorised entry into the country or of a person against whom action is being taken with a view to deportation or extradition.\n\
        2 Everyone who is arrested shall be informed promptly, in a language which he understands, of the reasons for his arrest and of any charge against him.\n\
        3 Everyone arrested or detained in accordance with the provisions of paragraph 1 (c) of this Article shall be brought promptly before a judge or other officer authorised by law to exercise judicial power and shall be entitled to trial within a reasonable time or to release pending trial. Release may be conditioned by guarantees to appear for trial.\n\
        4 Everyone who is deprived of his liberty by arrest or detention shall be entitled to take proceedings by which the lawfulness of his detention shall be decided speedily by a court and his release ordered if the detention is not lawful.\n\
        5 Everyone who has been the victim of arrest or detention in contravention of the provisions of this Article shall have an enforceable right to compensation.\n";
    let front = "+++\nid = \"echr\"\ntitle = \"Convention for the Protection of Human Rights and Fundamental Freedoms\"\ncite-as = \"§\"\n+++\n";
    for layout in [body.to_string(), body.replace('\n', "\n\n")] {
        let mut diags = Vec::new();
        let doc = glossator::parse::parse(
            "instruments/echr.md",
            FileId(0),
            &format!("{front}{layout}"),
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let addresses: Vec<&str> = doc.units.iter().map(|u| u.address.as_str()).collect();
        for want in [
            "1", "2(1)", "2(2)", "2(2)(a)", "2(2)(c)", "5(1)", "5(1)(a)", "5(1)(f)", "5(2)",
            "5(3)", "5(4)", "5(5)",
        ] {
            assert!(
                addresses.contains(&want),
                "{want} missing from {addresses:?}"
            );
        }
        let points = doc
            .units
            .iter()
            .filter(|u| u.address.starts_with("5(1)("))
            .count();
        assert_eq!(points, 6, "{addresses:?}");
        let title = doc.units.iter().find(|u| u.address == "5").unwrap();
        assert_eq!(
            title.title.as_deref(),
            Some("Right to liberty and security")
        );
        let text = &doc
            .units
            .iter()
            .find(|u| u.address == "5(1)(f)")
            .unwrap()
            .text;
        assert!(text.starts_with("the lawful arrest"), "{text}");
    }
}

/// A statute laid out as legislation.gov.uk prints one: a chapter number,
/// a long title, an enacting formula, cross-headings, then sections headed
/// by their number and title on one line, with subsections `(1)` and
/// paragraphs `(a)`. The words are made up for the test; the layout is the
/// database's. Commentary cites it as lawyers do ("section 3(1)", OSCOLA's
/// "ss 14 and 15", "s. 2(1)(b)").
#[test]
fn a_statute_in_a_national_databases_layout_is_read_and_cited() {
    let ed = crate::util::Edition::empty("statute");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Statute\"\nauthors = [\"t\"]\n",
    );
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Commentary](index.md)\n\n- [The Act](instruments/rights-act.md)\n",
    );
    ed.write(
        "content/index.md",
        "# Commentary\n\nUnder section 3(1) of the Rights Act 2001, read with ss 14 and 15 of the Act and s. 2(1)(b) RA, the court must interpret.\n\nSubsection 1(2) of the Act, and paragraph 2(1)(a) of the Rights Act 2001, as Canadian courts cite them.\n",
    );
    ed.write(
        "content/instruments/rights-act.md",
        "+++\nid = \"rights-act\"\ntitle = \"Rights Act 2001\"\naliases = [\"Rights Act 2001\", \"RA\", \"the Act\"]\n+++\n\
Rights Act 2001\n\n2001 CHAPTER 7\n\n\
An Act to give effect to certain rights; and for connected purposes.\n\n\
Be it enacted by the Parliament as follows:\n\n\
Introduction\n\n\
1 The rights\n\n(1) In this Act \"the rights\" means the rights set out in the Schedule.\n\n(2) Those rights have effect subject to any designated derogation.\n\n\
2 Interpretation of the rights\n\n(1) A court determining a question must take into account any—\n\n(a) judgment of the court of rights,\n\n(b) opinion of the commission,\n\nwhenever made.\n\n\
Legislation\n\n\
3 Interpretation of legislation\n\n(1) So far as it is possible to do so, legislation must be read in a way which is compatible with the rights.\n\n(2) This section applies to legislation whenever enacted.\n\n\
3A Powers to amend\n\n(1) A minister may amend legislation by order.\n\n\
14 Designated derogations\n\n(1) In this Act \"designated derogation\" means a derogation designated by order.\n\n\
15 Designated reservations\n\n(1) In this Act \"designated reservation\" means a reservation designated by order.\n",
    );
    let out = ed.out("site");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{:?}", run.diag_lines());
    let act = crate::util::read_text(&out, "instruments/rights-act.html");
    for id in [
        "sec_1",
        "sec_1__para_2",
        "sec_2__para_1__point_b",
        "sec_3__para_2",
        "sec_3A",
        "sec_14",
    ] {
        assert!(act.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    // Cross-headings are headings, not text of the section before.
    let at = act.rfind("Legislation").unwrap_or(0);
    assert!(
        act.contains("id=\"legislation\">Legislation<"),
        "cross-heading: {}",
        &act[at.saturating_sub(200)..(at + 100).min(act.len())]
    );
    let page = crate::util::read_text(&out, "index.html");
    for unit in [
        "rights-act/3(1)",
        "rights-act/14",
        "rights-act/15",
        "rights-act/2(1)(b)",
        "rights-act/1(2)",
        "rights-act/2(1)(a)",
    ] {
        assert!(
            page.contains(&format!("data-unit=\"{unit}\"")),
            "{unit} not cited"
        );
    }
}

/// The United States Code as its Markdown copy prints it (`### §1521.`,
/// `* (1)(A) text`, `#### (a) Heading`) is read into its sections, and
/// "8 U.S.C. § 1522(a)(1)(A)", "§§ 1523 and 1524" and "section 1521(b)"
/// link to them; a case's pinpoint "(BIA 1985), § 2" is none.
#[test]
fn the_united_states_code_is_read_and_cited() {
    let ed = crate::util::Edition::empty("usc");
    ed.write("book.toml", "[book]\ntitle = \"USC\"\nauthors = [\"t\"]\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Commentary](index.md)\n\n- [Title 8](instruments/usc.md)\n",
    );
    ed.write(
        "content/index.md",
        "# Commentary\n\nUnder 8 U.S.C. § 1521(a) the Office is established; its functions are in section 1521(b).\n\n\
The Director acts under 8 U.S.C. § 1522(a)(1)(A), within the intent stated in § 1522(a)(1)(B)(ii) and § 1522(a)(2)(C)(iii)(IV). See also 8 U.S.C. §§ 1523 and 1524.[^1]\n\n\
[^1]: *Matter of Acosta*, 19 I&N Dec. 211 (BIA 1985), § 2.\n",
    );
    let text = std::fs::read_to_string(folder().join("usc-8-refugee-assistance.md")).unwrap();
    ed.write("content/instruments/usc.md", &text);
    let out = ed.out("site");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{:?}", run.diag_lines());
    let page = crate::util::read_text(&out, "index.html");
    let id = "usc-8-refugee-assistance";
    for unit in [
        "1521(a)",
        "1521(b)",
        "1522(a)(1)(A)",
        "1522(a)(1)(B)(ii)",
        "1522(a)(2)(C)(iii)(IV)",
        "1523",
        "1524",
    ] {
        assert!(
            page.contains(&format!("data-unit=\"{id}/{unit}\"")),
            "{unit} not cited"
        );
    }
    assert_eq!(
        page.matches("class=\"cite\"").count(),
        7,
        "the pinpoint § 2 is no citation"
    );
    let usc = crate::util::read_text(&out, "instruments/usc.html");
    // The converter's bullets are not printed; a subsection keeps its heading.
    assert!(!usc.contains(">* "), "a bullet printed");
    assert!(usc.contains("id=\"sec_1522__point_a\""));
    assert!(
        usc.contains("id=\"subchp_IV\""),
        "the subchapter is a container"
    );
    assert!(usc.contains("Conditions and considerations"));
}

/// A Canadian Act as the Justice Laws website prints it
/// (`tests/instruments/irpa.md`): each section's marginal note is its
/// title, its subsections, paragraphs and subparagraphs are units, and
/// "s. 97(1)(b)(ii)", "paragraph 97(1)(b)", "subsection 110(1.1)", "IRPA, s
/// 96" link to them; its own "subsection (1)" and "paragraph (1)(c)" link
/// within the page, and the historical notes' "2010, c. 8, s. 10(F)" (a
/// section of another Act) nowhere.
#[test]
fn a_canadian_act_is_read_and_cited() {
    let ed = crate::util::Edition::empty("irpa");
    ed.write("book.toml", "[book]\ntitle = \"IRPA\"\nauthors = [\"t\"]\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Commentary](index.md)\n\n- [IRPA](instruments/irpa.md)\n",
    );
    ed.write(
        "content/index.md",
        "# Commentary\n\nThe claim under s. 97(1)(b)(ii) and section 96 of the IRPA; ss. 96 and 97 of the Act.\n\n\
Under paragraph 97(1)(b) of the Act, subsection 97(1) of IRPA and subparagraph 97(1)(b)(ii) IRPA.\n\n\
IRPA, s 96 defines it (Immigration and Refugee Protection Act, SC 2001, c 27, s 96).\n\n\
The RAD's hearing under subsection 110(6) of the IRPA, s. 109.1(1) IRPA and paragraph 101(1)(b.1) of the Act; subsection 111(1.1) was repealed by S.C. 2012, c. 17, s. 37.\n",
    );
    let text = std::fs::read_to_string(folder().join("irpa.md")).unwrap();
    ed.write("content/instruments/irpa.md", &text);
    let out = ed.out("site");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{:?}", run.diag_lines());
    let page = crate::util::read_text(&out, "index.html");
    for unit in [
        "97(1)(b)(ii)",
        "96",
        "97",
        "97(1)(b)",
        "97(1)",
        "110(6)",
        "109.1(1)",
        "101(1)(b.1)",
        "111(1.1)",
    ] {
        assert!(
            page.contains(&format!("data-unit=\"irpa/{unit}\"")),
            "{unit} not cited"
        );
    }
    // Thirteen citations ("s 96" twice); the amending Act's "s. 37" is none.
    assert_eq!(page.matches("class=\"cite\"").count(), 13);
    let act = crate::util::read_text(&out, "instruments/irpa.html");
    assert!(
        act.contains("<h4 id=\"sec_96\">Convention refugee<"),
        "the note is the section's heading"
    );
    assert!(act.contains("<h5 id=\"sec_95__para_2\">Protected person<"));
    assert!(act.contains("href=\"#sec_95__para_1\" data-unit=\"irpa/95(1)\">subsection (1)</a>"));
    assert!(act.contains("data-unit=\"irpa/111(1)(c)\">paragraph (1)(c)</a>"));
    assert!(act.contains("<p>2001, c. 27, s. 95; 2010, c. 8, s. 10(F)</p>"));
    assert!(
        !act.contains("data-unit=\"irpa/10\""),
        "another Act's section"
    );
    assert!(act.contains("id=\"sec_98_1__para_2\""));
    assert!(act.contains("id=\"sec_101__para_1__point_b_1\""));
    // The cross-headings are headings between sections.
    assert!(act.contains(">Appeal to Refugee Appeal Division<"));
    let mut diags = Vec::new();
    let doc = glossator::parse::parse("instruments/irpa.md", FileId(0), &text, &mut diags);
    let ids: std::collections::HashSet<&str> =
        doc.units.iter().map(|u| u.html_id.as_str()).collect();
    let cross = doc
        .headings
        .iter()
        .filter(|h| !ids.contains(h.id.as_str()))
        .count();
    assert_eq!(cross, 11, "cross-headings (expected.toml)");
    assert!(
        doc.units
            .iter()
            .filter(|u| u.kind != glossator::parse::instrument::Kind::Container)
            .all(|u| !u.text.contains("c. 27, s.")),
        "a historical note in a section's text"
    );
}

/// An instrument's contents follow its own divisions, by the articles' own
/// numbers, and start folded when long: the UN Charter's 111 articles sit
/// in its 19 chapters, each with its title.
#[test]
fn instrument_contents_are_nested_by_the_instruments_divisions() {
    let tmp = crate::util::tempdir();
    let out = tmp.path().join("site");
    crate::util::run(
        crate::util::repo_root(),
        ["build", "--dest-dir", out.to_str().unwrap()],
    )
    .assert_success();
    let charter = crate::util::read_text(&out, "instruments/un-charter.html");
    let start = charter
        .find("<nav class=\"instrument-contents\"")
        .expect("contents");
    let nav = &charter[start..start + charter[start..].find("</nav>").unwrap()];
    assert!(nav.contains("111 articles in 19 chapters"), "{nav}");
    assert!(!nav.starts_with("<nav class=\"instrument-contents\" aria-labelledby=\"gl-page-toc-title\">\n<details open"), "long contents start folded");
    let chapter_1 = nav.find("<summary>Chapter I <span class=\"contents-title\">Purposes and Principles</span></summary>").expect("Chapter I with its title");
    let chapter_2 = nav.find("<summary>Chapter II <span").unwrap();
    let article_1 = nav.find("href=\"#art_1\">Article 1</a>").unwrap();
    let article_3 = nav.find("href=\"#art_3\">Article 3</a>").unwrap();
    assert!(chapter_1 < article_1 && article_1 < chapter_2 && chapter_2 < article_3);
    assert!(
        !nav.contains("<ol"),
        "the articles' own numbers, not a list's"
    );
    // The chapter's title is its own line's, not the caption after it.
    assert!(
        nav.contains("Chapter IV <span class=\"contents-title\">The General Assembly</span>"),
        "{nav}"
    );
    // A short instrument's contents stand open.
    let agreement = crate::util::read_text(&out, "instruments/un-iom-agreement.html");
    assert!(agreement.contains("aria-labelledby=\"gl-page-toc-title\">\n<details open>"));
}

/// An instrument's own text refers to its provisions as its drafters wrote
/// them: "referred to in paragraph 1" inside Article 9 is Article 9(1),
/// "paragraph 1 of this Article" inside Article 11 is 11(1), "Article 6(1)"
/// is its own Article 6(1). Each is a link within the page, and none is a
/// citation of the edition's (not listed, counted or warned about).
#[test]
fn an_instruments_references_to_its_own_provisions_are_links() {
    let ed = crate::util::Edition::empty("gdpr");
    ed.write("book.toml", "[book]\ntitle = \"GDPR\"\nauthors = [\"t\"]\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Commentary](index.md)\n\n- [GDPR](instruments/gdpr.md)\n",
    );
    ed.write(
        "content/index.md",
        "# Commentary\n\nArticles 15 to 22 GDPR apply.\n\nSo does Article 6(1), points (b) to (e), GDPR.\n",
    );
    let text = std::fs::read_to_string(folder().join("gdpr.md")).unwrap();
    ed.write("content/instruments/gdpr.md", &text);
    let out = ed.out("site");
    let run = ed.build_into(&out);
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{:?}", run.diag_lines());
    let gdpr = crate::util::read_text(&out, "instruments/gdpr.html");
    let after = |words: &str| {
        let at = gdpr.find(words).unwrap_or_else(|| panic!("{words}"));
        gdpr[at..at + 400].to_string()
    };
    let prohibition = after("the prohibition referred to in");
    assert!(
        prohibition.contains("href=\"#art_9__para_1\" data-unit=\"gdpr/9(1)\">paragraph 1</a>"),
        "{prohibition}"
    );
    let cases = after("Where, in cases referred to in");
    assert!(
        cases.contains("data-unit=\"gdpr/11(1)\">paragraph 1</a> of this Article"),
        "{cases}"
    );
    // The chapter's range: its last words link to the unit they name; every
    // article of it is cited, each at a place "Cited in" leads back to.
    let page = crate::util::read_text(&out, "index.html");
    assert!(page.contains("data-unit=\"gdpr/22\">22</a>"), "{page}");
    assert!(!page.contains("data-unit=\"gdpr/16\">22</a>"), "{page}");
    let refs: serde_json::Value =
        serde_json::from_str(&crate::util::read_text(&out, "references.json")).unwrap();
    let cited: Vec<&str> = refs["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        cited,
        [
            "gdpr/15",
            "gdpr/16",
            "gdpr/17",
            "gdpr/18",
            "gdpr/19",
            "gdpr/20",
            "gdpr/21",
            "gdpr/22",
            "gdpr/6(1)(b)",
            "gdpr/6(1)(c)",
            "gdpr/6(1)(d)",
            "gdpr/6(1)(e)"
        ],
        "the instrument's own references are no citations"
    );
    // Every citation has its place in the page, which "Cited in" leads to.
    for c in refs["citations"].as_array().unwrap() {
        let anchor = c["anchor"].as_str().unwrap();
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "no place for {c}"
        );
    }
    for n in 16..=21 {
        let anchor = refs["citations"][n - 15]["anchor"].as_str().unwrap();
        assert!(page.contains(&format!(
            "<span class=\"cite-place\" id=\"{anchor}\"></span>"
        )));
    }
}
