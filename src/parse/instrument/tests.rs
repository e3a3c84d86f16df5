//! The instrument reader on small texts in the layouts official sources print.

use super::*;
use crate::parse::parse;

fn units_of(markdown: &str) -> Vec<Unit> {
    let mut d = Vec::new();
    let doc = parse("instruments/x.md", FileId(0), markdown, &mut d);
    assert!(d.is_empty(), "{d:?}");
    doc.units
}

fn addresses(markdown: &str) -> Vec<(String, String, String)> {
    units_of(markdown)
        .into_iter()
        .map(|u| (u.address, u.html_id, u.text))
        .collect()
}

fn short(got: &[(String, String, String)]) -> Vec<(&str, &str)> {
    got.iter()
        .map(|(a, i, _)| (a.as_str(), i.as_str()))
        .collect()
}

#[test]
fn articles_paragraphs_points_and_recitals() {
    let md = "## Preamble\n\nWE THE PEOPLES DETERMINED\n\nto save us, and\n\nto reaffirm faith\n\n# Chapter I\n\n## Article 1\n\nThe Purposes are:\n\n1. To maintain peace;\n\n2. To develop:\n\n   (a) friendly relations;\n\n## Article 55\n\nThe UN shall promote:\n\n(a) higher standards;\n\n(c) universal respect.\n";
    let got = addresses(md);
    assert_eq!(
        short(&got),
        vec![
            ("preamble", "preamble"),
            ("preamble(1)", "preamble__recital_1"),
            ("preamble(2)", "preamble__recital_2"),
            ("Chapter I", "chp_I"),
            ("1", "art_1"),
            ("1(1)", "art_1__para_1"),
            ("1(2)", "art_1__para_2"),
            ("1(2)(a)", "art_1__para_2__point_a"),
            ("55", "art_55"),
            ("55(a)", "art_55__point_a"),
            ("55(c)", "art_55__point_c"),
        ]
    );
    assert_eq!(got[2].2, "to reaffirm faith");
    assert_eq!(got[6].2, "To develop: (a) friendly relations;");
    assert_eq!(got[10].2, "universal respect.");
}

#[test]
fn resolutions_number_paragraphs_and_empty_units_stay_addressable() {
    let got = addresses("## Paragraph 11\n\n<!-- not quoted -->\n\n## Paragraph 26\n\nText.\n");
    assert_eq!(got[0].0, "11");
    assert_eq!(got[0].1, "para_11");
    assert_eq!(got[0].2, "");
    assert_eq!(got[1].2, "Text.");
}

/// Article 6 of the GDPR as EUR-Lex prints it: title on the next line,
/// points on consecutive lines, a second subparagraph after the points.
const GDPR_6: &str = "Article 6\nLawfulness of processing\n1.   Processing shall be lawful only if:\n(a)\nthe data subject has given consent;\n(b) processing is necessary for a contract;\n(f) processing is necessary for legitimate interests.\n\nPoint (f) of the first subparagraph shall not apply to public authorities.\n2.   Member States may maintain provisions.\n";

#[test]
fn a_regulation_as_eur_lex_prints_it() {
    let units = units_of(GDPR_6);
    let got: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.address.as_str(), u.html_id.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("6", "art_6"),
            ("6(1)", "art_6__para_1"),
            ("6(1)[1]", "art_6__para_1__subpara_1"),
            ("6(1)(a)", "art_6__para_1__point_a"),
            ("6(1)(b)", "art_6__para_1__point_b"),
            ("6(1)(f)", "art_6__para_1__point_f"),
            ("6(1)[2]", "art_6__para_1__subpara_2"),
            ("6(2)", "art_6__para_2"),
        ]
    );
    assert_eq!(units[0].title.as_deref(), Some("Lawfulness of processing"));
    assert_eq!(units[3].text, "the data subject has given consent;");
    assert_eq!(units[3].label, "Article 6(1)(a)");
    assert_eq!(units[6].label, "Article 6(1), second subparagraph");
    assert_eq!(
        units[6].text,
        "Point (f) of the first subparagraph shall not apply to public authorities."
    );
    assert_eq!(units[3].parent, Some(2));
    assert!(!units[0].text.contains("Lawfulness"));
}

