//! One citation phrase, read from its keyword on: the numbers and parts a
//! lawyer writes after "Article" (`5 § 1 (f)`, `6(1)(f)`, `9 para. 2`,
//! `33, paragraph 2,`, `1 A (2)`, `8 bis`, `12 to 22`, `17(3)(b)-(e)`,
//! `21(2) and (3)`), the inverted forms ("point (f) of Article 6(1)", "the
//! second subparagraph of Article 6(1)", "paragraphs 1 and 2 of Article 17")
//! and recitals ("recitals 47 to 50"). Each member of a list or range is its
//! own address, in the notation of the instrument reader: `6(1)(f)`,
//! `6(1)[2]`, `preamble(47)`. A range's members between its ends are
//! counted here ("(b)" to "(e)": "(c)", "(d)"), and marked as the range's,
//! for resolve to replace by the units the instrument itself has between
//! them, which counting cannot know ("(b.1)", "8 bis").

use std::ops::Range;

/// The members a phrase cites and where the phrase ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// Each member, the first's words from the phrase's start.
    pub members: Vec<Member>,
    /// One past the phrase's last byte.
    pub end: usize,
}

/// One unit a phrase cites.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Its words (a range's members between its ends share the end's).
    pub words: Range<usize>,
    /// Its address: `6(1)(f)`.
    pub address: String,
    /// For a member of a range after its start (the counted ones and the
    /// end), the address of the range's start; the members from one range
    /// share it and their words, the end coming last.
    pub from: Option<String>,
}

impl Member {
    fn new(words: Range<usize>, address: String) -> Member {
        Member {
            words,
            address,
            from: None,
        }
    }
}

/// The most members a range may expand to ("Articles 1 to 99" is fine;
/// "Articles 1 to 9999" is a typo).
const MAX_RANGE: u32 = 200;

/// How a number with a full stop inside reads after its keyword.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decimal {
    /// A part: "Article 33.2" is 33(2), "Article 17.1.a" 17(1)(a).
    Never,
    /// A Canadian section's number when parts in brackets follow it:
    /// "paragraph 98.1(1)(a)".
    BeforeBracket,
    /// A Canadian section's number: "s. 98.1", "subsection 109.1(1)".
    Always,
}

/// The full stops and digits of an inserted Canadian section number
/// (`.1` of `98.1`, `.01` of `10.01`) at `at`, where they end.
fn decimal_tail(text: &str, at: usize, mode: Decimal) -> usize {
    let mut end = at;
    while let Some(tail) = text[end..].strip_prefix('.') {
        let d = tail.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 3 || tail[d..].starts_with(|c: char| c.is_alphanumeric()) {
            break;
        }
        end += 1 + d;
    }
    match mode {
        Decimal::Always => end,
        Decimal::BeforeBracket if text[end..].starts_with('(') => end,
        _ => at,
    }
}

/// An article's or a section's number (`12`, `1A`, `8 bis`, `XI`), `decimal`
/// saying how `98.1` reads.
fn number_in(text: &str, at: usize, roman_ok: bool, decimal: Decimal) -> Option<(usize, String)> {
    let rest = &text[at..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (mut end, mut number) = if digits > 0 {
        if digits > 4 {
            return None;
        }
        let end = decimal_tail(text, at + digits, decimal);
        if end > at + digits {
            // "98.1": no letter or Latin suffix follows an inserted number.
            if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                return None;
            }
            return Some((end, text[at..end].to_string()));
        }
        (at + digits, rest[..digits].to_string())
    } else if roman_ok {
        let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        if letters == 0 || crate::parse::instrument::label::roman_value(&rest[..letters]).is_none()
        {
            return None;
        }
        (at + letters, rest[..letters].to_string())
    } else {
        return None;
    };
    let after = &text[end..];
    // Latin suffixes, attached, spaced or in brackets: `8bis`, `8 bis`,
    // `8(bis)` (never a paragraph's label).
    for latin in crate::parse::instrument::label::LATIN {
        if let Some(inner) = after.strip_prefix('(')
            && starts_with_any_case(inner, latin)
            && inner[latin.len()..].starts_with(')')
        {
            return Some((end + latin.len() + 2, format!("{number} {latin}")));
        }
        for sep in ["", " ", "\u{a0}"] {
            // The separator as written, then the suffix in any case.
            let Some(tail) = after.strip_prefix(sep) else {
                continue;
            };
            if tail.len() >= latin.len()
                && tail.is_char_boundary(latin.len())
                && tail[..latin.len()].eq_ignore_ascii_case(latin)
                && !tail[latin.len()..].starts_with(|c: char| c.is_alphanumeric())
            {
                return Some((end + sep.len() + latin.len(), format!("{number} {latin}")));
            }
        }
    }
    // A letter: attached (`1A`, `2a`), or spaced before a part (`1 A (2)`).
    let mut chars = after.chars();
    match (chars.next(), chars.next()) {
        (Some(c), next)
            if digits > 0
                && c.is_ascii_alphabetic()
                && next.is_none_or(|n| !n.is_alphanumeric()) =>
        {
            number.push(c);
            end += 1;
        }
        (Some(' '), Some(c)) if digits > 0 && c.is_ascii_uppercase() => {
            let tail = &after[2..];
            if tail.starts_with('(') || tail.starts_with(" (") {
                number.push(c);
                end += 2;
            }
        }
        _ => {}
    }
    if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((end, number))
}

/// A part's label inside brackets at `at`: `(1)`, `(f)`, `(xxvi)`.
fn bracket_label(text: &str, at: usize) -> Option<(usize, String)> {
    let rest = text[at..].strip_prefix('(')?;
    let mut inner = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    // A Canadian label inserted by an amendment: `(1.1)`, `(b.1)`.
    let base = inner;
    if inner > 0 && inner <= 3 && rest[inner..].starts_with('.') {
        let d = rest[inner + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if (1..=2).contains(&d) && rest[inner + 1 + d..].starts_with(')') {
            inner += 1 + d;
        }
    }
    if inner == 0 || inner > 6 || !rest[inner..].starts_with(')') {
        return None;
    }
    if inner > base {
        let head = &rest[..base];
        let ok = head.bytes().all(|b| b.is_ascii_digit())
            || head.bytes().all(|b| b.is_ascii_lowercase());
        return ok.then(|| (at + inner + 2, rest[..inner].to_string()));
    }
    let label = &rest[..inner];
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    // `(1950)` is a year; `(ab1)` nothing a drafter writes.
    let ok = (digits > 0
        && digits <= 3
        && label[digits..].bytes().all(|b| b.is_ascii_lowercase())
        && label.len() - digits <= 1)
        || (digits == 0 && (label.bytes().all(|b| b.is_ascii_lowercase()) || (label.len() == 1)))
        // The United States Code's subclauses: `(iii)(IV)`.
        || (digits == 0 && label.bytes().all(|b| b"IVX".contains(&b)) && label.len() <= 4);
    ok.then(|| (at + inner + 2, label.to_string()))
}

fn spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if c == ' ' || c == '\u{a0}' || c == '\n' || c == '\t' || c == '\u{202f}' {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// `word` (case-insensitive, whole) at `at`, and where it ends.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let rest = &text[at..];
    let ok = rest.len() >= word.len()
        && rest.is_char_boundary(word.len())
        && rest[..word.len()].eq_ignore_ascii_case(word)
        && (word.ends_with(['.', ','])
            || !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric()));
    ok.then_some(at + word.len())
}

