//! The declared cases as the matcher looks them up: by name or alias (case
//! and apostrophes aside), by case number and by ECLI. Made once per build
//! and read by every page's scan.

use std::collections::HashMap;
use std::hash::Hash;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Case, CaseId};

/// The edition's cases and their look-ups.
pub(crate) struct Book {
    pub(crate) cases: Vec<Case>,
    /// Every name and alias, normalised, with the cases that claim it (two
    /// when two cases share an alias).
    by_name: HashMap<String, Vec<CaseId>>,
    /// Finds the names and aliases in running text.
    names: Option<AhoCorasick>,
    by_number: HashMap<String, Vec<CaseId>>,
    by_ecli: HashMap<String, CaseId>,
}

/// As the cases: every look-up is made of them alone.
impl Hash for Book {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.cases.hash(h);
    }
}

impl Book {
    pub(crate) fn new(cases: Vec<Case>) -> Book {
        let mut by_name: HashMap<String, Vec<CaseId>> = HashMap::new();
        let mut by_number: HashMap<String, Vec<CaseId>> = HashMap::new();
        let mut by_ecli = HashMap::new();
        for case in &cases {
            for name in std::iter::once(&case.name).chain(&case.aliases) {
                let claim = by_name.entry(normalise(name)).or_default();
                if !claim.contains(&case.id) {
                    claim.push(case.id);
                }
            }
            for n in &case.numbers {
                let claim = by_number.entry(n.clone()).or_default();
                if !claim.contains(&case.id) {
                    claim.push(case.id);
                }
            }
            if let Some(e) = &case.ecli {
                by_ecli.entry(e.to_ascii_uppercase()).or_insert(case.id);
            }
        }
        // The names as written and with the other apostrophe, for the text
        // after smart punctuation ("Al-Skeini" aside, "Othman (Abu Qatada)").
        let mut patterns: Vec<String> = Vec::new();
        for case in &cases {
            for name in std::iter::once(&case.name).chain(&case.aliases) {
                for variant in [
                    name.clone(),
                    name.replace('\'', "’"),
                    name.replace('’', "'"),
                ] {
                    if !patterns.contains(&variant) {
                        patterns.push(variant);
                    }
                }
            }
        }
        let names = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Book {
            cases,
            by_name,
            names,
            by_number,
            by_ecli,
        }
    }

    /// Whether the edition declares any case (only then are case-like
    /// citations that match none reported).
    pub(crate) fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The cases called `name` (by name or alias).
    pub(crate) fn named(&self, name: &str) -> &[CaseId] {
        self.by_name
            .get(&normalise(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The cases whose number is `number` (as [`super::grammar::numbers_in`]
    /// writes it).
    pub(crate) fn numbered(&self, number: &str) -> &[CaseId] {
        self.by_number.get(number).map_or(&[], Vec::as_slice)
    }

    /// The case whose ECLI is `ecli`.
    pub(crate) fn with_ecli(&self, ecli: &str) -> Option<CaseId> {
        self.by_ecli.get(&ecli.to_ascii_uppercase()).copied()
    }

    /// Every declared name or alias in `text`, leftmost and longest first,
    /// as whole words.
    pub(crate) fn names_in<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
        self.names
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .map(|m| m.start()..m.end())
            .filter(move |r| crate::resolve::xrefs::is_whole_word(text, r.clone()))
    }

    pub(crate) fn case(&self, id: CaseId) -> &Case {
        &self.cases[id.0]
    }
}

/// A name as names are compared: lower case, one apostrophe, single spaces.
pub(crate) fn normalise(name: &str) -> String {
    name.replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
