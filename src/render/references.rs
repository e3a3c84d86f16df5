//! `references.json`: every citation of the edition with its place, its
//! unit and how glossator resolved it, for editors to check and for tools
//! to read: provisions (`citations`), declared cases (`cases`) and works of
//! the bibliography (`works`). A file of the site, so written by render
//! from what resolve found.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::citations::ExternalCitation;
use crate::resolve::cite::Attribution;
use crate::resolve::{BIBLIOGRAPHY, CASE_TABLE, Edition, NoteNumber};

/// The file's text.
pub fn json(edition: &Edition) -> String {
    let (all, pages) = (&edition.citations, &edition.pages);
    let citations = all;
    /// One citation; fields in alphabetical order, as the file has always
    /// listed them.
    #[derive(Serialize)]
    struct Entry<'a> {
        address: String,
        anchor: &'a str,
        comparison: bool,
        editorial: bool,
        note: Option<NoteNumber>,
        page: &'a str,
        paragraph: Option<u32>,
        #[serde(rename = "resolved-by")]
        resolved_by: Attribution,
        source: &'a str,
        target: String,
        text: &'a str,
    }
    /// One citation of a declared case.
    #[derive(Serialize)]
    struct CaseEntry<'a> {
        anchor: &'a str,
        /// The case's key: its entry in the Table of Cases is `#case-KEY`.
        case: &'a str,
        editorial: bool,
        note: Option<NoteNumber>,
        page: &'a str,
        paragraph: Option<u32>,
        pinpoint: Option<&'a str>,
        source: &'a str,
        /// Where the citation leads: the judgment's official text, or its
        /// entry in the Table of Cases.
        target: String,
        text: &'a str,
    }
    /// One citation of works of the bibliography.
    #[derive(Serialize)]
    struct WorkEntry<'a> {
        anchor: &'a str,
        editorial: bool,
        /// The locator of each work, as written.
        locators: &'a [Option<String>],
        note: Option<NoteNumber>,
        page: &'a str,
        paragraph: Option<u32>,
        source: &'a str,
        /// Each work's entry in the Bibliography.
        targets: Vec<String>,
        /// The works' keys, in the citation's order.
        works: Vec<&'a str>,
    }
    #[derive(Serialize)]
    struct File<'a> {
        cases: Vec<CaseEntry<'a>>,
        citations: Vec<Entry<'a>>,
        counts: BTreeMap<String, usize>,
        /// Citations of instruments the edition declares but does not hold.
        external: &'a [ExternalCitation],
        works: Vec<WorkEntry<'a>>,
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let citations = citations
        .list
        .iter()
        .map(|c| {
            let ins = &citations.instruments[c.instrument];
            let unit = &pages[ins.page].doc.units[c.unit];
            let address = format!("{}/{}", ins.id, unit.address);
            *counts.entry(address.clone()).or_default() += 1;
            Entry {
                address,
                anchor: &c.anchor,
                comparison: c.comparison,
                editorial: c.editorial,
                note: c.note,
                page: &pages[c.page].output,
                paragraph: c.paragraph,
                resolved_by: c.how,
                source: &c.location,
                target: format!("{}#{}", pages[ins.page].output, unit.html_id),
                text: &c.text,
            }
        })
        .collect();
    let cases = edition
        .cases
        .list
        .iter()
        .map(|c| {
            let case = &edition.cases.cases[c.case.0];
            CaseEntry {
                anchor: &c.anchor,
                case: &case.key,
                editorial: c.editorial,
                note: c.note,
                page: &pages[c.page].output,
                paragraph: c.paragraph,
                pinpoint: c.pinpoint.as_deref(),
                source: &c.location,
                target: case
                    .address(c.pinpoint.as_deref())
                    .unwrap_or_else(|| format!("{CASE_TABLE}#case-{}", case.key)),
                text: &c.text,
            }
        })
        .collect();
    let works = edition
        .works
        .list
        .iter()
        .map(|c| {
            let cited: Vec<&crate::resolve::works::Work> =
                c.works.iter().map(|&w| &edition.works.works[w]).collect();
            WorkEntry {
                anchor: &c.anchor,
                editorial: c.editorial,
                locators: &c.locators,
                note: c.note,
                page: &pages[c.page].output,
                paragraph: c.paragraph,
                source: &c.location,
                targets: cited
                    .iter()
                    .map(|w| format!("{BIBLIOGRAPHY}#{}", w.id))
                    .collect(),
                works: cited.iter().map(|w| w.key.as_str()).collect(),
            }
        })
        .collect();
    let json = serde_json::to_string_pretty(&File {
        cases,
        citations,
        counts,
        external: &all.external,
        works,
    })
    .unwrap_or_default();
    // Escaped: the file may be inlined into a page.
    crate::script_json::escape(json)
}