fn any_word(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| word_at(text, at, w))
}

/// Paragraph words after an article: `, paragraph 2`, ` para. 2`, ` § 2`.
const PARAGRAPH_WORDS: &[&str] = &[
    "paragraphs",
    "paragraph",
    "paras.",
    "paras",
    "para.",
    "para",
    "§§",
    "§",
    "¶",
];

/// One reading of the parts after an article number (`§§ 1 and 4` gives
/// two): the parts, and for a member of a range ("points (b) to (e)"),
/// the parts of the range's start.
#[derive(Debug, Clone, Default, PartialEq)]
struct Alternative {
    parts: Vec<String>,
    from: Option<Vec<String>>,
}

impl Alternative {
    /// Adds a part after the others. A range's start no longer says where
    /// the range began once more parts follow it, so it is dropped: the
    /// members are the counted ones.
    fn push(&mut self, label: &str) {
        self.parts.push(label.to_string());
        self.from = None;
    }
}

/// The parts after an article number: each `(x)`, spaced or not, `§ 1`,
/// `para. 2`, `, paragraph 2,`, `, second subparagraph`, `, point (f)`.
/// Returns the parts and the end; a list after `§§` yields several.
///
/// `listing` says the parts follow a number in a list of articles
/// ("Articles 2, 3, 4 § 1 and 7"), where a singular "§" or "paragraph"
/// takes one number and the list goes on with articles; after one article
/// ("article 15 para. 3 and 4") it takes them all.
fn parts(text: &str, mut at: usize, listing: bool) -> (usize, Vec<Alternative>) {
    let mut alternatives: Vec<Alternative> = vec![Alternative::default()];
    loop {
        // `(1)` attached or after one space.
        let s = if text[at..].starts_with(' ') || text[at..].starts_with('\u{a0}') {
            at + text[at..].chars().next().map_or(1, char::len_utf8)
        } else {
            at
        };
        if let Some((end, label)) = bracket_label(text, s) {
            alternatives.iter_mut().for_each(|a| a.push(&label));
            at = end;
            continue;
        }
        // `17.1.a`, `33.2`: parts written with full stops.
        if let Some((end, label)) = dotted_part(text, at) {
            alternatives.iter_mut().for_each(|a| a.push(&label));
            at = end;
            continue;
        }
        // `§ 1`, `§§ 1 and 4`, ` para. 2`, `, paragraph 2`.
        let comma = text[at..].starts_with(',');
        let s2 = spaces(text, if comma { at + 1 } else { at });
        if let Some(after_kw) = any_word(text, s2, PARAGRAPH_WORDS) {
            let n_at = spaces(text, after_kw);
            let mut numbers = number_run(text, n_at);
            if numbers.is_empty() {
                // "article 13, paragraph (b),"
                numbers = label_run(text, n_at);
            }
            // "Articles 2, 3, 4 § 1 and 7": one paragraph after a singular
            // word, the list going on with articles.
            let word = &text[s2..after_kw];
            let plural = word.ends_with('s') || word == "§§" || word.ends_with("s.");
            if listing && !plural && numbers.len() > 1 && numbers[1].from.is_none() {
                numbers.truncate(1);
            }
            if !numbers.is_empty() {
                at = branch(&mut alternatives, &numbers, at);
                // `Article 33, paragraph 2,`: the closing comma is the phrase's.
                continue;
            }
        }
        // "Article I, Section 2, Clause 3" ("Art. I, § 2, cl. 3"), as the
        // United States Constitution is cited: its section, then the
        // section's unnumbered paragraph. After a comma only, where a
        // regulation's "Section 2" is never an article's.
        if comma
            && let Some(after_kw) = any_word(text, s2, &["Section", "section", "Sec.", "sec."])
            && let [one] = &number_run(text, spaces(text, after_kw))[..]
            && one.label.bytes().all(|b| b.is_ascii_digit())
        {
            alternatives.iter_mut().for_each(|a| a.push(&one.label));
            at = one.end;
            continue;
        }
        if comma
            && let Some(after_kw) = any_word(text, s2, &["Clause", "clause", "cl."])
            && let [one] = &number_run(text, spaces(text, after_kw))[..]
            && one.label.bytes().all(|b| b.is_ascii_digit())
        {
            alternatives
                .iter_mut()
                .for_each(|a| a.push(&format!("[{}]", one.label)));
            at = one.end;
            continue;
        }
        // "Articles 3, 4 (paragraph 1) and 7", as Article 15 § 2 of the
        // ECHR writes it: the paragraph in brackets.
        if let Some(open) = text[at..]
            .strip_prefix(" (")
            .or_else(|| text[at..].strip_prefix('('))
            && let Some(after_kw) = any_word(text, text.len() - open.len(), PARAGRAPH_WORDS)
        {
            let numbers = number_run(text, spaces(text, after_kw));
            if let [one] = &numbers[..]
                && text[one.end..].starts_with(')')
            {
                alternatives.iter_mut().for_each(|a| a.push(&one.label));
                at = one.end + 1;
                continue;
            }
        }
        // German usage, also in English texts: `Art. 6 Abs. 1 lit. f`,
        // `Art. 6(1) lit. f`, `Art. 4 Nr. 11`.
        if let Some((end, label)) = german_part(text, s2) {
            alternatives.iter_mut().for_each(|a| a.push(&label));
            at = end;
            continue;
        }
        // `, second subparagraph` / `, first indent`.
        if comma && let Some((end, n)) = ordinal_subparagraph(text, s2) {
            alternatives
                .iter_mut()
                .for_each(|a| a.push(&format!("[{n}]")));
            at = end;
            continue;
        }
        // `, point (f)` / `, points (a) and (b)`.
        if comma
            && let Some(kw) = any_word(
                text,
                s2,
                &["points", "point", "subparagraph", "sub-paragraph"],
            )
        {
            let labels = label_run(text, spaces(text, kw));
            if !labels.is_empty() {
                at = branch(&mut alternatives, &labels, at);
                continue;
            }
        }
        return (at, alternatives);
    }
}

