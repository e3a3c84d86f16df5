//! The words and labels legal texts number their parts with, read from the
//! start of a line: `Article 8 bis`, `CHAPTER III`, `ANNEX I`, `1.`, `(1)`,
//! `§ 2`, `A.`, `(a)`, `a)`, `(iv)`, `—`.

/// How a sequence of labels counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Numbering {
    /// `1`, `2`, `3a`.
    Arabic,
    /// `a`, `b`, `aa`.
    Lower,
    /// `A`, `B`.
    Upper,
    /// `i`, `ii`, `iv`.
    LowerRoman,
    /// `I`, `II`.
    UpperRoman,
    /// `—`, `–`, `-`, `•`: counted by position.
    Dash,
    /// `§ 1`.
    Section,
}

/// How a label is written around its number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    /// `(a)`.
    Paren,
    /// `a)`.
    Half,
    /// `a.`.
    Dot,
    /// `—`, `§ 1`.
    Bare,
}

/// A numbering and its form: two labels of one style are siblings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Style {
    pub numbering: Numbering,
    pub form: Form,
}

/// A label at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The number as cited: `1`, `a`, `iv`, `A`; empty for dashes.
    pub value: String,
    /// What the label can be: a letter that is also a Roman number (`(i)`,
    /// `(v)`) has both, and the sequence decides.
    pub styles: Vec<Style>,
    /// Bytes from the line's start to its text (the label and the spaces after it).
    pub len: usize,
}

/// The label opening `line` (already stripped of leading spaces), if any.
pub fn label(line: &str) -> Option<Label> {
    let (inner, form, after) = if let Some(rest) = line.strip_prefix('(') {
        let close = rest.find(')')?;
        (&rest[..close], Form::Paren, 1 + close + 1)
    } else if let Some(rest) = line.strip_prefix('§') {
        let rest_trim = rest.trim_start_matches([' ', '\u{a0}']);
        let digits = rest_trim.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let skipped = rest.len() - rest_trim.len();
        let mut after = '§'.len_utf8() + skipped + digits;
        if line[after..].starts_with('.') {
            after += 1;
        }
        let value = rest_trim[..digits].to_string();
        return finish(
            line,
            after,
            value,
            vec![style(Numbering::Section, Form::Bare)],
        );
    } else if let Some(dash) = ["—", "–", "-", "•", "·", "*", "+"]
        .iter()
        .find(|d| line.starts_with(**d))
    {
        let after = dash.len();
        if !line[after..].starts_with([' ', '\t', '\u{a0}']) {
            return None;
        }
        return finish(
            line,
            after,
            String::new(),
            vec![style(Numbering::Dash, Form::Bare)],
        );
    } else {
        let end = line
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(line.len());
        let form = match line[end..].chars().next() {
            Some(')') => Form::Half,
            Some('.') => Form::Dot,
            _ => return None,
        };
        (&line[..end], form, end + 1)
    };
    let styles = styles_of(inner, form);
    if styles.is_empty() {
        return None;
    }
    // Copies that lost the space after a point's label: `(a)in defence`.
    if matches!(form, Form::Paren | Form::Half)
        && line[after..].starts_with(|c: char| c.is_alphabetic() || "\"“‘'".contains(c))
    {
        return Some(Label {
            value: inner.to_string(),
            styles,
            len: after,
        });
    }
    finish(line, after, inner.to_string(), styles)
}

/// The length of the first of two bracketed labels written together at the
/// start of `line` ("(1)(A) In providing…"), when the second opens text.
pub fn compound(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('(')?;
    let close = rest.find(')')?;
    let first = 1 + close + 1;
    if styles_of(&rest[..close], Form::Paren).is_empty() || !line[first..].starts_with('(') {
        return None;
    }
    let rest = &line[first..];
    let opens = label(rest).is_some_and(|l| !l.value.is_empty()) || compound(rest).is_some();
    opens.then_some(first)
}