#[test]
fn recitals_citations_and_the_closing() {
    let md = "REGULATION (EU) 2016/679\n\nHaving regard to the Treaty,\n\nAfter transmission of the draft,\n\nWhereas:\n\n(1)\n\nThe protection is a right.\n\n(2) The principles should respect.\n\nA second paragraph of recital 2.\n\nHAVE ADOPTED THIS REGULATION:\n\nCHAPTER I\n\nGeneral provisions\n\nArticle 1\n\nSubject-matter\n\nThis Regulation lays down rules.\n\nThis Regulation shall be binding in its entirety.\n\nDone at Brussels, 27 April 2016.\n\n(1) OJ C 229, 31.7.2012, p. 90.\n";
    let units = units_of(md);
    let got: Vec<&str> = units.iter().map(|u| u.address.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "preamble",
            "citation(1)",
            "citation(2)",
            "preamble(1)",
            "preamble(2)",
            "Chapter I",
            "1"
        ]
    );
    assert_eq!(units[3].text, "The protection is a right.");
    assert!(units[4].text.ends_with("A second paragraph of recital 2."));
    assert_eq!(units[5].title.as_deref(), Some("General provisions"));
    assert_eq!(units[6].text, "This Regulation lays down rules.");
}

#[test]
fn lettered_sections_roman_sub_points_and_containers() {
    let md = "CHAPTER I\nGENERAL PROVISIONS\nArticle 1\n- Definition of the term \"refugee\"\nA. For the purposes of this Convention:\n(1) Has been considered a refugee;\n(2) As a result of events:\n\nIn the case of a person who has more than one nationality.\nB.\n(1) For the purposes of this Convention:\n(a) \"events in Europe\"; or\n(b) \"events in Europe or elsewhere\";\n(h) eighth;\n(i) ninth letter;\n(j) tenth:\n(i) first sub-point;\n(ii) second sub-point.\nSection 1\nTransparency\nArticle 12\nText.\n";
    let got: Vec<String> = units_of(md).into_iter().map(|u| u.address).collect();
    let want = [
        "Chapter I",
        "1",
        "1(A)",
        "1(A)(1)",
        "1(A)(2)",
        "1(A)(2)[1]",
        "1(A)(2)[2]",
        "1(B)",
        "1(B)(1)",
        "1(B)(1)(a)",
        "1(B)(1)(b)",
        "1(B)(1)(h)",
        "1(B)(1)(i)",
        "1(B)(1)(j)",
        "1(B)(1)(j)(i)",
        "1(B)(1)(j)(ii)",
        "Chapter I, Section 1",
        "12",
    ];
    assert_eq!(got, want);
}

#[test]
fn article_numbers_any_way_and_annexes_apart() {
    let md = "Article I\nGeneral provision\n1. The States undertake.\nArticle 8 bis\nCrime of aggression\n1. For the purpose.\nArticle 1A\nText.\nANNEX I\nList of things\n1. First item.\n2. Second item.\n";
    let units = units_of(md);
    let got: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.address.as_str(), u.html_id.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("I", "art_I"),
            ("I(1)", "art_I__para_1"),
            ("8 bis", "art_8bis"),
            ("8 bis(1)", "art_8bis__para_1"),
            ("1A", "art_1A"),
            ("Annex I", "annex_I"),
            ("Annex I/1", "annex_I__para_1"),
            ("Annex I/2", "annex_I__para_2"),
        ]
    );
    assert_eq!(units[6].label, "Annex I, Paragraph 1");
}

#[test]
fn a_resolution_without_headings() {
    let md = "The General Assembly,\n\nRecalling its resolution 1,\n\nNoting with concern the facts,\n\n1. Decides to act;\n\n2. Requests the Secretary-General:\n\n(a) to report;\n";
    let got: Vec<String> = units_of(md).into_iter().map(|u| u.address).collect();
    assert_eq!(
        got,
        vec!["preamble", "preamble(1)", "preamble(2)", "1", "2", "2(a)"]
    );
}