/// A part as German citations write it at `at`: `Abs. 1` (a paragraph),
/// `lit. f` or `lit. f)` (a point), `Nr. 11` (a numbered point or
/// definition); where it ends and its label.
fn german_part(text: &str, at: usize) -> Option<(usize, String)> {
    let (kw, letter) = match (
        any_word(text, at, &["Abs.", "Nr."]),
        any_word(text, at, &["lit."]),
    ) {
        (Some(kw), _) => (kw, false),
        (None, Some(kw)) => (kw, true),
        (None, None) => return None,
    };
    // Case-sensitive: "abs." or "nr." in prose are other words.
    if !text[at..].starts_with(|c: char| c.is_uppercase()) && !letter {
        return None;
    }
    let n_at = spaces(text, kw);
    let rest = &text[n_at..];
    let len = if letter {
        usize::from(rest.starts_with(|c: char| c.is_ascii_lowercase()))
    } else {
        rest.bytes().take_while(u8::is_ascii_digit).count()
    };
    if len == 0 || len > 3 {
        return None;
    }
    let mut end = n_at + len;
    if letter && text[end..].starts_with(')') {
        end += 1;
    }
    if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((end, rest[..len].to_string()))
}

/// "paragraph 13 of the Schedule", "points 3 and 4 of Annex I", "paragraph
/// 2 of Appendix B": numbered parts of an annex, whose addresses are the
/// annex's own (`Schedule/13`, `Annex I/3`). The phrase and the annex's
/// name as the instrument's addresses write it (`Schedule`, `Annex I`).
pub fn of_annex(text: &str, kw_end: usize, start: usize) -> Option<(Phrase, String)> {
    let numbers = number_run(text, spaces(text, kw_end));
    let last = numbers.last()?.end;
    let rest = text[last..].strip_prefix(" of ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let word = ["Annex", "Schedule", "Appendix", "Annexe"]
        .into_iter()
        .find(|w| rest.starts_with(w) || rest.starts_with(&w.to_uppercase()))?;
    let mut end = text.len() - rest.len() + word.len();
    let mut annex = word.to_string();
    if let Some(id) = text[end..].strip_prefix(' ') {
        let len = id
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(id.len());
        let number = &id[..len];
        let numbered = !number.is_empty()
            && (number.bytes().all(|b| b.is_ascii_digit())
                || crate::parse::instrument::label::is_roman(number)
                || (number.len() == 1 && number.bytes().all(|b| b.is_ascii_uppercase())));
        if numbered {
            annex = format!("{word} {number}");
            end += 1 + len;
        }
    }
    if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let members = numbers
        .iter()
        .enumerate()
        .map(|(n, l)| Member {
            words: if n == 0 {
                start..l.end
            } else {
                l.end - l.label.len()..l.end
            },
            address: format!("{annex}/{}", l.label),
            from: l.from.as_ref().map(|f| format!("{annex}/{f}")),
        })
        .collect();
    Some((Phrase { end, members }, annex))
}

/// A part after a full stop: `.1`, `.a` (then a space, a full stop or the
/// end, so "Article 5.The" is no part).
fn dotted_part(text: &str, at: usize) -> Option<(usize, String)> {
    let rest = text[at..].strip_prefix('.')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let len = if digits > 0 {
        digits
    } else if rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        1
    } else {
        return None;
    };
    if len > 3 || rest[len..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((at + 1 + len, rest[..len].to_string()))
}

/// One list of parts per label of `labels` (`§§ 1 and 4`): each the first
/// list with that label added. Returns where the labels end.
fn branch(alternatives: &mut Vec<Alternative>, labels: &[Label], at: usize) -> usize {
    let base = alternatives[0].parts.clone();
    let with = |label: &str| [base.clone(), vec![label.to_string()]].concat();
    *alternatives = labels
        .iter()
        .map(|l| Alternative {
            parts: with(&l.label),
            from: l.from.as_deref().map(with),
        })
        .collect();
    labels.last().map_or(at, |l| l.end)
}

/// A label of a run (`2`, `(e)`, `(b.1)`): where it ends, and for a member
/// of a range after its start ("(a) to (e)"), the start's label.
#[derive(Debug, Clone, PartialEq)]
struct Label {
    end: usize,
    label: String,
    from: Option<String>,
}

impl Label {
    fn new(end: usize, label: String) -> Label {
        Label {
            end,
            label,
            from: None,
        }
    }
}

/// After label `from`, the range from it to `to`, if one is written at
/// `end` ("(a) to (e)", "1–4"): the members after the start (the counted
/// ones, then the end), each with its end and the start, and where the
/// range ends.
fn range_run(
    text: &str,
    end: usize,
    from: &str,
    to: impl Fn(usize) -> Option<(usize, String)>,
) -> Option<(Vec<Label>, usize)> {
    let at = range_to(text, end)?;
    let (range_end, last) = to(at)?;
    let between = counted(from, &last)?;
    let members = between
        .into_iter()
        .chain([last])
        .map(|label| Label {
            end: range_end,
            label,
            from: Some(from.to_string()),
        })
        .collect();
    Some((members, range_end))
}

/// `1`, `1 and 4`, `1, 2 and 3`, `1 to 4` (for `§§`, `paragraphs`).
fn number_run(text: &str, at: usize) -> Vec<Label> {
    let number = |pos: usize| {
        let digits = text[pos..].bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0
            && digits <= 3
            && !text[pos + digits..].starts_with(|c: char| c.is_alphanumeric()))
        .then(|| (pos + digits, text[pos..pos + digits].to_string()))
    };
    let mut out = Vec::new();
    let mut pos = at;
    loop {
        let Some((mut end, n)) = number(pos) else {
            return out;
        };
        out.push(Label::new(end, n.clone()));
        if let Some((members, range_end)) = range_run(text, end, &n, number) {
            out.extend(members);
            end = range_end;
        }
        match separator(text, end).filter(|&n| number(n).is_some()) {
            Some(n) => pos = n,
            None => return out,
        }
    }
}

/// `(e)`, `(e) or (f)`, `(a), (b) and (c)`, `(a) to (h)`.
fn label_run(text: &str, at: usize) -> Vec<Label> {
    let mut out = Vec::new();
    let mut pos = at;
    loop {
        let Some((mut end, label)) = bracket_label(text, pos) else {
            return out;
        };
        out.push(Label::new(end, label.clone()));
        if let Some((members, range_end)) =
            range_run(text, end, &label, |at| bracket_label(text, at))
        {
            out.extend(members);
            end = range_end;
        }
        match separator(text, end).filter(|&n| text[n..].starts_with('(')) {
            Some(n) => pos = n,
            None => return out,
        }
    }
}

