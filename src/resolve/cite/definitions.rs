//! Names a text defines for itself, as lawyers write them: "the Convention
//! for the Protection of Human Rights and Fundamental Freedoms (“the
//! Convention”)", "Regulation (EU) 2016/679 (hereinafter “the GDPR”)". From
//! the definition on, the page's "the Convention" means that instrument,
//! even where the edition holds two that are called so; a name defined for
//! an instrument the edition does not hold ("the Charter of Fundamental
//! Rights of the European Union (“the Charter”)") is never linked to one of
//! the edition's.

use std::ops::Range;

use super::names::{Aliases, Meant};

/// A name the text defined, for the rest of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct Defined {
    /// The name as [`key`] makes it: "convention" for “the Convention”.
    pub key: String,
    /// The name as written, without a leading "the": "Convention".
    pub written: String,
    /// None of the instruments' own names: found in the text by itself.
    pub novel: bool,
    /// The instrument it means, or [`Meant::Foreign`] for one the edition
    /// does not hold.
    pub instrument: Meant,
}

/// A name as a definition and an alias are compared: lower case, without
/// a leading "the ".
pub fn key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    match lower.strip_prefix("the ") {
        Some(rest) => rest.trim_start().to_string(),
        None => lower,
    }
}

/// The definitions in `text`: a name of an instrument (`mentions`, in
/// order) followed in the same sentence by a bracket that holds only a
/// quoted name, perhaps after "hereinafter" or "referred to as"; each with
/// where its bracket opens, from which on it holds.
pub fn find(
    text: &str,
    mentions: &[(Range<usize>, Meant)],
    aliases: &Aliases,
) -> Vec<(usize, Defined)> {
    let mut out = Vec::new();
    for (k, (range, owner)) in mentions.iter().enumerate() {
        let instrument = match *owner {
            Meant::Ambiguous => continue,
            Meant::Foreign | Meant::Unknown => Meant::Foreign,
            i => i,
        };
        // The bracket opens before the next name (the quoted name inside
        // it is a mention too, so the limit is never before the bracket).
        let limit = mentions
            .get(k + 1)
            .map_or(text.len(), |(r, _)| r.start)
            .max(range.end);
        // The first bracket that holds a quoted name; brackets of the name
        // itself ("Regulation (EU) 2016/679") are passed over.
        let Some((open, name)) = text[range.end..limit]
            .match_indices('(')
            .map(|(o, _)| range.end + o)
            .take_while(|&open| {
                let between = &text[range.end..open];
                between.len() <= 80 && !between.contains([';', '“', '"']) && !between.contains(". ")
            })
            .find_map(|open| Some((open, quoted_name(&text[open + 1..])?)))
        else {
            continue;
        };
        let written = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
            .unwrap_or(name)
            .to_string();
        let key = key(&written);
        out.push((
            open,
            Defined {
                novel: !aliases.knows(&key),
                key,
                written,
                instrument,
            },
        ));
    }
    out
}

/// The name in `(“the Convention”)`, `("GDPR")`, `(hereinafter: the
/// ‘Charter’)`, `(referred to as “the Protocol”)`: `rest` starts right after
/// the opening bracket. `None` unless the bracket holds nothing else.
fn quoted_name(rest: &str) -> Option<&str> {
    let mut rest = rest.trim_start();
    for lead in ["hereinafter", "referred to as", "called"] {
        if rest
            .get(..lead.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(lead))
        {
            rest = rest[lead.len()..].trim_start_matches([' ', ':', ',']);
        }
    }
    for lead in ["referred to as ", "called "] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    // "(the “Convention”)": the article outside the quotation marks.
    rest = rest.strip_prefix("the ").unwrap_or(rest);
    let open = rest.chars().next()?;
    let close = match open {
        '“' => '”',
        '"' => '"',
        '‘' => '’',
        '\'' => '\'',
        '«' => '»',
        _ => return None,
    };
    let inner = &rest[open.len_utf8()..];
    let end = inner.find(close)?;
    let name = inner[..end].trim_matches([' ', '\u{a0}']);
    let after = inner[end + close.len_utf8()..].trim_start();
    let plausible = (2..=60).contains(&name.chars().count())
        && !name.contains(['“', '”', '"', '(', ')'])
        && name
            .trim_start_matches("the ")
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    (plausible && after.starts_with(')')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_a_definition() {
        for (text, name) in [
            ("“the Convention”)", "the Convention"),
            ("\"GDPR\") applies", "GDPR"),
            ("hereinafter “the Charter”)", "the Charter"),
            ("hereinafter: the ‘Charter’)", "Charter"),
            (
                "hereinafter referred to as \"the Protocol\")",
                "the Protocol",
            ),
            ("the “1951 Convention”)", "1951 Convention"),
        ] {
            assert_eq!(quoted_name(text), Some(name), "{text}");
        }
        for text in [
            "“the applicant”)",
            "see “the Convention” at 3)",
            "“the Convention”",
            "as amended)",
            "\"\")",
        ] {
            assert_eq!(quoted_name(text), None, "{text}");
        }
    }

    #[test]
    fn keys_drop_the_article_and_the_case() {
        assert_eq!(key("the Convention"), "convention");
        assert_eq!(key("The  Statute"), "statute");
        assert_eq!(key("GDPR"), "gdpr");
    }
}
