//! The interface strings: every word glossator itself writes into a page
//! (labels, buttons, the headings and explanations of the pages it makes,
//! the scripts' messages), in the edition's language, as Zola's i18n does.
//!
//! Each language is a table of data, `i18n/LANG.toml`, compiled into the
//! binary. `[book] language` chooses one by its primary subtag (`fr-CH` reads
//! `fr`); `[glossator.translations]` in book.toml replaces any of its strings.
//! English is complete, and is what a language glossator has no table for
//! falls back to. A string may hold `{name}` placeholders, which [`fill`] and
//! [`fill_html`] fill. Every key is a field of [`Strings`], so a key the code
//! names and the tables lack does not compile, and the tests hold every table
//! to every key.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Span};

/// Declares [`Strings`] with one field per key, and [`KEYS`].
macro_rules! strings {
    ($($key:ident),+ $(,)?) => {
        /// The interface strings of one edition, one field per key of the
        /// tables: the text as written, unescaped, placeholders unfilled.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Strings {
            $(pub $key: String,)+
        }

        /// Every key, in the order of the tables.
        pub const KEYS: &[&str] = &[$(stringify!($key)),+];

        impl Strings {
            /// The string of `key`, when there is such a key (for templates
            /// and the scripts, which name keys as text).
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($key) => Some(&self.$key),)+
                    _ => None,
                }
            }

            fn slot(&mut self, key: &str) -> Option<&mut String> {
                match key {
                    $(stringify!($key) => Some(&mut self.$key),)+
                    _ => None,
                }
            }
        }
    };
}

strings! {
    skip_to_text, contents, search, search_label, search_placeholder, search_filters_label,
    search_results_label, theme_dark, theme_light, toc_label, in_this_section, prev_next_label,
    previous, next, made_with, untitled, print_edition, print_link, print_link_text,
    search_title, search_help, not_found, not_found_text, not_found_first_page,
    not_found_contents, moved_title, moved_text, instruments, all_instruments, comparisons,
    all_comparisons, section_link, paragraph_label, table_label, notes, note_label, backref,
    backref_use, note_missing, note_missing_text, editorial_note, editorial_mark,
    editorial_mark_why, abbr_expansion, admonition_note, admonition_tip, admonition_important, admonition_warning,
    admonition_caution, instrument_symbol, instrument_date, instrument_source_summary,
    instrument_source, instrument_notes, instrument_quoted, instrument_partial, as_quoted,
    as_quoted_intro, unit_missing, clause_discussed, clause_missing, contents_count, count_one,
    count_many, contents_unit, contents_division, cited_in, cited_by_editors, cited_at_note,
    cited_at_paragraph, cited_words, cited_compared, instrument_index_intro, index_table_label,
    index_instrument, index_text, index_citations, index_units, text_quoted, text_partial,
    text_full, citation_map, citation_map_chapter, comparison_label, comparison_whole,
    comparison_unrelated, comparison_diff, comparison_parallel, comparison_table,
    cell_too_different, cell_too_long, comparison_legend, legend_underlined, legend_struck,
    comparison_index_intro, comparison_index_entry, search_editorial_note, search_paragraph,
    search_note, clause_fold, clause_show, hidden_lines_show, card_abbreviation,
    card_abbreviation_text, card_go, card_go_fallback, card_preview, note_copy_label,
    note_copy_title, note_close, notes_why, citation_copied, citation_not_copied, cite_and,
    cite_work, cite_section, cite_paragraph, cite_note, cite_accessed, cite_date_locale,
    search_failed, search_none, search_one, search_many, search_first, search_all, search_text,
    case_table, case_table_intro, case_court_other, case_not_cited, case_pinpoint,
    bibliography, bibliography_intro, bibliography_cited_in,
}

/// The tables glossator ships, by primary language subtag; English first.
pub const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../i18n/en.toml")),
    ("fr", include_str!("../i18n/fr.toml")),
];

/// The keys `theme/glossator.js` and `theme/search.js` use: written once
/// into `toc.js` for them, which every page loads, so that no page carries
/// them and the scripts hold no words of any language.
pub const SCRIPT_KEYS: &[&str] = &[
    "card_abbreviation",
    "card_abbreviation_text",
    "card_go",
    "card_go_fallback",
    "card_preview",
    "citation_copied",
    "citation_not_copied",
    "cite_accessed",
    "cite_and",
    "cite_date_locale",
    "cite_note",
    "cite_paragraph",
    "cite_section",
    "cite_work",
    "clause_fold",
    "clause_show",
    "editorial_note",
    "hidden_lines_show",
    "instruments",
    "note_close",
    "note_copy_label",
    "note_copy_title",
    "note_label",
    "notes",
    "notes_why",
    "search_all",
    "search_failed",
    "search_first",
    "search_many",
    "search_none",
    "search_one",
    "search_text",
    "theme_dark",
    "theme_light",
];

