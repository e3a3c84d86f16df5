//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Every stage reports bad input as a [`Diagnostic`] value instead of failing
//! early, so one build shows all problems at once. A diagnostic points into a
//! file held by the [`SourceMap`]; line and column are only computed when it is
//! printed, which keeps the stages free of presentation.

mod repeats;

use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term;
use serde::Serialize;

pub use repeats::{Repeats, SHOWN_PER_KIND};

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range inside one source file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range points into.
    pub file: FileId,
    /// Byte offsets into that file's normalised text.
    pub range: Range<usize>,
}

impl Span {
    /// A span covering `range` of `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, range }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A remark shown only with `-v`, never counted: a key of mdBook's
    /// glossator leaves alone, a file it does not build.
    Note,
    /// The build goes on; `check --strict` may promote some warnings.
    Warning,
    /// The build fails and writes nothing.
    Error,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is, when it can be placed in a file.
    pub span: Option<Span>,
    /// A file named without a position (e.g. a file that could not be read).
    pub path: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// A warning that `check --strict` counts as an error (a citation that
    /// could not be resolved, say).
    pub strict: bool,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Error, message, Some(span))
    }

    /// A warning at `span`.
    pub fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message, Some(span))
    }

    /// A remark at `span`, shown only with `-v`.
    pub fn note(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(Severity::Note, message, Some(span))
    }

    /// A remark about a whole file, shown only with `-v`.
    pub fn file_note(message: impl Into<String>, path: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(Severity::Note, message, None);
        d.path = Some(path.into());
        d
    }

    /// An error about a whole file (one that could not be read or placed).
    pub fn file_error(message: impl Into<String>, path: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(Severity::Error, message, None);
        d.path = Some(path.into());
        d
    }

    fn new(severity: Severity, message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            span,
            path: None,
            help: None,
            strict: false,
        }
    }

    /// Adds a hint saying what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Marks a warning that `check --strict` counts as an error.
    pub fn strict(mut self) -> Diagnostic {
        self.strict = true;
        self
    }

    /// The same diagnostic, as a warning.
    pub fn as_warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// True for warnings.
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// True for remarks shown only with `-v`.
    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }
}

/// A position resolved for printing: 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, relative to the edition root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// Where a piece of an assembled file's text comes from (see
/// [`SourceMap::assemble`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Where the piece starts in the assembled text; it runs to the next
    /// segment's `at` (the last one, to the end of the text).
    pub at: usize,
    /// The file the piece comes from.
    pub file: FileId,
    /// Where the piece starts in that file.
    pub origin: usize,
    /// True when the piece is that file's text, copied byte for byte; false
    /// for text the assembly wrote itself (the `# ` that hides a line, a code
    /// fence around a playground), every byte of which stands for `origin`.
    pub copied: bool,
    /// The include directive that brought the piece in, an index into
    /// [`Assembly::includes`]; `None` for the chapter's own text.
    pub via: Option<u32>,
}

/// How the text of an assembled file (a chapter with `{{#include}}`s
/// expanded) maps back to the files it was made from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Assembly {
    /// The pieces of the text, in order; the first starts at 0.
    pub segments: Vec<Segment>,
    /// Every include directive a piece came through: where it is written
    /// (in the chapter or in an included file, as read), and the directive
    /// that brought that text in, if any.
    pub includes: Vec<(Span, Option<u32>)>,
}

/// The text of every file a diagnostic may point into.
#[derive(Default, Debug, Clone)]
pub struct SourceMap {
    files: Vec<(String, String)>,
    /// Where each line starts, per file, worked out on first use: placing
    /// thousands of citations must not rescan a file for each one.
    line_starts: Vec<std::sync::OnceLock<Vec<usize>>>,
    /// The assembled files, with where their text comes from. A file that
    /// is not here is its own origin (most files: they cost nothing here).
    assemblies: std::collections::BTreeMap<FileId, Assembly>,
}

