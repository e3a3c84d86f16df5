//! The edition's instruments as citations find them: each instrument's
//! units by address, and the name tables (aliases, which instruments number
//! paragraphs or sections) that every page's walk reads, made once per
//! build; and the help that names the unit or instrument a mistyped
//! address meant.

use std::collections::HashMap;
use std::hash::Hash;

use crate::diag::{Diagnostic, Span};
use crate::resolve::Page;
use crate::resolve::cite::Aliases;
use crate::resolve::{PageId, UnitId};

/// An instrument of the edition.
#[derive(Debug, Clone)]
pub struct Instrument {
    /// The id used in addresses (`un-charter`).
    pub id: String,
    /// The page that shows it.
    pub page: PageId,
    /// Units by address (`1(3)`).
    pub units: HashMap<String, UnitId>,
}

/// By everything it holds, its units in the order of their addresses.
impl Hash for Instrument {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Instrument { id, page, units } = self;
        let mut units: Vec<(&String, &UnitId)> = units.iter().collect();
        units.sort_unstable();
        (id, page, units).hash(h);
    }
}

impl Instrument {
    /// The unit a citation's address means: as written, or as the
    /// instrument numbers it (`8bis` is `8 bis`, `1A(2)` is `1(A)(2)` where
    /// Article 1 has sections A to F, a first subparagraph of a paragraph
    /// without subparagraphs is the paragraph).
    pub fn find(&self, address: &str) -> Option<UnitId> {
        self.find_as_written(address)
            .or_else(|| self.find_as_written(&self.in_own_numbers(address)?))
    }

    /// `address` with its article's number written the way this
    /// instrument writes them: "article I of the Convention" is the
    /// Refugee Convention's Article 1, "Article 1 of the 1967 Protocol" its
    /// Protocol's Article I.
    fn in_own_numbers(&self, address: &str) -> Option<String> {
        use crate::parse::instrument::label::{roman_value, to_roman};
        let (article, parts) = address.split_at(address.find(['(', '[']).unwrap_or(address.len()));
        let other = match roman_value(article) {
            Some(v) if self.units.contains_key("1") && !self.units.contains_key("I") => {
                v.to_string()
            }
            Some(_) => return None,
            None => {
                let n: u32 = article.parse().ok()?;
                if !self.units.contains_key("I") || self.units.contains_key("1") {
                    return None;
                }
                to_roman(n)
            }
        };
        Some(format!("{other}{parts}"))
    }

    fn find_as_written(&self, address: &str) -> Option<UnitId> {
        if let Some(&u) = self.units.get(address) {
            return Some(u);
        }
        let squeezed: String = address.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(&u) = self.units.iter().find_map(|(a, u)| {
            (a.chars().filter(|c| !c.is_whitespace()).collect::<String>() == squeezed).then_some(u)
        }) {
            return Some(u);
        }
        // `1A(2)`: article 1, its section A.
        let digits = address.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && let Some(letter) = address[digits..]
                .chars()
                .next()
                .filter(char::is_ascii_uppercase)
        {
            let split = format!("{}({letter}){}", &address[..digits], &address[digits + 1..]);
            if let Some(&u) = self.units.get(&split) {
                return Some(u);
            }
        }
        address
            .strip_suffix("[1]")
            .and_then(|parent| self.units.get(parent).copied())
    }

    /// For an address below a paragraph that is not in the instrument
    /// ("83(2)(1)", "6(1)(1a)"), the nearest enclosing unit that is, if it
    /// is below its article: the article and paragraph cited exist, so the
    /// citation is of them, only its last parts are not. An article's
    /// missing paragraph ("9(5)") is no such unit: the article number may
    /// be another instrument's.
    pub fn enclosing(&self, address: &str) -> Option<UnitId> {
        let mut held = address;
        loop {
            let cut = held.rfind(['(', '['])?;
            held = &held[..cut];
            if !held.contains(['(', '[']) {
                return None;
            }
            if let Some(u) = self.find(held) {
                return Some(u);
            }
        }
    }
}

