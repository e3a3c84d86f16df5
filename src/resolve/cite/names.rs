//! The names of the edition's instruments as a text writes them ("the
//! Charter", "A/RES/70/296", "Regulation (EU) 2016/679"), and of the
//! instruments it does not hold ("Directive 95/46/EC", a UN document symbol),
//! found in one pass over a text.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Context, at_word_boundaries, definitions, is_word_byte};

/// The names of every instrument, matched case-insensitively on word
/// boundaries (longest name first).
pub struct Aliases {
    matcher: Option<AhoCorasick>,
    longest: usize,
    owners: Vec<Owner>,
    /// The instruments of each name more than one claims ("the Convention"
    /// for the ECHR and the Refugee Convention), which [`Owner::Shared`]
    /// indexes.
    shared: Vec<Vec<usize>>,
    pub(super) by_paragraphs: Vec<bool>,
    /// Whether each instrument is a statute numbered by sections ("section
    /// 3(1)" cites it as "Article 3(1)" cites a treaty).
    pub(super) by_sections: Vec<bool>,
    /// Whether each instrument's sections are headed with the section sign
    /// ("§1521."), so that "§ 1521" cites it.
    pub(super) by_signs: Vec<bool>,
    /// Each pattern as a definition names it ([`definitions::key`]), so that
    /// a text's own "(“the Convention”)" can say which instrument it means.
    keys: Vec<String>,
    /// Every name of each instrument, in lower case, one per line: what "of
    /// that Regulation" is checked against.
    names: Vec<String>,
    /// The treaty each instrument belongs to, when one of its names holds
    /// another instrument's full title: the "Protocol to the Convention for
    /// the Protection of Human Rights…" is the Convention's.
    parents: Vec<Option<usize>>,
    /// Each instrument's article titles in lower case, by article address:
    /// "Art.7 Crimes against humanity" is a heading that names the article,
    /// not an instrument called "Crimes".
    titles: Vec<std::collections::HashMap<String, String>>,
    /// Each instrument's annexes, schedules and appendices, by address
    /// (`Annex I`, `Schedule`).
    annexes: Vec<Vec<String>>,
    /// The word each instrument heads its numbered units with, when it is
    /// not "Article" ("Rule" for the Rules of Court).
    unit_words: Vec<Option<String>>,
}

/// Whose a name is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// One instrument's (its index).
    One(usize),
    /// Several instruments': the index of their list in [`Aliases::shared`].
    Shared(usize),
}

/// For each instrument, the one instrument whose full title (twenty
/// characters or more) one of its longer names holds, if exactly one does.
fn parents(names: &[Vec<String>]) -> Vec<Option<usize>> {
    let lower: Vec<Vec<String>> = names
        .iter()
        .map(|l| l.iter().map(|n| n.trim().to_lowercase()).collect())
        .collect();
    // "Protocol relating to the Status of Refugees" belongs to the
    // "Convention relating to the Status of Refugees": a protocol whose title
    // goes on as another instrument's does.
    let tail = |name: &str| -> Option<String> {
        let (first, rest) = name.split_once(' ')?;
        (rest.chars().count() >= 20).then(|| format!("{first}\n{rest}"))
    };
    (0..lower.len())
        .map(|i| {
            let mut found = (0..lower.len()).filter(|&j| {
                let holds = lower[j].iter().any(|title| {
                    title.chars().count() >= 20
                        && lower[i]
                            .iter()
                            .any(|own| own.len() > title.len() && own.contains(title.as_str()))
                });
                let continues = lower[i].iter().filter_map(|n| tail(n)).any(|own| {
                    let (word, rest) = own.split_once('\n').unwrap_or_default();
                    word == "protocol"
                        && lower[j].iter().filter_map(|n| tail(n)).any(|other| {
                            let (w, r) = other.split_once('\n').unwrap_or_default();
                            w != "protocol" && r == rest
                        })
                });
                j != i && (holds || continues)
            });
            match (found.next(), found.next()) {
                (Some(j), None) => Some(j),
                _ => None,
            }
        })
        .collect()
}