fn style(numbering: Numbering, form: Form) -> Style {
    Style { numbering, form }
}

/// A label must be followed by a space or end its line.
fn finish(line: &str, after: usize, value: String, styles: Vec<Style>) -> Option<Label> {
    let rest = &line[after..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t', '\u{a0}']) {
        return None;
    }
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    Some(Label {
        value,
        styles,
        len: after + spaces,
    })
}

/// What `inner` can number, written in `form`.
fn styles_of(inner: &str, form: Form) -> Vec<Style> {
    let mut out = Vec::new();
    if inner.is_empty() || inner.len() > 6 {
        return out;
    }
    // A label inserted by an amendment as Canadian statutes number them:
    // `(1.1)` after `(1)`, `(b.1)` after `(b)`; in brackets only.
    if let (base, Some(_)) = decimal(inner) {
        if form != Form::Paren || base.contains('.') {
            return out;
        }
        return styles_of(base, form)
            .into_iter()
            .filter(|s| {
                matches!(
                    s.numbering,
                    Numbering::Arabic | Numbering::Lower | Numbering::LowerRoman
                )
            })
            .collect();
    }
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let suffix = &inner[digits..];
        if digits <= 3
            && (suffix.is_empty()
                || (suffix.len() == 1 && suffix.bytes().all(|b| b.is_ascii_lowercase())))
        {
            out.push(style(Numbering::Arabic, form));
        }
        return out;
    }
    // No list runs to fifty points: `(c)`, `(ccc)` are letters, not 100 or 300.
    let small_roman = |s: &str| roman_value(s).is_some_and(|v| v <= 50);
    if inner.bytes().all(|b| b.is_ascii_lowercase()) {
        let roman = small_roman(&inner.to_ascii_uppercase());
        if roman {
            out.push(style(Numbering::LowerRoman, form));
        }
        let b = inner.as_bytes();
        // `(aaa)`, never `(iii)`.
        let tripled = b.len() == 3 && !roman;
        if (b.len() <= 2 || tripled) && b.iter().all(|&c| c == b[0]) {
            out.push(style(Numbering::Lower, form));
        }
        // A dotted lower-case word ("e.", "i.") is too easily a sentence's end.
        if form == Form::Dot && inner.len() > 1 {
            out.clear();
        }
    } else if inner.bytes().all(|b| b.is_ascii_uppercase()) {
        if small_roman(inner) {
            out.push(style(Numbering::UpperRoman, form));
        }
        let b = inner.as_bytes();
        // `(A)`, and the United States Code's subitems `(AA)`, `(BB)` in brackets.
        if b.len() == 1 || (form == Form::Paren && b.len() == 2 && b[0] == b[1]) {
            out.push(style(Numbering::Upper, form));
        }
    }
    out
}

/// A label and the number of its insertion: `1.1` → (`1`, 1), `b.2` →
/// (`b`, 2), `b` → (`b`, none).
pub fn decimal(label: &str) -> (&str, Option<u32>) {
    match label.split_once('.') {
        Some((base, tail))
            if !base.is_empty()
                && (1..=2).contains(&tail.len())
                && tail.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (base, tail.parse().ok())
        }
        _ => (label, None),
    }
}

/// `I` to `MMM` written the classical way.
pub fn is_roman(s: &str) -> bool {
    roman_value(s).is_some()
}

/// The value of an upper-case Roman number, if it is one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let digit = |c: u8| match c {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        b'D' => Some(500),
        b'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = s.bytes().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= v as i64,
            _ => total += v as i64,
        }
    }
    let value = u32::try_from(total).ok().filter(|&v| v > 0)?;
    (to_roman(value) == s).then_some(value)
}

