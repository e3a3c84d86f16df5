//! Statutes as national databases print them: numbered section headings
//! ("1 The Convention Rights.", "3A Interpretation" on legislation.gov.uk;
//! "§1521. Office of Refugee Resettlement" in the United States Code;
//! "§ 1 Anwendungsbereich" in German federal law; the marginal note on its
//! own line, then "96 A Convention refugee is…" or "97 (1) A person…", as
//! Canada's Justice Laws website prints an Act) with cross-headings between
//! them, in an instrument that has no articles.

use std::collections::{HashMap, HashSet};

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
    /// headings are written with the section sign; "Regulation",
    /// "Article" or "Rule" in a British statutory instrument.
    pub word: &'static str,
    /// The sections' ids' word: `sec`, or an instrument's `reg`, `art`, `rule`.
    pub id: &'static str,
    /// Cross-headings between sections ("Legislation", "Public authorities").
    pub cross_headings: HashSet<usize>,
    /// Its units are headed `Section 1`, `Section 2` (no article holds them).
    pub section_words: bool,
    /// The lines that open a section with its number and text, as Canadian
    /// statutes print them ("96 A Convention refugee is…", "97 (1) A
    /// person…"), by where they start: how long the number is, with the
    /// spaces after it.
    pub section_lines: HashMap<usize, usize>,
    /// Marginal notes on lines of their own ("Protected person" before
    /// "(2) A protected person…"; a section's before its number's line), by
    /// where they start: where their words start, after the screen readers'
    /// "Marginal note:" a copy from the web page may keep.
    pub notes: HashMap<usize, usize>,
    /// Lines naming the Acts that enacted and amended a section ("2001, c.
    /// 27, s. 95; 2010, c. 8, s. 10(F)"): the consolidation's, no unit's text.
    pub history: HashSet<usize>,
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
        id: "sec",
        ..Statute::default()
    };
    if has_articles {
        return out;
    }
    if let Some(canadian) = canadian(text, blocks) {
        return canadian;
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

/// A section's number at the start of a Canadian section line ("96",
/// "98.1", "111.1"), and how long it is with the spaces after it, when
/// words follow on the line.
fn canadian_number(line: &str) -> Option<(String, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let mut end = digits;
    while let Some(tail) = line[end..].strip_prefix('.') {
        let d = tail.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 3 {
            return None;
        }
        end += 1 + d;
    }
    let rest = &line[end..];
    let words = rest.trim_start_matches([' ', '\u{a0}']);
    if words.len() == rest.len() || words.trim().is_empty() {
        return None;
    }
    Some((line[..end].to_string(), line.len() - words.len()))
}

/// A British statutory instrument's number at the start of its line, as
/// legislation.gov.uk prints one: "3.—(1) Every employer…", "4. Where an
/// employer…", "12A.—(1) …": the number, and how long it is with its full
/// stop, its dash and the spaces after them, when words follow.
fn british_number(line: &str) -> Option<(String, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let letters = line[digits..]
        .bytes()
        .take_while(u8::is_ascii_uppercase)
        .count();
    if letters > 2 {
        return None;
    }
    let end = digits + letters;
    let rest = line[end..].strip_prefix('.')?;
    let (rest, dashed) = match rest.strip_prefix(['—', '–']) {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let words = rest.trim_start_matches([' ', '\u{a0}']);
    // "4. Where…" has a space; "3.—(1)" its dash.
    if words.trim().is_empty() || (!dashed && words.len() == rest.len()) {
        return None;
    }
    Some((line[..end].to_string(), line.len() - words.len()))
}

/// What a British instrument calls its units, from how its text names
/// itself ("These Regulations may be cited as…", "This Order…").
fn british_word(text: &str) -> (&'static str, &'static str) {
    let named =
        |w: &str| text.contains(&format!("These {w}")) || text.contains(&format!("this {w}"));
    if named("Rules") {
        ("Rule", "rule")
    } else if text.contains("This Order") || text.contains("this Order") {
        ("Article", "art")
    } else {
        ("Regulation", "reg")
    }
}

/// The value of a Canadian section number for ordering: `98` < `98.1` <
/// `98.2` < `99`.
fn canadian_order(number: &str) -> Vec<u32> {
    number
        .split('.')
        .flat_map(|p| {
            // A British "12A" comes after 12 and before 12B and 13.
            let digits = p.bytes().take_while(u8::is_ascii_digit).count();
            let n = p[..digits].parse().unwrap_or(u32::MAX);
            let letters = p[digits..].bytes().map(u32::from);
            std::iter::once(n).chain(letters)
        })
        .collect()
}

/// Where the words of a marginal note on its own line start, if `line`
/// reads as one: a short title ("Convention refugee", "Exclusion —
/// Refugee Convention"), after the "Marginal note:" that the web page
/// keeps for screen readers and a copy may keep too.
fn marginal_note(line: &str) -> Option<usize> {
    let words = ["Marginal note:", "Marginal Note:", "marginal note:"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .map_or(line, |r| r.trim_start_matches([' ', '\u{a0}']));
    let ok = label::title_like(words)
        && label::heading(words).is_none()
        && canadian_number(words).is_none()
        && !historical(words);
    ok.then_some(line.len() - words.len())
}

/// A line that lists the Acts enacting and amending a section, as the
/// consolidation prints it after the section: "2001, c. 27, s. 95; 2010, c.
/// 8, s. 10(F)", "R.S., 1985, c. C-46, s. 2", "SOR/2012-154, s. 3".
fn historical(line: &str) -> bool {
    let line = line.trim();
    let year = line.len() > 9
        && line.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && line[4..].starts_with(", c. ");
    let opens = year
        || line.starts_with("R.S., ")
        || line.starts_with("R.S. ")
        || line.starts_with("SOR/")
        || line.starts_with("SI/");
    // Nothing but citations: chapters, sections, supplements, items.
    const WORDS: &[&str] = &[
        "c", "s", "ss", "par", "subpar", "cl", "Sch", "Supp", "item", "items", "and", "R", "S",
        "E", "F", "SOR", "SI", "st", "nd", "rd", "th", "to", "art", "Part",
    ];
    opens
        && line
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| WORDS.contains(&w) || (w.len() == 1 && w.chars().all(char::is_uppercase)))
}

/// A statute in the layout of Canada's Justice Laws website: each section's
/// marginal note on a line of its own, then a line with the section's
/// number and its text ("96 A Convention refugee is…") or its first
/// subsection ("97 (1) A person…"); a subsection's note before it; the
/// historical note after the section; headings in capitals ("PART 2",
/// "DIVISION 1") and cross-headings ("Appeal to Refugee Appeal Division")
/// between sections. `None` unless two sections read so, in ascending order
/// (`98` < `98.1` < `99`).
fn canadian(text: &str, blocks: &[Block]) -> Option<Statute> {
    let single = |k: usize| {
        blocks.get(k).is_some_and(|b| {
            b.kind != BlockKind::Pass && !text[b.text_start..b.range.end].trim_end().contains('\n')
        })
    };
    let line = |k: usize| text[blocks[k].text_start..blocks[k].range.end].trim_end();
    // A subsection's label, as a line opens with it: `(1)`, `(2.1)`.
    let subsection = |words: &str| {
        label::label(words).is_some_and(|l| {
            l.styles
                .iter()
                .any(|s| s.numbering == label::Numbering::Arabic && s.form == label::Form::Paren)
        })
    };
    let mut out = Statute {
        word: "Section",
        id: "sec",
        ..Statute::default()
    };
    let mut british = 0;
    let mut last: Option<Vec<u32>> = None;
    let mut first_section = None;
    for k in 0..blocks.len() {
        if !single(k) {
            continue;
        }
        let (number, len, uk) = match canadian_number(line(k)) {
            Some((n, l)) => (n, l, false),
            None => match british_number(line(k)) {
                Some((n, l)) => (n, l, true),
                None => continue,
            },
        };
        let rest = &line(k)[len..];
        let repealed = rest.starts_with("[Repealed") || rest.starts_with("[Abrogé");
        // "96 A Convention refugee is a person who, …": words that are the
        // section's text, not a British heading ("1 The Convention Rights.")
        // whose text, "(1) In this Act…", is on the lines after it.
        let text_of_its_own = rest.starts_with(|c: char| c.is_uppercase() || "“\"‘'".contains(c))
            && !label::title_like(rest)
            && section_heading(line(k)).is_none()
            && !(single(k + 1) && subsection(line(k + 1)));
        if !(subsection(rest) || repealed || text_of_its_own) {
            continue;
        }
        let note = k
            .checked_sub(1)
            .filter(|&j| single(j) && !out.section_lines.contains_key(&blocks[j].range.start))
            .and_then(|j| Some((j, marginal_note(line(j))?)));
        if note.is_none() && !repealed {
            continue;
        }
        let order = canadian_order(&number);
        if last.as_ref().is_some_and(|p| order <= *p) {
            continue;
        }
        last = Some(order);
        british += usize::from(uk);
        first_section.get_or_insert(k);
        match note {
            Some((j, words)) => {
                let at = blocks[j].range.start;
                out.sections
                    .insert(at, (number, line(j)[words..].trim().to_string()));
                out.notes.insert(at, blocks[j].text_start + words);
            }
            None => {
                out.sections
                    .insert(blocks[k].range.start, (number, String::new()));
            }
        }
        out.section_lines.insert(blocks[k].range.start, len);
    }
    if out.sections.len() < 2 {
        return None;
    }
    if british == out.sections.len() {
        (out.word, out.id) = british_word(text);
    }
    let first = first_section.unwrap_or(0);
    let taken = |out: &Statute, k: usize| {
        let at = blocks[k].range.start;
        out.sections.contains_key(&at)
            || out.section_lines.contains_key(&at)
            || out.notes.contains_key(&at)
    };
    for (k, block) in blocks.iter().enumerate().skip(first) {
        if !single(k) || taken(&out, k) {
            continue;
        }
        if historical(line(k)) {
            out.history.insert(block.range.start);
            continue;
        }
        // A subsection's note: right before its labelled line.
        if single(k + 1)
            && !taken(&out, k + 1)
            && label::label(line(k + 1)).is_some_and(|l| !l.value.is_empty())
            && let Some(words) = marginal_note(line(k))
        {
            out.notes
                .insert(block.range.start, block.text_start + words);
        }
    }
    // Cross-headings: the short lines right before a section's note.
    let heads: Vec<usize> = (0..blocks.len())
        .filter(|&k| out.sections.contains_key(&blocks[k].range.start))
        .collect();
    for k in heads {
        let mut i = k;
        while i > 0 {
            i -= 1;
            let fits = single(i)
                && !taken(&out, i)
                && !out.history.contains(&blocks[i].range.start)
                && label::label(line(i)).is_none()
                && label::heading(line(i)).is_none()
                && label::title_like(line(i));
            if !fits {
                break;
            }
            out.cross_headings.insert(blocks[i].range.start);
        }
    }
    Some(out)
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

    #[test]
    fn canadian_section_lines_notes_and_histories() {
        assert_eq!(
            canadian_number("96 A Convention refugee is a person who,"),
            Some(("96".into(), 3))
        );
        assert_eq!(
            canadian_number("98.1 (1) A designated foreign national"),
            Some(("98.1".into(), 5))
        );
        for line in [
            "1. Text",
            "2001, c. 27, s. 95",
            "96",
            "12ab text",
            "98. Text",
        ] {
            assert!(canadian_number(line).is_none(), "{line}");
        }
        assert!(canadian_order("98") < canadian_order("98.1"));
        assert!(canadian_order("98.2") < canadian_order("99"));
        assert!(canadian_order("99") < canadian_order("100"));
        assert_eq!(marginal_note("Convention refugee"), Some(0));
        assert_eq!(
            marginal_note("Marginal note:Conferral of refugee protection"),
            Some(14)
        );
        for line in [
            "(2) A protected person",
            "2001, c. 27, s. 95; 2010, c. 8, s. 10(F)",
            "DIVISION 1",
            "is outside each of their countries of nationality",
        ] {
            assert!(marginal_note(line).is_none(), "{line}");
        }
        for line in [
            "2001, c. 27, s. 95; 2010, c. 8, s. 10(F)",
            "2001, c. 27, s. 110; 2010, c. 8, s. 13; 2012, c. 17, ss. 36, 84",
            "R.S., 1985, c. C-46, s. 2; R.S., 1985, c. 11 (1st Supp.), s. 2",
            "SOR/2012-154, s. 3",
        ] {
            assert!(historical(line), "{line}");
        }
        for line in [
            "2001, the Minister shall report.",
            "1998 CHAPTER 42",
            "2020 and made the claim",
        ] {
            assert!(!historical(line), "{line}");
        }
    }

    #[test]
    fn a_canadian_statute_is_not_read_as_a_british_one_nor_the_other_way() {
        let text = "Convention refugee\n\n96 A Convention refugee is a person who, by reason of a well-founded fear of persecution,\n\n(a) is outside each of their countries of nationality; or\n\nPerson in need of protection\n\n97 (1) A person in need of protection is a person in Canada.\n\nPerson in need of protection\n\n(2) A person in Canada who is a member of a class.\n\n2001, c. 27, s. 97\n";
        let blocks = super::super::blocks::split(text, 0);
        let s = statute(text, &blocks);
        let mut numbers: Vec<&str> = s.sections.values().map(|(n, _)| n.as_str()).collect();
        numbers.sort();
        assert_eq!(numbers, ["96", "97"]);
        assert_eq!(s.section_lines.len(), 2);
        // Both sections' notes and the subsection's.
        assert_eq!(s.notes.len(), 3);
        assert_eq!(s.history.len(), 1);
        // A British statute's heading line ("1 The Convention Rights.") is
        // followed by its text ("(1) In this Act"), never by a subsection on
        // the number's line: it stays a heading.
        let text = "Introduction\n\n1 The Convention Rights.\n\n(1) In this Act.\n\n2 Interpretation of Convention rights.\n\n(1) A court.\n";
        let s = statute(text, &super::super::blocks::split(text, 0));
        assert!(s.section_lines.is_empty());
        assert_eq!(s.sections.len(), 2);
    }
}
