//! Real citation phrasings (`tests/citations/corpus.toml`, each with where
//! it was written) built into an edition of the real instrument texts in
//! `tests/instruments/`, one chapter per phrasing. Each is scored by the
//! units it links to against the units a lawyer means: exactly right,
//! coarser (an enclosing unit), partial (some members missed), wrong (a
//! unit not meant) or missed. Wrong must be none.

use std::collections::BTreeMap;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    #[serde(default)]
    chapter: String,
    /// The article the chapter comments on (front matter `clause`), if any.
    #[serde(default)]
    clause: String,
    expect: Vec<String>,
    source: String,
}

/// Whether unit `outer` encloses unit `inner` (`6(1)` encloses `6(1)(f)`).
fn encloses(outer: &str, inner: &str) -> bool {
    let (oi, oa) = outer.split_once(' ').unwrap_or(("", outer));
    let (ii, ia) = inner.split_once(' ').unwrap_or(("", inner));
    oi == ii && ia.len() > oa.len() && ia.starts_with(oa) && ia[oa.len()..].starts_with(['(', '['])
}

#[derive(Default, Debug)]
struct Score {
    exact: usize,
    coarser: usize,
    partial: usize,
    wrong: Vec<String>,
    missed: Vec<String>,
}

/// Builds `cases` into an edition of the real instruments, one chapter
/// each, and returns what each chapter's citations link to.
fn linked(cases: &[Case]) -> BTreeMap<String, Vec<String>> {
    let output = site(cases);
    let references: serde_json::Value =
        serde_json::from_slice(&output.files["references.json"]).unwrap();
    let mut linked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in references["citations"].as_array().unwrap() {
        let page = c["page"]
            .as_str()
            .unwrap()
            .trim_end_matches(".html")
            .to_string();
        let address = c["address"].as_str().unwrap().replacen('/', " ", 1);
        linked.entry(page).or_default().push(address);
    }
    linked
}

/// The site of an edition of the real instruments with `cases` as its
/// chapters, `case-N.html`.
fn site(cases: &[Case]) -> glossator::render::Output {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("instruments")).unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Citation corpus\"\nauthors = [\"glossator's tests\"]\n",
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n[Cases](index.md)\n\n");
    std::fs::write(content.join("index.md"), "# Cases\n").unwrap();
    for entry in std::fs::read_dir(here.join("instruments")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            std::fs::copy(&path, content.join("instruments").join(&name)).unwrap();
            summary.push_str(&format!("- [{name}](instruments/{name})\n"));
        }
    }
    for (n, case) in cases.iter().enumerate() {
        let front = match (case.chapter.is_empty(), case.clause.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!("+++\ninstrument = \"{}\"\n+++\n\n", case.chapter),
            (true, false) => format!("+++\nclause = \"{}\"\n+++\n\n", case.clause),
            (false, false) => format!(
                "+++\ninstrument = \"{}\"\nclause = \"{}\"\n+++\n\n",
                case.chapter, case.clause
            ),
        };
        std::fs::write(
            content.join(format!("case-{n}.md")),
            format!("{front}# Case {n}\n\n{}\n", case.text),
        )
        .unwrap();
        summary.push_str(&format!("- [Case {n}](case-{n}.md)\n"));
    }
    std::fs::write(content.join("SUMMARY.md"), &summary).unwrap();
    let compiled = glossator::compile(dir.path(), None);
    // A name two instruments share, in a case whose chapter does not say
    // which it means ("the Protocol" in a chapter on the Convention), is an
    // error the editor settles in the front matter. Such a case links
    // nothing: it is set aside and the rest built again.
    let shared = |d: &glossator::diag::Diagnostic| d.message.contains(" both claim;");
    let errors: Vec<_> = compiled
        .diags
        .iter()
        .filter(|d| d.is_error() && !shared(d))
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    if let Some(output) = compiled.output {
        return output;
    }
    for d in compiled.diags.iter().filter(|d| shared(d)) {
        let file = compiled
            .map
            .name(d.span.as_ref().expect("placed").file)
            .to_string();
        let name = file.rsplit('/').next().unwrap_or(&file).to_string();
        std::fs::remove_file(content.join(&name)).ok();
        summary = summary.replace(
            &format!(
                "- [Case {}]({name})\n",
                name.trim_start_matches("case-").trim_end_matches(".md")
            ),
            "",
        );
    }
    std::fs::write(content.join("SUMMARY.md"), &summary).unwrap();
    glossator::compile(dir.path(), None)
        .output
        .expect("builds once the undecided cases are set aside")
}

