//! A parsed page's events: pulldown-cmark's own, and glossator's Markdown
//! extensions as typed values beside them.
//!
//! pulldown-cmark gives each of its extensions (tables, footnotes,
//! admonitions) a `Tag` of its own rather than a string to recognise; a
//! [`Node`] does the same for glossator's: an `editorial` block is a
//! [`Ext::EditorialNote`], `[sic](ed: "why")` an [`Ext::EditorsMark`],
//! `[Article 6](art:gdpr/6)` a [`Ext::UnitLink`], `[Article 2](nocite:)` a
//! [`Ext::NoCite`], `[Guild and Grant](cite:guild2017)` a [`Ext::WorkLink`]. Parse decides which is which once; no later stage
//! compares an HTML string or a link's address to find them, and no raw HTML
//! an author writes can be taken for one.

use pulldown_cmark::{CowStr, Event};

/// One event of a parsed page.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A Markdown event, as pulldown-cmark reads it.
    Md(Event<'static>),
    /// The start of one of glossator's extensions.
    Start(Ext),
    /// Its end.
    End(ExtEnd),
}

/// glossator's own Markdown extensions, each a span of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Ext {
    /// An `editorial` fenced block: a note by the editors, set apart from
    /// the authors' text. Its Markdown is read like any other.
    EditorialNote,
    /// `[words](ed: "why")`: words the editors put into the authors' text
    /// (a "[sic]", a supplied word), with why when the title says.
    EditorsMark {
        /// The link's title: the editors' reason, maybe empty.
        why: CowStr<'static>,
    },
    /// `[words](art:ADDRESS)`: the author's own link to a unit of an
    /// instrument (`art:un-charter/103`).
    UnitLink {
        /// The address after `art:`, as written.
        address: CowStr<'static>,
    },
    /// `[words](nocite:)`: words that look like a citation and are not one;
    /// published as text.
    NoCite,
    /// `[words](cite:KEY)`: the author's words citing a work of the
    /// bibliography, kept as written and linked to its entry.
    WorkLink {
        /// The key after `cite:`, as written.
        key: CowStr<'static>,
    },
}

/// The end of an [`Ext`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtEnd {
    EditorialNote,
    EditorsMark,
    UnitLink,
    NoCite,
    WorkLink,
}

impl Ext {
    /// The end that closes this extension.
    pub fn end(&self) -> ExtEnd {
        match self {
            Ext::EditorialNote => ExtEnd::EditorialNote,
            Ext::EditorsMark { .. } => ExtEnd::EditorsMark,
            Ext::UnitLink { .. } => ExtEnd::UnitLink,
            Ext::NoCite => ExtEnd::NoCite,
            Ext::WorkLink { .. } => ExtEnd::WorkLink,
        }
    }

    /// Whether the extension is written as a Markdown link (its words are
    /// the link's text).
    pub fn is_link(&self) -> bool {
        !matches!(self, Ext::EditorialNote)
    }

    /// The extension a link to `dest` with `title` stands for, if any.
    pub fn of_link(dest: &str, title: &CowStr<'static>) -> Option<Ext> {
        if dest == "ed:" {
            return Some(Ext::EditorsMark { why: title.clone() });
        }
        if let Some(address) = dest.strip_prefix("art:") {
            return Some(Ext::UnitLink {
                address: CowStr::from(address.to_string()),
            });
        }
        if let Some(key) = dest.strip_prefix("cite:") {
            return Some(Ext::WorkLink {
                key: CowStr::from(key.to_string()),
            });
        }
        // In any case and with the blanks a browser ignores (` NoCite:`).
        (scheme(dest).as_deref() == Some("nocite")).then_some(Ext::NoCite)
    }
}

impl ExtEnd {
    /// Whether the extension ended is written as a Markdown link.
    pub fn is_link(self) -> bool {
        self != ExtEnd::EditorialNote
    }
}

impl Node {
    /// The Markdown event, when this is one.
    pub fn md(&self) -> Option<&Event<'static>> {
        match self {
            Node::Md(event) => Some(event),
            _ => None,
        }
    }
}

/// The scheme of an absolute URL (`https`, `mailto`, ...), lower-cased, with
/// the whitespace and control characters browsers ignore removed. Every link
/// of a page is asked, and most have none (`chapter.md#x`): they are told
/// apart without allocating, at their first character no scheme holds.
pub fn scheme(dest: &str) -> Option<String> {
    let kept = |c: &char| !c.is_whitespace() && !c.is_control();
    for (len, c) in dest.chars().filter(kept).enumerate() {
        if c == ':' {
            return (len > 0).then(|| {
                let scheme = dest.chars().filter(kept).take(len);
                scheme.map(|c| c.to_ascii_lowercase()).collect()
            });
        }
        let valid = match len {
            0 => c.is_ascii_alphabetic(),
            _ => c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'),
        };
        if !valid {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_glossators_schemes_are_extensions() {
        let none = CowStr::from("");
        assert_eq!(
            Ext::of_link("art:gdpr/6(1)", &none),
            Some(Ext::UnitLink {
                address: "gdpr/6(1)".into()
            })
        );
        assert_eq!(Ext::of_link(" NoCite:", &none), Some(Ext::NoCite));
        assert_eq!(
            Ext::of_link("ed:", &CowStr::from("added")),
            Some(Ext::EditorsMark {
                why: "added".into()
            })
        );
        for plain in ["https://e.org", "chapter.md#art", "article.md", "edit:x"] {
            assert_eq!(Ext::of_link(plain, &none), None, "{plain}");
        }
    }

    #[test]
    fn schemes_survive_obfuscation() {
        assert_eq!(
            scheme(" \tJaVaScRiPt:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("chapter.md#x"), None);
        assert_eq!(scheme("https://e.org"), Some("https".into()));
        assert_eq!(scheme("No\nCite:x").as_deref(), Some("nocite"));
        for none in ["", ":x", "1a:b", "a b/c:d", "#x:y", "a?b:c"] {
            assert_eq!(scheme(none), None, "{none:?}");
        }
        assert_eq!(scheme("a b:c").as_deref(), Some("ab"));
    }
}
