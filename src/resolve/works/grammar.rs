//! The citing syntax of Pandoc and Quarto, so that a source written for them
//! builds here unchanged: `[@guild2017, 12]`, `[see @a, pp. 3–5; @b]`, and
//! the bare `@guild2017` (with its locator as `@guild2017 [12]`).
//!
//! A pure function over one text event's words. A bare `@` counts only
//! after a character that cannot end a word or an address, so that
//! `editors@example.org` and `medium.com/@name` are never citations; code is
//! never read (it is no text event), and neither is a link's text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What a locator counts in (Pandoc's labels, as CSL names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Page,
    Paragraph,
    Chapter,
    Section,
    Note,
    Volume,
    Line,
    Figure,
    /// No label: words after a key without a locator (`emphasis added`).
    Custom,
}

/// One work cited, with where in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    /// The key, as written (`guild2017`).
    pub key: String,
    /// Where the key is in the text (after its `@`).
    pub key_at: Range<usize>,
    pub locator: Option<(Unit, String)>,
    /// The locator as written, label and all (`para 4`).
    pub locator_text: String,
    /// Words before the key (`see`).
    pub prefix: String,
    /// Words after the locator (`and passim`).
    pub suffix: String,
}

/// How the citation is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// `[@key, 12; @other]`.
    Bracketed,
    /// `@key` in running text.
    Bare,
}

/// A citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Found {
    /// Its words in the text, brackets included.
    pub range: Range<usize>,
    pub form: Form,
    pub items: Vec<Item>,
}

/// Every citation in `text`, in order and never overlapping.
pub fn scan(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every form holds an `@`; most text has none, and one search for it
    // (memchr) is far cheaper than looking at every bracket.
    if !text.contains('@') {
        return out;
    }
    let mut at = 0;
    while let Some(rel) = text[at..].find(['[', '@']) {
        let i = at + rel;
        let found = match text.as_bytes()[i] {
            b'[' => bracketed(text, i),
            _ => bare(text, i),
        };
        match found {
            Some(f) => {
                at = f.range.end;
                out.push(f);
            }
            None => at = i + 1,
        }
    }
    out
}

/// `[…]` at `open`, when every part between its `;` holds one key and the
/// brackets are not a link's or a note's.
fn bracketed(text: &str, open: usize) -> Option<Found> {
    let rest = &text[open + 1..];
    if rest.starts_with('^') {
        return None;
    }
    let close = open + 1 + rest.find(']')?;
    let inner = &text[open + 1..close];
    if inner.contains('[') || !inner.contains('@') {
        return None;
    }
    // `[@a](url)` or `[@a][ref]` would be a link (pulldown-cmark took those).
    if text[close + 1..].starts_with(['(', '[']) {
        return None;
    }
    let mut items = Vec::new();
    let mut start = open + 1;
    for part in inner.split(';') {
        let at = start + part.find('@')?;
        if at > start && is_word(text[..at].chars().next_back()?) {
            return None;
        }
        let (key, key_at) = key(text, at)?;
        // A braced key's `}` closes it: the words after it are after it.
        let key_end = key_at.end + usize::from(text[key_at.end..].starts_with('}'));
        // A key reaches no further than its part (`[@{a]}` is no citation).
        if key_end > start + part.len() {
            return None;
        }
        let prefix = text[start..at].trim().to_string();
        let after = &text[key_end..start + part.len()];
        let after = after.trim();
        let after = after.strip_prefix(',').unwrap_or(after).trim();
        let (locator, locator_text, suffix) = locator(after);
        items.push(Item {
            key,
            key_at,
            locator,
            locator_text,
            prefix,
            suffix,
        });
        start += part.len() + 1;
    }
    Some(Found {
        range: open..close + 1,
        form: Form::Bracketed,
        items,
    })
}

