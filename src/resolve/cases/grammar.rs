//! The case-citation grammar: a pure function over one block's plain text
//! (its text events joined, line breaks as spaces) and the ranges of that
//! text set in italics, since a case's name is its own italic text event.
//!
//! A citation starts at a *head*: a declared name or alias in italics (or in
//! roman type, when a case number or ECLI beside it confirms it), an italic
//! `X v. Y`, `Case C-131/12`, `no. 13229/03`, or an ECLI. Then come the
//! parts lawyers put after it, separated by commas or spaces: `[GC]`,
//! `(dec.)`, OSCOLA's back-reference `(n 12)`, case numbers, an ECLI, a
//! report (`ECHR 2008`, `I.C.J. Reports 2010, p. 639`, `Judgment`) and the
//! pinpoint (`§ 43`, `paragraph 74`, `para 81`), which is kept. Each part is
//! evidence of a case; the citation means the one case all of them agree on,
//! and anything else (two cases, a name of one and a number of another, a
//! number no case has) is said, never guessed.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::CaseId;
use super::registry::Book;

/// One citation found in a block's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The whole citation, head to last part.
    pub range: Range<usize>,
    pub reading: Reading,
    /// The pinpoint as written (`§ 43`, `paragraph 74`).
    pub pinpoint: Option<String>,
}

/// What a citation was read as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reading {
    /// A declared case.
    Case(CaseId),
    /// An ECLI no declared case has: it goes to the ECLI resolver.
    Ecli(String),
    /// A name or number two or more declared cases share, and nothing else
    /// in the citation to tell them apart.
    Ambiguous { words: String, cases: Vec<CaseId> },
    /// Parts that point at different cases, or a number or ECLI that is no
    /// declared case's beside a part that names one.
    Conflict { parts: Vec<(String, Vec<CaseId>)> },
    /// Looks like a case citation (an italic `X v. Y`, `Case C-…`, `no.
    /// …/…`) but matches no declared case.
    Unknown { words: String },
}

/// Every citation in `text`, in order and never overlapping; `italics` are
/// the ranges of `text` in emphasis, in order.
pub(crate) fn scan(text: &str, italics: &[Range<usize>], book: &Book) -> Vec<Found> {
    let mut heads: Vec<Range<usize>> = Vec::new();
    for m in ecli_re().find_iter(text) {
        heads.push(m.start()..m.start() + trim_dots(m.as_str()).len());
    }
    heads.extend(cjeu_re().find_iter(text).map(|m| m.range()));
    heads.extend(echr_re().find_iter(text).map(|m| m.range()));
    heads.extend(book.names_in(text));
    heads.extend(
        italics
            .iter()
            .map(|r| trimmed(text, r.clone()))
            .filter(|r| is_case_like(&text[r.clone()]) || !book.named(&text[r.clone()]).is_empty()),
    );
    heads.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out = Vec::new();
    let mut done = 0;
    for head in heads {
        if head.start < done {
            continue;
        }
        if let Some(found) = citation(text, italics, book, head.start) {
            done = found.range.end;
            out.push(found);
        }
    }
    out
}

/// What the parts of one citation say.
#[derive(Debug, Default)]
struct Evidence {
    /// Each name, number or ECLI read, with the cases it fits (none: no
    /// declared case is called or numbered that).
    parts: Vec<Part>,
    /// A number or ECLI was read (a name in roman type counts only when
    /// one confirms it).
    confirmed: bool,
    /// The name was read, and whether in roman type.
    named: bool,
    roman: bool,
    ecli_undeclared: Option<String>,
    report: bool,
    pinpoint: Option<String>,
}

#[derive(Debug, Clone)]
struct Part {
    words: String,
    cases: Vec<CaseId>,
    /// A number or ECLI, not a name.
    number: bool,
}

