//! Statutes as national databases print them: numbered section headings
//! ("1 The Convention Rights.", "3A Interpretation" on legislation.gov.uk;
//! "§1521. Office of Refugee Resettlement" in the United States Code;
//! "§ 1 Anwendungsbereich" in German federal law) with cross-headings
//! between them, in an instrument that has no articles.

use std::collections::HashSet;

use super::blocks::{Block, BlockKind};
use super::label;

/// The section headings of a statute printed as national databases print
/// one (legislation.gov.uk: "1 The Convention Rights.", "3A Interpretation"):
/// the number and the title on one line, with the section's text after it.
/// Read only in an instrument without articles, and only as a sequence
/// from section 1 up, each with a text of its own, so that a resolution's
/// short operative paragraphs ("3 Decides to remain seized.") stay
/// paragraphs.
#[derive(Debug, Default)]
pub struct Statute {
    /// The heading blocks (by where they start), with number and title.
    pub sections: std::collections::HashMap<usize, (String, String)>,
    /// The word the sections are cited by: "Section", or "§" where the
    /// headings are written with the section sign.
    pub word: &'static str,
    /// Cross-headings between sections ("Legislation", "Public authorities").
    pub cross_headings: HashSet<usize>,
    /// Its units are headed `Section 1`, `Section 2` (no article holds them).
    pub section_words: bool,
}

/// The number and title of a line shaped like a section heading.
fn section_heading(line: &str) -> Option<(String, String)> {
    let line = line.trim_end();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || line.contains('\n') {
        return None;
    }
    let letters = line[digits..]
        .bytes()
        .take_while(u8::is_ascii_uppercase)
        .count();
    let number_end = digits + letters;
    if letters > 3 {
        return None;
    }
    let rest = &line[number_end..];
    let title = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let words = title.split_whitespace().count();
    let fits = rest.len() > title.len()
        && title.starts_with(|c: char| c.is_uppercase())
        && (1..=16).contains(&words)
        && !title.ends_with([':', ';', ','])
        && title.len() <= 160;
    fits.then(|| {
        (
            line[..number_end].to_string(),
            title.trim_end_matches('.').to_string(),
        )
    })
}

/// A section heading written with the section sign or its abbreviation:
/// "§1521. Office of Refugee Resettlement", "§ 1 Anwendungsbereich",
/// "Sec. 101. Short title.", "SEC. 2. DEFINITIONS.": number, title, and the
/// word the section is cited by.
fn signed_heading(line: &str) -> Option<(String, String, &'static str)> {
    let line = line.trim_end();
    let (rest, word) = if let Some(r) = line.strip_prefix('§') {
        (r, "§")
    } else if let Some(r) = line
        .strip_prefix("Sec.")
        .or_else(|| line.strip_prefix("SEC."))
    {
        (r, "Section")
    } else {
        return None;
    };
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let letters = rest[digits..]
        .bytes()
        .take_while(u8::is_ascii_lowercase)
        .count();
    if digits == 0 || digits > 5 || letters > 2 {
        return None;
    }
    let number = &rest[..digits + letters];
    let after = &rest[digits + letters..];
    let title = after.strip_prefix('.').unwrap_or(after);
    if !title.is_empty() && !title.starts_with([' ', '\u{a0}']) {
        return None;
    }
    let title = title.trim();
    // A title, not the text of a paragraph numbered "§ 2" ("§ 2 Everyone
    // who is arrested shall…").
    let shouting = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    let fits = title.is_empty()
        || (title.chars().count() <= 200
            && title.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
            && (shouting || !title.ends_with(['.', ';', ':', ','])));
    fits.then(|| {
        (
            number.to_string(),
            title.trim_end_matches('.').to_string(),
            word,
        )
    })
}

/// The value of a section number for ordering: `3` < `3A` < `3B` < `4`.
fn section_order(number: &str) -> (u32, String) {
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    (
        number[..digits].parse().unwrap_or(u32::MAX),
        number[digits..].to_string(),
    )
}