#[test]
fn units_cover_their_text_in_the_events() {
    let mut d = Vec::new();
    let doc = parse("instruments/x.md", FileId(0), GDPR_6, &mut d);
    for u in &doc.units {
        assert!(u.start < u.end, "{u:?}");
        assert!(u.end <= doc.events.len());
    }
    let para1 = &doc.units[1];
    let point_f = &doc.units[5];
    assert!(para1.start <= point_f.start && point_f.end <= para1.end);
}

#[test]
fn an_instrument_cited_with_section_signs() {
    let mut d = Vec::new();
    let md = "+++\ncite-as = \"§\"\n+++\nArticle 5\n- Right to liberty\n1. Everyone has the right:\n(f) the lawful arrest;\n";
    let doc = parse("instruments/echr.md", FileId(0), md, &mut d);
    assert!(d.is_empty(), "{d:?}");
    let labels: Vec<&str> = doc.units.iter().map(|u| u.label.as_str()).collect();
    assert_eq!(labels, ["Article 5", "Article 5 § 1", "Article 5 § 1 (f)"]);
    assert_eq!(doc.units[2].address, "5(1)(f)");
}

#[test]
fn a_layout_without_articles_says_what_it_saw() {
    let mut d = Vec::new();
    let doc = parse(
        "instruments/x.md",
        FileId(0),
        "Some prose about a treaty.\n\nMore prose.\n",
        &mut d,
    );
    assert!(doc.units.is_empty());
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("`Some prose about a treaty.`"),
        "{:?}",
        d[0]
    );
}

#[test]
fn containers_nest_in_the_order_the_text_first_uses_them() {
    // The United States Code: subchapters hold parts, the other way round
    // from a treaty's parts holding chapters.
    let md = "### SUBCHAPTER II—IMMIGRATION\n\n### PART I—SELECTION SYSTEM\n\n### §1151. Worldwide level\n* (a) Text.\n\n### PART II—ADMISSION\n\n### §1181. Documents\n* (a) Text.\n\n### SUBCHAPTER III—NATIONALITY\n\n### PART I—NATIONALITY AT BIRTH\n\n### §1401. Nationals\n* (a) Text.\n";
    let got = addresses(md);
    let containers: Vec<(&str, &str)> = short(&got)
        .into_iter()
        .filter(|(a, _)| a.starts_with("Sub"))
        .collect();
    assert_eq!(
        containers,
        [
            ("Subchapter II", "subchp_II"),
            ("Subchapter II, Part I", "subchp_II__part_I"),
            ("Subchapter II, Part II", "subchp_II__part_II"),
            ("Subchapter III", "subchp_III"),
            ("Subchapter III, Part I", "subchp_III__part_I"),
        ]
    );
    let units = units_of(md);
    let parent = |address: &str| {
        let u = units.iter().find(|u| u.address == address).unwrap();
        units[u.parent.unwrap()].address.clone()
    };
    assert_eq!(parent("1181"), "Subchapter II, Part II");
    assert_eq!(parent("1401"), "Subchapter III, Part I");
}

#[test]
fn inserted_points_are_siblings_and_items_a_level_of_their_own() {
    // legislation.gov.uk: "(aa)" inserted after "(a)" is its sibling.
    let md = "1 Interpretation\n\n(1) In this Act—\n\n(a) one;\n\n(aa) inserted;\n\n(b) two.\n\n2 Other\n\n(1) Text.\n";
    let got = addresses(md);
    let points: Vec<&str> = short(&got)
        .into_iter()
        .map(|(a, _)| a)
        .filter(|a| a.starts_with("1(1)("))
        .collect();
    assert_eq!(points, ["1(1)(a)", "1(1)(aa)", "1(1)(b)"]);
    // The United States Code: items "(aa)" under a subclause "(I)".
    let md = "### §1. One\n* (a) Text—\n\n  * (1) one—\n\n    * (A) big—\n\n      * (i) small—\n\n        * (I) roman—\n\n          * (aa) item;\n\n          * (bb) item.\n\n### §2. Two\n* (a) Text.\n";
    let got = addresses(md);
    assert!(
        short(&got).contains(&(
            "1(a)(1)(A)(i)(I)(bb)",
            "sec_1__point_a__para_1__para_A__point_i__para_I__point_bb"
        )),
        "{:?}",
        short(&got)
    );
}