/// The citation whose head starts at `start`, if it is one.
fn citation(text: &str, italics: &[Range<usize>], book: &Book, start: usize) -> Option<Found> {
    let mut evidence = Evidence::default();
    let mut at = start;
    let mut end = start;
    let mut first = true;
    loop {
        let p = if first { at } else { skip_separator(text, at) };
        let Some(part_end) = part(text, italics, book, p, first, &mut evidence) else {
            break;
        };
        first = false;
        end = part_end;
        at = part_end;
    }
    if end == start {
        return None;
    }
    let words = text[start..end].to_string();
    let reading = decide(&evidence, words)?;
    Some(Found {
        range: start..end,
        reading,
        pinpoint: evidence.pinpoint,
    })
}

/// Reads one part at `p`; returns where it ends.
fn part(
    text: &str,
    italics: &[Range<usize>],
    book: &Book,
    p: usize,
    first: bool,
    ev: &mut Evidence,
) -> Option<usize> {
    let rest = &text[p..];
    if rest.is_empty() {
        return None;
    }
    // A name in italics: the whole italic text.
    if !ev.named
        && let Some(r) = italics
            .iter()
            .map(|r| trimmed(text, r.clone()))
            .find(|r| r.start == p && !r.is_empty())
    {
        let words = &text[r.clone()];
        let cases = book.named(words).to_vec();
        // After a number (`Case C-131/12 *Google Spain*`) any italic words
        // are the name; alone, only a declared name or an `X v. Y`.
        if !first || !cases.is_empty() || is_case_like(words) {
            ev.named = true;
            if !cases.is_empty() || is_case_like(words) {
                ev.parts.push(Part {
                    words: words.to_string(),
                    cases,
                    number: false,
                });
            }
            return Some(r.end);
        }
    }
    // A declared name in roman type.
    if !ev.named
        && let Some(r) = book.names_in(rest).next().filter(|r| r.start == 0)
    {
        ev.named = true;
        ev.roman = true;
        let words = &rest[r.clone()];
        ev.parts.push(Part {
            words: words.to_string(),
            cases: book.named(words).to_vec(),
            number: false,
        });
        return Some(p + r.end);
    }
    if let Some(m) = anchored(ecli_re(), rest).or_else(|| anchored(bare_ecli_re(), rest)) {
        let written = trim_dots(m);
        let ecli = match written.starts_with("ECLI:") {
            true => written.to_string(),
            false => format!("ECLI:{written}"),
        };
        ev.confirmed = true;
        match book.with_ecli(&ecli) {
            Some(case) => ev.parts.push(Part {
                words: written.to_string(),
                cases: vec![case],
                number: true,
            }),
            None => ev.ecli_undeclared = Some(ecli),
        }
        return Some(p + written.len());
    }
    for re in [cjeu_re(), echr_re(), bare_cjeu_re()] {
        if let Some(m) = anchored(re, rest) {
            ev.confirmed = true;
            for n in numbers_in(m) {
                let cases = book.numbered(&n).to_vec();
                ev.parts.push(Part {
                    words: n,
                    cases,
                    number: true,
                });
            }
            return Some(p + m.len());
        }
    }
    if first {
        return None;
    }
    if let Some(m) = anchored(chamber_re(), rest) {
        return Some(p + m.len());
    }
    if ev.pinpoint.is_none()
        && let Some(m) = anchored(pinpoint_re(), rest).or_else(|| {
            ev.report
                .then(|| anchored(page_pinpoint_re(), rest))
                .flatten()
        })
    {
        ev.pinpoint = Some(m.to_string());
        return Some(p + m.len());
    }
    if let Some(m) = anchored(report_re(), rest) {
        ev.report = true;
        return Some(p + m.len());
    }
    None
}

