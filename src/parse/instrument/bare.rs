//! Labels written with nothing around them, as the Council of Europe's
//! treaty texts print them: "1 Everyone has the right to liberty…", then
//! "a the lawful detention of a person after conviction…". A bare number or
//! letter opens many an ordinary line too ("1 January 2000 is…", "a State
//! may…"), so one counts as a label only as part of a sequence inside one
//! article: `1`, `2`, `3`… or `a`, `b`, `c`…, at least two long, each a
//! block of its own.

use std::collections::HashSet;

use super::blocks::{Block, BlockKind};
use super::label::{self, Form, Label, Numbering, Style};

/// The label opening `line` if it is a bare one: one to three digits and a
/// space before a capital (a paragraph), or one lower-case letter and a
/// space before a lower-case word (a point).
pub fn label(line: &str) -> Option<Label> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (value, numbering, next_ok): (&str, Numbering, fn(char) -> bool) = if digits > 0 {
        if digits > 3 {
            return None;
        }
        (&line[..digits], Numbering::Arabic, |c: char| {
            c.is_uppercase() || "“\"‘'(".contains(c)
        })
    } else {
        let first = line.chars().next()?;
        if !first.is_ascii_lowercase() {
            return None;
        }
        (&line[..1], Numbering::Lower, |c: char| c.is_lowercase())
    };
    let rest = &line[value.len()..];
    let text = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    let spaces = rest.len() - text.len();
    if spaces == 0 || !text.chars().next().is_some_and(next_ok) {
        return None;
    }
    Some(Label {
        value: value.to_string(),
        styles: vec![Style {
            numbering,
            form: Form::Bare,
        }],
        len: value.len() + spaces,
    })
}

/// The blocks (by where they start) whose bare label is part of a sequence:
/// numbers `1`, `2`… in one article, letters `a`, `b`… under one number (or
/// in an article without numbers).
pub fn in_sequence(text: &str, blocks: &[Block]) -> HashSet<usize> {
    let mut accepted = HashSet::new();
    // The candidates of the current article, in order.
    let mut article: Vec<(usize, Label)> = Vec::new();
    for block in blocks {
        let words = &text[block.text_start..block.range.end];
        let first = words.split('\n').next().unwrap_or(words);
        if block.kind != (BlockKind::Text { heading: false }) || label::heading(first).is_some() {
            accept(&article, &mut accepted);
            article.clear();
            continue;
        }
        if label::label(words).is_none()
            && let Some(l) = label(words)
        {
            article.push((block.range.start, l));
        }
    }
    accept(&article, &mut accepted);
    accepted
}

/// Marks the sequences among one article's candidates.
fn accept(candidates: &[(usize, Label)], accepted: &mut HashSet<usize>) {
    let is = |l: &Label, n: Numbering| l.styles[0].numbering == n;
    let numbers: Vec<&(usize, Label)> = candidates
        .iter()
        .filter(|(_, l)| is(l, Numbering::Arabic))
        .collect();
    let chain = run(&numbers, Numbering::Arabic);
    accepted.extend(chain.iter().copied());
    // Letters between one accepted number and the next (or anywhere, in
    // an article without numbers).
    let mut group: Vec<&(usize, Label)> = Vec::new();
    for c in candidates {
        if is(&c.1, Numbering::Arabic) {
            if chain.contains(&c.0) {
                accepted.extend(run(&group, Numbering::Lower));
                group.clear();
            }
        } else {
            group.push(c);
        }
    }
    accepted.extend(run(&group, Numbering::Lower));
}

/// The longest sequence from the first label (`1` or `a`) in `labels`, each
/// following the one before, if it has two members or more.
fn run(labels: &[&(usize, Label)], numbering: Numbering) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut last: Option<&str> = None;
    for (at, l) in labels {
        if label::follows(numbering, last, &l.value) && (last.is_some() || is_first(&l.value)) {
            out.push(*at);
            last = Some(&l.value);
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

fn is_first(value: &str) -> bool {
    value == "1" || value == "a"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_labels_as_the_council_of_europe_prints_them() {
        assert_eq!(
            label("1 Everyone has").map(|l| (l.value, l.len)),
            Some(("1".into(), 2))
        );
        assert_eq!(
            label("a the lawful").map(|l| (l.value, l.len)),
            Some(("a".into(), 2))
        );
        assert_eq!(label("12\tEveryone").map(|l| l.value), Some("12".into()));
        for line in [
            "1950 Convention",
            "1 january",
            "a State may",
            "ab cd",
            "1Everyone",
            "x",
        ] {
            assert!(label(line).is_none(), "{line}");
        }
    }

    #[test]
    fn only_sequences_count() {
        let text = "Article 5 – Liberty\n\n1 Everyone has.\n\na the lawful.\n\nb the arrest.\n\n2 Everyone who.\n\nArticle 6 – Trial\n\n1 January was cold.\n\na lone letter.\n";
        let blocks = super::super::blocks::split(text, 0);
        let accepted = in_sequence(text, &blocks);
        let starts: Vec<&str> = blocks
            .iter()
            .filter(|b| accepted.contains(&b.range.start))
            .map(|b| &text[b.range.start..b.range.start + 3])
            .collect();
        assert_eq!(starts, ["1 E", "a t", "b t", "2 E"]);
    }
}

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
    let mut out = Statute::default();
    if has_articles {
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