#[test]
fn editorial_notes_are_no_part_of_a_units_text() {
    let md = "## Article 1\n\n<!-- a gap -->\n\n```editorial\nThe paper's account of Article 1.\n```\n\n## Article 2\n\n1. “due regard”\n\n```editorial\nThe paper's account of Article 2(1).\n```\n\n2. <!-- a gap -->\n\n```editorial\nThe paper's account of Article 2(2).\n```\n\n## Article 3\n\nHeld words.\n";
    let got = addresses(md);
    let texts: Vec<(&str, &str)> = got
        .iter()
        .map(|(a, _, t)| (a.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("1", ""),
            ("2", "1. “due regard” 2."),
            ("2(1)", "“due regard”"),
            ("2(2)", ""),
            ("3", "Held words."),
        ]
    );
}

/// Sections 95 to 99(1) of the Immigration and Refugee Protection Act as
/// the Justice Laws website prints them (`tests/instruments/irpa.md`): the
/// marginal note on its own line before the section's number, the text on
/// the number's line.
const IRPA: &str = "PART 2\nRefugee Protection\nDIVISION 1\nRefugee Protection, Convention Refugees and Persons in Need of Protection\nConferral of refugee protection\n95 (1) Refugee protection is conferred on a person when\n(a) the person has been determined to be a Convention refugee or a person in similar circumstances under a visa application and becomes a permanent resident under the visa or a temporary resident under a temporary resident permit for protection reasons;\n(b) the Board determines the person to be a Convention refugee or a person in need of protection; or\n(c) except in the case of a person described in subsection 112(3), the Minister allows an application for protection.\nProtected person\n(2) A protected person is a person on whom refugee protection is conferred under subsection (1), and whose claim or application has not subsequently been deemed to be rejected under subsection 108(3), 109(3) or 114(4).\n2001, c. 27, s. 95; 2010, c. 8, s. 10(F)\nConvention refugee\n96 A Convention refugee is a person who, by reason of a well-founded fear of persecution for reasons of race, religion, nationality, membership in a particular social group or political opinion,\n(a) is outside each of their countries of nationality and is unable or, by reason of that fear, unwilling to avail themself of the protection of each of those countries; or\n(b) not having a country of nationality, is outside the country of their former habitual residence and is unable or, by reason of that fear, unwilling to return to that country.\nPerson in need of protection\n97 (1) A person in need of protection is a person in Canada whose removal to their country or countries of nationality or, if they do not have a country of nationality, their country of former habitual residence, would subject them personally\n(a) to a danger, believed on substantial grounds to exist, of torture within the meaning of Article 1 of the Convention Against Torture; or\n(b) to a risk to their life or to a risk of cruel and unusual treatment or punishment if\n(i) the person is unable or, because of that risk, unwilling to avail themself of the protection of that country,\n(ii) the risk would be faced by the person in every part of that country and is not faced generally by other individuals in or from that country,\n(iii) the risk is not inherent or incidental to lawful sanctions, unless imposed in disregard of accepted international standards, and\n(iv) the risk is not caused by the inability of that country to provide adequate health or medical care.\nPerson in need of protection\n(2) A person in Canada who is a member of a class of persons that is prescribed as being in need of protection is also a person in need of protection.\n2001, c. 27, s. 97; 2026, c. 4, s. 40(E)\nExclusion — Refugee Convention\n98 A person referred to in section E or F of Article 1 of the Refugee Convention is not a Convention refugee or a person in need of protection.\nRequirement to report\n98.1 (1) A designated foreign national on whom refugee protection is conferred under paragraph 95(1)(b) or (c) must report to an officer in accordance with the regulations.\nObligation when reporting\n(2) A designated foreign national who is required to report to an officer must answer truthfully all questions put to him or her and must provide any information and documents that the officer requests.\n2012, c. 17, s. 32\nRegulations\n98.2 The regulations may provide for any matter relating to the application of section 98.1 and may include provisions respecting the requirement to report to an officer.\n2012, c. 17, s. 32\nDIVISION 2\nConvention Refugees and Persons in Need of Protection\nClaim for Refugee Protection\nClaim\n99 (1) A claim for refugee protection may be made in or outside Canada.\n";