/// `n` as an upper-case Roman number.
pub fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Whether `next` follows `prev` in `numbering` (`h` → `i`, `iv` → `v`,
/// `3` → `4`), or starts it when there is no `prev`.
pub fn follows(numbering: Numbering, prev: Option<&str>, next: &str) -> bool {
    // `(b.1)` goes on from `(b)` or an earlier insertion after it, `(c)`
    // from `(b.1)` as from `(b)`.
    if let (base, Some(n)) = decimal(next) {
        return prev.is_some_and(|p| match decimal(p) {
            (b, None) => b == base,
            (b, Some(m)) => b == base && m < n,
        });
    }
    let prev = prev.map(|p| decimal(p).0);
    match numbering {
        Numbering::Arabic | Numbering::Section => {
            let n = |s: &str| {
                s.trim_end_matches(|c: char| c.is_ascii_lowercase())
                    .parse::<u32>()
                    .ok()
            };
            match (prev.and_then(n), n(next)) {
                (None, Some(v)) => v <= 1 || prev.is_some(),
                (Some(p), Some(v)) => v == p + 1 || v == p,
                _ => false,
            }
        }
        Numbering::Lower | Numbering::Upper => {
            let n = |s: &str| {
                let b = s.as_bytes();
                let c = b.first()?.to_ascii_lowercase();
                Some((b.len() as u32 - 1) * 26 + u32::from(c - b'a'))
            };
            match (prev.and_then(n), n(next)) {
                // `(aa)`, `(AA)` and `(aaa)` also open a sequence: the
                // United States Code's items, subitems and the level below.
                (None, Some(v)) => v % 26 == 0 && v <= 52,
                (Some(p), Some(v)) => v == p + 1,
                _ => false,
            }
        }
        Numbering::LowerRoman | Numbering::UpperRoman => {
            let n = |s: &str| roman_value(&s.to_ascii_uppercase());
            match (prev.and_then(n), n(next)) {
                (None, Some(v)) => v == 1,
                (Some(p), Some(v)) => v == p + 1,
                _ => false,
            }
        }
        Numbering::Dash => true,
    }
}

/// Whether `next` is a label inserted after `prev` by an amendment, as
/// British and Australian statutes number them: `(aa)` after `(a)`, `(ba)`
/// after `(b)`; siblings of `prev`, not the first of a level below it.
pub fn inserted(prev: &str, next: &str) -> bool {
    next.len() == prev.len() + 1
        && next.starts_with(prev)
        && next.ends_with(['a', 'A'])
        && next.chars().all(|c| c.is_ascii_alphabetic())
}

/// Latin suffixes of inserted articles: `8 bis`, `2 ter`.
pub const LATIN: &[&str] = &[
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
];

/// An article's number at the start of `s`: `12`, `1A`, `2a`, `8 bis`,
/// `1bis`, `XI`. Returns the number as cited (`8 bis`) and its length.
pub fn article_number(s: &str) -> Option<(String, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (mut number, mut end) = if digits > 0 && digits <= 4 {
        (s[..digits].to_string(), digits)
    } else {
        let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
        if letters == 0 || !is_roman(&s[..letters]) {
            return None;
        }
        (s[..letters].to_string(), letters)
    };
    let rest = &s[end..];
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let spaced = rest.strip_prefix(' ').map(|r| {
        let e = r
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(r.len());
        (&r[..e], e)
    });
    if LATIN.contains(&rest[..word_end].to_ascii_lowercase().as_str()) {
        number = format!("{number} {}", rest[..word_end].to_ascii_lowercase());
        end += word_end;
    } else if let Some((word, len)) =
        spaced.filter(|(w, _)| LATIN.contains(&w.to_ascii_lowercase().as_str()))
    {
        number = format!("{number} {}", word.to_ascii_lowercase());
        end += 1 + len;
    } else if digits > 0 && word_end == 1 {
        number.push_str(&rest[..1]);
        end += 1;
    } else if word_end > 0 {
        return None;
    }
    Some((number, end))
}

/// What a heading line opens.
#[derive(Debug, Clone, PartialEq)]
pub enum Heading {
    /// `Article 6`, with what follows the number on the line (its title, if any).
    Article { number: String, rest: String },
    /// `Paragraph 26` in a resolution.
    Paragraph { number: String, rest: String },
    /// `Rule 39`, `Principle 7`, `Guideline 3`: the numbered unit of rules
    /// of procedure and of principles, as an article is a treaty's.
    Unit {
        word: &'static str,
        number: String,
        rest: String,
    },
    /// `CHAPTER III`, `Section 1`, `PART 2.`: a container of rank `rank`
    /// (lower ranks hold higher ones).
    Container {
        kind: Container,
        number: String,
        rest: String,
    },
    /// `ANNEX I`, `SCHEDULE 2`, `PROTOCOL No. 1`: a new address space.
    Annex {
        word: String,
        number: String,
        rest: String,
    },
    /// `Preamble`.
    Preamble,
}

/// The words that head numbered units other than articles, with the id
/// prefix of their units: the Rules of Court's "Rule 39", the Basic
/// Principles' "Principle 9", guidelines' "Guideline 3".
pub const UNIT_WORDS: &[(&str, &str)] = &[
    ("Regulation", "reg"),
    ("Rule", "rule"),
    ("Principle", "principle"),
    ("Guideline", "guideline"),
];

/// The containers of legal texts, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Container {
    Book,
    Part,
    Title,
    Subtitle,
    Chapter,
    Subchapter,
    Division,
    Subdivision,
    Subpart,
    Section,
    Subsection,
}

