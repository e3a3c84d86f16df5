//! Stage 2, parse: one Markdown file at a time into a [`Document`].
//!
//! **Invariant:** parsing looks at one file only, so a change to one file
//! re-parses that file alone. Everything that needs the whole edition (note
//! numbers, link targets, navigation) is decided by `resolve`.

mod cache;
pub mod cursor;
pub mod frontmatter;
pub mod instrument;
mod markdown;
pub mod node;
pub mod sanitize;

pub use crate::config::HeadingIds;
use crate::diag::{Diagnostic, FileId, Span};
pub use cache::{Cache, Parsed, parse_all};
pub use cursor::{Context, Cursor};
pub use frontmatter::{FrontMatter, InstrumentMeta};
pub use instrument::Unit;
pub use markdown::{SpannedNode, options, slugify};
pub use node::{Ext, ExtEnd, Node, scheme};

/// What the edition's configuration changes in how a file is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Dialect {
    /// `[glossator] trusted-html`: raw HTML published as written.
    pub trusted_html: bool,
    /// `[glossator] heading-ids`: glossator's anchor ids or mdBook's.
    pub heading_ids: HeadingIds,
    /// mdBook's `[output.html]` switches, each on unless turned off:
    /// `smart-punctuation = false` keeps straight quotes and `--`,
    /// `definition-lists = false` and `admonitions = false` read those as
    /// plain paragraphs and quotations.
    pub plain_punctuation: bool,
    pub no_definition_lists: bool,
    pub no_admonitions: bool,
}

impl Dialect {
    /// The dialect `config` asks for.
    pub fn of(config: &crate::config::Config) -> Dialect {
        Dialect {
            trusted_html: config.trusted_html,
            heading_ids: config.heading_ids,
            plain_punctuation: config.html.plain_punctuation,
            no_definition_lists: config.html.no_definition_lists,
            no_admonitions: config.html.no_admonitions,
        }
    }

    /// The Markdown extensions a chapter is read with: [`options`], less
    /// what the book turned off.
    pub fn options(&self) -> pulldown_cmark::Options {
        use pulldown_cmark::Options;
        let mut options = options();
        for (off, option) in [
            (self.plain_punctuation, Options::ENABLE_SMART_PUNCTUATION),
            (self.no_definition_lists, Options::ENABLE_DEFINITION_LIST),
            (self.no_admonitions, Options::ENABLE_GFM),
        ] {
            if off {
                options.remove(option);
            }
        }
        options
    }
}

/// One parsed Markdown file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to the content folder, with `/`.
    pub path: String,
    /// The file in the source map.
    pub file: FileId,
    /// A hash of the path, the text and the dialect this document was
    /// parsed with: equal fingerprints mean equal documents (what
    /// `serve`'s caches compare).
    pub fingerprint: crate::memo::Key,
    /// Chapter front matter (empty for instruments).
    pub front: FrontMatter,
    /// Instrument front matter, for files under `instruments/`.
    pub instrument: Option<InstrumentMeta>,
    /// The page's nodes (Markdown events and glossator's extensions) with
    /// their byte ranges in the file. Adjacent text is merged, and
    /// references to undefined notes are already `FootnoteReference` events.
    pub events: Vec<SpannedNode>,
    /// Headings in order, with their ids.
    pub headings: Vec<Heading>,
    /// The ids of a definition list's terms, in order: only in mdBook's
    /// dialect, where mdBook 0.5 gives each `<dt>` an id as it gives headings.
    pub terms: Vec<String>,
    /// Footnote references, in order.
    pub note_refs: Vec<Labelled>,
    /// Footnote definitions, in order.
    pub note_defs: Vec<Labelled>,
    /// The addressable units, for files under `instruments/`.
    pub units: Vec<Unit>,
    /// Whether any fenced code block names a language (so syntax
    /// highlighting is loaded only when needed).
    pub has_code: bool,
}

/// A heading and the id its anchor gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Unique within the page.
    pub id: String,
}

/// A footnote label and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    /// The label as written (`47`, `note`).
    pub label: String,
    /// Where.
    pub span: Span,
}

/// A document hashes as what it was made of: parse is a pure function of the
/// path, the text and the dialect (the fingerprint) and of the file id its
/// spans carry, and [`parse_with`] is the only maker of documents. A step
/// that reads a document thus needs neither its events nor its text hashed.
impl std::hash::Hash for Document {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.fingerprint, self.file).hash(h);
    }
}

impl Document {
    /// The text of the first level-1 heading, if any.
    pub fn first_h1(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.as_str())
    }
}

/// Parses the file `path` (relative to the content folder) whose text is
/// `text`, its raw HTML sanitized.
pub fn parse(path: &str, file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Document {
    parse_with(path, file, text, Dialect::default(), diags)
}

/// [`parse`] in the edition's [`Dialect`].
pub fn parse_with(
    path: &str,
    file: FileId,
    text: &str,
    dialect: Dialect,
    diags: &mut Vec<Diagnostic>,
) -> Document {
    let is_instrument = path.starts_with("instruments/");
    let (front, instrument, body) = if is_instrument {
        let (meta, body) = frontmatter::parse::<InstrumentMeta>(text, file, diags);
        (FrontMatter::default(), Some(meta), body)
    } else {
        let (front, body) = frontmatter::parse::<FrontMatter>(text, file, diags);
        (front, None, body)
    };
    let (parsed, units) = if is_instrument {
        let section =
            instrument.as_ref().and_then(|m| m.cite_as) == Some(frontmatter::CiteAs::Section);
        // Words quoted from an instrument, not its text: no structure is
        // to be expected of them.
        let quoted = instrument.as_ref().and_then(|m| m.text.as_deref()) == Some("quoted");
        instrument::read(text, body, file, dialect, (section, quoted), diags)
    } else {
        (
            markdown::parse_body(text, body, file, dialect, diags),
            Vec::new(),
        )
    };
    let mut headings = parsed.headings;
    instrument::name_headings(&parsed.events, &units, &mut headings);
    Document {
        path: path.to_string(),
        file,
        fingerprint: fingerprint(path, text, dialect),
        front,
        instrument,
        events: parsed.events,
        headings,
        terms: parsed.terms,
        note_refs: parsed.note_refs,
        note_defs: parsed.note_defs,
        has_code: parsed.has_code,
        units,
    }
}

/// The [`Document::fingerprint`] of `text` read from `path` in `dialect`.
pub fn fingerprint(path: &str, text: &str, dialect: Dialect) -> crate::memo::Key {
    use std::hash::Hash;
    let mut h = crate::memo::KeyHasher::new();
    (path, text, dialect).hash(&mut h);
    h.key()
}