impl Aliases {
    /// `names[i]` are the names of instrument `i`; `by_paragraphs[i]` says
    /// whether it numbers paragraphs rather than articles.
    pub fn new(names: &[Vec<String>], by_paragraphs: Vec<bool>) -> Aliases {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Owner> = Vec::new();
        let mut shared: Vec<Vec<usize>> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        // "Protocol No. 1" is also written "Protocol No 1".
        let names: Vec<Vec<String>> = names
            .iter()
            .map(|list| {
                let mut all = list.clone();
                for n in list {
                    if n.contains("No. ") {
                        all.push(n.replace("No. ", "No "));
                    }
                }
                all
            })
            .collect();
        for (i, list) in names.iter().enumerate() {
            for name in list.iter().filter(|n| !n.trim().is_empty()) {
                match seen.get(&name.to_ascii_lowercase()) {
                    Some(&k) => match owners[k] {
                        Owner::One(o) if o == i => {}
                        Owner::One(o) => {
                            shared.push(vec![o, i]);
                            owners[k] = Owner::Shared(shared.len() - 1);
                        }
                        Owner::Shared(s) => {
                            if !shared[s].contains(&i) {
                                shared[s].push(i);
                            }
                        }
                    },
                    None => {
                        seen.insert(name.to_ascii_lowercase(), patterns.len());
                        patterns.push(name.clone());
                        owners.push(Owner::One(i));
                    }
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        let longest = patterns.iter().map(String::len).max().unwrap_or(0);
        Aliases {
            matcher,
            longest,
            owners,
            shared,
            by_paragraphs,
            by_sections: Vec::new(),
            by_signs: Vec::new(),
            keys: patterns.iter().map(|p| definitions::key(p)).collect(),
            parents: parents(&names),
            names: names.iter().map(|l| l.join("\n").to_lowercase()).collect(),
            titles: Vec::new(),
            annexes: Vec::new(),
            unit_words: Vec::new(),
        }
    }

    /// Gives the word each instrument heads its units with, if not "Article".
    pub fn with_unit_words(mut self, words: Vec<Option<String>>) -> Aliases {
        self.unit_words = words;
        self
    }

    /// Whether instrument `i` numbers its units as `word` ("Rule").
    pub(super) fn numbers_units_as(&self, i: usize, word: &str) -> bool {
        self.unit_words
            .get(i)
            .and_then(Option::as_deref)
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    /// Gives each instrument's annexes' addresses.
    pub fn with_annexes(mut self, annexes: Vec<Vec<String>>) -> Aliases {
        self.annexes = annexes;
        self
    }

    /// Whether instrument `i` has the annex `annex` (`Annex I`, `Schedule`).
    /// The instruments that have annex (or protocol) `annex`.
    pub(super) fn with_annex(&self, annex: &str) -> Vec<usize> {
        (0..self.annexes.len())
            .filter(|&i| self.has_annex(i, annex))
            .collect()
    }

    pub(super) fn has_annex(&self, i: usize, annex: &str) -> bool {
        self.annexes
            .get(i)
            .is_some_and(|a| a.iter().any(|x| x.eq_ignore_ascii_case(annex)))
    }

    /// Gives each instrument's articles' titles, as (article address, title).
    pub fn with_titles(mut self, titles: Vec<Vec<(String, String)>>) -> Aliases {
        self.titles = titles
            .into_iter()
            .map(|list| {
                list.into_iter()
                    .map(|(a, t)| (a, t.trim().to_lowercase()))
                    .filter(|(_, t)| !t.is_empty())
                    .collect()
            })
            .collect();
        self
    }

    /// The instruments whose article `article` has the title `rest` opens
    /// with: the whole title, or its first three words or more when the
    /// heading shortens a long one ("Article 25 Data Protection by Design").
    pub(super) fn titled(&self, article: &str, rest: &str) -> Vec<usize> {
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .take(8)
                .map(|w| {
                    w.trim_end_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect()
        };
        // "humanity/Crimes": a word ends at a slash or bracket.
        let written: Vec<String> = words(rest)
            .into_iter()
            .map(|w| w.split(['/', '(']).next().unwrap_or("").to_string())
            .collect();
        self.titles
            .iter()
            .enumerate()
            .filter(|(_, titles)| {
                titles.get(article).is_some_and(|title| {
                    let title = words(title);
                    let same = title
                        .iter()
                        .zip(&written)
                        .take_while(|(t, w)| t == w)
                        .count();
                    same > 0 && same >= title.len().min(3)
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Says which instruments are statutes numbered by sections.
    pub fn with_sections(mut self, by_sections: Vec<bool>) -> Aliases {
        self.by_sections = by_sections;
        self
    }

    /// Says which statutes head their sections with the section sign.
    pub fn with_signs(mut self, by_signs: Vec<bool>) -> Aliases {
        self.by_signs = by_signs;
        self
    }

    /// The instrument a name means: the one the text defined it as, its one
    /// owner, or of the instruments that share it the chapter's own, else
    /// [`Meant::Ambiguous`].
    fn owner(&self, pattern: usize, context: &Context) -> Meant {
        if let Some(d) = context
            .defined
            .iter()
            .rev()
            .find(|d| d.key == self.keys[pattern])
        {
            return d.instrument;
        }
        match self.owners[pattern] {
            Owner::Shared(s) => {
                let claimants = &self.shared[s];
                // The chapter's instrument, or the treaty it belongs to: in
                // a chapter on Protocol No. 1, "the Convention" is the ECHR.
                context
                    .default
                    .filter(|d| claimants.contains(d))
                    .or_else(|| {
                        context
                            .default
                            .and_then(|d| self.parents.get(d).copied().flatten())
                            .filter(|p| claimants.contains(p))
                    })
                    .map_or(Meant::Ambiguous, Meant::Instrument)
            }
            Owner::One(o) => Meant::Instrument(o),
        }
    }

    /// What a bare citation after `mention` means: its instrument, or,
    /// for a protocol named only to say whose article the citation right
    /// before it is ("Article 1 of Protocol No. 1 and Article 8", "under
    /// Article 4 of Protocol No. 7, Article 6 § 1"), the treaty the protocol
    /// belongs to. Lawyers cite a protocol's articles "of" it and the
    /// treaty's bare.
    pub(super) fn context_after(
        &self,
        text: &str,
        mention: &(Range<usize>, Meant),
        cited: Option<&super::Reading>,
    ) -> Meant {
        let (range, meant) = mention;
        let Meant::Instrument(i) = *meant else {
            return *meant;
        };
        let Some(parent) = self.parents.get(i).copied().flatten() else {
            return *meant;
        };
        let qualifies = cited.is_some_and(|c| {
            c.instrument == Some(i)
                && c.how == super::Attribution::NamedAfter
                && c.range.end <= range.start
                && text[c.range.end..range.start].len() <= " of the ".len()
        });
        if qualifies {
            Meant::Instrument(parent)
        } else {
            *meant
        }
    }

    /// The instruments a name may mean: its owner, or all that share it.
    fn claimants(&self, pattern: usize) -> &[usize] {
        match &self.owners[pattern] {
            Owner::Shared(s) => &self.shared[*s],
            Owner::One(o) => std::slice::from_ref(o),
        }
    }

    /// The instruments that claim `name` as theirs (two or more for a name
    /// they share).
    pub fn claiming(&self, name: &str) -> Vec<usize> {
        let key = definitions::key(name);
        self.keys
            .iter()
            .position(|k| *k == key)
            .map(|p| self.claimants(p).to_vec())
            .unwrap_or_default()
    }

    /// Whether `key` ([`definitions::key`]) is one of the names matched.
    pub(super) fn knows(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    /// Whether one of instrument `i`'s names starts or ends with the word
    /// `noun`: "of that Regulation" can mean "Regulation (EU) 2016/679" or
    /// "the General Data Protection Regulation", not a convention (nor the
    /// regulation whose title ends "repealing Directive 95/46/EC").
    pub(super) fn named_with(&self, i: usize, noun: &str) -> bool {
        let noun = noun.to_lowercase();
        let noun = noun
            .strip_suffix('s')
            .filter(|n| n.len() > 3)
            .unwrap_or(&noun);
        self.names.get(i).is_some_and(|names| {
            names.lines().any(|name| {
                let name = name.strip_prefix("the ").unwrap_or(name);
                let first = name.split(' ').next().unwrap_or("");
                let last = name.rsplit(' ').next().unwrap_or("");
                first == noun || last == noun
            })
        })
    }

    /// Every name mentioned in `text`, as (range, instrument), in order. A
    /// UN document symbol that is no instrument of the edition
    /// ("A/RES/58/153") is a mention of [`Meant::Unknown`]: a citation
    /// after it means that document, not the one named before it.
    pub(super) fn mentions(&self, text: &str, context: &Context) -> Vec<(Range<usize>, Meant)> {
        let mut out: Vec<(Range<usize>, Meant)> = match &self.matcher {
            Some(m) => m
                .find_iter(text)
                .filter(|hit| at_word_boundaries(text, hit.start(), hit.end()))
                .map(|hit| {
                    self.resolve_hit(
                        text,
                        hit.start(),
                        hit.end(),
                        hit.pattern().as_usize(),
                        context,
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        // Names the text defined itself ("(“the 1951 Convention”)") that are
        // none of the instruments' own.
        let matched = out.len();
        for d in context.defined.iter().filter(|d| d.novel) {
            for (at, w) in text.match_indices(d.written.as_str()) {
                let end = at + w.len();
                if at_word_boundaries(text, at, end)
                    && !out[..matched]
                        .iter()
                        .any(|(r, _)| r.start < end && at < r.end)
                {
                    out.push((at..end, d.instrument));
                }
            }
        }
        if out.len() > matched {
            out.sort_by_key(|(r, _)| r.start);
        }
        // Names of instruments the edition does not hold ("Directive
        // 95/46/EC", "the International Covenant …"): a bare citation after
        // one in the same sentence is not ours.
        let names = out.len();
        let mut k = 0;
        for at in head_nouns(text) {
            while k < names && out[k].0.end <= at.start {
                k += 1;
            }
            let held = k < names && out[k].0.start <= at.start;
            if !held {
                out.push((at, Meant::Foreign));
            }
        }
        out.sort_by_key(|(r, _)| r.start);
        // The names found do not overlap and come in order, so the one that
        // could hold a symbol is the last that starts at or before it.
        let names = out.len();
        let mut last = 0;
        for symbol in unknown_symbols(text) {
            while last + 1 < names && out[last + 1].0.start <= symbol.start {
                last += 1;
            }
            let held =
                names > 0 && out[last].0.start <= symbol.start && symbol.end <= out[last].0.end;
            if !held {
                out.push((symbol, Meant::Unknown));
            }
        }
        out.sort_by_key(|(r, _)| r.start);
        generic_after_foreign(text, &mut out);
        self.settle_shared(text, &mut out, context);
        out
    }

    /// A name two instruments share, after one of them was named ("Article
    /// 35 of the 1951 Convention … the Convention"), or after an instrument
    /// of one of them ("Article 1 of Protocol No. 1 and Article 8 of the
    /// Convention"): that one, as a lawyer reads it.
    fn settle_shared(&self, text: &str, out: &mut [(Range<usize>, Meant)], context: &Context) {
        let mut last = context.recent.and_then(Meant::instrument);
        for (range, owner) in out.iter_mut() {
            if *owner == Meant::Ambiguous {
                let claimants = self.claiming(&text[range.clone()]);
                let named = last.filter(|l| claimants.contains(l)).or_else(|| {
                    last.and_then(|l| self.parents.get(l).copied().flatten())
                        .filter(|p| claimants.contains(p))
                });
                if let Some(i) = named {
                    *owner = Meant::Instrument(i);
                }
            }
            if let Meant::Instrument(i) = *owner {
                last = Some(i);
            }
        }
    }

    /// "the Protocol to the African Charter": "the Protocol" followed by
    /// what it is a protocol to, when that is none of the edition's
    /// instruments, names another protocol.
    fn protocol_to_another(&self, text: &str, start: usize, end: usize, context: &Context) -> bool {
        let name = &text[start..end];
        let bare = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
            .unwrap_or(name);
        if !bare.eq_ignore_ascii_case("protocol") {
            return false;
        }
        let Some(rest) = text[end..].strip_prefix(" to ") else {
            return false;
        };
        let to = text.len() - rest.len();
        let capital = rest
            .strip_prefix("the ")
            .unwrap_or(rest)
            .starts_with(|c: char| c.is_uppercase());
        capital
            && self
                .named_at(text, to, context)
                .is_none_or(|(m, _)| m.instrument().is_none())
    }

    /// The instrument whose name starts exactly at `at`, and where it ends.
    /// Only a window as long as the longest name is searched, so that a
    /// long text without names costs no more per citation than a short one.
    pub(super) fn named_at(
        &self,
        text: &str,
        at: usize,
        context: &Context,
    ) -> Option<(Meant, usize)> {
        for d in context.defined.iter().filter(|d| d.novel) {
            let rest = &text[at..];
            let the = ["the ", "The "].iter().find(|t| rest.starts_with(**t));
            let from = at + the.map_or(0, |t| t.len());
            let end = from + d.written.len();
            if text[from..].starts_with(d.written.as_str()) && at_word_boundaries(text, at, end) {
                return Some((d.instrument, end));
            }
        }
        let m = self.matcher.as_ref()?;
        let mut end = (at + self.longest).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let hit = m.find(&text[at..end])?;
        if hit.start() != 0 || !at_word_boundaries(text, at, at + hit.end()) {
            return None;
        }
        let (range, owner) =
            self.resolve_hit(text, at, at + hit.end(), hit.pattern().as_usize(), context);
        (owner != Meant::Unknown).then_some((owner, range.end))
    }

    /// The instrument a name found at `start..end` means: [`Meant::Unknown`] when it
    /// is only part of a longer name, unless that longer name is one of the
    /// same instrument's ("1951 Convention" in "the 1951 Convention relating
    /// to the Status of Refugees"), or, for a name two instruments share,
    /// one of the two's ("the Convention" in "the Convention for the
    /// Protection of Human Rights …"). A name with a number in it
    /// ("Regulation (EU) 2016/679") is whole whatever follows.
    fn resolve_hit(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        context: &Context,
    ) -> (Range<usize>, Meant) {
        let owner = self.owner(pattern, context);
        if self.protocol_to_another(text, start, end, context) {
            return (start..end, Meant::Unknown);
        }
        let numbered = text[start..end].bytes().any(|b| b.is_ascii_digit());
        if numbered || !part_of_longer_name(text, start, end) {
            return (start..end, owner);
        }
        if let Some(m) = &self.matcher {
            let mut from = start + 1;
            while from < end {
                if text.is_char_boundary(from)
                    && let Some(hit) = m.find(&text[from..])
                    && hit.start() == 0
                    && from + hit.end() > end
                {
                    let longer = self.owner(hit.pattern().as_usize(), context);
                    if longer == owner
                        || owner == Meant::Ambiguous
                            && longer
                                .instrument()
                                .is_some_and(|l| self.claimants(pattern).contains(&l))
                    {
                        return (start..from + hit.end(), longer);
                    }
                }
                from += 1;
            }
        }
        (start..end, Meant::Unknown)
    }
}

/// A name that reads as another instrument's, found by its head word:
/// "Directive", "Covenant", "Treaty" … written with a capital, not "this
/// Regulation" or "the present Convention".
/// "The Refugee Convention does not define persecution, but Article 33 of
/// the Convention prohibits refoulement": a name that is only "the" and a
/// head noun ("the Convention", "the Statute") means the instrument of that
/// kind the text named last; when that one is not the edition's, neither is
/// this name.
fn generic_after_foreign(text: &str, out: &mut [(Range<usize>, Meant)]) {
    let noun_of = |range: &Range<usize>| -> Option<&'static str> {
        let words = &text[range.clone()];
        HEAD_NOUNS
            .iter()
            .copied()
            .find(|n| words.split(' ').any(|w| w.trim_end_matches('s') == *n))
    };
    let mut last: Vec<(&'static str, bool)> = Vec::new();
    for (range, meant) in out.iter_mut() {
        // A document symbol has no noun, and may be long.
        if *meant == Meant::Unknown {
            continue;
        }
        let Some(noun) = noun_of(range) else {
            continue;
        };
        let words = &text[range.clone()];
        let generic = words
            .strip_prefix("the ")
            .or_else(|| words.strip_prefix("The "))
            .unwrap_or(words)
            == noun;
        let foreign_before = last
            .iter()
            .rev()
            .find(|(n, _)| *n == noun)
            .is_some_and(|(_, f)| *f);
        if generic && foreign_before && matches!(meant, Meant::Instrument(_) | Meant::Ambiguous) {
            *meant = Meant::Foreign;
        }
        last.push((noun, *meant == Meant::Foreign));
    }
}

/// The nouns instruments' names are made of: a capitalised one after a
/// citation names its instrument.
pub(super) const HEAD_NOUNS: &[&str] = &[
    "Directive",
    "Regulation",
    "Convention",
    "Covenant",
    "Charter",
    "Treaty",
    "Protocol",
    "Statute",
    "Declaration",
    "Decision",
];

fn head_nouns(text: &str) -> Vec<Range<usize>> {
    // No head noun holds another, and none can overlap another (only their
    // first letters are capitals), so the leftmost-first matches are the
    // standard ones; leftmost-first lets the automaton skip ahead with a
    // vectorised prefilter instead of stepping through every byte.
    static HEADS: std::sync::LazyLock<AhoCorasick> = std::sync::LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(HEAD_NOUNS)
            .expect("fixed patterns build")
    });
    let mut out = Vec::new();
    for hit in HEADS.find_iter(text) {
        let (at, end) = (hit.start(), hit.end());
        if !at_word_boundaries(text, at, end) && !text[end..].starts_with('s') {
            continue;
        }
        let before = text[..at].trim_end();
        let last = before.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        if matches!(last.as_str(), "this" | "present" | "that") {
            continue;
        }
        out.push(at..end);
    }
    out
}

/// What a name in a text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meant {
    /// An instrument the edition holds or declares (its index).
    Instrument(usize),
    /// A name two instruments claim, in a chapter that does not say which.
    Ambiguous,
    /// A name that reads as an instrument the edition does not hold: it
    /// rules out the chapter's instrument for the rest of its sentence only.
    Foreign,
    /// A document the edition does not hold (a UN symbol), or a name that
    /// is only part of a longer one.
    Unknown,
}

impl Meant {
    /// The instrument meant, if it is one of the edition's.
    pub fn instrument(self) -> Option<usize> {
        match self {
            Meant::Instrument(i) => Some(i),
            _ => None,
        }
    }
}

/// UN document symbols (`A/RES/58/153`, `A/71/L.1`, `S/RES/1373`).
///
/// A symbol runs to the end of its run of letters, digits, `/` and `.`, so
/// every symbol starting inside one run ends where that run ends: each run is
/// measured once, and "A/A/A/…" costs no more than its length.
pub(super) fn unknown_symbols(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let in_symbol = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'.';
    let mut out = Vec::new();
    // The end of the current run, its end without trailing full stops, and
    // its last digit.
    let (mut run_end, mut symbol_end, mut last_digit) = (0, 0, None);
    // A symbol starts right before a `/`, which is rare in prose.
    for slash in memchr::memchr_iter(b'/', bytes) {
        let Some(i) = slash.checked_sub(1) else {
            continue;
        };
        if matches!(bytes[i], b'A' | b'S' | b'E') && (i == 0 || !is_word_byte(bytes[i - 1])) {
            if i >= run_end {
                run_end = i;
                last_digit = None;
                while run_end < bytes.len() && in_symbol(bytes[run_end]) {
                    if bytes[run_end].is_ascii_digit() {
                        last_digit = Some(run_end);
                    }
                    run_end += 1;
                }
                symbol_end = i + text[i..run_end].trim_end_matches('.').len();
            }
            if last_digit.is_some_and(|d| d >= i) {
                out.push(i..symbol_end);
            }
        }
    }
    out
}

/// Whether the name at `start..end` is only part of a longer one: "the
/// Convention" in "the Convention on the Rights of the Child", "Charter" in
/// "EU Charter" or "Charter of Fundamental Rights". A longer name the
/// edition knows would have matched instead, so this one is another
/// instrument's.
fn part_of_longer_name(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    // "the Protocol No. 4", "the Convention 108", "the Convention of 28
    // January 1981": a number or a date makes another instrument's name.
    let numbered = after
        .strip_prefix(" No. ")
        .or_else(|| after.strip_prefix(" No "))
        .or_else(|| after.strip_prefix(" no. "))
        .or_else(|| after.strip_prefix(" of "))
        .map(|rest| (rest, 1))
        .or_else(|| after.strip_prefix(' ').map(|rest| (rest, 2)))
        .is_some_and(|(rest, least)| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            // Not a page number after a heading in capitals ("OF THE
            // STATUTE 7").
            let capitals = !text[start..end].chars().any(char::is_lowercase);
            // Nor a date after a name ("the Refugee Convention 30 May 2012").
            let date = rest[digits..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
            (least..=4).contains(&digits)
                && !capitals
                && !date
                && !rest[digits..].starts_with(|c: char| c.is_alphanumeric())
        });
    if numbered {
        return true;
    }
    for joiner in [
        " on ",
        " of ",
        " for ",
        " relating to ",
        " against ",
        " concerning ",
    ] {
        if let Some(rest) = after.strip_prefix(joiner) {
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            if rest.starts_with(|c: char| c.is_uppercase()) {
                return true;
            }
        }
    }
    let name = &text[start..end];
    if name.starts_with(|c: char| c.is_lowercase()) || name.starts_with("The ") {
        return false;
    }
    let before = text[..start].trim_end_matches(' ');
    if before.len() + 1 != start {
        return false;
    }
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    const PLAIN: &[&str] = &[
        "the", "this", "that", "its", "their", "our", "a", "an", "in", "of", "under", "and", "or",
        "see", "cf", "by", "to", "with", "from", "as", "same",
    ];
    // A Roman number ends a citation ("Chapter III GDPR"), it starts no name.
    let roman = crate::parse::instrument::label::roman_value(word).is_some();
    word.starts_with(|c: char| c.is_uppercase())
        && !roman
        && !PLAIN.contains(&word.to_lowercase().as_str())
}
