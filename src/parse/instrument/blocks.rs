//! An instrument's body cut into blocks: runs of lines that are one unit's
//! text, a heading line, or Markdown to pass through whole (fenced code and
//! editorial blocks, HTML comments and blocks, tables, quotations, note
//! definitions).

use std::ops::Range;

use super::label;

/// One block of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Its bytes in the file, without the final line break.
    pub range: Range<usize>,
    /// Where its words start (after `#` marks and leading spaces).
    pub text_start: usize,
    /// What it is.
    pub kind: BlockKind,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Lines of words, the first maybe a label; `heading` when written as a
    /// Markdown heading (`## Article 6`).
    Text { heading: bool },
    /// Markdown to parse as it stands.
    Pass,
}

/// The longest line of a text whose lines are wrapped.
const WRAP_WIDTH: usize = 110;

struct Line {
    start: usize,
    end: usize,
}

/// Whether `line` is only an EUR-Lex consolidation marker: `▼B`, `▼M1`,
/// `▼A2`, `▼C1`, `►M3`, `◄`.
fn consolidation_marker(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['▼', '►', '◄']) else {
        return false;
    };
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_uppercase() => chars.all(|d| d.is_ascii_digit()),
        Some(_) => false,
    }
}

/// Cuts `text[body..]` into blocks.
pub fn split(text: &str, body: usize) -> Vec<Block> {
    let mut lines = Vec::new();
    let mut at = body;
    for line in text[body..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push(Line {
            start: at,
            end: at + content.len(),
        });
        at += line.len();
    }
    let get = |l: &Line| &text[l.start..l.end];
    // A source that does not wrap its lines (a copy from a web page) puts
    // each paragraph on one line, so a line is a block of its own; one that
    // wraps (a text from a PDF, hand-written Markdown) continues a paragraph
    // on the next line. Copies from the web have a long line in every
    // three or four (a quarter to three quarters of them, in the texts of
    // tests/instruments); a wrapped text may still hold a rare long one (a
    // pasted paragraph, a long address), which does not make it unwrapped.
    let written: Vec<usize> = lines
        .iter()
        .map(|l| get(l).trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    let long = written.iter().filter(|&&n| n > WRAP_WIDTH).count();
    let wraps = long * 20 < written.len().max(1);
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = get(&lines[i]);
        let trimmed = line.trim_start_matches([' ', '\t', '\u{a0}']);
        let lead = line.len() - trimmed.len();
        if trimmed.trim().is_empty() {
            out.extend(open.take());
            i += 1;
            continue;
        }
        // EUR-Lex's consolidation markers on a line of their own ("▼B",
        // "▼M1": the text below comes from the basic act or its first
        // amendment) are the consolidation's, not the act's: shown, no
        // paragraph of it.
        if consolidation_marker(trimmed.trim_end()) {
            out.extend(open.take());
            out.push(Block {
                range: lines[i].start..lines[i].end,
                text_start: lines[i].start + lead,
                kind: BlockKind::Pass,
            });
            i += 1;
            continue;
        }
        // Markdown that passes through whole.
        if let Some(end) = pass_through(&lines, i, text) {
            out.extend(open.take());
            out.push(Block {
                range: lines[i].start..lines[end].end,
                text_start: lines[i].start,
                kind: BlockKind::Pass,
            });
            i = end + 1;
            continue;
        }
        // A converter's bullet, then maybe a heading ("* #### (1) In general").
        let bullet = bullet_before_label(trimmed);
        let lead = lead + bullet;
        let trimmed = &trimmed[bullet..];
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        let is_heading = (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t'])
            || (1..=6).contains(&hashes) && trimmed.len() == hashes;
        let text_start = if is_heading {
            let after = &trimmed[hashes..];
            lines[i].start + lead + hashes + (after.len() - after.trim_start().len())
        } else {
            lines[i].start + lead
        };
        let words = &text[text_start..lines[i].end];
        let starts_new = open.as_ref().is_none_or(|b| {
            !wraps
                || is_heading
                || b.kind == (BlockKind::Text { heading: true })
                || label::label(words).is_some()
                || label::heading(words).is_some()
                || single_line(&text[b.text_start..b.range.end])
        });
        match open.as_mut() {
            Some(b) if !starts_new => b.range.end = lines[i].end,
            _ => {
                out.extend(open.take());
                open = Some(Block {
                    range: lines[i].start..lines[i].end,
                    text_start,
                    kind: BlockKind::Text {
                        heading: is_heading,
                    },
                });
            }
        }
        i += 1;
    }
    out.extend(open);
    split_compound_labels(text, out)
}

/// The length of a Markdown list bullet that converters of official texts
/// write before every unit ("* (a) There is established…", "* Exclusive of
/// aliens…"): the label, or the unnumbered text, is the unit, not the
/// bullet. No official text prints `*` or `+`; a `-` stays an indent unless
/// a label follows it.
fn bullet_before_label(line: &str) -> usize {
    let (rest, always) =
        if let Some(r) = line.strip_prefix("* ").or_else(|| line.strip_prefix("+ ")) {
            (r, true)
        } else if let Some(r) = line.strip_prefix("- ") {
            (r, false)
        } else {
            return 0;
        };
    let words = rest.trim_start_matches([' ', '\t']);
    let labelled = label::label(words).is_some_and(|l| !l.value.is_empty())
        || label::compound(words).is_some();
    if always || labelled {
        line.len() - words.len()
    } else {
        0
    }
}

/// Cuts a block that opens with two labels at once ("(1)(A) In providing
/// assistance…", as the United States Code prints a paragraph whose text
/// starts in its first subparagraph) into the first label alone and the
/// rest, so each label opens its own unit.
fn split_compound_labels(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        while block.kind != BlockKind::Pass
            && let Some(n) = label::compound(&text[block.text_start..block.range.end])
        {
            let cut = block.text_start + n;
            out.push(Block {
                range: block.range.start..cut,
                text_start: block.text_start,
                kind: block.kind,
            });
            block = Block {
                range: cut..block.range.end,
                text_start: cut,
                kind: block.kind,
            };
        }
        out.push(block);
    }
    out
}

