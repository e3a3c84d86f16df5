//! `references.json`: every citation of the edition with its place, its
//! unit and how glossator resolved it, for editors to check and for tools
//! to read. A file of the site, so written by render from what resolve
//! found.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::citations::{Citations, ExternalCitation};
use crate::resolve::cite::Attribution;
use crate::resolve::{NoteNumber, Page};

/// The file's text.
pub fn json(all: &Citations, pages: &[Page]) -> String {
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
    #[derive(Serialize)]
    struct File<'a> {
        citations: Vec<Entry<'a>>,
        counts: BTreeMap<String, usize>,
        /// Citations of instruments the edition declares but does not hold.
        external: &'a [ExternalCitation],
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
    let json = serde_json::to_string_pretty(&File {
        citations,
        counts,
        external: &all.external,
    })
    .unwrap_or_default();
    // Escaped: the file may be inlined into a page.
    crate::script_json::escape(json)
}