/// `@key` at `at`, with a locator in brackets right after (`@key [12]`).
fn bare(text: &str, at: usize) -> Option<Found> {
    if let Some(before) = text[..at].chars().next_back()
        && (is_word(before) || matches!(before, '/' | '.' | '@' | '\\' | '=' | '+' | '-'))
    {
        return None;
    }
    let (key, key_at) = key(text, at)?;
    let mut end = key_at.end;
    let mut item = Item {
        key,
        key_at,
        locator: None,
        locator_text: String::new(),
        prefix: String::new(),
        suffix: String::new(),
    };
    if let Some(rest) = text[end..].strip_prefix(" [")
        && let Some(close) = rest.find(']')
        && !rest[..close].contains(['@', '['])
        && !rest[close + 1..].starts_with(['(', '['])
    {
        let (locator, text, suffix) = locator(rest[..close].trim());
        item.locator = locator;
        item.locator_text = text;
        item.suffix = suffix;
        end += 2 + close + 1;
    }
    Some(Found {
        range: at..end,
        form: Form::Bare,
        items: vec![item],
    })
}

/// The key after the `@` at `at`: `{anything but braces}`, or a letter,
/// digit or `_` then word characters and inner punctuation (a key never
/// ends in punctuation, so `@guild2017.` ends a sentence).
fn key(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let rest = &text[at + 1..];
    if let Some(braced) = rest.strip_prefix('{') {
        let close = braced.find('}')?;
        let key = &braced[..close];
        if key.is_empty() || key.contains('{') {
            return None;
        }
        return Some((key.to_string(), at + 2..at + 2 + close));
    }
    let first = rest.chars().next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let inner = |c: char| {
        matches!(
            c,
            ':' | '.' | '#' | '$' | '%' | '&' | '-' | '+' | '?' | '<' | '>' | '~' | '/'
        )
    };
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word(c) {
            end = i + c.len_utf8();
        } else if inner(c) && chars.peek().is_some_and(|&(_, n)| is_word(n)) {
            continue;
        } else {
            break;
        }
    }
    Some((rest[..end].to_string(), at + 1..at + 1 + end))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

static LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?: (?P<label> pp?\.? | pages? | paras?\.? | paragraphs? | ¶¶? | chs?\.? | chap\.? | chapters?
          | secs?\.? | sections? | §§? | nn?\.? | notes? | vols?\.? | volumes? | ll?\.? | lines?
          | figs?\.? | figures? ) \s* )?
        (?P<value> [0-9]+[a-z]? (?: \s*[-–—]\s*[0-9]+[a-z]? )? (?: \s*,\s*[0-9]+[a-z]? (?: \s*[-–—]\s*[0-9]+[a-z]? )? )*
          | [ivxlcdm]+ (?: \s*[-–—]\s*[ivxlcdm]+ )? )
        (?P<rest> .* )$",
    )
    .expect("the locator pattern is valid")
});

