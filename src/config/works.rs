//! `[glossator] bibliography` and `citation-style`: which file holds the
//! works the edition cites and which CSL style formats them.
//!
//! Only checked for form here (a path inside the content folder, a style
//! named or a `.csl` file); load reads the files and resolve decides whether
//! a named style exists, since only resolve knows the styles bundled.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId, Span};

/// The style chicago-notes is when book.toml names none: notes and
/// bibliography, the commonest of the humanities' note styles.
pub const DEFAULT_STYLE: &str = "chicago-notes";

/// The edition's bibliography, as book.toml names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Works {
    /// The bibliography file, relative to the content folder, with `/`.
    pub file: String,
    /// Where book.toml names it.
    pub file_at: Span,
    pub style: Style,
    /// Where book.toml names the style (the bibliography's line without one).
    pub style_at: Span,
}

/// A CSL style: one bundled with glossator, by name, or the edition's own
/// `.csl` file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Style {
    /// A bundled style's name (`chicago-notes`, `apa`).
    Named(String),
    /// A `.csl` file, relative to the content folder, with `/`.
    File(String),
}

/// Checks the two keys: a style without a bibliography is an error (it
/// would format nothing), and so is a path that leaves the content folder.
pub(super) fn checked(
    file: Option<toml::Spanned<String>>,
    style: Option<toml::Spanned<String>>,
    id: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<Works> {
    let at = |r: Range<usize>| Span::new(id, r);
    let Some(file) = file else {
        if let Some(style) = style {
            diags.push(
                Diagnostic::warning(
                    "`citation-style` is set but there is no `bibliography`; it formats nothing",
                    at(style.span()),
                )
                .with_help(
                    "name the bibliography file: `bibliography = \"works.bib\"` in [glossator]",
                ),
            );
        }
        return None;
    };
    let file_at = at(file.span());
    let path = inside(file.get_ref(), &file_at, "bibliography", diags)?;
    let (style, style_at) = match style {
        Some(s) => {
            let span = at(s.span());
            let name = s.into_inner();
            let style = match name.to_ascii_lowercase().ends_with(".csl") {
                true => Style::File(inside(&name, &span, "citation-style", diags)?),
                false => Style::Named(name.trim().to_string()),
            };
            (style, span)
        }
        None => (Style::Named(DEFAULT_STYLE.to_string()), file_at.clone()),
    };
    Some(Works {
        file: path,
        file_at,
        style,
        style_at,
    })
}

/// `path` as a path inside the content folder (`./` and `\` tidied), or an
/// error at `span` when it is absolute or climbs out.
fn inside(path: &str, span: &Span, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let absolute = path.starts_with(['/', '\\']) || path.contains(':');
    if absolute || parts.is_empty() || parts.contains(&"..") {
        diags.push(
            Diagnostic::error(format!("`{key}` must name a file inside the content folder"), span.clone())
                .with_help(format!("put the file in the content folder and give its path from there: `{key} = \"works.bib\"`")),
        );
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(s: &str) -> Option<toml::Spanned<String>> {
        #[derive(serde::Deserialize)]
        struct V {
            v: toml::Spanned<String>,
        }
        Some(toml::from_str::<V>(&format!("v = {s:?}")).unwrap().v)
    }

    #[test]
    fn a_csl_file_is_a_file_and_a_name_a_name() {
        let mut d = Vec::new();
        let w = checked(
            spanned("./refs/works.bib"),
            spanned("styles/oscola.csl"),
            FileId(0),
            &mut d,
        )
        .unwrap();
        assert_eq!(w.file, "refs/works.bib");
        assert_eq!(w.style, Style::File("styles/oscola.csl".into()));
        let w = checked(spanned("works.json"), None, FileId(0), &mut d).unwrap();
        assert_eq!(w.style, Style::Named(DEFAULT_STYLE.into()));
        assert!(d.is_empty());
    }

    #[test]
    fn a_path_out_of_the_content_folder_is_refused() {
        for bad in ["../works.bib", "/etc/works.bib", "C:\\works.bib", ""] {
            let mut d = Vec::new();
            assert!(
                checked(spanned(bad), None, FileId(0), &mut d).is_none(),
                "{bad}"
            );
            assert_eq!(d.len(), 1, "{bad}");
        }
    }

    #[test]
    fn a_style_alone_is_a_warning() {
        let mut d = Vec::new();
        assert!(checked(None, spanned("apa"), FileId(0), &mut d).is_none());
        assert_eq!(d.len(), 1);
    }
}
