//! The CSL style that formats the works: one of the styles hayagriva bundles
//! (Chicago's notes and bibliography, APA, …), by name, or the edition's own
//! `.csl` file (OSCOLA, or any of the CSL repository's), with the locales
//! hayagriva bundles for its terms ("ibid.", "edn", "and others").

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Locale, Style};

use crate::config::Style as Chosen;
use crate::diag::{Diagnostic, FileId, Span};

/// OSCOLA, 4th edition, the Oxford standard for legal citation, which
/// hayagriva does not bundle: the CSL styles repository's `oscola.csl` as
/// it is (by Sebastian Karcher and Andrew Dunning, under CC BY-SA 3.0;
/// its `<info>` says so), chosen as `citation-style = "oscola"`.
const OSCOLA: &str = include_str!("styles/oscola.csl");

/// The locales of hayagriva's archive a style uses: its own default
/// locale, others of that language, and US English, CSL's last fallback.
/// Reading all sixty-odd of them took longer than the rest of the works
/// step; each is first read for its language only, which skips the rest
/// of it, then read whole if wanted.
fn locales(default: Option<&str>) -> Vec<Locale> {
    let language = |code: &str| code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    let wanted = |code: &str| {
        code == "en-US" || default.is_some_and(|d| code == d || language(code) == language(d))
    };
    hayagriva::archive::LOCALES
        .iter()
        .filter(|bytes| {
            ciborium::de::from_reader::<Lang, _>(**bytes)
                .ok()
                .and_then(|l| l.0)
                .is_some_and(|code| wanted(&code))
        })
        .filter_map(|bytes| ciborium::de::from_reader::<Locale, _>(*bytes).ok())
        .collect()
}

/// A locale's language, read from the first entry of its map, where the
/// archive writes it; the rest is not read.
struct Lang(Option<String>);

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        struct First;
        impl<'de> serde::de::Visitor<'de> for First {
            type Value = Lang;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a CSL locale")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Lang, A::Error> {
                match map.next_key::<String>()?.as_deref() {
                    Some("@xml:lang") => Ok(Lang(Some(map.next_value()?))),
                    _ => Ok(Lang(None)),
                }
            }
        }
        d.deserialize_map(First)
    }
}

/// A style ready to format.
pub(super) struct Formatter {
    pub style: IndependentStyle,
    pub locales: Vec<Locale>,
}

/// The style book.toml chooses: a named one from the archive, or the text
/// of the `.csl` file load read (`file`). An unknown name or a style that
/// does not read is an error at its key in book.toml or in the file.
pub(super) fn choose(
    chosen: &Chosen,
    at: &Span,
    file: Option<(FileId, &str)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Formatter> {
    let style = match (chosen, file) {
        (Chosen::File(_), Some((id, text))) => match Style::from_xml(text) {
            Ok(style) => style,
            Err(e) => {
                let path = e
                    .path
                    .as_ref()
                    .map(|p| format!(" (at `{p}`)"))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(format!("the citation style does not read as CSL: {}{path}", e.source), Span::new(id, 0..0))
                        .with_help("use a style from the CSL styles repository as it is (a `.csl` file), or name a bundled one: `citation-style = \"chicago-notes\"`"),
                );
                return None;
            }
        },
        (Chosen::File(_), None) => return None,
        (Chosen::Named(name), _) if name == "oscola" => match Style::from_xml(OSCOLA) {
            Ok(style) => style,
            Err(e) => {
                diags.push(Diagnostic::error(
                    format!("glossator's OSCOLA style does not read: {}", e.source),
                    at.clone(),
                ));
                return None;
            }
        },
        (Chosen::Named(name), _) => match ArchivedStyle::by_name(name) {
            Some(style) => style.get(),
            None => {
                let hint = nearest(name)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(format!("`{name}` is not a citation style glossator bundles"), at.clone())
                        .with_help(format!("{hint}Bundled styles include oscola, chicago-notes, chicago-author-date, apa, mla and harvard-cite-them-right; for another, put its `.csl` file in the content folder and name it: `citation-style = \"style.csl\"`")),
                );
                return None;
            }
        },
    };
    let mut style = match style {
        Style::Independent(s) => s,
        // A dependent style borrows its parent's formatting: found when the
        // parent is bundled.
        Style::Dependent(d) => {
            match ArchivedStyle::by_id(&d.parent_link.href).map(ArchivedStyle::get) {
                Some(Style::Independent(s)) => s,
                _ => {
                    diags.push(
                    Diagnostic::error(format!("the citation style depends on `{}`, which glossator does not bundle", d.parent_link.href), file.map_or(at.clone(), |(id, _)| Span::new(id, 0..0)))
                        .with_help("use the parent style's `.csl` file instead"),
                );
                    return None;
                }
            }
        }
    };
    super::substitute::inherit(&mut style);
    let locales = locales(style.default_locale.as_ref().map(|l| l.0.as_str()));
    Some(Formatter { style, locales })
}

/// The bundled style's name nearest to `name`, for a typo.
fn nearest(name: &str) -> Option<&'static str> {
    let wanted = name.to_lowercase();
    ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied())
        .chain(["oscola"])
        .map(|n| (strsim::levenshtein(&wanted, n), n))
        .filter(|(d, n)| *d <= n.len() / 3 + 1)
        .min()
        .map(|(_, n)| n)
}