/// The case the evidence agrees on, or what is wrong with it; `None` when
/// it is no citation at all (a roman name that nothing confirms).
fn decide(ev: &Evidence, words: String) -> Option<Reading> {
    if ev.roman && !ev.confirmed {
        return None;
    }
    let known: Vec<&Part> = ev.parts.iter().filter(|p| !p.cases.is_empty()).collect();
    if known.is_empty() {
        if let Some(ecli) = &ev.ecli_undeclared {
            return Some(Reading::Ecli(ecli.clone()));
        }
        return (!ev.parts.is_empty()).then_some(Reading::Unknown { words });
    }
    // A number or ECLI no case has, beside a part that names one: a typo
    // somewhere, and no telling where. (An italic name no case has, beside
    // a number that one has, is the author's own short form.)
    let stray =
        ev.ecli_undeclared.is_some() || ev.parts.iter().any(|p| p.number && p.cases.is_empty());
    let mut agreed: Vec<CaseId> = known[0].cases.clone();
    for part in &known[1..] {
        agreed.retain(|c| part.cases.contains(c));
    }
    if stray || agreed.is_empty() {
        let mut parts: Vec<(String, Vec<CaseId>)> = ev
            .parts
            .iter()
            .filter(|p| p.number || !p.cases.is_empty())
            .map(|p| (p.words.clone(), p.cases.clone()))
            .collect();
        if let Some(e) = &ev.ecli_undeclared {
            parts.push((e.clone(), Vec::new()));
        }
        return Some(Reading::Conflict { parts });
    }
    if agreed.len() > 1 {
        return Some(Reading::Ambiguous {
            words: known[0].words.clone(),
            cases: agreed,
        });
    }
    Some(Reading::Case(agreed[0]))
}

/// The case numbers in a declaration's `number` or a citation's words, as
/// they are compared: `C-131/12`, `13229/03` (joined cases give several).
pub(crate) fn numbers_in(text: &str) -> Vec<String> {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let re = NUMBER.get_or_init(|| {
        Regex::new(r"[A-Z]-\d{1,4}/\d{2}(?:\s*P\b)?|\b\d{1,6}/\d{2}\b").expect("a literal pattern")
    });
    re.find_iter(text)
        .map(|m| m.as_str().split_whitespace().collect::<String>())
        .collect()
}

/// The length of the ECLI at the start of `text`, when one starts there.
pub(crate) fn ecli_len(text: &str) -> Option<usize> {
    anchored(ecli_re(), text).map(|m| trim_dots(m).len())
}

/// Whether italic words read as a case's name: `X v. Y`, `X v Y`, `X c. Y`.
fn is_case_like(words: &str) -> bool {
    static LIKE: OnceLock<Regex> = OnceLock::new();
    LIKE.get_or_init(|| Regex::new(r"\S\s+(?:v\.?|c\.)\s+\S").expect("a literal pattern"))
        .is_match(words)
}

/// `range` of `text` without the spaces at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    start..start + inner.trim().len()
}

/// Past one separator between parts: a comma and spaces, or spaces.
fn skip_separator(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let spaces = rest.len() - rest.trim_start().len();
    match rest[spaces..].strip_prefix(',') {
        Some(after) => at + spaces + 1 + (after.len() - after.trim_start().len()),
        None => at + spaces,
    }
}

/// An ECLI ends at its last letter or digit: a full stop after it ends the
/// sentence.
fn trim_dots(s: &str) -> &str {
    s.trim_end_matches('.')
}

fn anchored<'t>(re: &Regex, text: &'t str) -> Option<&'t str> {
    re.find(text).filter(|m| m.start() == 0).map(|m| m.as_str())
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        fn $name() -> &'static Regex {
            static RE: OnceLock<Regex> = OnceLock::new();
            RE.get_or_init(|| Regex::new($re).expect("a literal pattern"))
        }
    };
}