/// The labels a range from `from` to `to` has between its ends by
/// counting (`b` to `e`: `c`, `d`; `1` to `4`: `2`, `3`), or none where
/// counting cannot tell (`b.1` to `c`, `ii` to `iv`), the instrument's own
/// order deciding. No range at all (`None`) for ends of two kinds, of a
/// kind that is never a range's, or the wrong way round.
fn counted(from: &str, to: &str) -> Option<Vec<String>> {
    let (kf, kt) = (label_kind(from), label_kind(to));
    // `(i)` to `(iv)`: a single `i`, `v` or `x` reads as a roman numeral
    // beside one.
    let roman = |l: &str, k: u8| k == 2 || (k == 1 && matches!(l, "i" | "v" | "x"));
    let kind = match (kf, kt) {
        (a, b) if a == b && a <= 2 => a,
        _ if roman(from, kf) && roman(to, kt) => 2,
        _ => return None,
    };
    match (label_value(from), label_value(to)) {
        (Some(a), Some(b)) if kf == kt => (b > a && b - a <= MAX_RANGE)
            .then(|| (a + 1..b).map(|v| value_label(v, kind)).collect()),
        // Only an inserted label (`b.1`, `1.1`) or a roman numeral is
        // beyond counting; `b` to `b` is no range.
        _ if from == to => None,
        _ => Some(Vec::new()),
    }
}
/// After a list member: where the next one starts.
fn separator(text: &str, at: usize) -> Option<usize> {
    for sep in [
        ", and ", ", or ", " and/or ", " and ", " or ", " & ", "&", ", ",
    ] {
        if starts_with_any_case(&text[at..], sep) {
            return Some(spaces(text, at + sep.len()));
        }
    }
    None
}

/// A range's dash or "to" after a member: where its end starts.
fn range_to(text: &str, at: usize) -> Option<usize> {
    for sep in ["–", "—", "-", " – ", " — ", " - ", " to ", " through "] {
        if starts_with_any_case(&text[at..], sep) {
            return Some(spaces(text, at + sep.len()));
        }
    }
    None
}

/// Whether `text` starts with `word` in any case ("ARTICLES 8 AND 15", as
/// headings and contents print them).
fn starts_with_any_case(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(word))
}

/// "the second paragraph of Article 33": its paragraph 2.
pub fn ordinal_paragraph(text: &str, at: usize) -> Option<Phrase> {
    let at2 = word_at(text, at, "the").map_or(at, |e| spaces(text, e));
    let word_end = text[at2..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(text.len(), |e| at2 + e);
    let n = crate::parse::instrument::label::ordinal_value(&text[at2..word_end])?;
    let kw = any_word(text, spaces(text, word_end), &["paragraph"])?;
    let of = word_at(text, spaces(text, kw), "of")?;
    let outer = outer(text, spaces(text, of))?;
    let base = &outer.members.first()?.address;
    Some(Phrase {
        members: vec![Member::new(at..outer.end, format!("{base}({n})"))],
        end: outer.end,
    })
}

/// Which article a paragraph's words point back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// "of this article", "of this provision": the one the text is about
    /// (in an instrument's own text, the article it stands in).
    This,
    /// "of that article", "of the same provision", "thereof": the one
    /// named last.
    That,
    /// Nothing: a bare "paragraph 1", which legislative drafting means of
    /// the article it stands in.
    Bare,
}

/// The words that point back to an article already named: "of this
/// article", "of that provision", "thereof".
const BACK_REFERENCES: &[(&str, Back)] = &[
    (" of this article", Back::This),
    (" of that article", Back::That),
    (" of the same article", Back::That),
    (" of this provision", Back::This),
    (" of that provision", Back::That),
    (" of the same provision", Back::That),
    (" thereof", Back::That),
];

/// Where a back reference starts at `at` ends, if one does, and which
/// article it points to.
fn back_reference(text: &str, at: usize) -> Option<(usize, Back)> {
    BACK_REFERENCES.iter().find_map(|&(w, back)| {
        let end = at + w.len();
        (text.get(at..end).is_some_and(|t| t.eq_ignore_ascii_case(w))
            && !text[end..].starts_with(|c: char| c.is_alphanumeric()))
        .then_some((end, back))
    })
}

