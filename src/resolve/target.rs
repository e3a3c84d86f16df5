//! What resolve hands to render: the meaning of every reference of a
//! page ([`Target`]) and where each leads ([`Dest`]).
//!
//! A destination names a page of the edition and a place on it, never an
//! address: the multi-page site, the print edition and a single file
//! write the same destination differently (`../chapter.html#fn-3`,
//! `#chapter-fn-3`), so each renderer computes its own addresses from it.

use std::collections::BTreeMap;

use super::NoteNumber;

/// A page of the edition: its index in [`super::Edition::pages`], in
/// reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PageId(pub usize);

/// An instrument the edition holds: its index in
/// [`super::Citations::instruments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct InstrumentId(pub usize);

/// A unit of an instrument: its index in the instrument page's
/// `doc.units`, in the order of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct UnitId(pub usize);

/// The edition's pages, the instruments and an instrument's units are
/// looked up by their ids, so that no index of one kind reads another list.
macro_rules! indexed_by {
    ($($id:ty => $item:ty),* $(,)?) => {$(
        impl std::ops::Index<$id> for [$item] {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.0]
            }
        }
        impl std::ops::Index<$id> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.0]
            }
        }
    )*};
}

indexed_by! {
    PageId => super::Page,
    InstrumentId => super::Instrument,
    UnitId => crate::parse::Unit,
}

/// The page a destination is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum PageRef {
    /// A page in the reading order.
    Page(PageId),
    /// The book's own page for missing addresses (mdBook's `404.md`),
    /// outside the reading order.
    NotFound,
    /// A page glossator writes itself, by its path in the site (the Table
    /// of Cases).
    Generated(&'static str),
}

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Dest {
    /// A place in the edition: a page, and an id on it (`None`: its top).
    In {
        page: PageRef,
        fragment: Option<String>,
    },
    /// An address outside the edition, used as it is (a declared external
    /// instrument's official text).
    Out(String),
}

impl Dest {
    /// A place on page `page`.
    pub fn page(page: PageId, fragment: Option<&str>) -> Dest {
        Dest::In {
            page: PageRef::Page(page),
            fragment: fragment.map(str::to_string),
        }
    }
}

/// What a reference in a page means, decided by resolve and looked up by
/// render.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Target {
    /// A link or image to a place in the edition.
    Link(Dest),
    /// A link rendered as its text only (an image without its address): a
    /// script or data URL.
    TextOnly,
    /// Words of a text event that become links or abbreviations, in order
    /// and never overlapping.
    Inline(Vec<Inline>),
    /// An explicit `art:` link to a unit.
    UnitLink(CiteLink),
    /// The author's `cite:` link to a work of the bibliography.
    WorkLink(WorkLink),
    /// A paragraph with its marginal number.
    Paragraph(u32),
    /// A `compare` block, resolved.
    Compare(super::comparisons::Comparison),
    /// A footnote reference.
    NoteRef {
        /// The note's number in the edition.
        number: NoteNumber,
        /// 1 for the first reference to this note on the page, then 2, ...
        occurrence: usize,
        /// The note's text is not in the edition.
        missing: bool,
    },
    /// A footnote definition.
    NoteDef {
        /// The note's number in the edition.
        number: NoteNumber,
        /// How many references point to it (for backlinks).
        backlinks: usize,
    },
}

/// Some words of a text event, marked up.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Inline {
    /// The words, as a byte range of the text event.
    pub range: std::ops::Range<usize>,
    /// What they become.
    pub kind: InlineKind,
}

/// What words in running text become.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum InlineKind {
    /// A citation of a unit of an instrument.
    Cite(CiteLink),
    /// A cross-reference ("see footnote 28", "Annex 2"), or a citation of
    /// an instrument outside the edition: a plain link.
    Link(Dest),
    /// A citation of a declared case (or one piece of it, when italics or
    /// a line break split its words).
    Case(CaseLink),
    /// A citation of works of the bibliography (`[@guild2017, 12]`): its
    /// words give way to the style's.
    Work(WorkCite),
    /// An abbreviation with its expansion, spelled out when `first`.
    Abbr {
        /// The expansion: shared by every use of the abbreviation (the
        /// paper's "IOM" alone is marked thousands of times in a large edition).
        expansion: std::sync::Arc<str>,
        /// First use in the chapter.
        first: bool,
    },
}