#[test]
fn a_canadian_statute_as_justice_laws_prints_it() {
    let units = units_of(IRPA);
    let got: Vec<(&str, &str, Option<&str>)> = units
        .iter()
        .map(|u| (u.address.as_str(), u.html_id.as_str(), u.title.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Part 2", "part_2", Some("Refugee Protection")),
            (
                "Part 2, Division 1",
                "part_2__dvs_1",
                Some("Refugee Protection, Convention Refugees and Persons in Need of Protection")
            ),
            ("95", "sec_95", Some("Conferral of refugee protection")),
            ("95(1)", "sec_95__para_1", None),
            ("95(1)(a)", "sec_95__para_1__point_a", None),
            ("95(1)(b)", "sec_95__para_1__point_b", None),
            ("95(1)(c)", "sec_95__para_1__point_c", None),
            ("95(2)", "sec_95__para_2", Some("Protected person")),
            ("96", "sec_96", Some("Convention refugee")),
            ("96(a)", "sec_96__point_a", None),
            ("96(b)", "sec_96__point_b", None),
            ("97", "sec_97", Some("Person in need of protection")),
            ("97(1)", "sec_97__para_1", None),
            ("97(1)(a)", "sec_97__para_1__point_a", None),
            ("97(1)(b)", "sec_97__para_1__point_b", None),
            ("97(1)(b)(i)", "sec_97__para_1__point_b__point_i", None),
            ("97(1)(b)(ii)", "sec_97__para_1__point_b__point_ii", None),
            ("97(1)(b)(iii)", "sec_97__para_1__point_b__point_iii", None),
            ("97(1)(b)(iv)", "sec_97__para_1__point_b__point_iv", None),
            (
                "97(2)",
                "sec_97__para_2",
                Some("Person in need of protection")
            ),
            ("98", "sec_98", Some("Exclusion — Refugee Convention")),
            ("98.1", "sec_98_1", Some("Requirement to report")),
            ("98.1(1)", "sec_98_1__para_1", None),
            (
                "98.1(2)",
                "sec_98_1__para_2",
                Some("Obligation when reporting")
            ),
            ("98.2", "sec_98_2", Some("Regulations")),
            (
                "Part 2, Division 2",
                "part_2__dvs_2",
                Some("Convention Refugees and Persons in Need of Protection")
            ),
            ("99", "sec_99", Some("Claim")),
            ("99(1)", "sec_99__para_1", None),
        ]
    );
    let text = |a: &str| units.iter().find(|u| u.address == a).unwrap().text.clone();
    // The marginal note is the section's title, not the text of the section
    // before; the historical note is no unit's text.
    assert!(
        text("95(2)").starts_with("A protected person is"),
        "{}",
        text("95(2)")
    );
    assert!(text("95(2)").ends_with("or 114(4)."), "{}", text("95(2)"));
    assert!(
        text("95").starts_with("(1) Refugee protection"),
        "{}",
        text("95")
    );
    assert!(!text("95").contains("2001, c. 27"), "{}", text("95"));
    assert!(
        text("96").starts_with("A Convention refugee is"),
        "{}",
        text("96")
    );
    assert!(
        text("97(1)").starts_with("A person in need"),
        "{}",
        text("97(1)")
    );
    assert!(!text("98.2").contains("2012, c. 17"), "{}", text("98.2"));
    assert_eq!(units[2].label, "Section 95");
    assert_eq!(units[15].label, "Section 97(1)(b)(i)");
}

#[test]
fn cross_headings_and_historical_notes_of_a_canadian_statute_are_no_units_text() {
    let mut d = Vec::new();
    let doc = parse("instruments/x.md", FileId(0), IRPA, &mut d);
    assert!(d.is_empty(), "{d:?}");
    // The cross-heading is a heading, the section's note a heading of the
    // section, the subsection's note one level below it.
    let headings: Vec<&str> = doc
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .filter(|t| t.contains("Claim") || t.contains("Protected") || t.contains("Conferral"))
        .collect();
    assert_eq!(
        headings,
        [
            "Conferral of refugee protection",
            "Protected person",
            "Claim for Refugee Protection",
            "Claim"
        ]
    );
}