/// A block that ends at its line: a heading line ("Article 6", "CHAPTER
/// II") or a label standing alone ("(a)"), so the title or text on the next
/// line is a block of its own.
fn single_line(block: &str) -> bool {
    !block.contains('\n')
        && (label::heading(block).is_some()
            || label::label(block).is_some_and(|l| l.len >= block.trim_end().len()))
}

/// The last line of the pass-through block starting at line `i`, if one does.
fn pass_through(lines: &[Line], i: usize, text: &str) -> Option<usize> {
    let get = |k: usize| &text[lines[k].start..lines[k].end];
    let first = get(i).trim_start_matches([' ', '\t']);
    let until = |pred: &dyn Fn(&str) -> bool, from: usize| {
        (from..lines.len())
            .find(|&k| pred(get(k)))
            .unwrap_or(lines.len() - 1)
    };
    let until_blank = |from: usize| {
        (from..lines.len())
            .find(|&k| get(k).trim().is_empty())
            .map_or(lines.len() - 1, |k| k - 1)
    };
    if first.starts_with("```") || first.starts_with("~~~") {
        let fence: String = first
            .chars()
            .take_while(|&c| c == first.as_bytes()[0] as char)
            .collect();
        return Some(until(
            &|l: &str| {
                l.trim_start().starts_with(fence.as_str())
                    && l.trim().chars().all(|c| c == fence.as_bytes()[0] as char)
            },
            i + 1,
        ));
    }
    if first.starts_with("<!--") {
        return Some(until(&|l: &str| l.contains("-->"), i));
    }
    let html = first.starts_with('<')
        && first[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
    if html || first.starts_with('|') || first.starts_with('>') {
        return Some(until_blank(i));
    }
    if first.starts_with("[^") && first.contains("]:") {
        // A note's definition and its indented continuation paragraphs.
        let mut end = until_blank(i);
        while end + 2 < lines.len()
            && get(end + 1).trim().is_empty()
            && get(end + 2).starts_with("    ")
        {
            end = until_blank(end + 2);
        }
        return Some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, bool)> {
        split(text, 0)
            .into_iter()
            .map(|b| (text[b.range].to_string(), b.kind == BlockKind::Pass))
            .collect()
    }

    #[test]
    fn points_on_consecutive_lines_are_blocks() {
        let got = kinds(
            "Article 6\nLawfulness of processing\n1. Processing is lawful if:\n(a) consent;\n(b) contract;\nwrapped on.\n\n<!-- gap -->\n2. More.",
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Article 6",
                "Lawfulness of processing",
                "1. Processing is lawful if:",
                "(a) consent;",
                "(b) contract;\nwrapped on.",
                "<!-- gap -->",
                "2. More."
            ]
        );
        assert!(got[5].1);
    }

    #[test]
    fn unwrapped_sources_have_a_paragraph_per_line() {
        let long = "x".repeat(200);
        let got = kinds(&format!("(f) {long}\nPoint (f) shall not apply.\n"));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn bullets_before_labels_and_compound_labels() {
        let text = "* (a) There is established.\n\n* (1)(A) In providing;\n\n  * (i) employable.\n\n* The word.\n\n* (1)(A)(i) Except.\n";
        let got: Vec<String> = split(text, 0)
            .into_iter()
            .map(|b| text[b.text_start..b.range.end].to_string())
            .collect();
        assert_eq!(
            got,
            [
                "(a) There is established.",
                "(1)",
                "(A) In providing;",
                "(i) employable.",
                "The word.",
                "(1)",
                "(A)",
                "(i) Except."
            ]
        );
    }

    #[test]
    fn a_label_alone_is_a_block() {
        let got = kinds("(a)\nthe text\n");
        assert_eq!(got.len(), 2);
    }
}
