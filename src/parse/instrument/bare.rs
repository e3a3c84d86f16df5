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
        // "a “personal data” means…", as Convention 108 defines its terms.
        (&line[..1], Numbering::Lower, |c: char| {
            c.is_lowercase() || "“\"‘'".contains(c)
        })
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
        assert_eq!(
            label("b “automated data file” means").map(|l| l.value),
            Some("b".into())
        );
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
