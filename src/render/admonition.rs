//! GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
//! `[!CAUTION]`), which mdBook 0.5 calls admonitions.
//!
//! pulldown-cmark reads them (`Options::ENABLE_GFM`) into a block quote of a
//! [`BlockQuoteKind`]; they are written with mdBook's markup, so a book's
//! own stylesheet for them keeps working: a `blockquote` of classes
//! `blockquote-tag blockquote-tag-KIND`, opened by a title paragraph
//! `blockquote-tag-title` holding an icon and the kind's name. The icons are
//! drawn for glossator (lines in `currentColor`, so they follow the theme and
//! print in black) and hidden from screen readers, which read the title.
//! The titles are mdBook's ("Note", "Tip"…), in the edition's language.

use pulldown_cmark::BlockQuoteKind;

use crate::i18n::{self, Strings};

/// The class suffix, title and icon (the inside of a 16×16 `<svg>`) of `kind`.
fn parts(kind: BlockQuoteKind, s: &Strings) -> (&'static str, &str, &'static str) {
    match kind {
        // A circled "i".
        BlockQuoteKind::Note => (
            "note",
            &s.admonition_note,
            r#"<circle cx="8" cy="8" r="6.5"/><path d="M8 7.2v4.3M8 4.6v.1"/>"#,
        ),
        // A light bulb.
        BlockQuoteKind::Tip => (
            "tip",
            &s.admonition_tip,
            r#"<path d="M6 12.2h4M6.7 14.7h2.6M8 1.3a4.6 4.6 0 0 0-2.6 8.4v2.5h5.2V9.7A4.6 4.6 0 0 0 8 1.3z"/>"#,
        ),
        // A speech bubble with "!".
        BlockQuoteKind::Important => (
            "important",
            &s.admonition_important,
            r#"<path d="M1.8 2h12.4v8.8H8.2l-3.2 3v-3H1.8zM8 4.2v3.4M8 9.1v.1"/>"#,
        ),
        // A triangle with "!".
        BlockQuoteKind::Warning => (
            "warning",
            &s.admonition_warning,
            r#"<path d="M8 1.6l6.9 12.6H1.1zM8 6v3.8M8 11.7v.1"/>"#,
        ),
        // An octagon with "!".
        BlockQuoteKind::Caution => (
            "caution",
            &s.admonition_caution,
            r#"<path d="M5.2 1.3h5.6l3.9 3.9v5.6l-3.9 3.9H5.2l-3.9-3.9V5.2zM8 4.4v4.3M8 11.3v.1"/>"#,
        ),
    }
}

/// The opening of an admonition of `kind`: the block quote and its title.
pub fn open(kind: BlockQuoteKind, strings: &Strings) -> String {
    let (class, title, icon) = parts(kind, strings);
    let title = i18n::html(title);
    format!(
        "<blockquote class=\"blockquote-tag blockquote-tag-{class}\">\n<p class=\"blockquote-tag-title\"><svg viewBox=\"0 0 16 16\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{icon}</svg>{title}</p>\n"
    )
}

/// The end of an admonition.
pub const CLOSE: &str = "</blockquote>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_mdbooks_classes_and_title() {
        for (kind, class, title) in [
            (BlockQuoteKind::Note, "note", "Note"),
            (BlockQuoteKind::Tip, "tip", "Tip"),
            (BlockQuoteKind::Important, "important", "Important"),
            (BlockQuoteKind::Warning, "warning", "Warning"),
            (BlockQuoteKind::Caution, "caution", "Caution"),
        ] {
            let html = open(kind, &Strings::english());
            assert!(
                html.starts_with(&format!(
                    "<blockquote class=\"blockquote-tag blockquote-tag-{class}\">\n<p class=\"blockquote-tag-title\"><svg"
                )),
                "{html}"
            );
            assert!(html.ends_with(&format!("</svg>{title}</p>\n")), "{html}");
            assert!(html.contains("aria-hidden=\"true\""), "{html}");
        }
        let mut fr = Vec::new();
        let fr = Strings::for_edition(
            "fr",
            crate::diag::Span::new(crate::diag::FileId(0), 0..0),
            &[],
            &mut fr,
        );
        assert!(open(BlockQuoteKind::Tip, &fr).ends_with("</svg>Conseil</p>\n"));
    }
}
