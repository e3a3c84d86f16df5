//! The edition's declared cases: every `.toml` file of `content/cases/`, one
//! `[[case]]` table per judgment, read strictly (unknown keys are warnings,
//! bad values errors, each at its line and column) and checked, so that a
//! declaration that could never be found or linked is said where it is
//! written rather than silently left out.

use serde::Deserialize;
use toml::Spanned;

use super::{Case, CaseId};
use crate::diag::{Diagnostic, FileId, Span};

/// One `[[case]]` table as written.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    case: Vec<RawCase>,
}

#[derive(Deserialize)]
struct RawCase {
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    citation: Option<String>,
    court: Option<String>,
    date: Option<Spanned<String>>,
    number: Option<String>,
    ecli: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    #[serde(rename = "paragraph-url")]
    paragraph_url: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// Reads the case files (`(display name, file id, text)`, in path order) into
/// the edition's cases, in declaration order. A case without a name, with a
/// malformed ECLI, date or address, or with another case's id, is an error
/// and left out.
pub(super) fn read(files: &[(String, FileId, &str)], diags: &mut Vec<Diagnostic>) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (name, file, text) in files {
        let Some(raw) = crate::strict_toml::parse::<RawFile>(text, *file, 0, diags) else {
            continue;
        };
        if raw.case.is_empty() {
            diags.push(
                Diagnostic::warning(
                    format!("`{name}` declares no case"),
                    Span::new(*file, 0..0),
                )
                .with_help("declare each judgment in a `[[case]]` table with at least `name = \"…\"` (the README shows one)"),
            );
            continue;
        }
        let headers = crate::strict_toml::array_headers(text, "case");
        for (k, raw) in raw.case.into_iter().enumerate() {
            let header = Span::new(*file, headers.get(k).cloned().unwrap_or(0..0));
            if let Some(case) = check(raw, *file, header, CaseId(cases.len()), &cases, diags) {
                cases.push(case);
            }
        }
    }
    cases
}

/// One declaration checked into a [`Case`], or `None` (with an error) when
/// it cannot be one.
fn check(
    raw: RawCase,
    file: FileId,
    header: Span,
    id: CaseId,
    before: &[Case],
    diags: &mut Vec<Diagnostic>,
) -> Option<Case> {
    let at = |s: &Spanned<String>| Span::new(file, s.span());
    let Some(name) = raw.name.filter(|n| !n.get_ref().trim().is_empty()) else {
        diags.push(
            Diagnostic::error("this case has no `name`, so no citation can find it", header)
                .with_help("give the short name the text cites it by, e.g. `name = \"Saadi v. the United Kingdom\"`"),
        );
        return None;
    };
    let mut ok = true;
    let key = match &raw.id {
        Some(given) => {
            let value = given.get_ref().trim();
            if value.is_empty()
                || !value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                diags.push(
                    Diagnostic::error(format!("case id `{value}` must be letters, digits, `-` and `_`"), at(given))
                        .with_help("the id names the case's entry in the Table of Cases (`cases.html#case-ID`); write it as `saadi` or `google-spain`"),
                );
                ok = false;
            }
            value.to_string()
        }
        None => slug(name.get_ref()),
    };
    let place = raw.id.as_ref().map_or(header.clone(), at);
    if let Some(first) = before.iter().find(|c| c.key == key) {
        diags.push(
            Diagnostic::error(
                format!(
                    "two cases have the id `{key}` (the first is `{}`)",
                    first.name
                ),
                place.clone(),
            )
            .with_help("give each case an `id` of its own"),
        );
        ok = false;
    }
    let date = raw.date.as_ref().map(|d| d.get_ref().trim().to_string());
    if let (Some(d), Some(written)) = (&date, &raw.date)
        && !is_date(d)
    {
        diags.push(
            Diagnostic::error(format!("case date `{d}` is not a date"), at(written))
                .with_help("write the date of the judgment as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), in quotes: `date = \"2008-01-29\"`"),
        );
        ok = false;
    }
    let ecli = raw.ecli.as_ref().map(|e| e.get_ref().trim().to_string());
    if let (Some(e), Some(written)) = (&ecli, &raw.ecli)
        && super::grammar::ecli_len(e) != Some(e.len())
    {
        diags.push(
            Diagnostic::error(format!("`{e}` is not a European Case Law Identifier"), at(written))
                .with_help("an ECLI is `ECLI:` then the country, the court, the year and the decision's number, separated by colons: `ECLI:EU:C:2014:317`"),
        );
        ok = false;
    }
    let url = raw.url.as_ref().map(|u| u.get_ref().trim().to_string());
    if let (Some(u), Some(written)) = (&url, &raw.url)
        && !(u.starts_with("https://") || u.starts_with("http://"))
    {
        diags.push(
            Diagnostic::error(format!("case address `{u}` is not a web address"), at(written))
                .with_help("give the judgment's official address, starting with `https://` (HUDOC, CURIA, EUR-Lex, the court's site)"),
        );
        ok = false;
    }
    let paragraph_url = raw
        .paragraph_url
        .as_ref()
        .map(|u| u.get_ref().trim().to_string());
    if let (Some(u), Some(written)) = (&paragraph_url, &raw.paragraph_url)
        && !((u.starts_with("https://") || u.starts_with("http://"))
            && u.matches("{n}").count() == 1)
    {
        diags.push(
            Diagnostic::error(format!("`{u}` is not the address of a paragraph of the judgment"), at(written))
                .with_help("give the address of one numbered paragraph with `{n}` where its number goes, as the official site anchors its paragraphs: `paragraph-url = \"https://example.org/judgment.html#para{n}\"`"),
        );
        ok = false;
    }
    let mut aliases = Vec::new();
    for alias in &raw.aliases {
        let a = alias.get_ref().trim();
        if a.is_empty() {
            diags.push(
                Diagnostic::warning("an empty alias is ignored", at(alias))
                    .with_help("remove it, or write the name the text abbreviates the case to"),
            );
        } else if a != name.get_ref().trim() && !aliases.iter().any(|x| x == a) {
            aliases.push(a.to_string());
        }
    }
    if !ok {
        return None;
    }
    let name_text = name.get_ref().trim().to_string();
    let numbers = raw
        .number
        .as_deref()
        .map(super::grammar::numbers_in)
        .unwrap_or_default();
    Some(Case {
        id,
        key,
        citation: raw
            .citation
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| name_text.clone()),
        name: name_text,
        court: raw
            .court
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        date,
        number: raw
            .number
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        numbers,
        ecli,
        url,
        paragraph_url,
        aliases,
        declared: header,
    })
}