impl Container {
    /// The word it is cited by.
    pub fn word(self) -> &'static str {
        match self {
            Container::Book => "Book",
            Container::Part => "Part",
            Container::Title => "Title",
            Container::Chapter => "Chapter",
            Container::Subtitle => "Subtitle",
            Container::Subchapter => "Subchapter",
            Container::Division => "Division",
            Container::Subdivision => "Subdivision",
            Container::Subpart => "Subpart",
            Container::Section => "Section",
            Container::Subsection => "Sub-section",
        }
    }

    /// Its part of an HTML id, as Akoma Ntoso abbreviates it.
    pub fn id(self) -> &'static str {
        match self {
            Container::Book => "book",
            Container::Part => "part",
            Container::Title => "title",
            Container::Chapter => "chp",
            Container::Subtitle => "subtitle",
            Container::Subchapter => "subchp",
            Container::Division => "dvs",
            Container::Subdivision => "subdvs",
            Container::Subpart => "subpart",
            Container::Section => "sec",
            Container::Subsection => "subsec",
        }
    }
}

/// Reads `line` (stripped of `#` marks and leading spaces) as a heading.
pub fn heading(line: &str) -> Option<Heading> {
    let line = line.trim();
    let (word, rest) = match line.find([' ', '\u{a0}', '\t']) {
        Some(i) => (
            &line[..i],
            line[i..].trim_start_matches([' ', '\u{a0}', '\t']),
        ),
        None => (line, ""),
    };
    let word_l = word.trim_end_matches([':', '.']).to_lowercase();
    // "OPTIONAL PROTOCOL TO THE CONVENTION…", "Additional Protocol to…":
    // a protocol printed after its treaty, in a space of its own.
    if matches!(word_l.as_str(), "optional" | "additional")
        && rest
            .get(..8)
            .is_some_and(|w| w.eq_ignore_ascii_case("protocol"))
    {
        return heading(rest);
    }
    if word_l == "preamble" && rest.is_empty() {
        return Some(Heading::Preamble);
    }
    let container = match word_l.as_str() {
        "book" => Some(Container::Book),
        "part" => Some(Container::Part),
        "title" => Some(Container::Title),
        "chapter" => Some(Container::Chapter),
        "subtitle" => Some(Container::Subtitle),
        "subchapter" => Some(Container::Subchapter),
        "subpart" => Some(Container::Subpart),
        "division" => Some(Container::Division),
        "subdivision" => Some(Container::Subdivision),
        "section" => Some(Container::Section),
        "sub-section" | "subsection" => Some(Container::Subsection),
        _ => None,
    };
    let annex = matches!(
        word_l.as_str(),
        "annex" | "annexe" | "schedule" | "appendix" | "protocol" | "addendum"
    );
    let unit_word = UNIT_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(&word_l))
        .map(|&(w, _)| w);
    if word_l == "article" || word_l == "art." || word_l == "paragraph" || unit_word.is_some() {
        let (number, len) = article_number(rest)?;
        let after = rest[len..].trim_start_matches([' ', '.', ':', '–', '—', '-', '\u{a0}']);
        let rest_s = after.trim().to_string();
        if !rest_s.is_empty()
            && (rest[len..].starts_with(|c: char| c.is_alphanumeric() || c == '(')
                || !title_like(&rest_s))
        {
            return None;
        }
        return Some(if let Some(word) = unit_word {
            Heading::Unit {
                word,
                number,
                rest: rest_s,
            }
        } else if word_l == "paragraph" {
            Heading::Paragraph {
                number,
                rest: rest_s,
            }
        } else {
            Heading::Article {
                number,
                rest: rest_s,
            }
        });
    }
    if container.is_none() && !annex {
        return None;
    }
    // The number: Arabic, Roman, a single letter, `No. 1`, or none for an annex.
    let rest_n = rest
        .strip_prefix("No.")
        .or_else(|| rest.strip_prefix("NO."))
        .or_else(|| rest.strip_prefix("No"))
        .map_or(rest, |r| r.trim_start());
    let mut end = rest_n
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest_n.len());
    // Canadian statutes insert divisions between others: `DIVISION 3.1`.
    if end > 0
        && rest_n[..end].bytes().all(|b| b.is_ascii_digit())
        && let Some(tail) = rest_n[end..].strip_prefix('.')
    {
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && !tail[digits..].starts_with(|c: char| !c.is_whitespace()) {
            end += 1 + digits;
        }
    }
    let candidate = &rest_n[..end];
    let numbered = !candidate.is_empty()
        && (candidate.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || is_roman(candidate)
            || (candidate.len() == 1 && candidate.bytes().all(|b| b.is_ascii_uppercase()))
            || ORDINALS.contains(&candidate.to_ascii_uppercase().as_str()));
    let (number, after) = if numbered {
        (candidate.to_string(), &rest_n[end..])
    } else if annex {
        (String::new(), rest)
    } else {
        return None;
    };
    let separated = after.trim_start().starts_with(['.', ':', '–', '—', '-']);
    let after = after
        .trim_start_matches([' ', '.', ':', '–', '—', '-', '\u{a0}'])
        .trim();
    // A sentence that happens to start with the word is no heading; after a
    // separator ("Chapter III. organIzatIon …") the rest is its title, however
    // it is written.
    // "Protocol to the Convention on…" names what it is a protocol to.
    // Not a sentence that starts with the word ("Protocol to the Convention
    // shall enter into force…").
    let protocol_to = word_l == "protocol"
        && after.starts_with("to the ")
        && after.len() <= 200
        && !after.ends_with(['.', ';', ':', ','])
        && !after.contains(" shall ");
    let titled = after.is_empty()
        || title_like(after)
        || protocol_to
        || (separated && after.chars().count() <= 160);
    if !titled {
        return None;
    }
    if !numbered
        && !after.is_empty()
        && !after.starts_with(|c: char| c.is_uppercase())
        && !protocol_to
    {
        return None;
    }
    let rest = after.to_string();
    Some(match container {
        Some(kind) => Heading::Container { kind, number, rest },
        None => Heading::Annex {
            word: capitalised(&word_l),
            number,
            rest,
        },
    })
}