pattern!(
    ecli_re,
    r"\bECLI:[A-Z]{2}:[A-Za-z0-9.]{1,7}:\d{4}:[A-Za-z0-9.]{1,25}"
);
pattern!(
    bare_ecli_re,
    r"^[A-Z]{2}:[A-Za-z0-9.]{1,7}:\d{4}:[A-Za-z0-9.]{1,25}"
);
pattern!(
    cjeu_re,
    r"\b(?:Joined\s+)?Cases?\s+[CTF]-\d{1,4}/\d{2}(?:\s+P\b)?(?:(?:\s*,\s*|\s+and\s+)[CTF]-\d{1,4}/\d{2}(?:\s+P\b)?)*"
);
pattern!(bare_cjeu_re, r"^[CTF]-\d{1,4}/\d{2}(?:\s+P\b)?");
pattern!(
    echr_re,
    r"\b(?:(?:[Aa]pplication|[Aa]pp\.?)\s+)?[Nn]os?\.?\s+\d{1,6}/\d{2}\b(?:(?:\s*,\s*|\s+and\s+)\d{1,6}/\d{2}\b)*"
);
pattern!(
    chamber_re,
    r"^(?:\[(?:GC|Plenary|Grand Chamber|dec\.)\]|\((?:dec|merits|just satisfaction|revision|interpretation)\.?\)|\(n\s+\d+\))"
);
pattern!(
    pinpoint_re,
    r"^(?:§§?\s*\d+|(?:paragraphs?|paras?\.?)\s*\d+)(?:\s*(?:-|–|to|and|,)\s*\d+\b)*"
);
pattern!(
    page_pinpoint_re,
    r"^pp?\.\s*\d+(?:\s*[-–]\s*\d+)?(?:,\s*paras?\.\s*\d+(?:\s*[-–]\s*\d+)?)?"
);
pattern!(
    report_re,
    r"^(?:ECHR\s+\d{4}(?:-[IVX]+)?|I\.C\.J\.\s+Reports\s+\d{4},\s+p\.\s*\d+|(?:Judgment|Merits|Preliminary Objections|Advisory Opinion|Order)\b)"
);

#[cfg(test)]
mod tests {
    use super::super::{Case, CaseId};
    use super::*;
    use crate::diag::{FileId, Span};

    fn case(id: usize, name: &str, aliases: &[&str], number: &str, ecli: &str) -> Case {
        Case {
            id: CaseId(id),
            key: format!("c{id}"),
            name: name.into(),
            citation: name.into(),
            court: None,
            date: None,
            number: Some(number.into()),
            numbers: numbers_in(number),
            ecli: (!ecli.is_empty()).then(|| ecli.into()),
            url: None,
            paragraph_url: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            declared: Span::new(FileId(0), 0..0),
        }
    }

    fn book() -> Book {
        Book::new(vec![
            case(0, "Saadi v. the United Kingdom", &["Saadi"], "13229/03", ""),
            case(
                1,
                "Google Spain and Google",
                &["Google Spain"],
                "C-131/12",
                "ECLI:EU:C:2014:317",
            ),
            case(
                2,
                "Hirsi Jamaa and Others v. Italy",
                &["Hirsi Jamaa"],
                "27765/09",
                "",
            ),
            case(3, "Diallo (Preliminary Objections)", &["Diallo"], "", ""),
            case(4, "Diallo (Merits)", &["Diallo"], "", ""),
        ])
    }

    /// `text` with `*…*` marking italics, read.
    fn read(marked: &str) -> (String, Vec<Found>) {
        let mut text = String::new();
        let mut italics = Vec::new();
        let mut open = None;
        for c in marked.chars() {
            if c == '*' {
                match open.take() {
                    Some(s) => italics.push(s..text.len()),
                    None => open = Some(text.len()),
                }
            } else {
                text.push(c);
            }
        }
        let found = scan(&text, &italics, &book());
        (text, found)
    }

    fn one(marked: &str) -> (String, Reading, Option<String>) {
        let (text, found) = read(marked);
        assert_eq!(found.len(), 1, "{marked}: {found:?}");
        let f = &found[0];
        (
            text[f.range.clone()].to_string(),
            f.reading.clone(),
            f.pinpoint.clone(),
        )
    }

