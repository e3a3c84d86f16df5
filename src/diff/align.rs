//! Cutting clauses into parts and pairing the parts of two clauses.

use std::collections::HashSet;

/// A clause cut into parts: sentences, and lettered points `(a)`.
pub fn segments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let is_point = word.len() <= 5
            && word.starts_with('(')
            && word.ends_with(')')
            && word[1..word.len() - 1]
                .chars()
                .all(|c| c.is_ascii_lowercase());
        if is_point && !current.trim().is_empty() {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let next_starts_sentence = words
            .get(i + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase() || c == '('));
        if (word.ends_with('.') || word.ends_with(';') || word.ends_with('?'))
            && next_starts_sentence
        {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The most cells the alignment's table may have: parts of the first column
/// times parts of another (a megabyte of scores, a few hundred parts each).
pub const MAX_ALIGNMENT_CELLS: usize = 250_000;

/// The most word look-ups the alignment may make for one pair of columns.
pub const MAX_ALIGNMENT_WORK: usize = 20_000_000;

/// Aligns the parts of every column to those of the first: one row per part
/// of the first column; a part of another column that pairs with none is
/// kept in the row of the nearest paired part before it.
///
/// The alignment compares every part of the first column with every part of
/// another, so its work grows with the product of their sizes: `None` when
/// that would pass [`MAX_ALIGNMENT_CELLS`] or [`MAX_ALIGNMENT_WORK`] (clauses
/// of thousands of parts), for the caller to show them unaligned.
pub fn align(columns: &[Vec<String>]) -> Option<Vec<Vec<String>>> {
    let Some(first) = columns.first() else {
        return Some(Vec::new());
    };
    let sets_first: Vec<HashSet<String>> = first.iter().map(|s| words(s)).collect();
    let mut sets_others = Vec::new();
    for other in &columns[1..] {
        let cells = (first.len() + 1).saturating_mul(other.len() + 1);
        // Each cell's overlap costs the smaller of its two sets.
        let words_first: usize = sets_first.iter().map(HashSet::len).sum();
        let sets: Vec<HashSet<String>> = other.iter().map(|s| words(s)).collect();
        let words_other: usize = sets.iter().map(HashSet::len).sum();
        let work =
            (first.len().saturating_mul(words_other)).min(other.len().saturating_mul(words_first));
        if cells > MAX_ALIGNMENT_CELLS || work > MAX_ALIGNMENT_WORK {
            return None;
        }
        sets_others.push(sets);
    }
    let rows = first.len().max(1);
    let mut table: Vec<Vec<String>> = (0..rows)
        .map(|r| vec![first.get(r).cloned().unwrap_or_default()])
        .collect();
    for (other, sets) in columns[1..].iter().zip(&sets_others) {
        let pairing = pair(&sets_first, sets);
        let mut cells: Vec<Vec<&str>> = vec![Vec::new(); rows];
        let mut row = 0;
        for (j, part) in other.iter().enumerate() {
            if let Some(i) = pairing[j] {
                row = i;
            }
            cells[row.min(rows - 1)].push(part);
        }
        for (r, cell) in cells.into_iter().enumerate() {
            table[r].push(cell.join(" "));
        }
    }
    Some(table)
}

/// For each part of `b`, the part of `a` it pairs with: a monotone pairing
/// that maximises word overlap (dynamic programming, as sequence alignment).
fn pair(sets_a: &[HashSet<String>], sets_b: &[HashSet<String>]) -> Vec<Option<usize>> {
    const THRESHOLD: f64 = 0.15;
    let (n, m) = (sets_a.len(), sets_b.len());
    let mut score = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let sim = jaccard(&sets_a[i - 1], &sets_b[j - 1]);
            let diagonal = if sim >= THRESHOLD {
                score[i - 1][j - 1] + sim
            } else {
                f64::MIN
            };
            score[i][j] = diagonal.max(score[i - 1][j]).max(score[i][j - 1]);
        }
    }
    let mut pairing = vec![None; m];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let sim = jaccard(&sets_a[i - 1], &sets_b[j - 1]);
        if sim >= THRESHOLD && (score[i][j] - (score[i - 1][j - 1] + sim)).abs() < 1e-9 {
            pairing[j - 1] = Some(i - 1);
            i -= 1;
            j -= 1;
        } else if (score[i][j] - score[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    if m > 0 && n > 0 && pairing.iter().all(Option::is_none) {
        pairing[0] = Some(0);
    }
    pairing
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = small.iter().filter(|w| large.contains(*w)).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_cut_at_sentences_and_points() {
        let parts = segments(
            "The UN shall promote: (a) higher standards; (b) solutions; and (c) respect. It shall act.",
        );
        assert_eq!(
            parts,
            vec![
                "The UN shall promote:",
                "(a) higher standards;",
                "(b) solutions; and",
                "(c) respect.",
                "It shall act."
            ]
        );
    }

    #[test]
    fn corresponding_parts_stand_level() {
        let a = segments("The IOM shall report annually. It may consult States.");
        let b = segments(
            "An introduction nobody matches here. The Office shall report annually to the Assembly. It shall consult States.",
        );
        let rows = align(&[a, b]).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0][1].contains("report annually"), "{rows:?}");
        assert!(rows[1][1].contains("consult States"), "{rows:?}");
    }

    #[test]
    fn clauses_of_thousands_of_parts_are_not_aligned() {
        let long = segments(&"(a) one point; ".repeat(1_000));
        assert_eq!(long.len(), 1_000);
        assert!(align(&[long.clone(), long[..200].to_vec()]).is_some());
        assert_eq!(align(&[long.clone(), long]), None);
    }
}