fn case(text: &str, chapter: &str) -> Case {
    Case {
        text: text.to_string(),
        chapter: chapter.to_string(),
        clause: String::new(),
        expect: Vec::new(),
        source: String::new(),
    }
}

/// Where the editor's lines break, in a note, a heading or a table.
#[test]
fn citations_broken_across_lines_in_headings_notes_and_tables() {
    let got = linked(&[
        case(
            "The Court found a breach of Article 5 §\n1 (f) of the Convention.",
            "echr",
        ),
        case("## Point (f) of Article 6(1)\n\nText.", "gdpr"),
        case("Text.[^1]\n\n[^1]: See Articles 12\nto 14 GDPR.", ""),
        case(
            "| Ground | Provision |\n|---|---|\n| consent | Article 6(1)(a) GDPR |",
            "",
        ),
    ]);
    let at = |n: usize| got.get(&format!("case-{n}")).cloned().unwrap_or_default();
    assert_eq!(at(0), ["echr 5(1)(f)"]);
    assert_eq!(at(1), ["gdpr 6(1)(f)"]);
    assert_eq!(at(2), ["gdpr 12", "gdpr 13", "gdpr 14"]);
    assert_eq!(at(3), ["gdpr 6(1)(a)"]);
}

/// A citation's preview names the article with its title.
#[test]
fn previews_name_the_article_and_its_title() {
    let output = site(&[case("Article 6 GDPR governs it.", "")]);
    let page = String::from_utf8(output.files["case-0.html"].to_vec()).unwrap();
    assert!(
        page.contains("Article 6 (Lawfulness of processing), GDPR"),
        "{}",
        &page[page.find("unit-previews").unwrap_or(0)..][..400.min(page.len())]
    );
    // Where it stands: its chapter, with the chapter's title.
    assert!(
        page.contains("<p class=\"preview-trail\">Chapter II (Principles)</p>"),
        "{}",
        &page[page.find("unit-previews").unwrap_or(0)..][..400.min(page.len())]
    );
}

#[test]
fn real_citations_link_to_the_units_meant() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let corpus: Corpus =
        toml::from_str(&std::fs::read_to_string(here.join("citations/corpus.toml")).unwrap())
            .unwrap();
    let mut linked = linked(&corpus.case);
    let mut score = Score::default();
    let mut by_instrument: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (n, case) in corpus.case.iter().enumerate() {
        let got = linked.remove(&format!("case-{n}")).unwrap_or_default();
        let instrument = case
            .expect
            .first()
            .map_or("none", |e| e.split(' ').next().unwrap_or("none"));
        let tally = by_instrument.entry(instrument.to_string()).or_default();
        tally.0 += 1;
        let wrong: Vec<&String> = got
            .iter()
            .filter(|g| !case.expect.contains(g) && !case.expect.iter().any(|e| encloses(g, e)))
            .collect();
        let right = case.expect.iter().filter(|e| got.contains(e)).count();
        let coarse = case
            .expect
            .iter()
            .filter(|e| !got.contains(e) && got.iter().any(|g| encloses(g, e)))
            .count();
        let describe = || {
            format!(
                "{:?} → {got:?}, meant {:?} ({})",
                case.text, case.expect, case.source
            )
        };
        if !wrong.is_empty() {
            score.wrong.push(describe());
        } else if right == case.expect.len() {
            score.exact += 1;
            tally.1 += 1;
        } else if coarse > 0 && right + coarse == case.expect.len() {
            score.coarser += 1;
            eprintln!("  coarser: {}", describe());
        } else if right + coarse > 0 {
            score.partial += 1;
            eprintln!("  partial: {}", describe());
        } else {
            score.missed.push(describe());
        }
    }
    let total = corpus.case.len();
    eprintln!(
        "citation corpus: {total} phrasings; {} exactly right ({:.0}%), {} coarser, {} partial, {} wrong, {} missed",
        score.exact,
        100.0 * score.exact as f64 / total as f64,
        score.coarser,
        score.partial,
        score.wrong.len(),
        score.missed.len()
    );
    for (ins, (n, ok)) in &by_instrument {
        eprintln!("  {ins}: {ok} of {n} exactly right");
    }
    for m in &score.missed {
        eprintln!("  missed: {m}");
    }
    assert!(
        score.wrong.is_empty(),
        "linked to a unit not meant:\n{}",
        score.wrong.join("\n")
    );
    // What the grammar reached when the corpus was gathered: a change that
    // links fewer of these exactly is a regression.
    assert!(
        score.exact * 100 >= total * 88,
        "only {} of {total} exactly right",
        score.exact
    );
}

