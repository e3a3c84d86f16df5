//! Stage between resolve and render: clauses set side by side.
//!
//! A comparison's columns are aligned part by part (sentences, and lettered
//! points), so that corresponding parts stand level; then each column is
//! diffed word by word against the first. The diff itself is the `similar`
//! crate's; what is ours is only how clauses are cut and paired.

mod align;

pub use align::{MAX_ALIGNMENT_CELLS, MAX_ALIGNMENT_WORK, align, segments};
use similar::{ChangeTag, TextDiff};

/// One piece of a column's text in a row, as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words the column shares with the first.
    Same(String),
    /// Words this column adds to the first.
    Added(String),
    /// Words of the first column this one lacks.
    Removed(String),
}

/// Rows of aligned parts: `rows[r][c]` is column `c`'s text in row `r`.
pub type Rows = Vec<Vec<String>>;

/// The most words two texts may hold together to be diffed word by word.
///
/// The diff's work grows faster than its input (Myers' algorithm with
/// similar's cost cap, about the size times its square root), so a row longer
/// than this is shown unmarked, and says so, rather than slowly: no clause the
/// edition compares comes near it, and a diff of whole books would be
/// unreadable anyway.
pub const MAX_DIFF_WORDS: usize = 10_000;

/// The word diff of `text` against `base`, or `None` when the two hold more
/// than [`MAX_DIFF_WORDS`] words.
pub fn word_diff(base: &str, text: &str) -> Option<Vec<Piece>> {
    let words = base.split_whitespace().count() + text.split_whitespace().count();
    if words > MAX_DIFF_WORDS {
        return None;
    }
    let diff = TextDiff::from_words(base, text);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value().to_string();
        let piece = match change.tag() {
            ChangeTag::Equal => Piece::Same(value),
            ChangeTag::Insert => Piece::Added(value),
            ChangeTag::Delete => Piece::Removed(value),
        };
        match (pieces.last_mut(), &piece) {
            (Some(Piece::Same(a)), Piece::Same(b))
            | (Some(Piece::Added(a)), Piece::Added(b))
            | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(b),
            _ => pieces.push(piece),
        }
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ART_1_3: &str = "To achieve international co-operation in solving international problems of an economic, social, cultural, or humanitarian character, and in promoting and encouraging respect for human rights and for fundamental freedoms for all without distinction as to race, sex, language, or religion; and";
    const ART_55_C: &str = "(c) universal respect for, and observance of, human rights and fundamental freedoms for all without distinction as to race, sex, language, or religion.";

    fn changed(pieces: &[Piece]) -> (Vec<String>, Vec<String>) {
        let mut added = Vec::new();
        let mut removed = Vec::new();
        for p in pieces {
            match p {
                Piece::Added(t) => added.push(t.trim().to_string()),
                Piece::Removed(t) => removed.push(t.trim().to_string()),
                Piece::Same(_) => {}
            }
        }
        (added, removed)
    }

    #[test]
    fn the_charters_repeated_formula_is_not_marked() {
        let (added, removed) = changed(&word_diff(ART_1_3, ART_55_C).unwrap());
        let formula = "without distinction as to race, sex, language, or religion";
        assert!(
            added
                .iter()
                .chain(&removed)
                .all(|w| !formula.contains(w.as_str()) || w.is_empty()),
            "{added:?} {removed:?}"
        );
        assert!(added.iter().any(|w| w.contains("observance")), "{added:?}");
        assert!(
            removed.iter().any(|w| w.contains("co-operation")),
            "{removed:?}"
        );
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let pieces = word_diff("shall conform to the laws", "shall conform to the laws");
        assert_eq!(
            pieces,
            Some(vec![Piece::Same("shall conform to the laws".into())])
        );
    }

    #[test]
    fn texts_too_long_to_diff_are_not_diffed() {
        let half = "word ".repeat(MAX_DIFF_WORDS / 2);
        assert!(word_diff(&half, &half).is_some());
        assert_eq!(word_diff(&half, &format!("{half} more")), None);
    }
}
