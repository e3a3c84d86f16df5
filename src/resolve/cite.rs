//! The citation grammar: finds "Article 1(3) of the Charter", "Arts 57 & 63,
//! UN Charter", "UNHCR Statute, Art.11" or a bare "paragraph 26" in running
//! text, and says which instrument each one means.
//!
//! The instrument is, in order: one named right after the numbers ("of the
//! Charter", ", A/RES/70/296"), one named right before ("UNHCR Statute,
//! Art.11"), the one named most recently in the same block of text, or the
//! chapter's `instrument` front matter. "paragraph N" is a citation only when
//! that instrument numbers its paragraphs; a bare "the first article" is none.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How a citation's instrument was found (reported in `references.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Named right after the article number.
    NamedAfter,
    /// Named right before the keyword.
    NamedBefore,
    /// Named earlier in the same paragraph.
    Paragraph,
    /// The chapter's `instrument` front matter.
    FrontMatter,
    /// An explicit `art:` link.
    Explicit,
    /// No instrument could be found.
    Unresolved,
}

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The words to link, as a byte range of the text.
    pub range: Range<usize>,
    /// The instrument, by index into the alias table's instruments.
    pub instrument: Option<usize>,
    /// The address within the instrument: `1(3)`.
    pub address: String,
    /// How the instrument was chosen.
    pub how: How,
    /// When the instrument came from the paragraph, the chapter's own
    /// instrument if it is another one: the citation may mean either.
    pub alternative: Option<usize>,
}

/// The names of every instrument, matched case-insensitively on word
/// boundaries (longest name first).
pub struct Aliases {
    matcher: Option<AhoCorasick>,
    longest: usize,
    owners: Vec<usize>,
    by_paragraphs: Vec<bool>,
}

impl Aliases {
    /// `names[i]` are the names of instrument `i`; `by_paragraphs[i]` says
    /// whether it numbers paragraphs rather than articles.
    pub fn new(names: &[Vec<String>], by_paragraphs: Vec<bool>) -> Aliases {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, list) in names.iter().enumerate() {
            for name in list.iter().filter(|n| !n.trim().is_empty()) {
                patterns.push(name.clone());
                owners.push(i);
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
            by_paragraphs,
        }
    }

    /// Every name mentioned in `text`, as (range, instrument), in order. A
    /// UN document symbol that is no instrument of the edition
    /// ("A/RES/58/153") is a mention of [`UNKNOWN`]: a citation after it
    /// means that document, not the one named before it.
    fn mentions(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out: Vec<(Range<usize>, usize)> = match &self.matcher {
            Some(m) => m
                .find_iter(text)
                .filter(|hit| at_word_boundaries(text, hit.start(), hit.end()))
                .map(|hit| {
                    (
                        hit.start()..hit.end(),
                        self.owners[hit.pattern().as_usize()],
                    )
                })
                .collect(),
            None => Vec::new(),
        };
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
                out.push((symbol, UNKNOWN));
            }
        }
        out.sort_by_key(|(r, _)| r.start);
        out
    }

    /// The instrument whose name starts exactly at `at`, and where it ends.
    /// Only a window as long as the longest name is searched, so that a
    /// long text without names costs no more per citation than a short one.
    fn named_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let m = self.matcher.as_ref()?;
        let mut end = (at + self.longest).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let hit = m.find(&text[at..end])?;
        (hit.start() == 0 && at_word_boundaries(text, at, at + hit.end()))
            .then(|| (self.owners[hit.pattern().as_usize()], at + hit.end()))
    }
}

/// The "instrument" of a document the edition does not hold.
pub const UNKNOWN: usize = usize::MAX;

