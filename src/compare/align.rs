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

/// Aligns the parts of every column to those of the first: one row per part
/// of the first column; a part of another column that pairs with none is
/// kept in the row of the nearest paired part before it.
pub fn align(columns: &[Vec<String>]) -> Vec<Vec<String>> {
    let Some(first) = columns.first() else {
        return Vec::new();
    };
    let rows = first.len().max(1);
    let mut table: Vec<Vec<String>> = (0..rows)
        .map(|r| vec![first.get(r).cloned().unwrap_or_default()])
        .collect();
    for other in &columns[1..] {
        let pairing = pair(first, other);
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
    table
}

/// For each part of `b`, the part of `a` it pairs with: a monotone pairing
/// that maximises word overlap (dynamic programming, as sequence alignment).
fn pair(a: &[String], b: &[String]) -> Vec<Option<usize>> {
    const THRESHOLD: f64 = 0.15;
    let sets_a: Vec<HashSet<String>> = a.iter().map(|s| words(s)).collect();
    let sets_b: Vec<HashSet<String>> = b.iter().map(|s| words(s)).collect();
    let (n, m) = (a.len(), b.len());
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
    a.intersection(b).count() as f64 / a.union(b).count() as f64
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
        let rows = align(&[a, b]);
        assert_eq!(rows.len(), 2);
        assert!(rows[0][1].contains("report annually"), "{rows:?}");
        assert!(rows[1][1].contains("consult States"), "{rows:?}");
    }
}