/// An instrument the edition declares without holding it: its citations
/// link to the official text and are counted; an undeclared one stays text.
#[test]
fn declared_external_instruments_link_out_and_are_counted() {
    use crate::util::{Edition, read_text};
    let ed = Edition::fixture("features");
    let book = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    ed.write(
        "book.toml",
        format!(
            "{book}\n[[glossator.external]]\nnames = [\"Charter of Fundamental Rights\", \"EU Charter\"]\ntitle = \"Charter of Fundamental Rights of the European Union\"\nurl = \"https://eur-lex.europa.eu/eli/treaty/char_2012/oj#art_{{article}}\"\n"
        ),
    );
    with_external_page(&ed);
    let out = ed.out("site");
    ed.build_into(&out).assert_success();
    let page = read_text(&out, "external.html");
    assert!(
        page.contains("href=\"https://eur-lex.europa.eu/eli/treaty/char_2012/oj#art_7\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://eur-lex.europa.eu/eli/treaty/char_2012/oj#art_8\""),
        "{page}"
    );
    assert!(
        !page.contains("TFEU</a>"),
        "an undeclared instrument is not linked"
    );
    let refs: serde_json::Value =
        serde_json::from_str(&read_text(&out, "references.json")).unwrap();
    let external = refs["external"].as_array().unwrap();
    let cited: Vec<(&str, &str)> = external
        .iter()
        .map(|e| {
            (
                e["instrument"].as_str().unwrap(),
                e["address"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cited,
        [
            ("Charter of Fundamental Rights", "7"),
            ("Charter of Fundamental Rights", "8")
        ]
    );
}

/// `check -v` lists the citations of instruments the edition neither holds
/// nor declares, so that an editor sees what was left as text; a plain
/// `check` stays quiet about them.
#[test]
fn undeclared_instruments_are_listed_by_check_verbose() {
    use crate::util::Edition;
    let ed = Edition::fixture("features");
    with_external_page(&ed);
    let verbose = ed.check(&["-v"]);
    verbose.assert_success();
    verbose.assert_stderr_contains(
        "`Articles 7 and 8` is followed by `Charter of Fundamental Rights`, which is none of the edition's instruments: left as text",
    );
    verbose.assert_stderr_contains("`Article 16` is followed by `TFEU`");
    let plain = ed.check(&[]);
    assert!(
        !plain.stderr.contains("left as text"),
        "notes only with -v: {}",
        plain.stderr
    );
}

/// A definition in the text ("(“the Convention”)") says which of two
/// instruments sharing a name the rest of the page means.
#[test]
fn a_definition_in_the_text_binds_a_shared_name() {
    let got = linked(&[case(
        "The case originated in an application lodged with the Court under Article 34 of the Convention for the Protection of Human Rights and Fundamental Freedoms (“the Convention”).\n\nThe applicant relied on Articles 6 and 13 of the Convention.[^1]\n\n[^1]: See also Article 5 § 4 of the Convention.",
        "",
    )]);
    assert_eq!(got["case-0"], ["echr 34", "echr 6", "echr 13", "echr 5(4)"]);
}

/// A name two instruments share, in a chapter that does not say which it
/// means, is an error naming both; the chapter's `[means]` table settles it,
/// and a protocol's chapter means the treaty it belongs to.
#[test]
fn a_shared_name_is_an_error_until_the_chapter_says_which() {
    use crate::util::{Edition, read_text};
    let ed = Edition::empty("shared-name");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"Shared\"\nauthors = [\"t\"]\n",
    );
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n[Intro](index.md)\n\n- [Protocol](protocol.md)\n- [Echr](instruments/echr.md)\n- [Refugees](instruments/rc.md)\n- [P1](instruments/p1.md)\n",
    );
    let instrument = |id: &str, title: &str, aliases: &str| {
        format!(
            "+++\nid = \"{id}\"\ntitle = \"{title}\"\naliases = [{aliases}]\n+++\nArticle 1\n\nText one.\n\nArticle 33\n\nText.\n"
        )
    };
    ed.write(
        "content/instruments/echr.md",
        instrument(
            "echr",
            "Convention for the Protection of Human Rights and Fundamental Freedoms",
            "\"ECHR\", \"the Convention\"",
        ),
    );
    ed.write(
        "content/instruments/rc.md",
        instrument(
            "rc",
            "Convention relating to the Status of Refugees",
            "\"Refugee Convention\", \"the Convention\"",
        ),
    );
    ed.write(
        "content/instruments/p1.md",
        instrument(
            "p1",
            "Protocol to the Convention for the Protection of Human Rights and Fundamental Freedoms",
            "\"Protocol No. 1\"",
        ),
    );
    ed.write(
        "content/protocol.md",
        "+++\ninstrument = \"p1\"\n+++\n# Protocol\n\nArticle 33 of the Convention.\n",
    );
    ed.write(
        "content/index.md",
        "# Intro\n\nArticle 33 of the Convention applies.\n",
    );
    ed.check(&[]).assert_failure().assert_diag(
        "content/index.md:3:1: error: ",
        &[
            "`Article 33`",
            "`the Convention`",
            "`echr` and `rc` both claim",
        ],
    );
    ed.write(
        "content/index.md",
        "+++\n[means]\n\"the Convention\" = \"rc\"\n+++\n# Intro\n\nArticle 33 of the Convention applies.\n",
    );
    let out = ed.out("site");
    ed.build_into(&out).assert_success();
    assert!(read_text(&out, "index.html").contains("data-unit=\"rc/33\""));
    // The Protocol's chapter: its treaty, whose title the Protocol's holds.
    assert!(read_text(&out, "protocol.html").contains("data-unit=\"echr/33\""));
    ed.write(
        "content/index.md",
        "+++\n[means]\n\"the Convention\" = \"rcc\"\n+++\n# Intro\n",
    );
    ed.check(&[]).assert_failure().assert_diag(
        "content/index.md:3:1: error: ",
        &["`means`", "`rcc` is no instrument"],
    );
}

/// An external instrument without names could never be cited: an error at
/// its table, not an entry silently ignored.
#[test]
fn an_external_instrument_without_names_is_an_error() {
    use crate::util::Edition;
    let ed = Edition::fixture("features");
    let book = std::fs::read_to_string(ed.path("book.toml")).unwrap();
    let line = book.lines().count() + 2;
    ed.write(
        "book.toml",
        format!("{book}\n[[glossator.external]]\ntitle = \"Treaty on the Functioning of the European Union\"\n"),
    );
    ed.check(&[]).assert_failure().assert_diag(
        &format!("book.toml:{line}:1: error: "),
        &["Treaty on the Functioning", "has no `names`"],
    );
}

/// Adds a chapter citing two instruments the features edition does not
/// hold: the EU Charter and the TFEU.
fn with_external_page(ed: &crate::util::Edition) {
    ed.write(
        "content/external.md",
        "# External\n\nArticles 7 and 8 of the Charter of Fundamental Rights, and Article 16 TFEU.\n",
    );
    let summary = std::fs::read_to_string(ed.path("content/SUMMARY.md")).unwrap();
    ed.write(
        "content/SUMMARY.md",
        format!("{summary}[External](external.md)\n"),
    );
}

/// A range cites the labels an amendment inserted between its ends: the
/// IRPA's s. 101(1) has (b.1), (b.2) and (c.1) among its paragraphs.
#[test]
fn a_range_cites_the_members_inserted_between_its_ends() {
    let got = linked(&[
        case(
            "The claim is ineligible under paragraphs 101(1)(a) to (c) of the Act.",
            "irpa",
        ),
        case("See paragraphs 101(1)(b.1) to (c.1).", "irpa"),
    ]);
    let at = |n: usize| {
        let mut g = got.get(&format!("case-{n}")).cloned().unwrap_or_default();
        g.sort();
        g
    };
    let irpa = |labels: &[&str]| -> Vec<String> {
        labels.iter().map(|l| format!("irpa 101(1)({l})")).collect()
    };
    assert_eq!(at(0), irpa(&["a", "b", "b.1", "b.2", "c"]));
    assert_eq!(at(1), irpa(&["b.1", "b.2", "c", "c.1"]));
}

/// Names that look like the edition's but are another instrument's, and
/// bare citations after another instrument's name: none linked to the
/// edition's instruments, and none breaks the build.
#[test]
fn another_instrument_s_name_is_never_the_edition_s() {
    let cases = [
        // The kind of instrument named last is another's.
        (
            "The Convention against Torture has no exceptions, but Article 3 of the Convention is absolute too.",
            "",
            vec![],
        ),
        // A number or a date makes a longer name.
        ("Article 8 of the Convention 108 protects data.", "", vec![]),
        (
            "Article 5 of the Convention of 28 January 1981.",
            "",
            vec![],
        ),
        // "the Protocol", which two instruments share, inside another's name.
        (
            "Article 2 of the Protocol to the African Charter.",
            "echr",
            vec![],
        ),
        ("Article 1 of the Protocol No. 4.", "echr", vec![]),
        // Perhaps the Charter's: not linked.
        ("Article 47 of the Charter and Article 6.", "echr", vec![]),
        // A statute numbered by sections has no Article 2.
        (
            "Under section 96 the Board reads Article 2 narrowly.",
            "irpa",
            vec!["irpa 96"],
        ),
        // German usage in English texts.
        (
            "Art. 6(1) lit. f GDPR and Art. 4 Nr. 11 GDPR.",
            "",
            vec!["gdpr 6(1)(f)", "gdpr 4(11)"],
        ),
        // An annex's paragraphs, in the annex's own addresses; the
        // commentary's own annexes are no instrument's.
        (
            "Paragraph 13 of the Schedule and paragraphs 1 and 2 of the Schedule to the Convention.",
            "refugee-convention",
            vec![
                "refugee-convention Schedule/13",
                "refugee-convention Schedule/1",
                "refugee-convention Schedule/2",
            ],
        ),
        (
            "See paragraph 2 of Annex 3 below.",
            "refugee-convention",
            vec![],
        ),
        // The protocol is named for its own article only.
        (
            "Article 1 of Protocol No. 1 and Article 8.",
            "",
            vec!["echr-protocol-1 1", "echr 8"],
        ),
    ];
    let got = linked(
        &cases
            .iter()
            .map(|(text, chapter, _)| case(text, chapter))
            .collect::<Vec<_>>(),
    );
    for (n, (text, _, want)) in cases.iter().enumerate() {
        let got = got.get(&format!("case-{n}")).cloned().unwrap_or_default();
        assert_eq!(got, *want, "{text}");
    }
}

/// A bare citation after another instrument's name in its sentence is
/// reported, at its place, with what to write.
#[test]
fn a_bare_citation_after_another_instrument_s_name_is_reported() {
    let ed = crate::util::Edition::empty("after-elsewhere");
    ed.write("book.toml", "[book]\ntitle = \"After\"\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n- [Chapter](chapter.md)\n- [ECHR](instruments/echr.md)\n",
    );
    ed.write(
        "content/instruments/echr.md",
        "+++\nid = \"echr\"\ntitle = \"European Convention on Human Rights\"\naliases = [\"ECHR\"]\n+++\nArticle 6\n\nText.\n\nArticle 47\n\nText.\n",
    );
    ed.write(
        "content/chapter.md",
        "+++\ninstrument = \"echr\"\n+++\n# Chapter\n\nSee Article 47 of the Charter and Article 6.\n",
    );
    ed.check(&["--strict"]).assert_failure().assert_diag(
        "content/chapter.md:6:35: warning: ",
        &["`Article 6` comes after `Charter`", "not linked"],
    );
}

/// Rules of procedure and principles are numbered by their own word: "Rule
/// 39" of an edition's rules links to it; of rules the edition does not
/// hold, nothing; "Article 39" is not Rule 39.
#[test]
fn rules_and_principles_are_units_of_their_own_word() {
    let ed = crate::util::Edition::empty("rules");
    ed.write("book.toml", "[book]\ntitle = \"Rules\"\n");
    ed.write(
        "content/SUMMARY.md",
        "# Summary\n\n- [Chapter](chapter.md)\n- [Rules](instruments/rules.md)\n",
    );
    ed.write(
        "content/instruments/rules.md",
        "+++\nid = \"rules\"\ntitle = \"Rules of Court\"\naliases = [\"Rules of Court\"]\n+++\nRule 38\n\nWritten pleadings\n\n1. No written observations.\n\nRule 39\n\nInterim measures\n\n1. The Chamber may indicate interim measures.\n\n2. Notice of these measures shall be given.\n",
    );
    ed.write(
        "content/chapter.md",
        "# Chapter\n\nUnder Rule 39 § 1 of the Rules of Court, and Rules 38 and 39, but not Rule 39 of the Rules of Procedure.\n",
    );
    let out = ed.out("site");
    ed.build_into(&out).assert_success();
    let html = crate::util::read_text(&out, "chapter.html");
    for unit in ["rules/39(1)", "rules/38", "rules/39"] {
        assert!(
            html.contains(&format!("data-unit=\"{unit}\"")),
            "{unit}: {html}"
        );
    }
    assert!(
        html.contains("not Rule 39 of the Rules of Procedure"),
        "another's rule is left as text: {html}"
    );
    let rules = crate::util::read_text(&out, "instruments/rules.html");
    assert!(rules.contains("id=\"rule_39\""), "{rules}");
}

/// A name one typo away from one of the edition's ("the Chatrer", an
/// acronym's letters swapped) is a warning with the name meant, not a
/// quiet note: the editor meant the edition's instrument.
#[test]
fn a_typo_of_an_instruments_name_is_a_warning_that_names_it() {
    use crate::util::Edition;
    let ed = Edition::fixture("features");
    ed.write(
        "content/external.md",
        "# External\n\nArticle 2 of the Chatrer, Article 16 TFEU and Article 4 of Protocol No. 4.\n",
    );
    let summary = std::fs::read_to_string(ed.path("content/SUMMARY.md")).unwrap();
    ed.write(
        "content/SUMMARY.md",
        format!("{summary}[External](external.md)\n"),
    );
    let run = ed.check(&[]);
    run.assert_diag(
        "content/external.md:3:1: warning: ",
        &["`Article 2` is followed by `Chatrer`", "left as text"],
    )
    .assert_stderr_contains("did you mean `Charter`?");
    // Another instrument's name is no typo: a note under -v only.
    assert_eq!(run.diag_lines().len(), 1, "{}", run.describe());
}