/// UN document symbols (`A/RES/58/153`, `A/71/L.1`, `S/RES/1373`).
///
/// A symbol runs to the end of its run of letters, digits, `/` and `.`, so
/// every symbol starting inside one run ends where that run ends: each run is
/// measured once, and "A/A/A/…" costs no more than its length.
fn unknown_symbols(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let in_symbol = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'.';
    let mut out = Vec::new();
    // The end of the current run, its end without trailing full stops, and
    // its last digit.
    let (mut run_end, mut symbol_end, mut last_digit) = (0, 0, None);
    for (i, w) in bytes.windows(2).enumerate() {
        if matches!(w[0], b'A' | b'S' | b'E')
            && w[1] == b'/'
            && (i == 0 || !is_word_byte(bytes[i - 1]))
        {
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

/// The citation state carried through one block (paragraph, list item, note).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The instrument named most recently in this block.
    pub recent: Option<usize>,
    /// The chapter's default instrument.
    pub default: Option<usize>,
}

/// Finds the citations in `text`, updating `context` with the names it mentions.
pub fn scan(text: &str, aliases: &Aliases, context: &mut Context) -> Vec<Found> {
    let mentions = aliases.mentions(text);
    let mut found = Vec::new();
    let mut mention = 0;
    let mut pos = 0;
    while let Some((kw_start, kw_end, is_paragraph)) = next_keyword(text, pos) {
        while mention < mentions.len() && mentions[mention].0.end <= kw_start {
            context.recent = Some(mentions[mention].1);
            mention += 1;
        }
        let recent = context.recent.filter(|&i| i != UNKNOWN);
        let after_unknown = context.recent == Some(UNKNOWN);
        let Some(numbers) = number_list(text, kw_end) else {
            pos = kw_end;
            continue;
        };
        let after = numbers.last().map_or(kw_end, |n| n.0.end);
        let (instrument, how) = match named_after(text, after, aliases) {
            Some(i) => (Some(i), How::NamedAfter),
            None => {
                match named_before(text, kw_start, mention.checked_sub(1).map(|m| &mentions[m])) {
                    Some(i) => (Some(i), How::NamedBefore),
                    None if after_unknown => (None, How::Unresolved),
                    None => match (recent, context.default) {
                        (Some(i), _) => (Some(i), How::Paragraph),
                        (None, Some(i)) => (Some(i), How::FrontMatter),
                        (None, None) => (None, How::Unresolved),
                    },
                }
            }
        };
        let instrument = instrument.filter(|&i| i != UNKNOWN);
        let alternative = context
            .default
            .filter(|&d| how == How::Paragraph && Some(d) != instrument);
        pos = after;
        let paragraph_numbered =
            instrument.is_some_and(|i| aliases.by_paragraphs.get(i).copied().unwrap_or(false));
        if (is_paragraph && !paragraph_numbered) || (after_unknown && how == How::Unresolved) {
            continue;
        }
        for (k, (range, address)) in numbers.into_iter().enumerate() {
            let range = if k == 0 { kw_start..range.end } else { range };
            found.push(Found {
                range,
                instrument,
                address,
                how,
                alternative,
            });
        }
    }
    while mention < mentions.len() {
        context.recent = Some(mentions[mention].1);
        mention += 1;
    }
    found
}

const ARTICLE_WORDS: &[&str] = &["articles", "article", "arts.", "arts", "art."];
const PARAGRAPH_WORDS: &[&str] = &[
    "paragraphs",
    "paragraph",
    "paras.",
    "paras",
    "para.",
    "para",
];

/// The next citation keyword at or after `from`: (start, end, is_paragraph).
fn next_keyword(text: &str, from: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        if (c == b'a' || c == b'A' || c == b'p' || c == b'P')
            && (i == 0 || !is_word_byte(bytes[i - 1]))
        {
            let rest = &text[i..];
            // Every keyword starts "ar" or "pa": most words are ruled out here.
            let second = bytes.get(i + 1).map(u8::to_ascii_lowercase);
            if second != Some(b'r') && second != Some(b'a') {
                i += 1;
                continue;
            }
            for (words, is_paragraph) in [(ARTICLE_WORDS, false), (PARAGRAPH_WORDS, true)] {
                for w in words {
                    if rest.len() >= w.len()
                        && rest.is_char_boundary(w.len())
                        && rest[..w.len()].eq_ignore_ascii_case(w)
                        && (w.ends_with('.')
                            || !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric()))
                    {
                        return Some((i, i + w.len(), is_paragraph));
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// `103`, `1(3)`, `57 & 63`, `1(3), 55(c) and 76(c)` starting at `from`
/// (after optional spaces): each number's range and address.
fn number_list(text: &str, from: usize) -> Option<Vec<(Range<usize>, String)>> {
    let mut out = Vec::new();
    let mut pos = skip_spaces(text, from);
    loop {
        let (end, address) = number(text, pos)?;
        out.push((pos..end, address));
        let next = [", ", " & ", " and ", " or ", "&", ","]
            .iter()
            .find_map(|sep| {
                text[end..]
                    .starts_with(sep)
                    .then(|| skip_spaces(text, end + sep.len()))
            });
        match next.filter(|&n| text[n..].starts_with(|c: char| c.is_ascii_digit())) {
            Some(n) => pos = n,
            None => return Some(out),
        }
    }
}

/// One number with its parenthesised parts: `55(c)`, `2(3)`.
fn number(text: &str, at: usize) -> Option<(usize, String)> {
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let mut end = at + digits;
    if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    while let Some(rest) = text[end..].strip_prefix('(') {
        let inner = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if inner == 0 || inner > 4 || !rest[inner..].starts_with(')') {
            break;
        }
        end += inner + 2;
    }
    Some((end, text[at..end].to_string()))
}

fn named_after(text: &str, after: usize, aliases: &Aliases) -> Option<usize> {
    let p = skip_spaces(text, after);
    let p = text[p..]
        .strip_prefix(',')
        .map_or(p, |_| skip_spaces(text, p + 1));
    if let Some((i, _)) = aliases.named_at(text, p) {
        return Some(i);
    }
    for joiner in ["of the ", "of ", "in the ", "under the "] {
        if text[p..]
            .get(..joiner.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(joiner))
        {
            let q = p + joiner.len();
            if let Some((i, _)) = aliases.named_at(text, q) {
                return Some(i);
            }
        }
    }
    None
}

/// The instrument named just before the keyword ("UNHCR Statute, Art.11"):
/// `last` is the last mention that ends before it.
fn named_before(text: &str, keyword: usize, last: Option<&(Range<usize>, usize)>) -> Option<usize> {
    let (range, i) = last?;
    let between = &text[range.end..keyword];
    (between.len() <= 3 && between.chars().all(|c| c == ',' || c.is_whitespace())).then_some(*i)
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    while text[at..].starts_with([' ', '\u{a0}', '\t', '\n']) {
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    at
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARTER: usize = 0;
    const AGREEMENT: usize = 1;
    const STATUTE: usize = 2;
    const MODALITIES: usize = 3;
    const CONSTITUTION: usize = 4;

    fn aliases() -> Aliases {
        let names = vec![
            vec!["UN Charter".into(), "the Charter".into(), "Charter".into()],
            vec!["the agreement".into(), "A/RES/70/296".into()],
            vec!["UNHCR Statute".into()],
            vec!["Modalities document".into()],
            vec![
                "IOM Constitution".into(),
                "IOM's Constitution".into(),
                "the Constitution".into(),
            ],
        ];
        Aliases::new(&names, vec![false, false, true, true, false])
    }

    fn cites(text: &str, default: Option<usize>) -> Vec<(String, Option<usize>, String)> {
        let mut ctx = Context {
            recent: None,
            default,
        };
        scan(text, &aliases(), &mut ctx)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.instrument, f.address))
            .collect()
    }

    fn one(s: &str, i: Option<usize>, a: &str) -> (String, Option<usize>, String) {
        (s.to_string(), i, a.to_string())
    }

    #[test]
    fn the_papers_forms() {
        assert_eq!(
            cites("Article 103 UN Charter resolves", None),
            vec![one("Article 103", Some(CHARTER), "103")]
        );
        assert_eq!(
            cites("Article 1(3) of the Charter states", None),
            vec![one("Article 1(3)", Some(CHARTER), "1(3)")]
        );
        assert_eq!(
            cites("(Art. 4, A/RES/70/296)", None),
            vec![one("Art. 4", Some(AGREEMENT), "4")]
        );
        assert_eq!(
            cites("UNHCR Statute, Art.11", None),
            vec![one("Art.11", Some(STATUTE), "11")]
        );
        assert_eq!(
            cites("Articles 57 & 63, UN Charter", None),
            vec![
                one("Articles 57", Some(CHARTER), "57"),
                one("63", Some(CHARTER), "63")
            ]
        );
        assert_eq!(
            cites("article 2(4) of the agreement", None),
            vec![one("article 2(4)", Some(AGREEMENT), "2(4)")]
        );
        assert_eq!(
            cites(
                "in the Modalities document. According to paragraph 26 it is",
                None
            ),
            vec![one("paragraph 26", Some(MODALITIES), "26")]
        );
    }

    #[test]
    fn bare_articles_take_the_paragraph_then_the_chapter() {
        assert_eq!(
            cites("The UN Charter ... Article 13 mandates", Some(AGREEMENT)),
            vec![one("Article 13", Some(CHARTER), "13")]
        );
        assert_eq!(
            cites("Art. 1(3) says", Some(AGREEMENT)),
            vec![one("Art. 1(3)", Some(AGREEMENT), "1(3)")]
        );
        assert_eq!(
            cites("Article 3 entitled cooperation", Some(AGREEMENT)),
            vec![one("Article 3", Some(AGREEMENT), "3")]
        );
        assert_eq!(
            cites("Article 3 of something unknown", None),
            vec![one("Article 3", None, "3")]
        );
    }

    #[test]
    fn a_document_we_do_not_hold_ends_the_context() {
        assert!(
            cites(
                "UNHCR Statute, Art.11; GA Resolution A/RES/58/153, 24 June 2004, Para. 10",
                None
            )
            .len()
                == 1
        );
    }

    #[test]
    fn what_is_not_a_citation() {
        assert!(cites("the first article of the Declaration", Some(CHARTER)).is_empty());
        assert!(
            cites(
                "IOM's Constitution contains no reference to human rights.",
                None
            )
            .is_empty()
        );
        assert!(
            cites(
                "at paragraph 16 regarding the IOM-UN relationship",
                Some(AGREEMENT)
            )
            .is_empty()
        );
        assert!(cites("Articles of association", Some(CHARTER)).is_empty());
        assert!(cites("particle 3", Some(CHARTER)).is_empty());
    }

    #[test]
    fn never_panics_on_any_boundary() {
        let text =
            "Article 1 of é Article 2 ofé the Art. 3 ,é para 4 (é) Articles 5 & é 6 и Article 7(ä)";
        for start in 0..text.len() {
            if text.is_char_boundary(start) {
                let mut ctx = Context::default();
                let _ = scan(&text[start..], &aliases(), &mut ctx);
            }
        }
    }

    /// The symbol finder as first written: each symbol measured on its own.
    fn unknown_symbols_one_by_one(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for (i, w) in bytes.windows(2).enumerate() {
            if matches!(w[0], b'A' | b'S' | b'E')
                && w[1] == b'/'
                && (i == 0 || !is_word_byte(bytes[i - 1]))
            {
                let len = text[i..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'/' || *b == b'.')
                    .count();
                let symbol = text[i..i + len].trim_end_matches('.');
                if symbol.bytes().any(|b| b.is_ascii_digit()) {
                    out.push(i..i + symbol.len());
                }
            }
        }
        out
    }

    #[test]
    fn symbols_are_found_as_one_by_one_in_linear_time() {
        for text in [
            "A/RES/58/153, A/71/L.1. and S/RES/1373 (E/CN.4/1998/53/Add.2)",
            "A/A/A/A/1 A/S/E/x. A/1/A/ A/. A/1... S/A/1.A/2 é A/3 xA/4 .A/5",
            "A/",
            "A/1",
            "",
            "A/RES/A/RES/70/296 of the agreement",
        ] {
            assert_eq!(
                unknown_symbols(text),
                unknown_symbols_one_by_one(text),
                "{text}"
            );
        }
        let started = std::time::Instant::now();
        let long = format!("{}1{}", "A/".repeat(200_000), ".".repeat(100_000));
        assert_eq!(unknown_symbols(&long).len(), 200_000);
        let mut ctx = Context::default();
        let _ = scan(&long, &aliases(), &mut ctx);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_symbol_inside_a_name_is_the_name() {
        let names = aliases().mentions("see A/RES/70/296 and A/RES/71/1");
        assert_eq!(
            names.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
            vec![AGREEMENT, UNKNOWN]
        );
    }

    #[test]
    fn lists_of_three() {
        let got = cites("Articles 1(3), 55(c) and 76(c) of the Charter", None);
        let addresses: Vec<_> = got.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(addresses, vec!["1(3)", "55(c)", "76(c)"]);
        assert!(got.iter().all(|c| c.1 == Some(CHARTER)));
        let _ = CONSTITUTION;
    }
}