impl SourceMap {
    /// Adds a file by its display name (relative to the edition root).
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.files.push((name, text));
        self.line_starts.push(std::sync::OnceLock::new());
        FileId((self.files.len() - 1) as u32)
    }

    /// The display name of a file.
    pub fn name(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].0
    }

    /// The normalised text of a file.
    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].1
    }

    /// Marks `id` as assembled from other files of the map: its text (what
    /// the later stages read) is made of the pieces `assembly` lists, and a
    /// span into it is shown where each piece comes from.
    pub fn assemble(&mut self, id: FileId, assembly: Assembly) {
        self.assemblies.insert(id, assembly);
    }

    /// Where the text of `span` comes from: `span` itself for a file as
    /// read; for an assembled file, the place in the chapter or the included
    /// file it was copied from, and the include directive that brought it in.
    /// A span running over pieces of different files is cut at the end of
    /// its first piece; one starting in inserted text is that text's origin.
    pub fn origin(&self, span: &Span) -> (Span, Option<u32>) {
        let Some(assembly) = self.assemblies.get(&span.file) else {
            return (span.clone(), None);
        };
        let segments = &assembly.segments;
        if segments.is_empty() {
            return (span.clone(), None);
        }
        let len = self.text(span.file).len();
        let piece = |offset: usize| {
            segments
                .partition_point(|s| s.at <= offset)
                .saturating_sub(1)
        };
        let piece_end = |i: usize| segments.get(i + 1).map_or(len, |s| s.at);
        let start = span.range.start.min(len);
        let i = piece(start);
        let first = &segments[i];
        if !first.copied {
            return (Span::new(first.file, first.origin..first.origin), first.via);
        }
        let from = first.origin + (start - first.at.min(start));
        let end = span.range.end.clamp(start, len);
        let to = if end <= piece_end(i) {
            first.origin + (end - first.at)
        } else {
            // The last byte's piece, when it is the same file's text further
            // on (a paragraph running over an include): the whole span.
            let last = &segments[piece(end - 1)];
            let to = last.origin + (end - last.at);
            if last.copied && last.file == first.file && last.via == first.via && to >= from {
                to
            } else {
                first.origin + (piece_end(i) - first.at)
            }
        };
        (Span::new(first.file, from..to), first.via)
    }

    /// Where the include directives that brought `span`'s text in are
    /// written, innermost first: empty for text of the chapter itself.
    pub fn included_at(&self, span: &Span) -> Vec<Location> {
        let (_, mut via) = self.origin(span);
        let mut at = Vec::new();
        let Some(assembly) = self.assemblies.get(&span.file) else {
            return at;
        };
        while let Some(v) = via {
            let Some((site, parent)) = assembly.includes.get(v as usize) else {
                break;
            };
            at.push(self.location(site));
            // Each directive was brought in by one written before it.
            via = parent.filter(|p| *p < v);
        }
        at
    }

    /// The file `file` as a cached step reads it (see [`Source`]).
    pub fn source(&self, file: FileId) -> Source<'_> {
        Source { map: self, file }
    }

    /// Line and column of the start of `span` (for an assembled file, in the
    /// file its text comes from).
    pub fn location(&self, span: &Span) -> Location {
        let (span, _) = self.origin(span);
        let text = self.text(span.file);
        let offset = floor_char_boundary(text, span.range.start.min(text.len()));
        let starts = self.line_starts[span.file.0 as usize].get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        Location {
            file: self.name(span.file).to_string(),
            line,
            column,
        }
    }

    /// `path:line:col: severity: message`, the source line, and the hint, as
    /// rustc prints them.
    pub fn render(&self, diag: &Diagnostic) -> String {
        let Some(span) = &diag.span else {
            let mut out = String::new();
            let sev = severity_word(diag.severity);
            match &diag.path {
                Some(p) => {
                    let _ = writeln!(out, "{p}: {sev}: {}", diag.message);
                }
                None => {
                    let _ = writeln!(out, "{sev}: {}", diag.message);
                }
            }
            if let Some(help) = &diag.help {
                let _ = writeln!(out, "  = help: {help}");
            }
            return out;
        };
        let loc = self.location(span);
        let included = self.included_at(span);
        let (span, _) = self.origin(span);
        let (excerpt, start, end) = excerpt(self.text(span.file), &span.range);
        let files = Excerpt {
            name: loc.file.clone(),
            text: excerpt,
            line: loc.line,
        };
        let id = ();
        let cs = match diag.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        }
        .with_message(&diag.message)
        .with_labels(vec![Label::primary(id, start..end)])
        .with_notes(
            diag.help
                .iter()
                .map(|h| format!("help: {h}"))
                .chain(
                    included
                        .iter()
                        .map(|l| format!("note: included at {}:{}:{}", l.file, l.line, l.column)),
                )
                .collect(),
        );
        let config = term::Config::default();
        let body = term::emit_into_string(&config, &files, &cs).unwrap_or_default();
        // The snippet may be cut around the span, which shifts codespan's own
        // column; its locus line is rewritten with the true one.
        let snippet = body.split_once('\n').map_or("", |(_, rest)| rest);
        let snippet = match snippet.split_once('\n') {
            Some((locus, rest)) if locus.contains("┌─") => {
                let indent = &locus[..locus.find("┌─").unwrap_or(0)];
                format!(
                    "{indent}┌─ {}:{}:{}\n{rest}",
                    loc.file, loc.line, loc.column
                )
            }
            _ => snippet.to_string(),
        };
        format!(
            "{}:{}:{}: {}: {}\n{}",
            loc.file,
            loc.line,
            loc.column,
            severity_word(diag.severity),
            diag.message,
            snippet
        )
    }

    /// A machine-readable form of `diag` for `check --format json`.
    pub fn to_json(&self, diag: &Diagnostic) -> serde_json::Value {
        let loc = diag.span.as_ref().map(|s| self.location(s));
        serde_json::json!({
            "severity": diag.severity,
            "message": diag.message,
            "file": loc.as_ref().map(|l| l.file.clone()).or_else(|| diag.path.clone()),
            "line": loc.as_ref().map(|l| l.line),
            "column": loc.as_ref().map(|l| l.column),
            "help": diag.help,
        })
    }
}

