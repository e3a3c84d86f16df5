//! Cases (`tests/editions/cases`: judgments of the Strasbourg court, the
//! Luxembourg court and the ICJ declared in `content/cases/`): each citation
//! form of the issue links to its case with its pinpoint kept, an undeclared
//! ECLI goes to the ECLI resolver, the Table of Cases lists every citing
//! place by court, bad declarations and citations of no declared case are
//! diagnosed at their file, line and column, and an ambiguous name is a
//! warning, never a guess.

use crate::util::{Edition, read_text, strip_tags};

/// The fixture built, with the pages named.
fn built() -> (Edition, std::path::PathBuf) {
    let ed = Edition::fixture("cases");
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    (ed, site)
}

/// The links of `html` with class `case-cite`: (id, href, card, words).
fn case_links(html: &str) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for part in html.split("<a class=\"cite case-cite\" ").skip(1) {
        let attr = |name: &str| {
            part.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("")
                .replace("&amp;", "&")
        };
        let words = part
            .split_once('>')
            .and_then(|(_, r)| r.split("</a>").next())
            .unwrap_or("");
        out.push((
            attr("id"),
            attr("href"),
            attr("data-unit"),
            words.to_string(),
        ));
    }
    out
}

/// The words of citation `anchor` (all its pieces), its address and card.
fn citation(html: &str, anchor: &str) -> (String, String, String) {
    let links = case_links(html);
    let pieces: Vec<_> = links
        .iter()
        .filter(|(id, ..)| id == anchor || id.starts_with(&format!("{anchor}-")))
        .collect();
    assert!(!pieces.is_empty(), "no citation {anchor} in {links:?}");
    let words = pieces.iter().map(|p| strip_tags(&p.3)).collect::<String>();
    (words, pieces[0].1.clone(), pieces[0].2.clone())
}

#[test]
fn each_citation_form_links_to_its_case_with_its_pinpoint() {
    let (_ed, site) = built();
    let html = read_text(&site, "commentary.html");
    let hudoc = "https://hudoc.echr.coe.int/eng?i=001-84709";
    let curia = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62012CJ0131";
    let expected = [
        (
            "case-1",
            "Saadi v. the United Kingdom [GC], no. 13229/03, § 43, ECHR 2008",
            hudoc,
            "case/saadi#§ 43",
        ),
        (
            "case-2",
            "Case C-131/12 Google Spain, paragraph 74",
            curia,
            "case/google-spain#paragraph 74",
        ),
        ("case-3", "ECLI:EU:C:2014:317", curia, "case/google-spain"),
        (
            "case-4",
            "Hirsi Jamaa and Others v. Italy [GC], § 134",
            "https://hudoc.echr.coe.int/eng?i=001-109231",
            "case/hirsi#§ 134",
        ),
        (
            "case-5",
            "Google Spain (n 12) para 81",
            curia,
            "case/google-spain#para 81",
        ),
        (
            "case-6",
            "Ahmadou Sadio Diallo, Judgment, I.C.J. Reports 2010, p. 639, para. 65",
            "https://www.icj-cij.org/case/103",
            "case/diallo#para. 65",
        ),
    ];
    for (anchor, words, href, card) in expected {
        let (got, to, key) = citation(&html, anchor);
        assert_eq!(got, words, "{anchor}");
        assert_eq!(to, href, "{anchor}");
        assert_eq!(key, card, "{anchor}");
    }
    // The name stays in the author's italics, inside the link.
    assert!(
        html.contains("<em><a class=\"cite case-cite\" id=\"case-1\""),
        "{html}"
    );
    // Each card shows the full citation and the pinpoint.
    assert!(html.contains(
        "<div class=\"unit-preview case-preview\" data-unit=\"case/saadi#§ 43\"><p class=\"preview-title\">Saadi v. the United Kingdom, § 43</p><p>Saadi v. the United Kingdom [GC], no. 13229/03, ECHR 2008</p><p>European Court of Human Rights, 2008-01-29</p></div>"
    ), "{html}");
}

#[test]
fn an_undeclared_ecli_links_to_the_resolver() {
    let (_ed, site) = built();
    let html = read_text(&site, "commentary.html");
    assert!(html.contains(
        "<a class=\"xref\" href=\"https://e-justice.europa.eu/ecli/ECLI:DE:BVerfG:2019:rs20191106.1bvr001613\">ECLI:DE:BVerfG:2019:rs20191106.1bvr001613</a>."
    ), "{html}");
}