/// A paragraph of an article named before: "paragraph 3 of this article",
/// "paragraphs 1 and 2 thereof", "the second paragraph of that provision",
/// or, with `alone`, "the first paragraph" with nothing after it. `at` is
/// where the phrase starts (its ordinal, or "paragraph"), `kw_end` where
/// "paragraph(s)" ends. Each member's address is its paragraph number,
/// for the caller to put under the article meant.
///
/// `within`: the text is an instrument's own, inside an article, where a
/// bare "paragraph 1" is that article's (as legislative drafting has it).
pub fn paragraph_of_named(
    text: &str,
    at: usize,
    kw_end: usize,
    alone: bool,
    within: bool,
) -> Option<(Phrase, Back)> {
    let ordinal = word_at(text, at, "the")
        .map_or(at, |e| spaces(text, e))
        .min(kw_end);
    let word_end = text[ordinal..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(text.len(), |e| ordinal + e);
    if let Some(n) = crate::parse::instrument::label::ordinal_value(&text[ordinal..word_end]) {
        // "the second subparagraph thereof" is a subparagraph of the
        // paragraph named before, which is not known here: no paragraph.
        if text[..kw_end]
            .to_ascii_lowercase()
            .ends_with("subparagraph")
            || text[..kw_end]
                .to_ascii_lowercase()
                .ends_with("sub-paragraph")
        {
            return None;
        }
        // "the second paragraph of that provision", "the first paragraph".
        return match back_reference(text, kw_end) {
            Some((end, back)) => Some((
                Phrase {
                    members: vec![Member::new(at..end, n.to_string())],
                    end,
                },
                back,
            )),
            None if alone && !text[kw_end..].starts_with(" of ") => Some((
                Phrase {
                    members: vec![Member::new(at..kw_end, n.to_string())],
                    end: kw_end,
                },
                Back::That,
            )),
            None => None,
        };
    }
    // "paragraph 3 of this article", "paragraphs 1 and 2 thereof".
    let numbers = number_run(text, spaces(text, kw_end));
    let (end, back) = paragraph_end(text, &numbers, within)?;
    let members = numbers
        .iter()
        .enumerate()
        .map(|(k, l)| {
            // A range's members share its end's words.
            let words = numbers[k..]
                .iter()
                .take_while(|m| m.end == l.end)
                .last()
                .map_or(l.label.len(), |m| m.label.len());
            Member {
                words: if k == 0 { at } else { l.end - words }..l.end,
                address: l.label.clone(),
                from: l.from.clone(),
            }
        })
        .collect();
    Some((Phrase { members, end }, back))
}

/// Where the words naming paragraphs `numbers` of an article named before
/// end, and which article that is: after a back reference ("of this
/// article", "thereof"), or, in an instrument's own text (`within`), right
/// after the numbers when nothing says they are another text's ("of the
/// Directive", "2(a)").
fn paragraph_end(text: &str, numbers: &[Label], within: bool) -> Option<(usize, Back)> {
    let last = numbers.last()?.end;
    match back_reference(text, last) {
        Some(found) => Some(found),
        None if within && !text[last..].starts_with(" of ") && !text[last..].starts_with('(') => {
            Some((last, Back::Bare))
        }
        None => None,
    }
}

/// "point (h) of paragraph 2", "points (a) and (b) of paragraph 1 of this
/// Article", "point (f) of the first subparagraph of paragraph 1 thereof":
/// points of a paragraph of the article named before. `kw_start..kw_end`
/// is the point keyword; `within` as for [`paragraph_of_named`], and
/// `named`: an article is named before in the sentence, or the chapter
/// comments on one, so that a paragraph with points is that article's.
/// Each member's address is its paragraph and point (`(2)(h)`), for the
/// caller to put after the article meant.
pub fn points_of_paragraph(
    text: &str,
    kw_start: usize,
    kw_end: usize,
    within: bool,
    named: bool,
) -> Option<(Phrase, Back)> {
    let labels = label_run(text, spaces(text, kw_end));
    let labels_end = labels.last()?.end;
    let of = word_at(text, spaces(text, labels_end), "of")?;
    let mut at = spaces(text, of);
    // `of the first subparagraph of` adds nothing to a point's address.
    if let Some((end, _)) = ordinal_subparagraph(text, at) {
        let of2 = word_at(text, spaces(text, end), "of")?;
        at = spaces(text, of2);
    }
    let kw = any_word(text, at, &["paragraph", "para.", "para"])?;
    let numbers = number_run(text, spaces(text, kw));
    // One paragraph: its points are listed, not its numbers.
    let [
        Label {
            end: number_end,
            label: number,
            from: None,
        },
    ] = &numbers[..]
    else {
        return None;
    };
    // A point of a paragraph is the text's, never the commentary's own:
    // with an article in view, "point (h) of paragraph 2" is its.
    let (end, back) = paragraph_end(text, &numbers, within || named)?;
    let mut members = Vec::new();
    let mut from = kw_start;
    for (k, l) in labels.iter().enumerate() {
        if k > 0 && labels[k - 1].end < l.end {
            from = labels[k - 1].end;
        }
        members.push(Member {
            words: from..l.end,
            address: format!("({number})({})", l.label),
            from: l.from.as_ref().map(|f| format!("({number})({f})")),
        });
    }
    if let Some(last) = members.last_mut() {
        last.words.end = end.max(*number_end);
    }
    Some((Phrase { members, end }, back))
}

/// `second subparagraph`, `first indent` at `at`: the position's number.
fn ordinal_subparagraph(text: &str, at: usize) -> Option<(usize, usize)> {
    let at = word_at(text, at, "the").map_or(at, |e| spaces(text, e));
    let word_end = text[at..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(text.len(), |e| at + e);
    let n = crate::parse::instrument::label::ordinal_value(&text[at..word_end])?;
    let kw = spaces(text, word_end);
    let end = any_word(text, kw, &["subparagraph", "sub-paragraph"])?;
    Some((end, n))
}

/// Joins an article and its parts into an address: `6` + `1`, `f` → `6(1)(f)`.
fn address(article: &str, parts: &[String]) -> String {
    let mut out = article.to_string();
    for (k, p) in parts.iter().enumerate() {
        if p.starts_with('[') {
            // A point's address skips its subparagraph: "Article 6(1), first
            // subparagraph, point (f)" is 6(1)(f).
            if k + 1 < parts.len() {
                continue;
            }
            out.push_str(p);
        } else {
            out.push('(');
            out.push_str(p);
            out.push(')');
        }
    }
    out
}

/// What kind of label a part is, to tell which part a bare `(3)` replaces.
fn label_kind(label: &str) -> u8 {
    if label.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else if label.starts_with('[') {
        3
    } else if label.len() > 1 && label.bytes().all(|b| b"ivxlc".contains(&b)) {
        2
    } else if label.bytes().all(|b| b.is_ascii_uppercase()) {
        4
    } else {
        1
    }
}

/// `5 § 1 (f)`, `12 to 22`, `1, 3 and 16 (1)`, `21(2) and (3)` after an
/// article keyword ending at `at`.
pub fn articles(text: &str, at: usize, start: usize) -> Option<Phrase> {
    articles_in(text, at, start, Decimal::Never, None)
}

/// A statute's sections, `decimal` saying how `98.1` reads: `s. 98.1`,
/// `ss. 96 and 97`, `subsection 109.1(1)`, `paragraph 101(1)(b.1)`.
pub fn sections(text: &str, at: usize, start: usize, decimal: Decimal) -> Option<Phrase> {
    articles_in(text, at, start, decimal, None)
}

/// Parts of the section a statute's text is in, as its drafters write
/// them: "subsection (1)", "paragraph (1)(c)", "subsections (3.1), (4) and
/// (6)". Each member's address is its parts (`(1)(c)`), for the caller to
/// put after the section's number.
pub fn own_parts(text: &str, at: usize, start: usize) -> Option<Phrase> {
    articles_in(
        text,
        at,
        start,
        Decimal::Never,
        Some((String::new(), Vec::new())),
    )
}

fn articles_in(
    text: &str,
    at: usize,
    start: usize,
    decimal: Decimal,
    own: Option<Last>,
) -> Option<Phrase> {
    let mut members: Vec<Member> = Vec::new();
    let mut pos = spaces(text, at);
    let roman = true;
    // The previous member's article and parts, for `(3)` and `-(e)`.
    let mut last: Option<Last> = own.clone();
    loop {
        let member_start = pos;
        let number = match own {
            Some(_) => None,
            None => number_in(text, pos, roman, decimal),
        };
        if let Some((num_end, number)) = number {
            let (mut end, mut alternatives) = parts(text, num_end, !singular(text, start));
            if members.is_empty()
                && singular(text, start)
                && let [only] = &mut alternatives[..]
                && only.parts.is_empty()
                && let Some((e, labels)) = hyphenated_parts(text, end, &number)
            {
                only.parts = labels;
                end = e;
            }
            for alt in &alternatives {
                members.push(Member {
                    words: member_start..end,
                    address: address(&number, &alt.parts),
                    from: alt.from.as_ref().map(|f| address(&number, f)),
                });
            }
            let parts = alternatives.last().map(|a| a.parts.clone());
            last = Some((number, parts.unwrap_or_default()));
            pos = end;
        } else if let (Some((article, prev)), Some((end, label))) =
            (&last, bracket_label(text, pos))
        {
            // `21(2) and (3)`: the part replaces the previous one of its kind.
            let kind = label_kind(&label);
            let keep = prev
                .iter()
                .position(|p| label_kind(p) == kind)
                .unwrap_or(prev.len());
            let mut parts: Vec<String> = prev[..keep].to_vec();
            parts.push(label);
            let (end, more) = self::parts(text, end, !singular(text, start));
            let more = more.into_iter().next().unwrap_or_default().parts;
            let parts = [parts, more].concat();
            members.push(Member::new(member_start..end, address(article, &parts)));
            last = Some((article.clone(), parts));
            pos = end;
        } else {
            break;
        }
        // A range: `12 to 22`, `12–22`, `(b)-(e)`, `(a) to (j)`.
        if let Some(to) = range_to(text, pos)
            && let Some(expanded) = expand_range(text, to, &last, decimal)
        {
            let (end, addresses, new_last) = expanded;
            let from = last.as_ref().map(|(a, parts)| address(a, parts));
            for a in addresses {
                members.push(Member {
                    words: to..end,
                    address: a,
                    from: from.clone(),
                });
            }
            last = Some(new_last);
            pos = end;
        }
        match separator(text, pos) {
            Some(next)
                if (own.is_none() && number_in(text, next, roman, decimal).is_some())
                    || bracket_label(text, next).is_some() =>
            {
                pos = next
            }
            _ => break,
        }
    }
    if members.is_empty() {
        return None;
    }
    members[0].words.start = start;
    Some(Phrase { end: pos, members })
}

/// Whether the keyword at `start` names one article ("Article", "Art."),
/// not several.
fn singular(text: &str, start: usize) -> bool {
    let word: String = text[start..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    word == "article" || word == "art"
}

/// HUDOC's way of writing a paragraph and point: "Article 35-3" is Article
/// 35 § 3, "Article 5-1-f" Article 5 § 1 (f). Read so only after one
/// article whose number is greater than the paragraph's, which a range
/// ("Article 12-22") never is.
fn hyphenated_parts(text: &str, at: usize, number: &str) -> Option<(usize, Vec<String>)> {
    let article: u32 = number.parse().ok()?;
    let rest = text[at..].strip_prefix('-')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let paragraph: u32 = rest.get(..digits).filter(|d| d.len() <= 2)?.parse().ok()?;
    if paragraph == 0 || paragraph >= article {
        return None;
    }
    let mut end = at + 1 + digits;
    let mut labels = vec![paragraph.to_string()];
    if let Some(point) = text[end..].strip_prefix('-')
        && point.starts_with(|c: char| c.is_ascii_lowercase())
        && !point[1..].starts_with(|c: char| c.is_alphanumeric())
    {
        labels.push(point[..1].to_string());
        end += 2;
    }
    if text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    Some((end, labels))
}

/// A list member's article and parts, for the member after it.
type Last = (String, Vec<String>);

/// The members after a range's dash, the range's start being `last`: the
/// counted ones between, then the end.
fn expand_range(
    text: &str,
    to: usize,
    last: &Option<Last>,
    decimal: Decimal,
) -> Option<(usize, Vec<String>, Last)> {
    let (article, prev) = last.as_ref()?;
    if let Some((end, label)) = bracket_label(text, to) {
        let from = prev.last()?;
        let between = counted(from, &label)?;
        let base = &prev[..prev.len() - 1];
        let with = |label: String| [base.to_vec(), vec![label]].concat();
        let out = between
            .into_iter()
            .chain([label.clone()])
            .map(|l| address(article, &with(l)))
            .collect();
        return Some((end, out, (article.clone(), with(label))));
    }
    if !prev.is_empty() {
        return None;
    }
    // A roman end only after a roman start: "to I" is mostly English.
    let roman = article.starts_with(|c: char| c.is_ascii_uppercase());
    let (end, number) = number_in(text, to, roman, decimal)?;
    let between = counted_articles(article, &number)?;
    let (end, more) = parts(text, end, false);
    if more.iter().any(|m| !m.parts.is_empty()) {
        return None;
    }
    let out = between.into_iter().chain([number.clone()]).collect();
    Some((end, out, (number, Vec::new())))
}

/// The articles or sections a range from `from` to `to` has between its
/// ends by counting (`12` to `15`: `13`, `14`), or none where counting
/// cannot tell (`8` to `8 bis`, `98.1` to `100`, `I` to `III`), the
/// instrument's own order deciding; `None` for a range the wrong way round.
fn counted_articles(from: &str, to: &str) -> Option<Vec<String>> {
    if let (Ok(a), Ok(b)) = (from.parse::<u32>(), to.parse::<u32>()) {
        return (b > a && b - a <= MAX_RANGE).then(|| (a + 1..b).map(|v| v.to_string()).collect());
    }
    let roman = crate::parse::instrument::label::roman_value;
    // The number an article's inserted or lettered number starts with.
    let leading = |n: &str| {
        let d = n.bytes().take_while(u8::is_ascii_digit).count();
        n[..d].parse::<u32>().ok()
    };
    let ordered = match (leading(from), leading(to)) {
        (Some(a), Some(b)) => a <= b && b - a <= MAX_RANGE,
        (None, None) => matches!((roman(from), roman(to)), (Some(a), Some(b)) if a < b),
        _ => false,
    };
    (ordered && from != to).then(Vec::new)
}

fn label_value(label: &str) -> Option<u32> {
    match label_kind(label) {
        0 => label.parse().ok(),
        1 if label.len() == 1 => Some(u32::from(label.as_bytes()[0] - b'a')),
        _ => None,
    }
}

fn value_label(v: u32, kind: u8) -> String {
    if kind == 0 {
        v.to_string()
    } else {
        char::from(b'a' + v as u8).to_string()
    }
}

/// Part keywords of inverted citations.
const INVERTED_WORDS: &[&str] = &[
    "points",
    "point",
    "subparagraphs",
    "subparagraph",
    "sub-paragraphs",
    "sub-paragraph",
    "paragraphs",
    "paragraph",
    "paras.",
    "paras",
    "para.",
    "para",
];

/// "point (f) of Article 6(1)", "paragraphs 1 and 2 of Article 17", "the
/// second subparagraph of Article 6(1)", "point (f) of the first
/// subparagraph of Article 6(1)": parts named before the article they
/// belong to. `at` is where the part keyword ends, `start` where it begins.
pub fn inverted(text: &str, kw_start: usize, kw_end: usize, start: usize) -> Option<Phrase> {
    let pos = spaces(text, kw_end);
    let paragraph_kw = text[kw_start..kw_end]
        .to_ascii_lowercase()
        .starts_with("para");
    let labels: Vec<Label> = if paragraph_kw {
        number_run(text, pos)
    } else {
        label_run(text, pos)
    };
    let labels_end = labels.last()?.end;
    let of = word_at(text, spaces(text, labels_end), "of")?;
    let mut at = spaces(text, of);
    // `of the first subparagraph of` adds nothing to a point's address.
    if let Some((end, _)) = ordinal_subparagraph(text, at) {
        let of2 = word_at(text, spaces(text, end), "of")?;
        at = spaces(text, of2);
    }
    let outer = outer(text, at)?;
    let mut members = Vec::new();
    let mut from = start;
    for (k, l) in labels.iter().enumerate() {
        // The members a range expands to share the words of its end.
        if k > 0 && labels[k - 1].end < l.end {
            from = labels[k - 1].end;
        }
        for base in &outer.members {
            members.push(Member {
                words: from..l.end,
                address: insert_part(&base.address, &l.label),
                from: l.from.as_ref().map(|f| insert_part(&base.address, f)),
            });
        }
    }
    if let Some(last) = members.last_mut() {
        last.words.end = outer.end;
    }
    Some(Phrase {
        members,
        end: outer.end,
    })
}

/// `6(1)` + `f` → `6(1)(f)`.
fn insert_part(base: &str, label: &str) -> String {
    format!("{base}({label})")
}

/// What an inverted part is "of": an article phrase, or another inverted one.
fn outer(text: &str, at: usize) -> Option<Phrase> {
    if let Some(kw) = any_word(
        text,
        at,
        &["articles", "article", "arts.", "art.", "arts", "art"],
    ) {
        let phrase = articles(text, kw, at)?;
        // An inverted part belongs to one article only.
        return (phrase.members.len() == 1).then_some(phrase);
    }
    let kw = any_word(text, at, INVERTED_WORDS)?;
    let inner = inverted(text, at, kw, at)?;
    (inner.members.len() == 1).then_some(inner)
}

/// "the second subparagraph of Article 6(1)" with `at` at "second" (or "the").
pub fn subparagraph(text: &str, at: usize) -> Option<Phrase> {
    let (end, n) = ordinal_subparagraph(text, at)?;
    let of = word_at(text, spaces(text, end), "of")?;
    let outer = outer(text, spaces(text, of))?;
    let base = &outer.members.first()?.address;
    Some(Phrase {
        members: vec![Member::new(at..outer.end, format!("{base}[{n}]"))],
        end: outer.end,
    })
}

/// "recital 47", "Recital (47)", "recitals 47 to 50", "recitals 39 and 40".
pub fn recitals(text: &str, kw_end: usize, start: usize) -> Option<Phrase> {
    let mut members = Vec::new();
    let mut pos = spaces(text, kw_end);
    let number = |pos: usize| -> Option<(usize, u32)> {
        let (inner, extra) = match text[pos..].strip_prefix('(') {
            Some(_) => (pos + 1, 1),
            None => (pos, 0),
        };
        let digits = text[inner..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let end = inner + digits;
        if extra == 1 && !text[end..].starts_with(')') {
            return None;
        }
        let end = end + extra;
        if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        Some((end, text[inner..inner + digits].parse().ok()?))
    };
    loop {
        let (end, n) = number(pos)?;
        let member_start = if members.is_empty() { start } else { pos };
        members.push(Member::new(member_start..end, format!("preamble({n})")));
        pos = end;
        if let Some(to) = range_to(text, pos)
            && let Some((end, m)) = number(to)
            && m > n
            && m - n <= MAX_RANGE
        {
            for v in n + 1..=m {
                members.push(Member {
                    words: to..end,
                    address: format!("preamble({v})"),
                    from: Some(format!("preamble({n})")),
                });
            }
            pos = end;
        }
        match separator(text, pos).filter(|&n| number(n).is_some()) {
            Some(n) => pos = n,
            None => break,
        }
    }
    Some(Phrase { end: pos, members })
}

/// "Chapter III", "Section 2 of Chapter III", "Part 2", "Annex I" after
/// the container's word at `kw_start..kw_end`, as the instrument reader
/// addresses containers (`Chapter III, Section 2`).
pub fn container(text: &str, kw_start: usize, kw_end: usize) -> Option<Phrase> {
    let word = |at: usize, end: usize| {
        let w = &text[at..end];
        let mut c = w.chars();
        c.next()
            .map(|f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect::<String>()
            })
            .unwrap_or_default()
    };
    let number = |at: usize| -> Option<(usize, String)> {
        let n = text[at..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(text.len(), |e| at + e);
        let s = &text[at..n];
        let ok = (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            || crate::parse::instrument::label::roman_value(s).is_some();
        ok.then(|| (n, s.to_string()))
    };
    let (end, n) = number(spaces(text, kw_end))?;
    let mut address = format!("{} {n}", word(kw_start, kw_end));
    let mut end = end;
    // "Section 2 of Chapter III".
    if let Some(of) = word_at(text, spaces(text, end), "of")
        && let Some(kw) = any_word(text, spaces(text, of), &["chapter", "part", "title"])
        && let Some((e, outer)) = number(spaces(text, kw))
    {
        let outer_word = word(spaces(text, of), kw);
        address = format!("{outer_word} {outer}, {address}");
        end = e;
    }
    Some(Phrase {
        members: vec![Member::new(kw_start..end, address)],
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arts(text: &str) -> Vec<String> {
        let kw = text.find(' ').unwrap();
        articles(text, kw, 0)
            .map(|p| p.members.into_iter().map(|m| m.address).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_forms_lawyers_write() {
        assert_eq!(arts("Article 5 § 1 (f)"), ["5(1)(f)"]);
        assert_eq!(arts("Article 5 §§ 1 and 4"), ["5(1)", "5(4)"]);
        assert_eq!(arts("Art. 9 para. 2"), ["9(2)"]);
        assert_eq!(arts("Article 33, paragraph 2, of"), ["33(2)"]);
        assert_eq!(arts("Art. 6 (1) (f)"), ["6(1)(f)"]);
        assert_eq!(arts("art 5(1)(f)"), ["5(1)(f)"]);
        assert_eq!(arts("Article 1A(2)"), ["1A(2)"]);
        assert_eq!(arts("Article 1 A (2)"), ["1A(2)"]);
        assert_eq!(arts("article I, paragraph 2, of"), ["I(2)"]);
        assert_eq!(arts("Article 8 bis"), ["8 bis"]);
        assert_eq!(arts("Art. 8(bis)"), ["8 bis"]);
        // The United States Constitution's sections and clauses.
        assert_eq!(arts("Article I, Section 2, Clause 3"), ["I(2)[3]"]);
        assert_eq!(arts("Art. I, § 8, cl. 18"), ["I(8)[18]"]);
        assert_eq!(arts("Article II, section 1"), ["II(1)"]);
        // Without the comma, "Section 2" is no part of the article.
        assert_eq!(arts("Article 5 Section 2"), ["5"]);
        assert_eq!(arts("Article 15(ter)(2)"), ["15 ter(2)"]);
        assert_eq!(arts("Art. 6 Abs. 1 lit. f"), ["6(1)(f)"]);
        assert_eq!(
            arts("Articles 3, 4 (paragraph 1) and 7"),
            ["3", "4(1)", "7"]
        );
        assert_eq!(arts("Articles 2, 3, 4 § 1 and 7"), ["2", "3", "4(1)", "7"]);
        assert_eq!(arts("Article 5 §§ 1 and 4"), ["5(1)", "5(4)"]);
        assert_eq!(arts("Article 5 § 1-3").len(), 3);
        assert_eq!(arts("Art. 6(1) lit. f"), ["6(1)(f)"]);
        assert_eq!(arts("Art. 4 Nr. 11"), ["4(11)"]);
        // HUDOC's hyphens, for one article: not a range.
        assert_eq!(arts("Article 35-3"), ["35(3)"]);
        assert_eq!(arts("Article 5-1-f"), ["5(1)(f)"]);
        assert_eq!(arts("Article 12-22").len(), 11);
        assert_eq!(arts("Articles 5-3"), ["5"]);
        assert_eq!(arts("Article 8(2)(b)(xxvi)"), ["8(2)(b)(xxvi)"]);
        assert_eq!(arts("Article 6(1), second subparagraph"), ["6(1)[2]"]);
        assert_eq!(
            arts("Article 6(1), first subparagraph, point (f)"),
            ["6(1)(f)"]
        );
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(arts("Arts. 12–14"), ["12", "13", "14"]);
        assert_eq!(arts("Articles 12 to 14"), ["12", "13", "14"]);
        assert_eq!(
            arts("Article 17(3)(b)-(e)"),
            ["17(3)(b)", "17(3)(c)", "17(3)(d)", "17(3)(e)"]
        );
        assert_eq!(
            arts("Article 23(1)(a) to (c)"),
            ["23(1)(a)", "23(1)(b)", "23(1)(c)"]
        );
        assert_eq!(arts("Article 21(2) and (3)"), ["21(2)", "21(3)"]);
        assert_eq!(
            arts("Articles 1, 3, 16 (1), 33 and 36–38"),
            ["1", "3", "16(1)", "33", "36", "37", "38"]
        );
        assert_eq!(arts("Article 6(1)(a) and (f)"), ["6(1)(a)", "6(1)(f)"]);
        assert_eq!(arts("Article 5 (1950)"), ["5"]);
        assert_eq!(arts("Article 3 (prohibition of torture)"), ["3"]);
    }

    fn inv(text: &str) -> Vec<String> {
        let kw = text.find(' ').unwrap();
        inverted(text, 0, kw, 0)
            .map(|p| p.members.into_iter().map(|m| m.address).collect())
            .unwrap_or_default()
    }

    #[test]
    fn inverted_forms() {
        assert_eq!(inv("point (f) of Article 6(1)"), ["6(1)(f)"]);
        assert_eq!(
            inv("points (e) or (f) of Article 6(1)"),
            ["6(1)(e)", "6(1)(f)"]
        );
        assert_eq!(inv("paragraphs 1 and 2 of Article 17"), ["17(1)", "17(2)"]);
        assert_eq!(
            inv("point (f) of the first subparagraph of Article 6(1)"),
            ["6(1)(f)"]
        );
        assert_eq!(inv("point (b) of paragraph 3 of Article 17"), ["17(3)(b)"]);
        // Without the article, a point of a paragraph of the one in view.
        let pp = |t: &str, within: bool, named: bool| {
            let kw = t.find(' ').unwrap();
            points_of_paragraph(t, 0, kw, within, named).map(|(p, b)| {
                (
                    p.members.into_iter().map(|m| m.address).collect::<Vec<_>>(),
                    b,
                )
            })
        };
        assert_eq!(
            pp("point (h) of paragraph 2 when", true, false),
            Some((vec!["(2)(h)".to_string()], Back::Bare))
        );
        assert_eq!(
            pp(
                "points (a) to (c) of paragraph 1 of this Article",
                false,
                false
            ),
            Some((
                vec!["(1)(a)".into(), "(1)(b)".into(), "(1)(c)".into()],
                Back::This
            ))
        );
        assert_eq!(pp("point (h) of paragraph 2 when", false, false), None);
        assert_eq!(
            pp("point (h) of paragraph 2 of the Guidelines", true, true),
            None
        );
        assert_eq!(pp("point (h) of paragraphs 2 and 3", true, true), None);
        let text = "the second subparagraph of Article 6(1)";
        assert_eq!(subparagraph(text, 0).unwrap().members[0].address, "6(1)[2]");
        assert!(inv("paragraph 90 of the judgment").is_empty());
    }

    #[test]
    fn a_canadian_statutes_numbers() {
        let secs = |t: &str, d: Decimal| {
            let kw = t.find(' ').unwrap();
            sections(t, kw, 0, d)
                .map(|p| p.members.into_iter().map(|m| m.address).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(secs("s. 98.1", Decimal::Always), ["98.1"]);
        assert_eq!(secs("subsection 109.1(1)", Decimal::Always), ["109.1(1)"]);
        assert_eq!(secs("ss. 96 and 97", Decimal::Always), ["96", "97"]);
        assert_eq!(
            secs("paragraph 101(1)(b.1)", Decimal::BeforeBracket),
            ["101(1)(b.1)"]
        );
        assert_eq!(
            secs("paragraph 98.1(1)(a)", Decimal::BeforeBracket),
            ["98.1(1)(a)"]
        );
        assert_eq!(secs("paragraph 26.1", Decimal::BeforeBracket), ["26(1)"]);
        assert_eq!(arts("Article 33.2"), ["33(2)"]);
        assert_eq!(
            secs("subsections 110(1.1) and (2.1)", Decimal::Always),
            ["110(1.1)", "110(2.1)"]
        );
        let own = |t: &str| {
            let kw = t.find(' ').unwrap();
            own_parts(t, kw, 0)
                .map(|p| p.members.into_iter().map(|m| m.address).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(own("paragraph (1)(c) only"), ["(1)(c)"]);
        assert_eq!(
            own("subsections (3.1), (4) and (6)"),
            ["(3.1)", "(4)", "(6)"]
        );
        assert_eq!(own("subsections (1) to (3)"), ["(1)", "(2)", "(3)"]);
        assert!(own("subsection 97(1)").is_empty());
    }

    #[test]
    fn recital_forms() {
        let r = |t: &str| {
            let kw = t.find(' ').unwrap();
            recitals(t, kw, 0)
                .map(|p| p.members.into_iter().map(|m| m.address).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(r("recital 47"), ["preamble(47)"]);
        assert_eq!(r("Recital (47)"), ["preamble(47)"]);
        assert_eq!(
            r("recitals 47 to 49"),
            ["preamble(47)", "preamble(48)", "preamble(49)"]
        );
        assert_eq!(r("recitals 39 and 40"), ["preamble(39)", "preamble(40)"]);
    }
}