/// One file of the map as a cached step reads it: its name, its text and
/// where spans into it are. It hashes as all that reading depends on (for an
/// assembled file, also its pieces and the names and texts of the files they
/// come from), so a step that reads a file through it cannot miss one of
/// those inputs; it is hashed only when a key is asked for.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    map: &'a SourceMap,
    file: FileId,
}

impl<'a> Source<'a> {
    /// The file's display name.
    pub fn name(&self) -> &'a str {
        self.map.name(self.file)
    }

    /// The file's normalised text.
    pub fn text(&self) -> &'a str {
        self.map.text(self.file)
    }

    /// [`SourceMap::location`] of a span into this file (and no other: the
    /// place of another file's span depends on what this does not hash).
    pub fn location(&self, span: &Span) -> Location {
        assert_eq!(span.file, self.file, "a span into another file");
        self.map.location(span)
    }
}

impl std::hash::Hash for Source<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.file, self.name(), self.text()).hash(h);
        if let Some(assembly) = self.map.assemblies.get(&self.file) {
            assembly.hash(h);
            let mut from: Vec<FileId> = assembly.segments.iter().map(|s| s.file).collect();
            from.extend(assembly.includes.iter().map(|(s, _)| s.file));
            from.sort_unstable();
            from.dedup();
            for f in from {
                (self.map.name(f), self.map.text(f)).hash(h);
            }
        }
    }
}