/// The statute's sections and cross-headings, if `blocks` read as a
/// statute's: no article, and at least two sections in ascending order
/// from section 1.
pub fn statute(text: &str, blocks: &[Block]) -> Statute {
    let first_line = |b: &Block| {
        let words = &text[b.text_start..b.range.end];
        words
            .split('\n')
            .next()
            .unwrap_or(words)
            .trim_end_matches('\r')
    };
    let has_articles = blocks.iter().any(|b| {
        b.kind != BlockKind::Pass
            && matches!(
                label::heading(first_line(b)),
                Some(label::Heading::Article { .. })
            )
    });
    let mut out = Statute {
        word: "Section",
        ..Statute::default()
    };
    if has_articles {
        return out;
    }
    // "§1521. Office of Refugee Resettlement", "Sec. 2. Definitions.": the
    // sign or the abbreviation says what the line is, so the numbers need
    // not start at 1 (a title of the United States Code starts at §1521).
    let signed: Vec<(usize, (String, String, &'static str))> = blocks
        .iter()
        .enumerate()
        .filter(|(k, b)| {
            b.kind != BlockKind::Pass
                && !text[b.text_start..b.range.end].trim_end().contains('\n')
                && blocks.get(k + 1).is_some_and(|n| n.kind != BlockKind::Pass)
        })
        .filter_map(|(_, b)| Some((b.range.start, signed_heading(first_line(b))?)))
        .collect();
    if signed.len() >= 2 {
        out.word = signed[0].1.2;
        out.sections = signed
            .into_iter()
            .filter(|(_, (_, _, word))| *word == out.word)
            .map(|(at, (number, title, _))| (at, (number, title)))
            .collect();
        return out;
    }
    let section_words = blocks
        .iter()
        .filter(|b| {
            b.kind != BlockKind::Pass
                && matches!(
                    label::heading(first_line(b)),
                    Some(label::Heading::Container {
                        kind: label::Container::Section,
                        ..
                    })
                )
        })
        .count();
    out.section_words = section_words >= 2;
    let candidate = |k: usize| -> Option<(String, String)> {
        let b = blocks.get(k)?;
        if b.kind == BlockKind::Pass || text[b.text_start..b.range.end].trim_end().contains('\n') {
            return None;
        }
        section_heading(first_line(b))
    };
    let mut last: Option<(u32, String)> = None;
    for k in 0..blocks.len() {
        let Some((number, title)) = candidate(k) else {
            continue;
        };
        // A section has a text of its own after its heading.
        let has_text = blocks
            .get(k + 1)
            .is_some_and(|n| n.kind != BlockKind::Pass && candidate(k + 1).is_none());
        let order = section_order(&number);
        let in_order = match &last {
            None => order.0 == 1,
            Some(prev) => order > *prev,
        };
        if has_text && in_order {
            out.sections.insert(blocks[k].range.start, (number, title));
            last = Some(order);
        }
    }
    if out.sections.len() < 2 {
        out.sections.clear();
        return out;
    }
    // A short line with no closing punctuation right before a section.
    for k in 1..blocks.len() {
        if !out.sections.contains_key(&blocks[k].range.start) {
            continue;
        }
        let b = &blocks[k - 1];
        let line = text[b.text_start..b.range.end].trim();
        let words = line.split_whitespace().count();
        if b.kind != BlockKind::Pass
            && !line.contains('\n')
            && (1..=8).contains(&words)
            && line.starts_with(|c: char| c.is_uppercase())
            && !line.ends_with(['.', ':', ';', ',', '—', '-'])
            && !out.sections.contains_key(&b.range.start)
            && label::label(line).is_none()
        {
            out.cross_headings.insert(b.range.start);
        }
    }
    out
}

#[cfg(test)]
mod statute_tests {
    use super::*;

    #[test]
    fn section_headings_as_legislation_gov_uk_prints_them() {
        assert_eq!(
            section_heading("1 The Convention Rights."),
            Some(("1".into(), "The Convention Rights".into()))
        );
        assert_eq!(
            section_heading("12ZA Interpretation"),
            Some(("12ZA".into(), "Interpretation".into()))
        );
        for line in [
            "1 the rights",
            "1.  Decides",
            "2 Those Articles are to have effect for the purposes of this Act subject to any designated derogation or reservation as to which see sections",
            "(1) In this Act",
        ] {
            assert!(section_heading(line).is_none(), "{line}");
        }
    }

    #[test]
    fn signed_section_headings() {
        assert_eq!(
            signed_heading("§1521. Office of Refugee Resettlement; establishment; functions"),
            Some((
                "1521".into(),
                "Office of Refugee Resettlement; establishment; functions".into(),
                "§"
            ))
        );
        assert_eq!(
            signed_heading("§ 1101a. Definitions"),
            Some(("1101a".into(), "Definitions".into(), "§"))
        );
        assert_eq!(
            signed_heading("SEC. 2. DEFINITIONS."),
            Some(("2".into(), "DEFINITIONS".into(), "Section"))
        );
        assert_eq!(
            signed_heading("§ 1 Anwendungsbereich"),
            Some(("1".into(), "Anwendungsbereich".into(), "§"))
        );
        for line in [
            "§ 2 Everyone who is arrested shall be informed promptly.",
            "§ 2 the rights",
            "§2a3 x",
            "Section 2",
        ] {
            assert!(signed_heading(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_statute_is_sections_in_order_with_their_text() {
        let text = "1998 CHAPTER 42\n\nIntroduction\n\n1 The Convention Rights.\n\n(1) In this Act.\n\n2 Interpretation.\n\n(1) A court.\n\nLegislation\n\n3 Interpretation of legislation.\n\n(1) So far.\n";
        let blocks = super::super::blocks::split(text, 0);
        let s = statute(text, &blocks);
        let mut numbers: Vec<&str> = s.sections.values().map(|(n, _)| n.as_str()).collect();
        numbers.sort();
        assert_eq!(numbers, ["1", "2", "3"]);
        let cross: Vec<&str> = blocks
            .iter()
            .filter(|b| s.cross_headings.contains(&b.range.start))
            .map(|b| &text[b.range.clone()])
            .collect();
        assert_eq!(cross, ["Introduction", "Legislation"]);
        // With articles, no sections are read.
        let text = "Article 1\n\n1 The Convention Rights.\n\n(1) Text.\n\n2 Other.\n\n(1) Text.\n";
        assert!(
            statute(text, &super::super::blocks::split(text, 0))
                .sections
                .is_empty()
        );
    }
}
