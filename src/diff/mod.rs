//! Stage between resolve and render: clauses set side by side.
//!
//! A comparison's columns are aligned part by part (sentences, and lettered
//! points), so that corresponding parts stand level; then each column is
//! diffed word by word against the first. The diff itself is the `similar`
//! crate's; what is ours is only how clauses are cut and paired.

mod align;

pub use align::{align, segments};
use similar::ChangeTag;

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

/// The most words two texts may hold together to be diffed word by word.
///
/// The diff's work grows faster than its input (Myers' algorithm with
/// similar's cost cap, about the size times its square root), so a row longer
/// than this is shown unmarked, and says so, rather than slowly: no clause the
/// edition compares comes near it, and a diff of whole books would be
/// unreadable anyway.
pub const MAX_DIFF_WORDS: usize = 10_000;

/// Below this share of the shorter text's words found, in order, in the
/// longer one, two texts are not diffed: a word diff of unrelated clauses
/// marks nearly every word and says nothing. (Measured against the shorter
/// text, a short draft wholly kept in a longer final text is diffed.)
pub const MIN_SIMILARITY: f32 = 0.5;

/// What comparing a text with the first column gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Diff {
    /// The differences, word by word.
    Pieces(Vec<Piece>),
    /// More than [`MAX_DIFF_WORDS`] words: not diffed.
    TooLong,
    /// Fewer words in common than [`MIN_SIMILARITY`]: not diffed.
    TooDifferent,
}

/// One word or punctuation mark of a text, with the spaces after it.
struct Token<'a> {
    text: &'a str,
    space: &'a str,
}

/// The text cut into words and punctuation marks, so that "work," against
/// "work" is a comma added, not a word changed. Spaces are not compared:
/// each token carries the spaces that follow it.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        // A word: letters and digits, and the apostrophes and hyphens inside
        // one; a punctuation mark stands alone.
        if c.is_alphanumeric() {
            while let Some(&(i, n)) = chars.peek() {
                let inside = "'’-".contains(n)
                    && text[i + n.len_utf8()..].starts_with(char::is_alphanumeric);
                if !(n.is_alphanumeric() || inside) {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
        }
        let mut space_end = end;
        while let Some(&(i, n)) = chars.peek() {
            if !n.is_whitespace() {
                break;
            }
            space_end = i + n.len_utf8();
            chars.next();
        }
        out.push(Token {
            text: &text[start..end],
            space: &text[end..space_end],
        });
    }
    out
}

fn is_word(token: &str) -> bool {
    token.starts_with(char::is_alphanumeric)
}