/// One string an edition gives in `[glossator.translations]`.
#[derive(Debug, Clone)]
pub struct Given {
    /// The key, as written.
    pub key: String,
    /// The string.
    pub value: String,
    /// Where it is written in book.toml.
    pub span: Span,
}

impl Strings {
    /// glossator's own English table, the complete one.
    pub fn english() -> Strings {
        let mut strings = Strings::default();
        strings.apply(TABLES[0].1);
        strings
    }

    /// The strings of an edition whose `[book] language` is `language`
    /// (written at `language_at`), with the edition's own `given` ones
    /// replacing glossator's. A language without a table is English, with
    /// one warning, unless the edition gives every string itself.
    pub fn for_edition(
        language: &str,
        language_at: Span,
        given: &[Given],
        diags: &mut Vec<Diagnostic>,
    ) -> Strings {
        let english = Strings::english();
        let mut strings = english.clone();
        let wanted = primary_subtag(language);
        let table = TABLES.iter().find(|(lang, _)| *lang == wanted);
        if let Some((_, text)) = table {
            strings.apply(text);
        }
        let mut covered = BTreeSet::new();
        for g in given {
            let Some(slot) = strings.slot(&g.key) else {
                diags.push(unknown_key(g));
                continue;
            };
            let known: Vec<&str> = english.get(&g.key).map_or(Vec::new(), |s| {
                pieces(s)
                    .filter_map(|p| match p {
                        Piece::Slot(name) => Some(name),
                        Piece::Text(_) => None,
                    })
                    .collect()
            });
            for piece in pieces(&g.value) {
                if let Piece::Slot(name) = piece
                    && !known.contains(&name)
                {
                    diags.push(unknown_placeholder(g, name, &known));
                }
            }
            *slot = g.value.clone();
            covered.insert(g.key.as_str());
        }
        if table.is_none() && covered.len() < KEYS.len() {
            let have: Vec<&str> = TABLES.iter().map(|(lang, _)| *lang).collect();
            diags.push(
                Diagnostic::warning(
                    format!(
                        "glossator has no interface strings in `{wanted}`: the labels, buttons and headings it writes are in English"
                    ),
                    language_at,
                )
                .with_help(format!(
                    "glossator has them in {}; set `language` to one of those, or give the {} missing ones in `[glossator.translations]` (the keys are those of glossator's i18n/en.toml)",
                    have.join(", "),
                    KEYS.len() - covered.len()
                )),
            );
        }
        strings
    }

    /// Sets every key of the table `text` (a key the struct lacks is left
    /// out: the tests keep the tables to the struct's keys).
    fn apply(&mut self, text: &str) {
        for (key, value) in table(text) {
            if let Some(slot) = self.slot(&key) {
                *slot = value;
            }
        }
    }

    /// The strings of [`SCRIPT_KEYS`] as a JSON object, safe inside a
    /// `<script>`.
    pub fn script_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = SCRIPT_KEYS
            .iter()
            .filter_map(|&key| Some((key.to_string(), self.get(key)?.into())))
            .collect();
        crate::script_json::escape(serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_string()))
    }
}

/// A table's keys and strings. A built-in table that does not parse is a
/// bug the tests catch; at run time it counts as empty, which is English.
fn table(text: &str) -> BTreeMap<String, String> {
    toml::from_str(text).unwrap_or_default()
}