#[test]
fn a_copy_that_kept_the_screen_readers_marginal_note_and_a_repealed_section() {
    let md = "Marginal note:Conferral of refugee protection\n95 (1) Refugee protection is conferred on a person when the Board determines the person to be a Convention refugee or a person in need of protection.\nMarginal note:Protected person\n(2) A protected person is a person on whom refugee protection is conferred under subsection (1) and whose claim has not been rejected.\n96 [Repealed, 2012, c. 17, s. 31]\nMarginal note:Exclusion — Refugee Convention\n98 A person referred to in section E or F of Article 1 of the Refugee Convention is not a Convention refugee or a person in need of protection.\n";
    let units = units_of(md);
    let got: Vec<(&str, Option<&str>)> = units
        .iter()
        .map(|u| (u.address.as_str(), u.title.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("95", Some("Conferral of refugee protection")),
            ("95(1)", None),
            ("95(2)", Some("Protected person")),
            ("96", None),
            ("98", Some("Exclusion — Refugee Convention")),
        ]
    );
    assert_eq!(units[3].text, "[Repealed, 2012, c. 17, s. 31]");
}

#[test]
fn prose_without_articles_is_warned_unless_the_instrument_holds_only_quotations() {
    let body = "“IOM must, in addition to these features, also retain the following attributes.”\n";
    let warnings = |front: &str| {
        let mut d = Vec::new();
        parse(
            "instruments/x.md",
            FileId(0),
            &format!("+++\n{front}+++\n\n{body}"),
            &mut d,
        );
        d.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
    };
    let plain = warnings("title = \"X\"\n");
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert!(plain[0].starts_with("no article, numbered paragraph or preamble found"));
    let quoted = warnings("title = \"X\"\ntext = \"quoted\"\n");
    assert!(quoted.is_empty(), "{quoted:?}");
}

#[test]
fn a_protocol_after_its_treaty_is_a_space_of_its_own() {
    for heading in [
        "OPTIONAL PROTOCOL TO THE CONVENTION ON TESTING",
        "Optional Protocol to the Convention on Testing",
    ] {
        let md = format!(
            "Article 1\n\n1. Everyone tests.\n\nIN WITNESS THEREOF the undersigned have signed.\n\n{heading}\n\nArticle 1\n\nText one.\n\nArticle 2\n\nText two.\n"
        );
        let units = units_of(&md);
        let got: Vec<(&str, &str)> = units
            .iter()
            .map(|u| (u.address.as_str(), u.html_id.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("1", "art_1"),
                ("1(1)", "art_1__para_1"),
                ("Protocol", "protocol"),
                ("Protocol/1", "protocol__art_1"),
                ("Protocol/2", "protocol__art_2"),
            ],
            "{heading}"
        );
    }
}

#[test]
fn eur_lex_consolidation_markers_are_no_paragraphs() {
    let md = "Article 1\n\n▼B\n\n1. The basic act's words.\n\n▼M1\n\n2. An amendment's words.\n\nArticle 2\n\n▼B\n\nFirst subparagraph.\n\n▼M2\n\nSecond subparagraph.\n";
    let got: Vec<String> = units_of(md).into_iter().map(|u| u.address).collect();
    assert_eq!(got, vec!["1", "1(1)", "1(2)", "2", "2[1]", "2[2]"]);
}