/// Pandoc's locator at the start of `s` (`12`, `p. 12`, `paras 3–5`,
/// `ch. iv`), as read and as written, and the words after it, which are the
/// suffix. A roman numeral is a locator only after a label; without one a
/// number is a page.
fn locator(s: &str) -> (Option<(Unit, String)>, String, String) {
    let none = || (None, String::new(), s.to_string());
    let Some(m) = LOCATOR.captures(s) else {
        return none();
    };
    let label = m.name("label").map(|l| l.as_str().trim_end_matches('.'));
    let value = m.name("value").map_or("", |v| v.as_str());
    let rest = m.name("rest").map_or("", |r| r.as_str());
    // "12a" is a page; "12 and passim" keeps its words as the suffix; but
    // "1990s" or "3rd" is no locator.
    if !(rest.is_empty() || rest.starts_with([' ', ','])) {
        return none();
    }
    if label.is_none() && !value.starts_with(|c: char| c.is_ascii_digit()) {
        return none();
    }
    let written = s[..s.len() - rest.len()].trim().to_string();
    let unit = match label.map(str::to_lowercase).as_deref() {
        None | Some("p" | "pp" | "page" | "pages") => Unit::Page,
        Some("para" | "paras" | "paragraph" | "paragraphs" | "¶" | "¶¶") => Unit::Paragraph,
        Some("ch" | "chs" | "chap" | "chapter" | "chapters") => Unit::Chapter,
        Some("sec" | "secs" | "section" | "sections" | "§" | "§§") => Unit::Section,
        Some("n" | "nn" | "note" | "notes") => Unit::Note,
        Some("vol" | "vols" | "volume" | "volumes") => Unit::Volume,
        Some("l" | "ll" | "line" | "lines") => Unit::Line,
        _ => Unit::Figure,
    };
    let rest = rest.trim();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim();
    (Some((unit, value.to_string())), written, rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (Form, Vec<String>, Vec<Option<(Unit, String)>>);

    fn keys(text: &str) -> Vec<Read> {
        scan(text)
            .into_iter()
            .map(|f| {
                (
                    f.form,
                    f.items.iter().map(|i| i.key.clone()).collect(),
                    f.items.iter().map(|i| i.locator.clone()).collect(),
                )
            })
            .collect()
    }

    fn page(n: &str) -> Option<(Unit, String)> {
        Some((Unit::Page, n.to_string()))
    }

    #[test]
    fn pandoc_citations_with_their_locators() {
        let text = "As argued [@guild2017, 12] and [see @a, pp. 3–5; @b].";
        let found = scan(text);
        assert_eq!(&text[found[0].range.clone()], "[@guild2017, 12]");
        assert_eq!(found[0].items[0].locator, page("12"));
        assert_eq!(&text[found[0].items[0].key_at.clone()], "guild2017");
        assert_eq!(found[1].items[0].prefix, "see");
        assert_eq!(found[1].items[0].locator, page("3–5"));
        assert_eq!(found[1].items[1].key, "b");
        assert_eq!(found[1].items[1].locator, None);
    }

    #[test]
    fn labels_and_suffixes() {
        let f = &scan("[@a, para 4 and passim]")[0].items[0];
        assert_eq!(f.locator, Some((Unit::Paragraph, "4".into())));
        assert_eq!(f.suffix, "and passim");
        let f = &scan("[@a, ch. iv]")[0].items[0];
        assert_eq!(f.locator, Some((Unit::Chapter, "iv".into())));
        let f = &scan("[@a, § 3]")[0].items[0];
        assert_eq!(f.locator, Some((Unit::Section, "3".into())));
        let f = &scan("[@a, emphasis added]")[0].items[0];
        assert_eq!(
            (f.locator.clone(), f.suffix.as_str()),
            (None, "emphasis added")
        );
        let f = &scan("[@a, 3rd edition]")[0].items[0];
        assert_eq!(f.locator, None);
    }

    #[test]
    fn bare_keys_end_before_punctuation() {
        assert_eq!(
            keys("As @guild2017 says, and @a.b: see @c [p. 4]."),
            vec![
                (Form::Bare, vec!["guild2017".into()], vec![None]),
                (Form::Bare, vec!["a.b".into()], vec![None]),
                (Form::Bare, vec!["c".into()], vec![page("4")]),
            ]
        );
        assert_eq!(keys("@{odd key!}")[0].1, vec!["odd key!".to_string()]);
        let braced = scan("[@{odd key}, 12]");
        assert_eq!(braced[0].items[0].locator_text, "12");
        assert!(scan("[@{-]} ").iter().all(|f| f.form == Form::Bare));
    }

    #[test]
    fn addresses_are_never_citations() {
        for text in [
            "write to editors@example.org",
            "see medium.com/@someone",
            "a@b",
            "an @ alone, @, @.",
            "[^note] and [a link text] and [x@y.z]",
            "user+tag@host",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }

    #[test]
    fn a_bracket_with_a_part_without_a_key_is_not_a_citation() {
        // Only the bare key inside is one.
        assert_eq!(
            keys("[see @a; or not]"),
            vec![(Form::Bare, vec!["a".into()], vec![None])]
        );
    }

    proptest::proptest! {
        /// Any text: no panic, and every citation is words of the text, in
        /// order, each key inside its citation.
        #[test]
        fn any_text_reads_without_panic(text in "[\\[\\]@;,{}a-z0-9 .é-]{0,40}") {
            let mut at = 0;
            for f in scan(&text) {
                proptest::prop_assert!(f.range.start >= at && f.range.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
                for i in &f.items {
                    proptest::prop_assert!(i.key_at.start >= f.range.start && i.key_at.end <= f.range.end);
                    proptest::prop_assert_eq!(&text[i.key_at.clone()], i.key.as_str());
                }
                at = f.range.end;
            }
        }
    }
}