const ORDINALS: &[&str] = &[
    "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "FIRST",
    "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH",
];

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A line that reads as a title: short, no sentence's end, starting with a
/// capital (or a quotation mark, a bracket or `**`).
pub fn title_like(s: &str) -> bool {
    let s = s.trim().trim_matches('*').trim_matches('_').trim();
    let chars = s.chars().count();
    if chars == 0 || chars > 160 {
        return false;
    }
    if s.ends_with(['.', ';', ':', ',']) && !s.ends_with("etc.") {
        return false;
    }
    let first = s.chars().find(|c| c.is_alphanumeric());
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) && label(s).is_none()
}

/// Ordinal words for subparagraph and indent labels.
pub fn ordinal(n: usize) -> String {
    const WORDS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    WORDS
        .get(n.wrapping_sub(1))
        .map_or_else(|| format!("{n}th"), |w| (*w).to_string())
}

/// The number of an ordinal word (`second` → 2).
pub fn ordinal_value(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    (1..=10).find(|&n| ordinal(n) == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<(String, Vec<Numbering>)> {
        label(s).map(|l| (l.value, l.styles.iter().map(|s| s.numbering).collect()))
    }

    #[test]
    fn the_united_states_codes_labels() {
        use Numbering::*;
        assert_eq!(compound("(1)(A) In providing"), Some(3));
        assert_eq!(compound("(1)(A)(i) Except"), Some(3));
        assert_eq!(compound("(1) (A) text"), None);
        assert_eq!(compound("(1)(1950) text"), None);
        assert_eq!(value("(AA) who"), Some(("AA".into(), vec![Upper])));
        assert_eq!(value("(aaa) whose"), Some(("aaa".into(), vec![Lower])));
        assert_eq!(value("(iii) take"), Some(("iii".into(), vec![LowerRoman])));
        // `(c)` and `(ccc)` are letters, never a hundred.
        assert_eq!(value("(c) text"), Some(("c".into(), vec![Lower])));
        assert_eq!(value("(ccc) who"), Some(("ccc".into(), vec![Lower])));
        assert!(follows(Lower, None, "aa") && follows(Upper, None, "AA"));
        assert!(!follows(Lower, None, "bb"));
    }

    #[test]
    fn labels_as_sources_print_them() {
        use Numbering::*;
        assert_eq!(value("1. Text"), Some(("1".into(), vec![Arabic])));
        assert_eq!(value("(1) Text"), Some(("1".into(), vec![Arabic])));
        assert_eq!(value("1) Text"), Some(("1".into(), vec![Arabic])));
        assert_eq!(value("§ 2 Text"), Some(("2".into(), vec![Section])));
        assert_eq!(value("(a) text"), Some(("a".into(), vec![Lower])));
        assert_eq!(value("a) text"), Some(("a".into(), vec![Lower])));
        assert_eq!(value("a. text"), Some(("a".into(), vec![Lower])));
        assert_eq!(
            value("(i) text"),
            Some(("i".into(), vec![LowerRoman, Lower]))
        );
        assert_eq!(
            value("(xxvi) text"),
            Some(("xxvi".into(), vec![LowerRoman]))
        );
        assert_eq!(value("(aa) text"), Some(("aa".into(), vec![Lower])));
        assert_eq!(
            value("A. For the purposes"),
            Some(("A".into(), vec![Upper]))
        );
        assert_eq!(value("— text"), Some((String::new(), vec![Dash])));
        assert_eq!(value("(a)"), Some(("a".into(), vec![Lower])));
        assert_eq!(value("(1995) text"), None);
        assert_eq!(value("1.5 text"), None);
        assert_eq!(value("(ab) text"), None);
        assert_eq!(value("e.g. text"), None);
        assert_eq!(value("-text"), None);
        assert_eq!(value("(a)in defence"), Some(("a".into(), vec![Lower])));
        assert_eq!(value("a)the application"), Some(("a".into(), vec![Lower])));
        assert_eq!(value("(a)\"events"), Some(("a".into(), vec![Lower])));
    }

    #[test]
    fn labels_canadian_amendments_insert() {
        use Numbering::*;
        assert_eq!(
            value("(1.1) The Minister"),
            Some(("1.1".into(), vec![Arabic]))
        );
        assert_eq!(
            value("(b.1) the claimant"),
            Some(("b.1".into(), vec![Lower]))
        );
        assert_eq!(value("(1.1.1) text"), None);
        assert_eq!(value("1.1 text"), None);
        assert!(follows(Arabic, Some("1"), "1.1"));
        assert!(follows(Arabic, Some("1.1"), "1.2"));
        assert!(follows(Arabic, Some("1.1"), "2"));
        assert!(follows(Lower, Some("b"), "b.1"));
        assert!(follows(Lower, Some("b.2"), "c"));
        assert!(!follows(Lower, Some("c"), "b.1"));
        assert!(!follows(Lower, None, "b.1"));
        assert_eq!(decimal("98.1"), ("98", Some(1)));
        assert_eq!(decimal("b"), ("b", None));
        assert!(matches!(
            heading("DIVISION 3.1"),
            Some(Heading::Container {
                kind: Container::Division,
                ref number,
                ..
            }) if number == "3.1"
        ));
        assert!(matches!(
            heading("DIVISION 1"),
            Some(Heading::Container {
                kind: Container::Division,
                ..
            })
        ));
    }

    #[test]
    fn sequences() {
        assert!(follows(Numbering::Lower, Some("h"), "i"));
        assert!(!follows(Numbering::Lower, Some("c"), "i"));
        assert!(follows(Numbering::LowerRoman, Some("iv"), "v"));
        assert!(follows(Numbering::LowerRoman, None, "i"));
        assert!(follows(Numbering::Lower, Some("z"), "aa"));
    }

    #[test]
    fn article_numbers() {
        let n = |s: &str| article_number(s).map(|(n, _)| n);
        assert_eq!(n("12"), Some("12".into()));
        assert_eq!(n("1A"), Some("1A".into()));
        assert_eq!(n("2a"), Some("2a".into()));
        assert_eq!(n("8 bis"), Some("8 bis".into()));
        assert_eq!(n("1bis"), Some("1 bis".into()));
        assert_eq!(n("XI"), Some("XI".into()));
        assert_eq!(n("IIX"), None);
        assert_eq!(n("12abc"), None);
    }

    #[test]
    fn headings() {
        assert_eq!(
            heading("Article 6"),
            Some(Heading::Article {
                number: "6".into(),
                rest: String::new()
            })
        );
        assert_eq!(
            heading("ARTICLE 5 – Right to liberty"),
            Some(Heading::Article {
                number: "5".into(),
                rest: "Right to liberty".into()
            })
        );
        assert_eq!(heading("Article 5 shall apply."), None);
        assert_eq!(heading("Article 6(1) applies"), None);
        assert!(matches!(
            heading("CHAPTER III"),
            Some(Heading::Container {
                kind: Container::Chapter,
                ..
            })
        ));
        assert!(matches!(
            heading("PART 2. JURISDICTION, ADMISSIBILITY AND APPLICABLE LAW"),
            Some(Heading::Container {
                kind: Container::Part,
                ..
            })
        ));
        assert!(matches!(
            heading("Section 1"),
            Some(Heading::Container {
                kind: Container::Section,
                ..
            })
        ));
        assert_eq!(heading("Section 1 applies to all cases."), None);
        assert!(matches!(
            heading("Chapter III. organIzatIon and fInanCes"),
            Some(Heading::Container { .. })
        ));
        assert!(matches!(heading("ANNEX"), Some(Heading::Annex { .. })));
        assert!(matches!(
            heading("PROTOCOL No. 1"),
            Some(Heading::Annex { .. })
        ));
        assert_eq!(heading("Preamble"), Some(Heading::Preamble));
    }
}