#[test]
fn the_table_of_cases_lists_every_citing_place_by_court() {
    let (_ed, site) = built();
    let table = read_text(&site, "cases.html");
    let courts: Vec<usize> = [
        "Court of Justice of the European Union",
        "European Court of Human Rights",
        "International Court of Justice",
    ]
    .iter()
    .map(|c| {
        table
            .find(&format!("\">{c}</h2>"))
            .unwrap_or_else(|| panic!("{c}"))
    })
    .collect();
    assert!(courts.windows(2).all(|w| w[0] < w[1]), "courts in order");
    // Hirsi before Saadi within the Strasbourg court.
    assert!(table.find("id=\"case-hirsi\"") < table.find("id=\"case-saadi\""));
    for place in [
        "<li><a href=\"commentary.html#case-1\">Expulsion and data</a>, para 1, at § 43</li>",
        "<li><a href=\"later.html#case-1\">Later cases</a>, para 5, at § 125</li>",
        "<li><a href=\"commentary.html#case-2\">Expulsion and data</a>, para 2, at paragraph 74</li>",
        "<li><a href=\"commentary.html#case-3\">Expulsion and data</a>, para 3</li>",
        "<li><a href=\"commentary.html#case-4\">Expulsion and data</a>, para 4, at § 134</li>",
        "<li><a href=\"commentary.html#case-5\">Expulsion and data</a>, note 1, at para 81</li>",
        "<li><a href=\"commentary.html#case-6\">Expulsion and data</a>, note 1, at para. 65</li>",
    ] {
        assert!(table.contains(place), "{place} in {table}");
    }
    assert!(table.contains("Ahmadou Sadio Diallo (Republic of Guinea v. Democratic Republic of the Congo), Merits, Judgment, I.C.J. Reports 2010, p. 639"));
    // Every place leads to an id that exists on its page.
    for (page, anchor) in [("commentary.html", "case-6"), ("later.html", "case-1")] {
        assert!(read_text(&site, page).contains(&format!("id=\"{anchor}\"")));
    }
    // In the contents, and the declarations are not published.
    assert!(read_text(&site, "toc.js").contains("cases.html"));
    assert!(!site.join("cases/echr.toml").exists());
}

#[test]
fn the_table_speaks_the_editions_language() {
    let ed = Edition::fixture("cases");
    let toml = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        toml.replace("language = \"en\"", "language = \"fr\""),
    );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let table = read_text(&site, "cases.html");
    assert!(
        table.contains("<h1>Table de la jurisprudence</h1>"),
        "{table}"
    );
}

#[test]
fn bad_declarations_are_diagnosed_at_their_line_and_column() {
    let ed = Edition::fixture("cases");
    ed.write(
        "content/cases/bad.toml",
        "[[case]]\ncourt = \"European Court of Human Rights\"\n\n[[case]]\nname = \"Soering v. the United Kingdom\"\nnumbr = \"14038/88\"\necli = \"CE:ECHR:1989:0707JUD001403888\"\n\n[[case]]\nid = \"saadi\"\nname = \"Saadi v. Italy\"\n\n[[case]]\nname = \"N.A. v. the United Kingdom\"\ndate = \"17 July 2008\"\n",
    );
    let run = ed.check(&[]);
    run.assert_failure()
        .assert_diag("content/cases/bad.toml:1:1: error: ", &["no `name`"])
        .assert_diag(
            "content/cases/bad.toml:6:1: warning: ",
            &["unknown key `case.numbr`"],
        )
        .assert_diag(
            "content/cases/bad.toml:7:8: error: ",
            &["not a European Case Law Identifier"],
        )
        // bad.toml is read first: the Strasbourg file's `saadi` is the second.
        .assert_diag(
            "content/cases/echr.toml:4:6: error: ",
            &[
                "two cases have the id `saadi`",
                "the first is `Saadi v. Italy`",
            ],
        )
        .assert_diag("content/cases/bad.toml:15:8: error: ", &["is not a date"]);
}

#[test]
fn citations_of_no_declared_case_are_warned_about_under_strict() {
    let ed = Edition::fixture("cases");
    ed.write(
        "content/later.md",
        "# Later cases\n\nAgain *Sadi v. the United Kingdom*, § 125.\n\nAnd Case C-411/10 *N.S.*, paragraph 86, and no. 30696/09, § 7.\n",
    );
    let run = ed.check(&["--strict"]);
    run.assert_failure()
        .assert_diag(
            "content/later.md:3:8: warning: ",
            &["`Sadi v. the United Kingdom, § 125` looks like a case citation"],
        )
        .assert_diag(
            "content/later.md:5:5: warning: ",
            &["`Case C-411/10 N.S., paragraph 86`"],
        )
        .assert_diag("content/later.md:5:45: warning: ", &["`no. 30696/09, § 7`"]);
    assert!(
        run.stderr
            .contains("did you mean `Saadi v. the United Kingdom`?"),
        "{}",
        run.describe()
    );
    // Without --strict the edition builds, the citation left as text.
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    let html = read_text(&site, "later.html");
    assert!(!html.contains("case-cite"), "{html}");
}