/// Adds `more` to the inline marks of event `index`, keeping them sorted and
/// dropping any that overlap one already there (or one of `more` added
/// before it).
///
/// Each overlap test is a logarithmic look-up, not a pass over the marks: a
/// text event can hold a hundred thousand cross-references.
pub fn add_inline(targets: &mut BTreeMap<usize, Target>, index: usize, more: Vec<Inline>) {
    if more.is_empty() {
        return;
    }
    let entry = targets
        .entry(index)
        .or_insert_with(|| Target::Inline(Vec::new()));
    let Target::Inline(list) = entry else { return };
    list.sort_by_key(|x| x.range.start);
    // The marks already there: in order of start, with the greatest end so
    // far, so that "some mark starting before `end` ends after `start`" is a
    // binary search.
    let reach: Vec<usize> = list
        .iter()
        .scan(0, |far, x| {
            *far = (*far).max(x.range.end);
            Some(*far)
        })
        .collect();
    // The marks of `more` kept so far, which never overlap one another: the
    // non-empty ones by start (with their end), the empty ones by place.
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept_empty: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let overlaps = |kept: &BTreeMap<usize, usize>,
                    kept_empty: &std::collections::BTreeSet<usize>,
                    r: &std::ops::Range<usize>| {
        let before = list.partition_point(|x| x.range.start < r.end);
        if before > 0 && reach[before - 1] > r.start {
            return true;
        }
        // A kept mark starting before `start` (or at it, when this mark is
        // not empty) that ends after it.
        let at_or_before = if r.is_empty() {
            kept.range(..r.start).next_back()
        } else {
            kept.range(..=r.start).next_back()
        };
        if at_or_before.is_some_and(|(_, &end)| end > r.start) {
            return true;
        }
        // A kept mark starting strictly inside.
        r.start + 1 < r.end
            && (kept.range(r.start + 1..r.end).next().is_some()
                || kept_empty.range(r.start + 1..r.end).next().is_some())
    };
    let mut added = Vec::new();
    for item in more {
        if overlaps(&kept, &kept_empty, &item.range) {
            continue;
        }
        if item.range.is_empty() {
            kept_empty.insert(item.range.start);
        } else {
            kept.insert(item.range.start, item.range.end);
        }
        added.push(item);
    }
    list.extend(added);
    // An empty mark (a place) before a mark starting where it stands, so
    // that rendering, which writes the marks in order, writes both.
    list.sort_by_key(|x| (x.range.start, !x.range.is_empty()));
}

/// A link to a unit of an instrument.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct CiteLink {
    /// The unit on its instrument's page (its id there).
    pub to: Dest,
    /// The id of the citation on the citing page (`cite-3`).
    pub anchor: String,
    /// The unit's full address (`un-charter/1(3)`).
    pub address: String,
}

/// A link to a declared case.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct CaseLink {
    /// The judgment's official text, or its entry in the Table of Cases.
    pub to: Dest,
    /// The id of the citation on the citing page (`case-2`).
    pub anchor: String,
    /// Which preview card shows it: the case and the pinpoint
    /// (`case/saadi#§ 43`).
    pub card: String,
}

/// The author's `[words](cite:KEY)`: the words kept, linked to the work's
/// entry in the Bibliography.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct WorkLink {
    pub to: Dest,
    /// The id of the citation on the citing page (`work-2`).
    pub anchor: String,
}

/// A citation of works, as the CSL style formats it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct WorkCite {
    /// The id of the citation on the citing page (`work-2`).
    pub anchor: String,
    /// The formatted words.
    pub text: Vec<Piece>,
}

/// A run of formatted words: the style's emphasis, and where it leads (the
/// work's entry in the Bibliography, or a URL the style prints); or the
/// author's emphasis in a quotation of their words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Piece {
    pub text: String,
    pub italic: bool,
    pub bold: bool,
    pub small_caps: bool,
    /// Superscript (`Some(true)`) or subscript (`Some(false)`).
    pub raised: Option<bool>,
    pub to: Option<Dest>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `add_inline` as first written: every mark tested against every other.
    fn add_inline_one_by_one(list: &mut Vec<Inline>, more: Vec<Inline>) {
        for item in more {
            if !list
                .iter()
                .any(|x| x.range.start < item.range.end && item.range.start < x.range.end)
            {
                list.push(item);
            }
        }
        list.sort_by_key(|x| (x.range.start, !x.range.is_empty()));
    }

    #[test]
    fn inline_marks_are_kept_as_one_by_one() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for round in 0..2_000 {
            let marks = |count: usize, next: &mut dyn FnMut(u64) -> usize| {
                (0..count)
                    .map(|k| {
                        let start = next(30);
                        Inline {
                            range: start..start + next(5),
                            kind: InlineKind::Link(Dest::Out(format!("{round}-{k}"))),
                        }
                    })
                    .collect::<Vec<_>>()
            };
            let mut first = Vec::new();
            add_inline_one_by_one(&mut first, marks(next(6), &mut next));
            let more = marks(next(12), &mut next);
            let mut expected = first.clone();
            add_inline_one_by_one(&mut expected, more.clone());
            let mut targets = BTreeMap::new();
            if !first.is_empty() {
                targets.insert(0, Target::Inline(first));
            }
            add_inline(&mut targets, 0, more);
            let got = match targets.get(&0) {
                Some(Target::Inline(list)) => list.clone(),
                _ => Vec::new(),
            };
            assert_eq!(got, expected, "round {round}");
        }
    }
}