    #[test]
    fn each_form_of_the_issue_is_read_with_its_pinpoint() {
        let cases = [
            (
                "The Court in *Saadi v. the United Kingdom* [GC], no. 13229/03, § 43, ECHR 2008.",
                "Saadi v. the United Kingdom [GC], no. 13229/03, § 43, ECHR 2008",
                0,
                Some("§ 43"),
            ),
            (
                "see Case C-131/12 *Google Spain*, paragraph 74.",
                "Case C-131/12 Google Spain, paragraph 74",
                1,
                Some("paragraph 74"),
            ),
            (
                "as in *Google Spain* (n 12) para 81.",
                "Google Spain (n 12) para 81",
                1,
                Some("para 81"),
            ),
            ("see ECLI:EU:C:2014:317.", "ECLI:EU:C:2014:317", 1, None),
            (
                "*Hirsi Jamaa and Others v. Italy* [GC], § 134, applied",
                "Hirsi Jamaa and Others v. Italy [GC], § 134",
                2,
                Some("§ 134"),
            ),
        ];
        for (marked, words, case, pinpoint) in cases {
            let (got, reading, pin) = one(marked);
            assert_eq!(got, words, "{marked}");
            assert_eq!(reading, Reading::Case(CaseId(case)), "{marked}");
            assert_eq!(pin.as_deref(), pinpoint, "{marked}");
        }
    }

    #[test]
    fn an_undeclared_ecli_goes_to_the_resolver() {
        let (words, reading, _) = one("in ECLI:DE:BVerfG:2019:rs20191106.1bvr001613.");
        assert_eq!(words, "ECLI:DE:BVerfG:2019:rs20191106.1bvr001613");
        assert_eq!(reading, Reading::Ecli(words.clone()));
    }

    #[test]
    fn a_shared_alias_is_ambiguous_not_guessed() {
        let (_, reading, _) = one("in *Diallo*, para. 12");
        assert!(matches!(reading, Reading::Ambiguous { ref cases, .. } if cases.len() == 2));
    }

    #[test]
    fn a_name_and_a_number_of_different_cases_conflict() {
        let (_, reading, _) = one("*Saadi v. the United Kingdom*, no. 27765/09, § 4");
        assert!(matches!(reading, Reading::Conflict { .. }), "{reading:?}");
        let (_, reading, _) = one("*Saadi v. the United Kingdom*, no. 13229/30");
        assert!(matches!(reading, Reading::Conflict { .. }), "{reading:?}");
    }

    #[test]
    fn case_like_citations_of_no_declared_case_are_unknown() {
        for marked in [
            "*Soering v. the United Kingdom*, § 88",
            "Case C-411/10 *N.S.*",
            "no. 30696/09, § 7",
        ] {
            let (_, reading, _) = one(marked);
            assert!(
                matches!(reading, Reading::Unknown { .. }),
                "{marked}: {reading:?}"
            );
        }
    }

    #[test]
    fn a_roman_name_is_a_citation_only_when_confirmed() {
        let (_, found) = read("Saadi's counsel argued.");
        assert!(found.is_empty(), "{found:?}");
        let (_, reading, _) = one("Saadi v. the United Kingdom, no. 13229/03");
        assert_eq!(reading, Reading::Case(CaseId(0)));
        let (_, found) = read("the *ratio decidendi* of it");
        assert!(found.is_empty());
    }

    #[test]
    fn numbers_are_read_from_declarations() {
        assert_eq!(
            numbers_in("C-411/10 and C-493/10"),
            ["C-411/10", "C-493/10"]
        );
        assert_eq!(numbers_in("13229/03"), ["13229/03"]);
        assert_eq!(numbers_in("C-362/14 P"), ["C-362/14P"]);
        assert!(numbers_in("General List No. 103").is_empty());
    }
}