#[test]
fn an_ambiguous_alias_or_a_contradiction_is_a_warning_not_a_link() {
    let ed = Edition::fixture("cases");
    ed.write(
        "content/cases/more.toml",
        "[[case]]\nid = \"diallo-po\"\nname = \"Ahmadou Sadio Diallo (Preliminary Objections)\"\ncourt = \"International Court of Justice\"\naliases = [\"Diallo\"]\n",
    );
    ed.write(
        "content/later.md",
        "# Later cases\n\nAs in *Diallo*, para. 12.\n\nBut *Saadi v. the United Kingdom*, no. 27765/09, § 1.\n",
    );
    let run = ed.check(&["--strict"]);
    run.assert_failure()
        .assert_diag(
            "content/later.md:3:8: warning: ",
            &[
                "`Diallo` is the name of `diallo` and `diallo-po`",
                "not linked",
            ],
        )
        .assert_diag(
            "content/later.md:5:6: warning: ",
            &["does not agree with itself", "`27765/09` is `hirsi`'s"],
        );
    let site = ed.out("site");
    ed.build_into(&site).assert_success();
    assert!(!read_text(&site, "later.html").contains("case-cite"));
}

#[test]
fn an_edition_without_cases_has_no_table_and_no_warnings() {
    let ed = Edition::fixture("cases");
    for f in ["echr", "cjeu", "icj"] {
        ed.remove(&format!("content/cases/{f}.toml"));
    }
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    assert!(!site.join("cases.html").exists());
    let html = read_text(&site, "commentary.html");
    assert!(!html.contains("case-cite"));
    // An ECLI still goes to the resolver.
    assert!(html.contains("https://e-justice.europa.eu/ecli/ECLI:EU:C:2014:317"));
}

#[test]
fn references_json_lists_every_case_citation_with_its_pinpoint_and_place() {
    let (_ed, site) = built();
    let refs: serde_json::Value =
        serde_json::from_str(&read_text(&site, "references.json")).unwrap();
    let cases = refs["cases"].as_array().expect("a list of case citations");
    // As many as the Table of Cases lists places.
    let table = read_text(&site, "cases.html");
    let places = table
        .split("<ul class=\"case-places\">")
        .skip(1)
        .map(|l| l[..l.find("</ul>").unwrap()].matches("<li>").count())
        .sum::<usize>();
    assert_eq!(cases.len(), places);
    assert_eq!(cases.len(), 7);
    let saadi = &cases[0];
    assert_eq!(saadi["case"], "saadi");
    assert_eq!(saadi["page"], "commentary.html");
    assert_eq!(saadi["anchor"], "case-1");
    assert_eq!(saadi["pinpoint"], "§ 43");
    assert_eq!(saadi["paragraph"], 1);
    assert_eq!(
        saadi["target"],
        "https://hudoc.echr.coe.int/eng?i=001-84709"
    );
    assert_eq!(
        saadi["text"],
        "Saadi v. the United Kingdom [GC], no. 13229/03, § 43, ECHR 2008"
    );
    assert!(
        saadi["source"]
            .as_str()
            .unwrap()
            .starts_with("content/commentary.md:3:"),
        "{saadi}"
    );
    // In a note, with the OSCOLA back-reference's pinpoint.
    let in_note = cases
        .iter()
        .find(|c| c["note"] == 1 && c["case"] == "google-spain")
        .expect("the note's citation");
    assert_eq!(in_note["pinpoint"], "para 81");
    assert!(refs["works"].as_array().unwrap().is_empty());
}

#[test]
fn a_paragraph_pinpoint_leads_to_the_paragraph_where_the_declaration_says_how() {
    let ed = Edition::fixture("cases");
    let cjeu = std::fs::read_to_string(ed.path("content/cases/cjeu.toml")).unwrap();
    ed.write(
        "content/cases/cjeu.toml",
        format!("{cjeu}paragraph-url = \"https://example.org/62012CJ0131.html#point{{n}}\"\n"),
    );
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/");
    let links = case_links(&read_text(&site, "commentary.html"));
    let href = |anchor: &str| {
        links
            .iter()
            .find(|l| l.0 == anchor)
            .map(|l| l.1.clone())
            .unwrap_or_else(|| panic!("no {anchor}"))
    };
    // "paragraph 74" and, in the note, "para 81": their paragraphs.
    assert_eq!(
        href("case-2"),
        "https://example.org/62012CJ0131.html#point74"
    );
    assert_eq!(
        href("case-5"),
        "https://example.org/62012CJ0131.html#point81"
    );
    // Without a pinpoint, the judgment; another court's case, its own address.
    assert_eq!(
        href("case-3"),
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62012CJ0131"
    );
    assert_eq!(href("case-1"), "https://hudoc.echr.coe.int/eng?i=001-84709");
    let refs: serde_json::Value =
        serde_json::from_str(&read_text(&site, "references.json")).unwrap();
    assert_eq!(
        refs["cases"][1]["target"],
        "https://example.org/62012CJ0131.html#point74"
    );

    // An address with no place for the number is an error at it.
    ed.write(
        "content/cases/cjeu.toml",
        format!("{cjeu}paragraph-url = \"https://example.org/62012CJ0131.html\"\n"),
    );
    let line = cjeu.lines().count() + 1;
    ed.check(&[]).assert_failure().assert_diag(
        &format!("content/cases/cjeu.toml:{line}:17: error: "),
        &["is not the address of a paragraph of the judgment"],
    );
}