/// The language part of a BCP 47 tag, lower-cased: `fr-CH` → `fr`.
pub fn primary_subtag(language: &str) -> String {
    language
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn unknown_key(g: &Given) -> Diagnostic {
    let nearest = KEYS
        .iter()
        .map(|k| (strsim::levenshtein(&g.key, k), *k))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let help = match nearest {
        Some((_, key)) => format!("did you mean `{key}`?"),
        None => "the keys are those of glossator's i18n/en.toml".to_string(),
    };
    Diagnostic::warning(
        format!(
            "`{}` is not one of glossator's interface strings: ignored",
            g.key
        ),
        g.span.clone(),
    )
    .with_help(help)
}

fn unknown_placeholder(g: &Given, name: &str, known: &[&str]) -> Diagnostic {
    let help = match known {
        [] => format!("`{}` has no placeholders", g.key),
        _ => format!(
            "the placeholders of `{}` are {}",
            g.key,
            known
                .iter()
                .map(|k| format!("{{{k}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::warning(
        format!(
            "`{{{name}}}` in `{}` is not filled in: it is printed as written",
            g.key
        ),
        g.span.clone(),
    )
    .with_help(help)
}

/// A piece of a string: text, or a `{name}` placeholder.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// The pieces of `s` in order. A placeholder is `{` lower-case letters,
/// digits or `_` `}`; any other brace is text.
fn pieces(s: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        while let Some(open) = rest[from..].find('{') {
            let open = from + open;
            let after = &rest[open + 1..];
            let len = after
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                .unwrap_or(after.len());
            if len > 0 && after[len..].starts_with('}') {
                if open > 0 {
                    let text = &rest[..open];
                    rest = &rest[open..];
                    return Some(Piece::Text(text));
                }
                let name = &after[..len];
                rest = &after[len + 1..];
                return Some(Piece::Slot(name));
            }
            from = open + 1;
        }
        let text = rest;
        rest = "";
        Some(Piece::Text(text))
    })
}

/// `template` with each `{name}` of `args` replaced by its text; an
/// unknown placeholder stays as written. For text that is not HTML (the
/// search index's labels).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Slot(name) => match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// `template` as HTML: its text escaped, each `{name}` of `args` replaced by
/// its value, which is HTML already (a link, an escaped title).
pub fn fill_html(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => escape_into(&mut out, text),
            Piece::Slot(name) => match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// `text` escaped for HTML text or a double-quoted attribute.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Escapes `&`, `<`, `>` and `"`: enough for text and the double-quoted
/// attributes glossator writes. Not `'`, which the strings hold often
/// ("the editors' notes") and which glossator's pages always showed as is.
/// The text between the characters escaped is copied a run at a time.
fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    fn at() -> Span {
        Span::new(FileId(0), 0..0)
    }

    fn given(key: &str, value: &str) -> Given {
        Given {
            key: key.into(),
            value: value.into(),
            span: at(),
        }
    }

    fn slots(s: &str) -> Vec<&str> {
        pieces(s)
            .filter_map(|p| match p {
                Piece::Slot(name) => Some(name),
                Piece::Text(_) => None,
            })
            .collect()
    }

    /// Each table parses, and holds exactly the keys of [`Strings`], each
    /// with the placeholders of the English string: a key missing from one
    /// language, or a placeholder lost in translation, fails here.
    #[test]
    fn every_table_has_every_key_and_its_placeholders() {
        let english = table(TABLES[0].1);
        let keys: BTreeSet<&str> = KEYS.iter().copied().collect();
        assert_eq!(keys.len(), KEYS.len(), "a key is declared twice");
        for (lang, text) in TABLES {
            let parsed: BTreeMap<String, String> = toml::from_str(text)
                .unwrap_or_else(|e| panic!("i18n/{lang}.toml does not parse: {e}"));
            let have: BTreeSet<&str> = parsed.keys().map(String::as_str).collect();
            let missing: Vec<_> = keys.difference(&have).collect();
            let extra: Vec<_> = have.difference(&keys).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "i18n/{lang}.toml: missing {missing:?}, not glossator's {extra:?}"
            );
            for (key, value) in &parsed {
                assert!(
                    !value.trim().is_empty(),
                    "i18n/{lang}.toml: `{key}` is empty"
                );
                let mut theirs = slots(value);
                let mut ours = slots(&english[key]);
                theirs.sort();
                ours.sort();
                assert_eq!(
                    theirs, ours,
                    "i18n/{lang}.toml: the placeholders of `{key}`"
                );
            }
        }
    }

    #[test]
    fn the_struct_holds_the_english_table() {
        let english = Strings::english();
        for key in KEYS {
            assert!(!english.get(key).unwrap().is_empty(), "{key}");
        }
        assert_eq!(english.cited_in, "Cited in");
        assert_eq!(english.get("previous"), Some("Previous"));
        assert_eq!(english.get("nope"), None);
    }

    #[test]
    fn the_language_is_chosen_by_its_primary_subtag() {
        for language in ["fr", "fr-CH", "FR", "fr_BE", " fr-CA "] {
            let mut d = Vec::new();
            let s = Strings::for_edition(language, at(), &[], &mut d);
            assert!(d.is_empty(), "{language}: {d:?}");
            assert_eq!(s.cited_in, "Cité dans", "{language}");
            assert_eq!(s.previous, "Précédent");
        }
        let mut d = Vec::new();
        let s = Strings::for_edition("en-GB", at(), &[], &mut d);
        assert!(d.is_empty());
        assert_eq!(s, Strings::english());
    }

    #[test]
    fn a_language_without_a_table_is_english_with_one_warning() {
        let mut d = Vec::new();
        let span = Span::new(FileId(3), 10..14);
        let s = Strings::for_edition("de-AT", span.clone(), &[], &mut d);
        assert_eq!(s, Strings::english());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`de`"), "{}", d[0].message);
        assert_eq!(d[0].span, Some(span));
        let help = d[0].help.as_deref().unwrap_or("");
        assert!(help.contains("en, fr"), "{help}");
        assert!(help.contains("[glossator.translations]"), "{help}");
    }

    #[test]
    fn an_edition_that_gives_every_string_needs_no_table() {
        let all: Vec<Given> = KEYS.iter().map(|k| given(k, "x")).collect();
        let mut d = Vec::new();
        let s = Strings::for_edition("de", at(), &all, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.cited_in, "x");
        // One short: the warning says how many are missing.
        let mut d = Vec::new();
        Strings::for_edition("de", at(), &all[1..], &mut d);
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains(" 1 missing"));
    }

    #[test]
    fn given_strings_replace_the_tables_and_unknown_keys_are_warned() {
        let mut d = Vec::new();
        let s = Strings::for_edition(
            "fr",
            at(),
            &[
                given("as_quoted", "tel que cité dans l’article"),
                given("cited_inn", "Cité"),
            ],
            &mut d,
        );
        assert_eq!(s.as_quoted, "tel que cité dans l’article");
        assert_eq!(s.cited_in, "Cité dans", "the misspelt key changes nothing");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`cited_inn`"));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `cited_in`?"));
    }

    #[test]
    fn a_placeholder_the_key_lacks_is_warned() {
        let mut d = Vec::new();
        let s = Strings::for_edition(
            "en",
            at(),
            &[
                given("made_with", "Built by {gen}"),
                given("note_label", "n. {n}"),
            ],
            &mut d,
        );
        assert_eq!(s.made_with, "Built by {gen}");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`{gen}`"), "{}", d[0].message);
        assert!(d[0].help.as_deref().unwrap().contains("{generator}"));
    }

    #[test]
    fn placeholders_are_filled_and_html_escaped() {
        assert_eq!(fill("{n} of {m}", &[("n", "1"), ("m", "<2>")]), "1 of <2>");
        assert_eq!(fill("{x} {y}", &[("x", "a")]), "a {y}");
        assert_eq!(fill("{Not} {} {a-b} {", &[]), "{Not} {} {a-b} {");
        assert_eq!(
            fill_html("<{link}> & \"{x}\"", &[("link", "<a>b</a>")]),
            "&lt;<a>b</a>&gt; &amp; &quot;{x}&quot;"
        );
        assert_eq!(
            html("a ' / é"),
            "a ' / é",
            "as glossator escaped them before"
        );
    }

    const SCRIPTS: &[(&str, &str)] = &[
        ("glossator.js", include_str!("../theme/glossator.js")),
        ("search.js", include_str!("../theme/search.js")),
    ];

    /// The scripts name only keys they are given, use every key they are
    /// given, and hold none of the English words themselves: a string left
    /// in a script, or a key it names that toc.js does not carry, fails here.
    #[test]
    fn the_scripts_hold_keys_not_words() {
        let english = Strings::english();
        let all: String = SCRIPTS.iter().map(|(_, js)| *js).collect();
        for key in SCRIPT_KEYS {
            assert!(
                all.contains(&format!("\"{key}\"")),
                "no script uses `{key}`"
            );
            for piece in pieces(english.get(key).unwrap()) {
                if let Piece::Text(text) = piece
                    && text.chars().any(char::is_alphabetic)
                {
                    for (name, js) in SCRIPTS {
                        assert!(
                            !js.contains(&format!("\"{text}\"")),
                            "{name} writes \"{text}\" (of `{key}`) itself"
                        );
                    }
                }
            }
        }
        let mut named = 0;
        for (name, js) in SCRIPTS {
            for call in ["say(\"", "said(\"", "sayNodes(\""] {
                for (at, _) in js.match_indices(call) {
                    let rest = &js[at + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    assert!(SCRIPT_KEYS.contains(&key), "{name} names `{key}`");
                    named += 1;
                }
            }
        }
        assert!(named > 20, "{named}");
    }

    #[test]
    fn the_scripts_get_their_keys_only() {
        let json: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&Strings::english().script_json()).unwrap();
        assert_eq!(json.len(), SCRIPT_KEYS.len());
        assert_eq!(json["clause_fold"], "Fold");
        assert!(!json.contains_key("cited_in"));
        for key in SCRIPT_KEYS {
            assert!(KEYS.contains(key), "{key}");
        }
        let fr = Strings::for_edition("fr", at(), &[], &mut Vec::new());
        assert!(!fr.script_json().contains('<'), "safe inside a <script>");
    }
}