/// The part of `text` a diagnostic shows: the line of the span, cut to a
/// window around it when long (a 10 MB line must not be printed whole).
fn excerpt(text: &str, range: &Range<usize>) -> (String, usize, usize) {
    const WINDOW: usize = 60;
    let start = floor_char_boundary(text, range.start);
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    let reach = floor_char_boundary(text, start.saturating_sub(WINDOW * 4));
    let line_start = text[reach..start]
        .rfind('\n')
        .map_or(reach, |i| reach + i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let from = floor_char_boundary(text, start.saturating_sub(WINDOW).max(line_start));
    let to = floor_char_boundary(
        text,
        (start + WINDOW).max(end.min(start + WINDOW)).min(line_end),
    );
    let mut shown = String::new();
    if from > line_start || (from == reach && reach > 0 && !text[..reach].ends_with('\n')) {
        shown.push('…');
    }
    let offset = shown.len();
    shown.push_str(&text[from..to]);
    if to < line_end {
        shown.push('…');
    }
    let label_start = offset + (start - from);
    let label_end = offset + (end.min(to).max(start) - from);
    (shown, label_start, label_end)
}

/// One line of a file, shown with its real line number: codespan's view of
/// an excerpt, so that a diagnostic costs the same on line 3 and line 700,000.
struct Excerpt {
    name: String,
    text: String,
    line: usize,
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(
        &'a self,
        (): (),
        _byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'a self,
        (): (),
        _line_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }

    fn line_range(
        &'a self,
        (): (),
        _line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        Ok(0..self.text.len())
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The largest char boundary at or below `i` (stable stand-in for the
/// unstable `str::floor_char_boundary`).
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The candidate nearest to `wanted` by edit distance, if reasonably near.
pub fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, c)| *d <= wanted.len().max(c.len()) / 2 + 1)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let mut map = SourceMap::default();
        let f = map.add("content/a.md".into(), "one\ntwé x\n".into());
        let loc = map.location(&Span::new(f, 9..10));
        assert_eq!((loc.line, loc.column), (2, 5));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let mut map = SourceMap::default();
        let line = format!("{}BAD{}", "x".repeat(5000), "y".repeat(5000));
        let f = map.add("a.md".into(), format!("first\n{line}\n"));
        let out = map.render(&Diagnostic::error("bad", Span::new(f, 5006..5009)));
        assert!(out.starts_with("a.md:2:5001: error: bad"), "{out}");
        assert!(out.len() < 600, "{}", out.len());
        assert!(out.contains("BAD"));
        assert!(out.contains("┌─ a.md:2:5001"), "{out}");
    }

    /// A chapter `a\n{{#include x}}\nb\n` whose include gave `x1\nx2`,
    /// the second line hidden: `a\nx1\n# x2\nb\n`.
    fn assembled() -> (SourceMap, FileId) {
        let mut map = SourceMap::default();
        let text = "a\nx1\n# x2\nb\n";
        let page = map.add("src/ch.md".into(), text.into());
        let own = map.add("src/ch.md".into(), "a\n{{#include x}}\nb\n".into());
        let x = map.add("x".into(), "x1\nx2\n".into());
        let seg = |at, file, origin, copied, via| Segment {
            at,
            file,
            origin,
            copied,
            via,
        };
        map.assemble(
            page,
            Assembly {
                segments: vec![
                    seg(0, own, 0, true, None),
                    seg(2, x, 0, true, Some(0)),
                    seg(5, x, 3, false, Some(0)),
                    seg(7, x, 3, true, Some(0)),
                    seg(9, own, 16, true, None),
                ],
                includes: vec![(Span::new(own, 2..16), None)],
            },
        );
        (map, page)
    }

    #[test]
    fn an_assembled_file_is_placed_where_its_text_comes_from() {
        let (map, page) = assembled();
        let at = |range: Range<usize>| {
            let (span, _) = map.origin(&Span::new(page, range));
            let loc = map.location(&span);
            (map.name(span.file).to_string(), span.range, loc.line)
        };
        assert_eq!(at(0..1), ("src/ch.md".into(), 0..1, 1));
        assert_eq!(at(3..5), ("x".into(), 1..3, 1));
        // The `# ` the include wrote stands for the start of its line.
        assert_eq!(at(5..7), ("x".into(), 3..3, 2));
        assert_eq!(at(7..9), ("x".into(), 3..5, 2));
        // The chapter's text after the include, at its own line.
        assert_eq!(at(10..11), ("src/ch.md".into(), 17..18, 3));
        // A span over the include, chapter text at both ends: all of it.
        assert_eq!(at(0..11), ("src/ch.md".into(), 0..18, 1));
        // From included text into the chapter's: cut at the end of the piece.
        assert_eq!(at(3..11), ("x".into(), 1..3, 1));
        let loc = map.location(&Span::new(page, 7..9));
        assert_eq!((loc.file.as_str(), loc.line, loc.column), ("x", 2, 1));
        let out = map.render(&Diagnostic::warning("bad", Span::new(page, 7..9)));
        assert!(out.starts_with("x:2:1: warning: bad\n"), "{out}");
        assert!(out.contains("│ x2"), "{out}");
        assert!(out.contains("= note: included at src/ch.md:2:1"), "{out}");
        let out = map.render(&Diagnostic::warning("bad", Span::new(page, 10..11)));
        assert!(out.starts_with("src/ch.md:3:1: warning: bad\n"), "{out}");
        assert!(!out.contains("included at"), "{out}");
        assert_eq!(
            map.to_json(&Diagnostic::warning("w", Span::new(page, 7..8)))["line"],
            2
        );
    }

    #[test]
    fn a_source_hashes_as_its_text_and_the_included_text() {
        let key = |map: &SourceMap, f: FileId| crate::memo::key_of(&map.source(f));
        let (map, page) = assembled();
        let (mut other, _) = assembled();
        assert_eq!(key(&map, page), key(&other, page));
        other.files[2].1 = "\nx1\nx2\n".into();
        assert_ne!(key(&map, page), key(&other, page), "an included file");
        let (mut other, _) = assembled();
        other.files[page.0 as usize].1.push('!');
        assert_ne!(key(&map, page), key(&other, page), "the file's own text");
        let (mut other, _) = assembled();
        other.files[page.0 as usize].0 = "src/renamed.md".into();
        assert_ne!(key(&map, page), key(&other, page), "the file's name");
    }

    #[test]
    fn render_names_file_line_and_column() {
        let mut map = SourceMap::default();
        let f = map.add("content/a.md".into(), "one\ntwo bad\n".into());
        let d = Diagnostic::error("bad thing", Span::new(f, 8..11)).with_help("fix it");
        let out = map.render(&d);
        assert!(
            out.starts_with("content/a.md:2:5: error: bad thing\n"),
            "{out}"
        );
        assert!(out.contains("two bad"), "{out}");
        assert!(out.contains("help: fix it"), "{out}");
    }
}