#[test]
fn sections_inside_articles_are_the_articles_own() {
    // The United States Constitution as the National Archives transcribes
    // it: each article's sections numbered from 1 again, no container of
    // articles; a section of two paragraphs has two clauses.
    let md = "Article. I.\n\nSection. 1.\n\nAll legislative Powers herein granted shall be vested in a Congress.\n\nSection. 2.\n\nThe House of Representatives shall be composed of Members.\n\nNo Person shall be a Representative.\n\nArticle. II.\n\nSection. 1.\n\nThe executive Power shall be vested in a President.\n";
    let got: Vec<(String, String)> = units_of(md)
        .into_iter()
        .map(|u| (u.address, u.html_id))
        .collect();
    let want = [
        ("I", "art_I"),
        ("I(1)", "art_I__para_1"),
        ("I(2)", "art_I__para_2"),
        ("I(2)[1]", "art_I__para_2__subpara_1"),
        ("I(2)[2]", "art_I__para_2__subpara_2"),
        ("II", "art_II"),
        ("II(1)", "art_II__para_1"),
    ];
    assert_eq!(
        got,
        want.map(|(a, i)| (a.to_string(), i.to_string())).to_vec()
    );
    // With the section's number in bold at the start of its first
    // paragraph, as Markdown copies of it write it.
    let md = "## Article. I.\n\n**Section. 1.**  All legislative Powers herein granted shall be vested in a\nCongress of the United States.\n\n**Section. 2.**  The House of Representatives shall be composed.\n\nNo Person shall be a Representative.\n";
    let got: Vec<String> = units_of(md).into_iter().map(|u| u.address).collect();
    assert_eq!(got, ["I", "I(1)", "I(2)", "I(2)[1]", "I(2)[2]"]);
    // A regulation's sections between articles stay containers.
    let md =
        "CHAPTER II\n\nSection 1\n\nArticle 5\n\n1. Text.\n\nSection 2\n\nArticle 6\n\nText.\n";
    let got: Vec<String> = units_of(md).into_iter().map(|u| u.address).collect();
    assert_eq!(
        got,
        [
            "Chapter II",
            "Chapter II, Section 1",
            "5",
            "5(1)",
            "Chapter II, Section 2",
            "6"
        ]
    );
}

#[test]
fn a_british_statutory_instrument_is_read_as_legislation_gov_uk_prints_it() {
    // Each regulation's title on a line of its own, then "3.—(1) …" with
    // its first paragraph, or "4. …" with its text; cited as "regulation 3(1)(a)".
    let md = "Citation and interpretation\n\n1.—(1) These Regulations may be cited as the Test Regulations 1999.\n\n(2) In these Regulations—\n\n“the Act” means the Test Act;\n\nRisk assessment\n\n3.—(1) Every employer shall make an assessment of—\n\n(a) the risks to his employees; and\n\n(b) the risks to others.\n\n(2) Every self-employed person shall make one.\n\nPrinciples of prevention\n\n4. Where an employer implements measures he shall do so on principles.\n\nCapabilities\n\n12A.—(1) Every employer shall take capabilities into account.\n";
    let units = units_of(md);
    let got: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.address.as_str(), u.html_id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("1", "reg_1"),
            ("1(1)", "reg_1__para_1"),
            ("1(2)", "reg_1__para_2"),
            ("1(2)[1]", "reg_1__para_2__subpara_1"),
            ("1(2)[2]", "reg_1__para_2__subpara_2"),
            ("3", "reg_3"),
            ("3(1)", "reg_3__para_1"),
            ("3(1)(a)", "reg_3__para_1__point_a"),
            ("3(1)(b)", "reg_3__para_1__point_b"),
            ("3(2)", "reg_3__para_2"),
            ("4", "reg_4"),
            ("12A", "reg_12A"),
            ("12A(1)", "reg_12A__para_1"),
        ]
    );
    assert_eq!(units[0].label, "Regulation 1");
    assert_eq!(units[5].title.as_deref(), Some("Risk assessment"));
}

#[test]
fn a_wrapped_text_with_one_long_line_is_still_wrapped() {
    // Hand-wrapped Markdown at 80 columns, with one paragraph pasted on a
    // single line: its other paragraphs still continue on their next lines.
    let long = "Every word of this one paragraph stands on a single line, as a paste from a web page leaves it, far longer than any line around it.";
    let wrapped: String = (1..=30)
        .map(|n| format!("{n}. The words of paragraph {n}\ncontinue on the line after.\n\n"))
        .collect();
    let md = format!("Article 1\n\n{wrapped}{long}\n");
    let units = units_of(&md);
    let numbered: Vec<&Unit> = units.iter().filter(|u| u.kind == Kind::Part).collect();
    assert_eq!(numbered.len(), 30);
    assert!(
        numbered
            .iter()
            .all(|u| u.text.contains("paragraph") && u.text.contains("continue on the line after")),
        "a paragraph was cut at its line break"
    );
    // The pasted paragraph is one, after the last numbered one.
    let subs: Vec<&str> = units
        .iter()
        .filter(|u| u.kind == Kind::Subparagraph)
        .map(|u| u.address.as_str())
        .collect();
    assert_eq!(subs, ["1(30)[1]", "1(30)[2]"]);
}