/// A case's id made of its name: lower-case letters and digits, words
/// joined by `-` (`Saadi v. the United Kingdom` → `saadi-v-the-united-kingdom`).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_alphanumeric()) {
        let word: String = word
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() { "case".into() } else { out }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a month and day that can be.
fn is_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts[..] {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, day] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> (Vec<Case>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let cases = read(&[("cases/x.toml".into(), FileId(0), text)], &mut diags);
        (cases, diags)
    }

    #[test]
    fn a_declaration_is_read_with_its_numbers_and_aliases() {
        let (cases, diags) = read_one(
            "[[case]]\nname = \"Saadi v. the United Kingdom\"\nnumber = \"13229/03\"\naliases = [\"Saadi\"]\necli = \"ECLI:CE:ECHR:2008:0129JUD001322903\"\ndate = \"2008-01-29\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let c = &cases[0];
        assert_eq!(c.key, "saadi-v-the-united-kingdom");
        assert_eq!(c.numbers, ["13229/03"]);
        assert_eq!(c.aliases, ["Saadi"]);
        assert_eq!(c.citation, c.name);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_placed() {
        let text =
            "[[case]]\nname = \"A v. B\"\ncourt = \"X\"\ntitel = \"y\"\necli = \"EU:C:2014:317\"\n";
        let (cases, diags) = read_one(text);
        assert!(cases.is_empty());
        let unknown = diags.iter().find(|d| d.message.contains("titel")).unwrap();
        assert_eq!(&text[unknown.span.as_ref().unwrap().range.clone()], "titel");
        let ecli = diags.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(
            &text[ecli.span.as_ref().unwrap().range.clone()],
            "\"EU:C:2014:317\""
        );
    }

    #[test]
    fn a_case_without_a_name_or_with_an_id_taken_is_an_error_at_its_header() {
        let text = "[[case]]\ncourt = \"X\"\n\n[[case]]\nid = \"a\"\nname = \"A\"\n[[case]]\nid = \"a\"\nname = \"B\"\n";
        let (cases, diags) = read_one(text);
        assert_eq!(cases.len(), 1);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(diags[0].span.as_ref().unwrap().range, 0..8);
        assert_eq!(
            &text[diags[1].span.as_ref().unwrap().range.clone()],
            "\"a\""
        );
    }

    #[test]
    fn dates_are_checked() {
        for good in ["2008", "2008-01", "2008-01-29"] {
            assert!(is_date(good), "{good}");
        }
        for bad in ["29 January 2008", "2008-13-01", "08-01-29", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
