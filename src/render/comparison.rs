//! A comparison as HTML: a table whose columns are the clauses, whose rows
//! are their aligned parts, with `<ins>`/`<del>` marking each column's
//! differences from the first, and a legend that says so in words.

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::relative_url;
use crate::diff::{Diff, MAX_DIFF_WORDS, Piece, align, segments, word_diff};
use crate::i18n::{self, Strings};
use crate::resolve::comparisons::{Comparison, Mode};
use crate::resolve::{COMPARISON_INDEX, Dest, Edition};

/// The HTML of one comparison, its words in `strings`' language.
pub fn html(c: &Comparison, strings: &Strings, href: impl Fn(&Dest) -> String) -> String {
    let h = i18n::html;
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
    let _ = write!(
        html,
        "\">\n<figcaption><span class=\"editorial-label\">{}</span> ",
        h(&strings.comparison_label)
    );
    html.push_str(&h(match (c.mode, whole, unrelated) {
        (_, true, _) => &strings.comparison_whole,
        (Mode::Diff, false, true) => &strings.comparison_unrelated,
        (Mode::Diff, false, false) => &strings.comparison_diff,
        (Mode::Parallel, false, _) => &strings.comparison_parallel,
    }));
    let _ = write!(
        html,
        "</figcaption>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>\n<thead><tr>",
        h(&strings.comparison_table)
    );
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
            let _ = write!(
                html,
                " <span class=\"quoted-label\">{}</span>",
                h(&strings.as_quoted)
            );
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
                        let _ = write!(
                            html,
                            "<span class=\"unmarked-cell\">{}</span> ",
                            h(&strings.cell_too_different)
                        );
                        let _ = escape_html(&mut html, cell);
                    }
                    Some(Diff::TooLong) => {
                        let _ = write!(
                            html,
                            "<span class=\"unmarked-cell\">{}</span> ",
                            i18n::fill_html(
                                &strings.cell_too_long,
                                &[("max", &MAX_DIFF_WORDS.to_string())]
                            )
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
        let underlined = format!("<ins>{}</ins>", h(&strings.legend_underlined));
        let struck = format!("<del>{}</del>", h(&strings.legend_struck));
        let _ = writeln!(
            html,
            "<p class=\"comparison-legend\">{}</p>",
            i18n::fill_html(
                &strings.comparison_legend,
                &[("underlined", &underlined), ("struck", &struck)]
            )
        );
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
    let strings = &edition.config.strings;
    let mut html = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<ol class=\"comparison-index\">\n",
        i18n::html(&strings.comparisons),
        i18n::html(&strings.comparison_index_intro)
    );
    for c in &edition.comparisons {
        let page = &edition.pages[c.page];
        let mut link = String::from("<a href=\"");
        let _ = escape_href(&mut link, &relative_url(COMPARISON_INDEX, &page.output));
        link.push('#');
        let _ = escape_href(&mut link, &c.id);
        link.push_str("\">");
        let _ = escape_html(&mut link, &c.labels.join(" · "));
        link.push_str("</a>");
        let mut chapter = String::from("<em>");
        let _ = escape_html(&mut chapter, &page.title);
        chapter.push_str("</em>");
        html.push_str("<li>");
        html.push_str(&i18n::fill_html(
            &strings.comparison_index_entry,
            &[("comparison", &link), ("chapter", &chapter)],
        ));
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::comparisons::Column;

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
        let html = html(
            &comparison(&text, &text.replace("shall", "must")),
            &Strings::english(),
            |_| String::new(),
        );
        assert!(html.contains("too long to align"), "{}", &html[..300]);
        assert_eq!(html.matches("<tr>").count(), 2, "the heading and one row");
        assert!(!html.contains("<ins>") && !html.contains("comparison-legend"));
    }

    #[test]
    fn a_row_too_long_to_diff_is_shown_unmarked_and_says_so() {
        let text = "the State shall act ".repeat(3_000);
        let html = html(
            &comparison(&text, &text.replace("shall", "must")),
            &Strings::english(),
            |_| String::new(),
        );
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
            &Strings::english(),
            |_| String::new(),
        )
    }
}
