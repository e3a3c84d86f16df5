//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Every stage reports bad input as a [`Diagnostic`] value instead of failing
//! early, so one build shows all problems at once. A diagnostic points into a
//! file held by the [`SourceMap`]; line and column are only computed when it is
//! printed, which keeps the stages free of presentation.

use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term;
use serde::Serialize;

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

/// The text of every file a diagnostic may point into.
#[derive(Default, Debug, Clone)]
pub struct SourceMap {
    files: Vec<(String, String)>,
    /// Where each line starts, per file, worked out on first use: placing
    /// thousands of citations must not rescan a file for each one.
    line_starts: Vec<std::sync::OnceLock<Vec<usize>>>,
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

    /// Line and column of the start of `span`.
    pub fn location(&self, span: &Span) -> Location {
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
        }
        .with_message(&diag.message)
        .with_labels(vec![Label::primary(id, start..end)])
        .with_notes(diag.help.iter().map(|h| format!("help: {h}")).collect());
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