/// What the walk of every page reads beyond the page itself: the
/// instruments, their pages, the instruments the edition only declares, and
/// the name tables made of them. Made and hashed once per build (a
/// [`Keyed`]); the tables are made of the other fields alone, in
/// [`Cited::new`], so they are not hashed again.
pub(in crate::resolve) struct Cited<'a> {
    pub(super) instruments: &'a [Instrument],
    /// Each instrument's page, by instrument.
    pub(super) pages: Vec<InstrumentPage<'a>>,
    pub(super) external: &'a [crate::config::External],
    pub(super) mdbook: bool,
    pub(super) by_id: HashMap<&'a str, usize>,
    pub(super) aliases: Aliases,
    /// A technical book (an mdBook book holding and naming no instrument)
    /// cites nothing: its "Article 2" is only words, worth a remark.
    pub(super) words_only: bool,
}

/// An instrument's page as a walk reads it: where it is written and its
/// document (its units and names).
#[derive(Hash)]
pub(super) struct InstrumentPage<'a> {
    pub(super) output: &'a str,
    pub(super) doc: &'a crate::parse::Document,
}

impl Hash for Cited<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Cited {
            instruments,
            pages,
            external,
            mdbook,
            by_id: _,
            aliases: _,
            words_only: _,
        } = self;
        (instruments, pages, external, mdbook).hash(h);
    }
}

impl<'a> Cited<'a> {
    /// The id an editor meant by `written` ([`meant_id`]).
    pub(super) fn meant_id(&self, written: &str) -> Option<&'a str> {
        meant_id(
            written,
            self.instruments
                .iter()
                .zip(&self.pages)
                .map(|(ins, page)| (ins.id.as_str(), names_of(page.doc.instrument.as_ref()))),
        )
    }

    pub(super) fn new(
        instruments: &'a [Instrument],
        pages: &'a [Page],
        external: &'a [crate::config::External],
        mdbook: bool,
    ) -> Cited<'a> {
        let pages: Vec<InstrumentPage<'a>> = instruments
            .iter()
            .map(|ins| InstrumentPage {
                output: &pages[ins.page].output,
                doc: &pages[ins.page].doc,
            })
            .collect();
        let by_id: HashMap<&str, usize> = instruments
            .iter()
            .enumerate()
            .map(|(i, ins)| (ins.id.as_str(), i))
            .collect();
        let names: Vec<Vec<String>> = pages
            .iter()
            .map(|page| {
                let meta = page.doc.instrument.clone().unwrap_or_default();
                let mut names = meta.aliases.clone();
                names.extend(meta.short.clone());
                names.extend(meta.title.clone());
                names.extend(meta.symbol.clone().filter(|s| !s.is_empty()));
                names
            })
            .chain(external.iter().map(|e| e.names.clone()))
            .collect();
        let mut by_paragraphs: Vec<bool> = pages
            .iter()
            .map(|page| {
                page.doc
                    .units
                    .iter()
                    .any(|u| u.html_id.starts_with("para_"))
            })
            .collect();
        by_paragraphs.extend(external.iter().map(|_| false));
        // Which instruments have a top unit of a kind: per instrument, then
        // `false` for each external one.
        let having = |top: &dyn Fn(&crate::parse::instrument::Unit) -> bool| -> Vec<bool> {
            pages
                .iter()
                .map(|page| {
                    page.doc
                        .units
                        .iter()
                        .any(|u| u.kind == crate::parse::instrument::Kind::Article && top(u))
                })
                .chain(external.iter().map(|_| false))
                .collect()
        };
        let by_sections = having(&|u| u.html_id.starts_with("sec_"));
        let by_signs = having(&|u| u.label.starts_with("§ "));
        let titles = pages
            .iter()
            .map(|page| {
                page.doc
                    .units
                    .iter()
                    .filter(|u| u.kind == crate::parse::instrument::Kind::Article)
                    .filter_map(|u| Some((u.address.clone(), u.title.clone()?)))
                    .collect()
            })
            .collect();
        let annexes = pages
            .iter()
            .map(|page| {
                page.doc
                    .units
                    .iter()
                    .filter(|u| u.kind == crate::parse::instrument::Kind::Annex)
                    .map(|u| u.address.clone())
                    .collect()
            })
            .collect();
        let unit_words = pages
            .iter()
            .map(|page| {
                let top = page
                    .doc
                    .units
                    .iter()
                    .find(|u| u.kind == crate::parse::instrument::Kind::Article)?;
                let word = top.label.split(' ').next()?;
                crate::parse::instrument::label::UNIT_WORDS
                    .iter()
                    .any(|(w, _)| *w == word)
                    .then(|| word.to_string())
            })
            .collect();
        let aliases = Aliases::new(&names, by_paragraphs)
            .with_annexes(annexes)
            .with_unit_words(unit_words)
            .with_sections(by_sections)
            .with_signs(by_signs)
            .with_titles(titles);
        Cited {
            words_only: mdbook && instruments.is_empty() && external.is_empty(),
            instruments,
            pages,
            external,
            mdbook,
            by_id,
            aliases,
        }
    }
}

