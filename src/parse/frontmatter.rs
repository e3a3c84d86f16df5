//! Optional TOML front matter between `+++` lines at the top of a Markdown file.

use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Span};
use crate::strict_toml;

/// Front matter of a chapter.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    /// Overrides the title taken from the first heading or the summary.
    pub title: Option<String>,
    /// One-sentence description for `<meta name="description">`.
    pub description: Option<String>,
    /// The instrument that bare "Article N" citations in this chapter mean.
    pub instrument: Option<String>,
    /// The clause this chapter comments on ("un-iom-agreement/2(3)").
    pub clause: Option<String>,
    /// What a name two instruments share means in this chapter
    /// (`"the Convention" = "echr"`), as a text's own "(“the Convention”)"
    /// would say.
    pub means: std::collections::BTreeMap<String, String>,
    /// `false` for a page of the editors' own (no marginal paragraph numbers).
    #[serde(rename = "paragraph-numbers")]
    pub paragraph_numbers: Option<bool>,
    /// `true` for the page whose definition list is the edition's list of
    /// abbreviations.
    pub abbreviations: Option<bool>,
    /// `true` for a page the editors wrote (an "About this edition"): what
    /// it cites is the editors' reference, not the authors' citation, and is
    /// counted and listed apart.
    pub editorial: Option<bool>,
}

/// Front matter of an instrument file (`content/instruments/*.md`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct InstrumentMeta {
    /// Stable id used in addresses; defaults to the file name.
    pub id: Option<String>,
    /// Full title.
    pub title: Option<String>,
    /// Short name for navigation and citations.
    pub short: Option<String>,
    /// UN document symbol, if any.
    pub symbol: Option<String>,
    /// Names the text uses for the instrument.
    pub aliases: Vec<String>,
    /// Date of adoption.
    pub date: Option<String>,
    /// Where the text was copied from.
    pub source: Option<String>,
    /// Whether the whole text is present.
    pub complete: Option<bool>,
    /// "full", "partial" or "quoted" (only words quoted by the paper).
    pub text: Option<String>,
    /// Departures from the source and gaps.
    pub notes: Option<String>,
    /// How the instrument's paragraphs are cited: `"§"` for "Article 5 § 1
    /// (f)" (the Strasbourg court's form), `"()"` (the default) for
    /// "Article 6(1)(f)".
    #[serde(rename = "cite-as")]
    pub cite_as: Option<CiteAs>,
}

/// The form of an instrument's paragraph numbers in labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum CiteAs {
    /// `Article 6(1)(f)`.
    #[default]
    #[serde(rename = "()")]
    Brackets,
    /// `Article 5 § 1 (f)`.
    #[serde(rename = "§")]
    Section,
}

/// Splits `+++` front matter off `text`. Returns the TOML (if any), its
/// offset, and the offset where the Markdown body starts.
pub fn split(
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> (Option<(usize, usize)>, usize) {
    let Some(rest) = text.strip_prefix("+++") else {
        return (None, 0);
    };
    if !(rest.starts_with('\n') || rest.trim_end_matches([' ', '\t']).is_empty()) {
        return (None, 0);
    }
    let toml_start = 3 + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return (Some((toml_start, offset)), offset + line.len());
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::error(
            "front matter opened with `+++` is never closed",
            Span::new(file, 0..3),
        )
        .with_help("end the front matter with a line holding only `+++`"),
    );
    (None, text.len())
}

/// Parses the front matter of `text` into `T`, reporting errors at their line
/// in the Markdown file. Returns the value and the offset of the body.
pub fn parse<T: for<'de> Deserialize<'de> + Default>(
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> (T, usize) {
    let (toml, body) = split(text, file, diags);
    let value = toml
        .and_then(|(start, end)| strict_toml::parse(&text[start..end], file, start, diags))
        .unwrap_or_default();
    (value, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_into_the_markdown_file() {
        let mut d = Vec::new();
        let text = "+++\ntitle = \"A\"\nclause = 3\n+++\n# A\n";
        let (_fm, body): (FrontMatter, usize) = parse(text, FileId(0), &mut d);
        assert_eq!(&text[body..], "# A\n");
        assert_eq!(d.len(), 1, "{d:?}");
        let start = d[0].span.as_ref().unwrap().range.start;
        assert!((16..28).contains(&start), "{start}");
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let mut d = Vec::new();
        let (_fm, body): (FrontMatter, usize) =
            parse("+++\ntitle = \"A\"\n# A\n", FileId(0), &mut d);
        assert!(d[0].message.contains("never closed"));
        assert_eq!(body, 20);
    }

    #[test]
    fn no_front_matter() {
        let mut d = Vec::new();
        let (fm, body): (FrontMatter, usize) = parse("# A\n+++\n", FileId(0), &mut d);
        assert!(fm.title.is_none() && body == 0 && d.is_empty());
    }
}
