//! A comparison as HTML: a table whose columns are the clauses, whose rows
//! are their aligned parts, with `<ins>`/`<del>` marking each column's
//! differences from the first, and a legend that says so in words.

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::relative_url;
use crate::diff::{Diff, MAX_DIFF_WORDS, Piece, align, segments, word_diff};
use crate::resolve::compare::{Comparison, Mode};
use crate::resolve::{COMPARISON_INDEX, Dest, Edition};

/// The HTML of one comparison.
pub fn html(c: &Comparison, href: impl Fn(&Dest) -> String) -> String {
    let columns: Vec<Vec<String>> = c.columns.iter().map(|col| segments(&col.text)).collect();
    // Clauses too long to align stand whole in one row, unmarked, and the
    // caption says why: never a slow build, and never a silent half-answer.
    let aligned = align(&columns);
    let whole = aligned.is_none();
    let rows =
        aligned.unwrap_or_else(|| vec![c.columns.iter().map(|col| col.text.clone()).collect()]);
    // Each cell's differences from the first column's, where diffed.
    let diffs: Vec<Vec<Option<Diff>>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(k, cell)| {
                    let diffed = k > 0 && c.mode == Mode::Diff && !whole && !cell.is_empty();
                    diffed.then(|| word_diff(&row[0], cell))
                })
                .collect()
        })
        .collect();
    let cells = diffs.iter().flatten().flatten();
    // Clauses that share too few words anywhere are set side by side.
    let unrelated = c.mode == Mode::Diff
        && !whole
        && cells.clone().next().is_some()
        && cells.clone().all(|d| *d == Diff::TooDifferent);
    let marked = cells.clone().any(|d| matches!(d, Diff::Pieces(_)));
    let mut html = String::new();
    let _ = write!(
        html,
        "<figure class=\"comparison editorial-apparatus columns-{}\" id=\"",
        c.columns.len()
    );
    let _ = escape_html(&mut html, &c.id);
    html.push_str("\">\n<figcaption><span class=\"editorial-label\">Editors' comparison</span> ");
    html.push_str(match (c.mode, whole, unrelated) {
        (_, true, _) => "Side by side, whole and unmarked: these clauses are too long to align part by part or to compare word by word",
        (Mode::Diff, false, true) => "Side by side, unmarked: these clauses share too few words for a word-by-word comparison to help",
        (Mode::Diff, false, false) => "Compared word by word with the first column",
        (Mode::Parallel, false, _) => "Side by side",
    });
    html.push_str("</figcaption>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Comparison table\"><table>\n<thead><tr>");
    for col in &c.columns {
        html.push_str("<th scope=\"col\">");
        match &col.to {
            Some(to) => {
                html.push_str("<a href=\"");
                let _ = escape_href(&mut html, &href(to));
                html.push_str("\">");
                let _ = escape_html(&mut html, &col.label);
                html.push_str("</a>");
            }
            None => {
                let _ = escape_html(&mut html, &col.label);
            }
        }
        if col.quoted {
            html.push_str(" <span class=\"quoted-label\">as quoted in the paper</span>");
        }
        html.push_str("</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (row, row_diffs) in rows.iter().zip(&diffs) {
        html.push_str("<tr>");
        for (k, cell) in row.iter().enumerate() {
            html.push_str("<td data-label=\"");
            let _ = escape_html(&mut html, &c.columns[k].label);
            html.push_str("\">");
            if cell.is_empty() {
                html.push_str("<span class=\"empty-cell\">—</span>");
            } else {
                match &row_diffs[k] {
                    None => {
                        let _ = escape_html(&mut html, cell);
                    }
                    Some(Diff::TooDifferent) if unrelated => {
                        let _ = escape_html(&mut html, cell);
                    }
                    Some(Diff::TooDifferent) => {
                        html.push_str("<span class=\"unmarked-cell\">Not compared word by word: too different from the first column.</span> ");
                        let _ = escape_html(&mut html, cell);
                    }
                    Some(Diff::TooLong) => {
                        let _ = write!(
                            html,
                            "<span class=\"unmarked-cell\">Not compared word by word: this row holds more than {MAX_DIFF_WORDS} words.</span> "
                        );
                        let _ = escape_html(&mut html, cell);
                    }
                    Some(Diff::Pieces(pieces)) => diff_cell(&mut html, pieces),
                }
            }
            html.push_str("</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
    if c.mode == Mode::Diff && marked {
        html.push_str("<p class=\"comparison-legend\"><ins>Underlined</ins>: words this clause has and the first lacks. <del>Struck through</del>: words of the first clause this one lacks.</p>\n");
    }
    html.push_str("</figure>\n");
    html
}

/// A cell's pieces: the words it shares as they are, its own underlined,
/// the first column's it lacks struck through.
fn diff_cell(html: &mut String, pieces: &[Piece]) {
    for piece in pieces {
        let (open, text, close) = match piece {
            Piece::Same(t) => ("", t, ""),
            Piece::Added(t) => ("<ins>", t, "</ins>"),
            Piece::Removed(t) => ("<del>", t, "</del>"),
        };
        html.push_str(open);
        let _ = escape_html(&mut *html, text);
        html.push_str(close);
    }
}

/// The list of every comparison in the edition, by chapter.
pub fn index(edition: &Edition) -> String {
    let mut html = String::from(
        "<h1>Comparisons</h1>\n<p>Every place where the edition sets clauses side by side, in reading order.</p>\n<ol class=\"comparison-index\">\n",
    );
    for c in &edition.comparisons {
        let page = &edition.pages[c.page];
        html.push_str("<li><a href=\"");
        let _ = escape_href(&mut html, &relative_url(COMPARISON_INDEX, &page.output));
        html.push('#');
        let _ = escape_href(&mut html, &c.id);
        html.push_str("\">");
        let _ = escape_html(&mut html, &c.labels.join(" · "));
        html.push_str("</a> in <em>");
        let _ = escape_html(&mut html, &page.title);
        html.push_str("</em></li>\n");
    }
    html.push_str("</ol>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::compare::Column;

    fn comparison(first: &str, second: &str) -> Comparison {
        let column = |label: &str, text: &str| Column {
            label: label.into(),
            to: None,
            text: text.into(),
            quoted: false,
        };
        Comparison {
            id: "comparison-1".into(),
            mode: Mode::Diff,
            columns: vec![column("First", first), column("Second", second)],
        }
    }

    #[test]
    fn clauses_too_long_to_align_stand_whole_and_say_so() {
        let text = "(a) the State shall act; ".repeat(2_000);
        let html = html(&comparison(&text, &text.replace("shall", "must")), |_| {
            String::new()
        });
        assert!(html.contains("too long to align"), "{}", &html[..300]);
        assert_eq!(html.matches("<tr>").count(), 2, "the heading and one row");
        assert!(!html.contains("<ins>") && !html.contains("comparison-legend"));
    }

    #[test]
    fn a_row_too_long_to_diff_is_shown_unmarked_and_says_so() {
        let text = "the State shall act ".repeat(3_000);
        let html = html(&comparison(&text, &text.replace("shall", "must")), |_| {
            String::new()
        });
        assert!(html.contains("Not compared word by word"));
        assert_eq!(
            html.matches("<ins>").count(),
            0,
            "nothing marked, no legend"
        );
        let html = html_of_short();
        assert!(
            html.contains("<ins>must") && !html.contains("Not compared"),
            "{html}"
        );
    }

    fn html_of_short() -> String {
        html(
            &comparison("the State shall act", "the State must act"),
            |_| String::new(),
        )
    }
}