pub(super) fn instruments(
    pages: &[Page],
    map: &crate::diag::SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Instrument> {
    let mut out: Vec<Instrument> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let Some(meta) = &page.doc.instrument else {
            continue;
        };
        let stem = page
            .doc
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let id = meta.id.clone().unwrap_or_else(|| stem.to_string());
        let mut units = HashMap::new();
        for (u, unit) in page.doc.units.iter().enumerate() {
            if let Some(&first) = units.get(&unit.address) {
                let first: &crate::parse::Unit = &page.doc.units[first];
                diags.push(
                    Diagnostic::warning(
                        format!(
                            "`{id}/{}` is defined twice: {} is numbered again here",
                            unit.address, unit.label
                        ),
                        unit.span.clone(),
                    )
                    .with_help(format!(
                        "links go to the first, at line {}, which starts \"{}\"; give each article, paragraph and point its own number",
                        map.location(&first.span).line,
                        first.text.chars().take(60).collect::<String>()
                    )),
                );
            } else {
                units.insert(unit.address.clone(), UnitId(u));
            }
        }
        if out.iter().any(|i| i.id == id) {
            diags.push(
                Diagnostic::error(
                    format!("two instruments have the id `{id}`"),
                    Span::new(page.doc.file, 0..0),
                )
                .with_help("give each instrument its own `id` in its front matter"),
            );
            continue;
        }
        out.push(Instrument {
            id,
            page: PageId(p),
            units,
        });
    }
    out
}

/// What to write instead of `address`, which `instrument` (whose units are
/// `units`) does not have: the parts of the nearest enclosing unit, told by
/// structure, else the closest address by spelling.
pub(in crate::resolve) fn closest_unit(
    instrument: &Instrument,
    units: &[crate::parse::Unit],
    address: &str,
) -> String {
    let mut prefix = address;
    while let Some(cut) = prefix.rfind(['(', '[']) {
        prefix = &prefix[..cut];
        let Some(u) = instrument.find(prefix) else {
            continue;
        };
        let children: Vec<&str> = units
            .iter()
            .filter(|c| c.parent == Some(u.0))
            .map(|c| {
                c.address
                    .strip_prefix(&units[u].address)
                    .unwrap_or(&c.address)
            })
            .collect();
        // "6(1)(g)" where 6(1) has two subparagraphs and points (a) to (f)
        // in the first: the parts of the kind cited, at any depth below.
        let missing = &address[prefix.len()..];
        let kind = part_kind(missing);
        let below = |c: &crate::parse::Unit| {
            let mut p = c.parent;
            while let Some(i) = p {
                if i == u.0 {
                    return true;
                }
                p = units[i].parent;
            }
            false
        };
        let same_kind: Vec<&str> = units
            .iter()
            .filter(|c| below(c))
            .filter_map(|c| c.address.strip_prefix(&units[u].address))
            .filter(|rest| rest.matches(['(', '[']).count() == 1 && part_kind(rest) == kind)
            .collect();
        let parts = match same_kind.is_empty() {
            true => children,
            false => same_kind,
        };
        return match parts.as_slice() {
            [] => format!(
                "`{}/{}` exists but has no parts",
                instrument.id, units[u].address
            ),
            [one] => format!(
                "`{}/{}` has one part, {one}",
                instrument.id, units[u].address
            ),
            [first, .., last] => format!(
                "`{}/{}` has {} parts, {first} to {last}",
                instrument.id,
                units[u].address,
                parts.len()
            ),
        };
    }
    // No article of that number: the instrument's articles, in its order.
    let articles: Vec<&str> = units
        .iter()
        .filter(|u| u.kind == crate::parse::instrument::Kind::Article)
        .map(|u| u.address.as_str())
        .collect();
    let spelt = closest(address, instrument.units.keys().map(String::as_str))
        .map(|c| format!("the closest unit is `{}/{c}`", instrument.id));
    let numbered = match articles.as_slice() {
        [] => None,
        [one] => Some(format!("`{}` has one article, {one}", instrument.id)),
        [first, .., last] => Some(format!(
            "`{}` has {} articles, {first} to {last}",
            instrument.id,
            articles.len()
        )),
    };
    match (spelt, numbered) {
        (Some(s), Some(n)) => format!("{s}; {n}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => format!("`{}` has no units yet", instrument.id),
    }
}

/// The kind of the first part of `parts` (`(g)`, `(2)`, `[1]`): a letter
/// (or Roman number), a number, or a subparagraph's position.
fn part_kind(parts: &str) -> u8 {
    let first = parts
        .trim_start_matches(['(', '['])
        .split([')', ']'])
        .next()
        .unwrap_or("");
    match (
        parts.starts_with('['),
        first.starts_with(|c: char| c.is_ascii_digit()),
    ) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    }
}