/// The word diff of `text` against `base`: each column's words against the
/// first's, punctuation as punctuation, the spaces of `text` kept.
pub fn word_diff(base: &str, text: &str) -> Diff {
    let words = base.split_whitespace().count() + text.split_whitespace().count();
    if words > MAX_DIFF_WORDS {
        return Diff::TooLong;
    }
    let (old, new) = (tokens(base), tokens(text));
    let old_texts: Vec<&str> = old.iter().map(|t| t.text).collect();
    let new_texts: Vec<&str> = new.iter().map(|t| t.text).collect();
    // Patience keeps runs of changed words together where Myers would
    // interleave them one by one.
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_slices(&old_texts, &new_texts);
    let changes: Vec<_> = diff.iter_all_changes().collect();
    let shared = changes
        .iter()
        .filter(|c| c.tag() == ChangeTag::Equal && is_word(c.value()))
        .count();
    let counted = |t: &[&str]| t.iter().filter(|t| is_word(t)).count();
    let shorter = counted(&old_texts).min(counted(&new_texts));
    if shorter > 0 && (shared as f32) / (shorter as f32) < MIN_SIMILARITY {
        return Diff::TooDifferent;
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let push = |pieces: &mut Vec<Piece>, piece: Piece| match (pieces.last_mut(), &piece) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Added(a)), Piece::Added(b))
        | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(b),
        _ => pieces.push(piece),
    };
    for (k, change) in changes.iter().enumerate() {
        let (tag, value) = (change.tag(), change.value());
        let next = changes.get(k + 1).map(|c| c.tag());
        // A word struck through right beside another keeps a space between
        // them ("problems universal", never "problemsuniversal").
        let touching = pieces.last().is_some_and(|last| {
            let (prev, removed) = match last {
                Piece::Same(t) | Piece::Added(t) => (t, false),
                Piece::Removed(t) => (t, true),
            };
            prev.ends_with(char::is_alphanumeric)
                && value.starts_with(char::is_alphanumeric)
                && (removed || tag == ChangeTag::Delete)
        });
        if touching {
            push(&mut pieces, Piece::Same(" ".into()));
        }
        match tag {
            ChangeTag::Equal => {
                let space = change.new_index().map_or("", |i| new[i].space);
                push(&mut pieces, Piece::Same(format!("{value}{space}")));
            }
            ChangeTag::Insert => {
                let space = change.new_index().map_or("", |i| new[i].space).to_string();
                push(&mut pieces, Piece::Added(value.to_string()));
                match next {
                    Some(ChangeTag::Insert) => push(&mut pieces, Piece::Added(space)),
                    _ => push(&mut pieces, Piece::Same(space)),
                }
            }
            ChangeTag::Delete => {
                push(&mut pieces, Piece::Removed(value.to_string()));
                // The first column's spaces only inside a run it lacks.
                if next == Some(ChangeTag::Delete) {
                    let space = change.old_index().map_or("", |i| old[i].space);
                    push(&mut pieces, Piece::Removed(space.to_string()));
                }
            }
        }
    }
    pieces.retain(
        |p| !matches!(p, Piece::Same(t) | Piece::Added(t) | Piece::Removed(t) if t.is_empty()),
    );
    Diff::Pieces(pieces)
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
        let (added, removed) = changed(&pieces(word_diff(ART_1_3, ART_55_C)));
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
            Diff::Pieces(vec![Piece::Same("shall conform to the laws".into())])
        );
    }

    #[test]
    fn texts_too_long_to_diff_are_not_diffed() {
        let half = "word ".repeat(MAX_DIFF_WORDS / 2);
        assert!(matches!(word_diff(&half, &half), Diff::Pieces(_)));
        assert_eq!(word_diff(&half, &format!("{half} more")), Diff::TooLong);
    }

    fn pieces(diff: Diff) -> Vec<Piece> {
        match diff {
            Diff::Pieces(p) => p,
            other => panic!("{other:?}"),
        }
    }

    /// The text a reader copies from a cell: every piece, in order.
    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Same(t) => t.to_string(),
                Piece::Added(t) => format!("+[{t}]"),
                Piece::Removed(t) => format!("-[{t}]"),
            })
            .collect()
    }

    #[test]
    fn punctuation_is_punctuation_and_words_keep_their_spaces() {
        assert_eq!(
            shown(&pieces(word_diff(
                "the work of the Organization",
                "the work, of the Organization"
            ))),
            "the work+[,] of the Organization"
        );
        assert_eq!(
            shown(&pieces(word_diff(
                "solving international problems of an economic character",
                "solving universal problems of an economic character"
            ))),
            "solving -[international] +[universal] problems of an economic character"
        );
    }

    #[test]
    fn unrelated_clauses_are_not_diffed() {
        let statute =
            "The High Commissioner shall act under the authority of the General Assembly.";
        let other = "may, if it so decides, request the Organization to report on migration.";
        assert_eq!(word_diff(statute, other), Diff::TooDifferent);
        assert!(matches!(word_diff(ART_1_3, ART_55_C), Diff::Pieces(_)));
        // A short draft kept whole in a longer text is worth the diff.
        assert!(matches!(
            word_diff(
                "decent work and labour mobility",
                "irregular migration and regular pathways including decent work, labour mobility, recognition of skills"
            ),
            Diff::Pieces(_)
        ));
    }
}
