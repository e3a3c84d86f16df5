//! Cases: the judgments an edition declares (`content/cases/*.toml`), the
//! citations of them found in its prose and notes, and every place each is
//! cited, for the Table of Cases.
//!
//! `declare.rs` reads and checks the declarations, `registry.rs` is the
//! look-up by name, number and ECLI, `grammar.rs` the citation grammar over
//! one block's text, and `scan.rs` the walk of one page (a cached step),
//! which also tells the provision walk which words are a case's, so that a
//! pinpoint (`paragraph 74`, `§ 43`) is never read as a provision.
//! Resolve emits no addresses: a declared case's citation leads to its
//! official address or, without one, its entry in the Table of Cases.

mod declare;
mod grammar;
mod registry;
mod scan;

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;

pub(crate) use registry::Book;
pub(super) use scan::PageCases;
use scan::ScanInput;
pub(crate) use scan::card_key;

use super::{Inline, NoteNumber, Page, PageId, memo};
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::memo::Memo;

/// A declared case: its index in [`Cases::cases`], in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct CaseId(pub usize);

/// One judgment as the edition declares it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Case {
    pub id: CaseId,
    /// The id the edition gives it (or one made of its name): its entry in
    /// the Table of Cases is `#case-KEY`.
    pub key: String,
    /// The short name the text cites it by (`Saadi v. the United Kingdom`).
    pub name: String,
    /// The full citation (the name when none is given).
    pub citation: String,
    pub court: Option<String>,
    /// `YYYY-MM-DD`, as declared.
    pub date: Option<String>,
    /// The case number as declared (`C-131/12`, `13229/03`).
    pub number: Option<String>,
    /// The numbers in it, as citations are compared with them.
    pub numbers: Vec<String>,
    pub ecli: Option<String>,
    /// The judgment's official address.
    pub url: Option<String>,
    /// The address of its paragraph `{n}`, where the official site anchors
    /// paragraphs: a citation whose pinpoint is a paragraph leads there.
    pub paragraph_url: Option<String>,
    /// Other names the text cites it by.
    pub aliases: Vec<String>,
    /// Where it is declared (its `[[case]]` line).
    pub declared: Span,
}

impl Case {
    /// Where a citation of it with `pinpoint` leads on the web: the
    /// paragraph's address when the declaration says how to make one and
    /// the pinpoint is a paragraph, else the judgment's; `None` for a case
    /// with neither (its citations lead to the Table of Cases).
    pub fn address(&self, pinpoint: Option<&str>) -> Option<String> {
        let paragraph = self
            .paragraph_url
            .as_ref()
            .zip(pinpoint.and_then(paragraph_number));
        match paragraph {
            Some((template, n)) => Some(template.replace("{n}", n)),
            None => self.url.clone(),
        }
    }
}

/// One place in the edition that cites a declared case.
#[derive(Debug, Clone, PartialEq, Hash, serde::Serialize)]
pub struct CaseCitation {
    pub case: CaseId,
    /// The citing page.
    pub page: PageId,
    /// The id of the citation on that page (`case-2`).
    pub anchor: String,
    /// The words of the citation, as written.
    pub text: String,
    /// The pinpoint, as written (`§ 43`, `paragraph 74`).
    pub pinpoint: Option<String>,
    /// The note it stands in.
    pub note: Option<NoteNumber>,
    /// The numbered paragraph it stands in.
    pub paragraph: Option<u32>,
    /// The editors cite it (an editorial block or page), not the authors.
    pub editorial: bool,
    /// Where it is written, as `file:line:col`.
    pub location: String,
}

/// The declared cases and every citation of them.
#[derive(Debug, Default)]
pub struct Cases {
    pub cases: Vec<Case>,
    /// Every citation, in reading order.
    pub list: Vec<CaseCitation>,
}

impl Cases {
    /// The citations made on page `page`, in reading order.
    pub fn on_page(&self, page: PageId) -> impl Iterator<Item = &CaseCitation> {
        self.list.iter().filter(move |c| c.page == page)
    }

    /// The citations of case `case`, in reading order.
    pub fn of_case(&self, case: CaseId) -> impl Iterator<Item = &CaseCitation> {
        self.list.iter().filter(move |c| c.case == case)
    }
}

/// What the case scan of every page found: the marks to add to each page's
/// targets, and the words of each page's events that are a case's (which
/// the provision walk leaves alone).
pub(super) struct Found {
    pub marks: Vec<Vec<(usize, Vec<Inline>)>>,
    pub claimed: Vec<BTreeMap<usize, Vec<Range<usize>>>>,
}

/// Reads the declarations in `files` (the case files, in path order) and
/// scans every page, again only those whose input changed since the build
/// `kept` holds.
pub(super) fn resolve(
    pages: &[Page],
    files: &[FileId],
    map: &SourceMap,
    kept: &mut Memo<PageCases>,
    diags: &mut Vec<Diagnostic>,
) -> (Cases, Found) {
    let texts: Vec<(String, FileId, &str)> = files
        .iter()
        .map(|&f| (map.name(f).to_string(), f, map.text(f)))
        .collect();
    let book = kept.keyed(Book::new(declare::read(&texts, diags)));
    let old = &*kept;
    let scanned: Vec<(crate::memo::Key, PageCases)> = pages
        .par_iter()
        .enumerate()
        .map(|(p, page)| {
            let _on = crate::panic::processing(map.name(page.doc.file));
            old.run(&page.doc.path, &ScanInput::new(&book, p, page, map))
        })
        .collect();
    let cases = book.cases.clone();
    drop(book);
    let mut all = Cases {
        cases,
        list: Vec::new(),
    };
    let mut found = Found {
        marks: Vec::with_capacity(pages.len()),
        claimed: Vec::with_capacity(pages.len()),
    };
    for page in kept.keep(memo::names(pages), scanned) {
        all.list.extend(page.list);
        diags.extend(page.diags);
        let mut claimed: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for (event, marks) in &page.marks {
            claimed
                .entry(*event)
                .or_default()
                .extend(marks.iter().map(|m| m.range.clone()));
        }
        found.claimed.push(claimed);
        found.marks.push(page.marks);
    }
    (all, found)
}

/// The number of the first paragraph a pinpoint names (`§ 43`, `§§ 43-45`,
/// `paragraph 74`, `para. 65`, `paras 12 and 13`), or `None` for a page or
/// anything else: only a paragraph has an address of its own.
fn paragraph_number(pinpoint: &str) -> Option<&str> {
    let rest = pinpoint.trim_start();
    let label = [
        "§§",
        "§",
        "paragraphs",
        "paragraph",
        "paras.",
        "paras",
        "para.",
        "para",
        "pars.",
        "par.",
    ]
    .iter()
    .find(|l| {
        rest.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
    })?;
    let number = rest[label.len()..].trim_start();
    let end = number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len());
    (end > 0).then(|| &number[..end])
}

#[cfg(test)]
mod tests {
    use super::paragraph_number;

    #[test]
    fn a_paragraph_pinpoint_gives_its_first_number() {
        for (pin, n) in [
            ("§ 43", Some("43")),
            ("§§ 43-45", Some("43")),
            ("paragraph 74", Some("74")),
            ("para 81", Some("81")),
            ("para. 65", Some("65")),
            ("Paras 12 and 13", Some("12")),
            ("p. 639", None),
            ("§", None),
            ("at 12", None),
            ("é 12", None),
        ] {
            assert_eq!(paragraph_number(pin), n, "{pin}");
        }
    }
}