pub(in crate::resolve) use crate::diag::closest;

/// The id an editor meant by `written`, which is no instrument's id: the
/// id written in other capitals ("ECHR" for `echr`), the instrument one of
/// whose names it is ("Protocol No. 1"), or the id spelt most alike.
/// `instruments` are each instrument's id and names.
pub(in crate::resolve) fn meant_id<'a>(
    written: &str,
    instruments: impl Iterator<Item = (&'a str, Vec<&'a str>)> + Clone,
) -> Option<&'a str> {
    let bare = |n: &str| {
        let n = n.trim();
        n.strip_prefix("the ")
            .or_else(|| n.strip_prefix("The "))
            .unwrap_or(n)
            .to_lowercase()
    };
    let wanted = bare(written);
    instruments
        .clone()
        .find(|(id, _)| id.eq_ignore_ascii_case(written.trim()))
        .or_else(|| {
            instruments
                .clone()
                .find(|(_, names)| names.iter().any(|n| bare(n) == wanted))
        })
        .map(|(id, _)| id)
        .or_else(|| closest(written, instruments.map(|(id, _)| id)))
}

/// An instrument's names as its front matter gives them: aliases, short
/// name, title.
pub(in crate::resolve) fn names_of(meta: Option<&crate::parse::InstrumentMeta>) -> Vec<&str> {
    meta.map(|m| {
        m.aliases
            .iter()
            .map(String::as_str)
            .chain(m.short.as_deref())
            .chain(m.title.as_deref())
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_meant_by_a_name_or_other_capitals() {
        let ids = || {
            [
                ("echr", vec!["ECHR", "the Convention"]),
                ("echr-protocol-1", vec!["Protocol No. 1"]),
            ]
            .into_iter()
        };
        assert_eq!(meant_id("ECHR", ids()), Some("echr"));
        assert_eq!(meant_id("Protocol No. 1", ids()), Some("echr-protocol-1"));
        assert_eq!(meant_id("the convention", ids()), Some("echr"));
        assert_eq!(meant_id("echrr", ids()), Some("echr"));
        assert_eq!(meant_id("un-charter", ids()), None);
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        assert_eq!(
            closest("un-chartr", ["un-charter", "udhr"].into_iter()),
            Some("un-charter")
        );
        assert_eq!(
            closest("1(3)", ["1(2)", "103", "55(c)"].into_iter()),
            Some("1(2)")
        );
        assert_eq!(closest("zzzzzzzz", ["a"].into_iter()), None);
    }
}
