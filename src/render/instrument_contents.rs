//! An instrument's contents as the instrument is built: its preamble, its
//! parts, chapters and sections with their titles, the articles in them by
//! their own numbers, its annexes. Long contents start folded, so that a
//! reader of the UN Charter sees its nineteen chapters, not 112 lines before
//! the text.

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::i18n::{self, Strings};
use crate::parse::instrument::{Kind, Unit};
use crate::resolve::Page;

/// More entries than this, and the contents start folded, each division too.
const FOLD_AFTER: usize = 30;

/// The contents of an instrument's page, or nothing for a chapter or an
/// instrument with fewer than two entries.
pub fn html(page: &Page, strings: &Strings) -> String {
    if page.doc.instrument.is_none() {
        return String::new();
    }
    let units = &page.doc.units;
    let listed = |u: &Unit| {
        matches!(
            u.kind,
            Kind::Container | Kind::Annex | Kind::Preamble | Kind::Article
        )
    };
    let entries = units.iter().filter(|u| listed(u)).count();
    if entries < 2 {
        return String::new();
    }
    // Each listed unit's listed children, in order; the roots are the
    // listed units without a listed parent.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    let mut roots = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !listed(u) {
            continue;
        }
        match u.parent.filter(|&p| listed(&units[p])) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let folded = entries > FOLD_AFTER;
    let tops: Vec<&str> = units
        .iter()
        .filter(|u| u.kind == Kind::Article)
        .map(|u| {
            u.label
                .rsplit(", ")
                .next()
                .unwrap_or("")
                .split(' ')
                .next()
                .unwrap_or("")
        })
        .collect();
    // A resolution's top units are paragraphs, a statute's sections.
    let top_word = match tops.first() {
        Some(w) if tops.iter().all(|t| t == w) => w.to_lowercase(),
        _ => strings.contents_unit.clone(),
    };
    let mut html = String::from(
        "<nav class=\"instrument-contents\" aria-labelledby=\"gl-page-toc-title\">\n<details",
    );
    if !folded {
        html.push_str(" open");
    }
    html.push_str("><summary><h2 id=\"gl-page-toc-title\">");
    html.push_str(&i18n::html(&strings.contents));
    html.push_str("</h2>");
    let divisions: Vec<&str> = roots
        .iter()
        .filter(|&&r| !children[r].is_empty() && units[r].kind == Kind::Container)
        .map(|&r| units[r].label.split(' ').next().unwrap_or(""))
        .collect();
    // "in 19 chapters" when they are all of one kind, else "divisions".
    let word = match divisions.first() {
        Some(w) if divisions.iter().all(|d| d == w) => w.to_lowercase(),
        _ => strings.contents_division.clone(),
    };
    let _ = std::fmt::Write::write_fmt(
        &mut html,
        format_args!(
            " <span class=\"contents-count\">{}</span>",
            i18n::html(&count(
                tops.len(),
                &top_word,
                divisions.len(),
                &word,
                strings
            ))
        ),
    );
    html.push_str("</summary>\n");
    list(&mut html, units, &children, &roots, folded);
    html.push_str("</details>\n</nav>\n");
    html
}

/// "111 articles in 19 chapters", as far as there are any. The words are
/// the instrument's own ("article", "chapter", from its labels), made plural
/// by the table's `count_many`.
fn count(
    articles: usize,
    top_word: &str,
    divisions: usize,
    word: &str,
    strings: &Strings,
) -> String {
    let plural = |n: usize, one: &str| {
        let template = match n {
            1 => &strings.count_one,
            _ => &strings.count_many,
        };
        i18n::fill(template, &[("n", &n.to_string()), ("word", one)])
    };
    match (articles, divisions) {
        (0, _) => String::new(),
        (a, 0) => plural(a, top_word),
        (a, d) => i18n::fill(
            &strings.contents_count,
            &[
                ("units", &plural(a, top_word)),
                ("divisions", &plural(d, word)),
            ],
        ),
    }
}

fn list(html: &mut String, units: &[Unit], children: &[Vec<usize>], items: &[usize], folded: bool) {
    html.push_str("<ul>\n");
    for &i in items {
        let u = &units[i];
        html.push_str("<li>");
        if children[i].is_empty() {
            entry(html, u);
        } else {
            html.push_str("<details");
            if !folded {
                html.push_str(" open");
            }
            // A summary holds no link (axe: nested-interactive); the
            // division is named, its articles are the links.
            html.push_str("><summary>");
            name(html, u);
            html.push_str("</summary>\n");
            list(html, units, children, &children[i], folded);
            html.push_str("</details>");
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
}

/// A link to the unit by its own label ("Article 1", "Chapter I"), then its
/// title.
fn entry(html: &mut String, u: &Unit) {
    html.push_str("<a href=\"#");
    let _ = escape_href(&mut *html, &u.html_id);
    html.push_str("\">");
    let label = u.label.rsplit(", ").next().unwrap_or(&u.label);
    let _ = escape_html(&mut *html, label);
    html.push_str("</a>");
    title(html, u);
}

/// A division's own label and title, as text.
fn name(html: &mut String, u: &Unit) {
    let label = u.label.rsplit(", ").next().unwrap_or(&u.label);
    let _ = escape_html(&mut *html, label);
    title(html, u);
}

fn title(html: &mut String, u: &Unit) {
    if let Some(title) = u.title.as_deref().filter(|t| !t.is_empty()) {
        html.push_str(" <span class=\"contents-title\">");
        let _ = escape_html(&mut *html, title);
        html.push_str("</span>");
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Strings;

    #[test]
    fn counts_read_as_words() {
        let en = Strings::english();
        assert_eq!(
            super::count(111, "article", 19, "chapter", &en),
            "111 articles in 19 chapters"
        );
        assert_eq!(
            super::count(1, "paragraph", 0, "division", &en),
            "1 paragraph"
        );
        assert_eq!(super::count(0, "article", 2, "part", &en), "");
        let span = crate::diag::Span::new(crate::diag::FileId(0), 0..0);
        let fr = Strings::for_edition("fr", span, &[], &mut Vec::new());
        assert_eq!(
            super::count(111, "article", 19, "chapitre", &fr),
            "111 articles en 19 chapitres"
        );
    }
}
