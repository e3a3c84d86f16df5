//! mdBook's link preprocessor: `{{#include}}`, `{{#rustdoc_include}}`,
//! `{{#playground}}` (and its old name `{{#playpen}}`) and `{{#title}}` in a
//! chapter, expanded as mdBook expands them, before the chapter is parsed.
//!
//! What mdBook does, and so what this does:
//!
//! - A directive is `{{#kind args}}`, whitespace allowed after `{{` and
//!   between the arguments, over several lines if need be; an unknown kind
//!   is left as written. `\{{#…}}` is the escape: the backslash goes, the
//!   rest of the line up to its last `}}` stays as written.
//! - `{{#include path}}` takes the file; `path:5` line 5, `path:5:10` lines 5
//!   to 10, `path:5:` from line 5, `path::10` up to line 10 (lines count from
//!   1; `path:0` is line 1). Anything else after the colon is an anchor:
//!   `path:name` takes the lines between `ANCHOR: name` and
//!   `ANCHOR_END: name` (or the end of the file), leaving out every
//!   `ANCHOR`/`ANCHOR_END` line among them. A range past the end takes
//!   nothing (a warning here).
//! - `{{#rustdoc_include path[:range|:anchor]}}` takes the whole file, the
//!   lines outside the range or anchor prefixed with `# `, which hides them
//!   in a Rust code block.
//! - `{{#playground path attrs…}}` takes the whole file inside a
//!   ```` ```rust,attr1,attr2 ```` fence.
//! - `{{#title Some Title}}` is removed, and becomes the page's `<title>`.
//! - What a file gives has its own directives expanded, relative to that
//!   file, ten levels deep at most; it is inserted without its last line
//!   end, each of its lines after the first prefixed with what precedes the
//!   directive on its line (so an include inside `> ` or a list item stays
//!   inside it).
//!
//! Unlike mdBook, which logs and goes on, a file that cannot be read, an
//! anchor that is not there, a path out of the book (the folder holding
//! `book.toml`, symbolic links resolved) or nesting too deep is an error at
//! the directive. The text that results keeps, piece by piece, where it
//! comes from ([`Assembly`]), so that a diagnostic about it points into the
//! file the text was written in.

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::diag::{Assembly, Diagnostic, FileId, Segment, SourceMap, Span};

/// How deep includes may nest, as in mdBook: a chapter's directives are
/// level 0, an included file's level 1, and a directive at level 10 is an
/// error.
pub const MAX_DEPTH: usize = 10;

/// The most text one chapter may grow to by its includes: a file included
/// ten times in a file included ten times, ten levels deep, must not take
/// the machine down.
const MAX_LEN: usize = 64 << 20;

/// mdBook's own pattern: an escaped directive runs to the last `}}` of its
/// line; a directive is a kind and at least one argument.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \\\{\{\#.*\}\}
        |
        \{\{\s*\#([a-zA-Z0-9_]+)\s+([^}]+)\}\}",
    )
    .expect("a valid pattern")
});

static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ANCHOR:\s*([\w_-]+)").expect("a valid pattern"));

static ANCHOR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ANCHOR_END:\s*([\w_-]+)").expect("a valid pattern"));

/// Where included files may be read from: the book's folder or, when the
/// book lives in a Git work tree (a project's `docs/` book including the
/// project's examples), that work tree.
#[derive(Debug, Clone)]
pub struct Book {
    /// The folder holding `book.toml`, absolute, as configured.
    root: PathBuf,
    /// The same with symbolic links resolved.
    canonical_root: PathBuf,
    /// The folder included files must be in, absolute, as configured.
    scope: PathBuf,
    /// The same with symbolic links resolved.
    canonical_scope: PathBuf,
    /// The output folder with symbolic links resolved, when it exists:
    /// never read from.
    output: Option<PathBuf>,
}

impl Book {
    /// The book at `root`, building into `output`.
    pub fn new(root: &Path, output: &Path) -> Book {
        let scope = root
            .ancestors()
            .find(|a| a.join(".git").exists())
            .unwrap_or(root)
            .to_path_buf();
        let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        Book {
            root: root.to_path_buf(),
            canonical_root: canonical(root),
            canonical_scope: canonical(&scope),
            scope,
            output: fs::canonicalize(output).ok(),
        }
    }

    /// How diagnostics name `path` (in the scope): relative to the book's
    /// folder, with `..` for a file of the work tree outside it.
    fn name(&self, path: &Path) -> String {
        let mut base = self.canonical_root.as_path();
        let mut up = String::new();
        while !path.starts_with(base) {
            match base.parent() {
                Some(parent) => base = parent,
                None => break,
            }
            up.push_str("../");
        }
        format!("{up}{}", super::rel_display(base, path))
    }
}

/// A chapter's text with its directives expanded.
#[derive(Debug)]
pub struct Expanded {
    /// What the later stages read.
    pub text: String,
    /// Where `text` comes from, when it is not the file as read.
    pub origins: Option<Origins>,
    /// The `{{#title}}` given, if any.
    pub title: Option<String>,
    /// Problems, with spans into [`Origins::files`] by index (`FileId(0)`
    /// the chapter as read; the chapter itself when `origins` is `None`).
    pub diags: Vec<Diagnostic>,
    /// Every file a directive named, relative to the book's folder (with
    /// `/`), read or not: what `serve` watches besides the content folder.
    pub named: Vec<String>,
}

impl Expanded {
    /// `text` with nothing expanded (a file mdBook does not preprocess).
    pub fn plain(text: String) -> Expanded {
        Expanded {
            text,
            origins: None,
            title: None,
            diags: Vec::new(),
            named: Vec::new(),
        }
    }
}

/// The files an expanded chapter is made of.
#[derive(Debug)]
pub struct Origins {
    /// Display name and text of each, the chapter as read first.
    pub files: Vec<(String, String)>,
    /// How the expanded text maps onto them; `FileId(i)` is `files[i]`.
    pub assembly: Assembly,
}

impl Origins {
    /// Registers the files in `map` (an included file already in
    /// `registered` with the same text is not added again) and the
    /// assembly of the page `page`. Hands back the id of each file, by index.
    pub fn place(
        self,
        page: FileId,
        map: &mut SourceMap,
        registered: &mut HashMap<String, FileId>,
    ) -> Vec<FileId> {
        let mut ids = Vec::with_capacity(self.files.len());
        for (i, (name, text)) in self.files.into_iter().enumerate() {
            let known = registered
                .get(&name)
                .copied()
                .filter(|&f| i > 0 && map.text(f) == text);
            ids.push(known.unwrap_or_else(|| {
                let f = map.add(name.clone(), text);
                if i > 0 {
                    registered.insert(name, f);
                }
                f
            }));
        }
        let mut assembly = self.assembly;
        for s in &mut assembly.segments {
            s.file = ids[s.file.0 as usize];
        }
        for (site, _) in &mut assembly.includes {
            site.file = ids[site.file.0 as usize];
        }
        map.assemble(page, assembly);
        ids
    }
}

/// Expands the directives of the chapter `text`, read from `path` and shown
/// as `shown`. A text without `{{` is handed back as it is, at no cost.
pub fn expand(book: &Book, path: &Path, shown: &str, text: String) -> Expanded {
    if !text.contains("{{") {
        return Expanded::plain(text);
    }
    let mut run = Run {
        book,
        files: vec![(shown.to_string(), String::new())],
        read: HashMap::new(),
        includes: Vec::new(),
        title: None,
        diags: Vec::new(),
        named: Vec::new(),
        changed: false,
        stopped: false,
    };
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let own = [Seg {
        at: 0,
        file: 0,
        origin: 0,
        copied: true,
        via: None,
    }];
    let input = View {
        text: &text,
        segs: &own,
    };
    let mut chain = vec![shown.to_string()];
    let out = run.expand(input, &base, 0, &mut chain);
    if !run.changed {
        return Expanded {
            text,
            origins: None,
            title: run.title,
            diags: run.diags,
            named: run.named,
        };
    }
    run.files[0].1 = text;
    let segments = out
        .segs
        .iter()
        .map(|s| Segment {
            at: s.at,
            file: FileId(s.file),
            origin: s.origin,
            copied: s.copied,
            via: s.via,
        })
        .collect();
    Expanded {
        text: out.text,
        origins: Some(Origins {
            files: run.files,
            assembly: Assembly {
                segments,
                includes: run.includes,
            },
        }),
        title: run.title,
        diags: run.diags,
        named: run.named,
    }
}

/// One directive, as mdBook reads it.
#[derive(Debug, PartialEq, Clone)]
enum Kind<'a> {
    /// `\{{#…}}`.
    Escaped,
    /// `{{#include path[:pick]}}`.
    Include(&'a str, Pick<'a>),
    /// `{{#rustdoc_include path[:pick]}}`.
    RustdocInclude(&'a str, Pick<'a>),
    /// `{{#playground path attrs…}}`; `renamed` for `{{#playpen}}`.
    Playground {
        path: &'a str,
        attrs: Vec<&'a str>,
        renamed: bool,
    },
    /// `{{#title text}}`, the text as written.
    Title(&'a str),
}

/// Which part of a file an include takes.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Pick<'a> {
    /// Lines `start..end`, counted from 0, `end` excluded (`None`: to the end).
    Lines { start: usize, end: Option<usize> },
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(&'a str),
}

impl Pick<'_> {
    fn contains(&self, line: usize) -> bool {
        match *self {
            Pick::Lines { start, end } => line >= start && end.is_none_or(|e| line < e),
            Pick::Anchor(_) => false,
        }
    }
}

impl<'a> Kind<'a> {
    /// The directive a match of [`DIRECTIVE`] is, if mdBook knows it.
    fn of(caps: &Captures<'a>) -> Option<Kind<'a>> {
        match (caps.get(1), caps.get(2)) {
            (Some(kind), Some(rest)) if kind.as_str() == "title" => {
                Some(Kind::Title(rest.as_str()))
            }
            (Some(kind), Some(rest)) => {
                let mut words = rest.as_str().split_whitespace();
                let path = words.next()?;
                match kind.as_str() {
                    "include" => {
                        let (path, pick) = path_and_pick(path);
                        Some(Kind::Include(path, pick))
                    }
                    "rustdoc_include" => {
                        let (path, pick) = path_and_pick(path);
                        Some(Kind::RustdocInclude(path, pick))
                    }
                    "playground" | "playpen" => Some(Kind::Playground {
                        path,
                        attrs: words.collect(),
                        renamed: kind.as_str() == "playpen",
                    }),
                    _ => None,
                }
            }
            _ if caps[0].starts_with('\\') => Some(Kind::Escaped),
            _ => None,
        }
    }
}

/// `path:pick` split at its first colon, the pick read as mdBook reads it:
/// numbers that do not parse after a number are ignored, anything else first
/// is an anchor's name, a fourth colon and what follows are ignored.
fn path_and_pick(arg: &str) -> (&str, Pick<'_>) {
    let (path, rest) = arg.split_once(':').unwrap_or((arg, ""));
    let mut parts = rest.splitn(3, ':');
    let first = parts.next().unwrap_or("");
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return (path, Pick::Anchor(first)),
    };
    let end = parts.next().map(str::parse::<usize>);
    let pick = match (start, end) {
        (Some(start), Some(Ok(end))) => Pick::Lines {
            start,
            end: Some(end),
        },
        (Some(start), Some(Err(_))) => Pick::Lines { start, end: None },
        (Some(start), None) => Pick::Lines {
            start,
            end: Some(start + 1),
        },
        (None, Some(Ok(end))) => Pick::Lines {
            start: 0,
            end: Some(end),
        },
        (None, _) => Pick::Lines {
            start: 0,
            end: None,
        },
    };
    (path, pick)
}

/// Where one piece of a text comes from: as [`Segment`], the file an index
/// into the run's files.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    at: usize,
    file: u32,
    origin: usize,
    copied: bool,
    via: Option<u32>,
}

/// A text and where its pieces come from.
#[derive(Debug, Clone, Copy)]
struct View<'a> {
    text: &'a str,
    segs: &'a [Seg],
}

impl View<'_> {
    fn piece(&self, offset: usize) -> usize {
        self.segs
            .partition_point(|s| s.at <= offset)
            .saturating_sub(1)
    }

    fn piece_end(&self, i: usize) -> usize {
        self.segs.get(i + 1).map_or(self.text.len(), |s| s.at)
    }

    /// The origin (file, offset, include) of the byte at `offset`.
    fn origin(&self, offset: usize) -> Option<(u32, usize, Option<u32>)> {
        let s = self.segs.get(self.piece(offset))?;
        let origin = match s.copied {
            true => s.origin + offset.saturating_sub(s.at),
            false => s.origin,
        };
        Some((s.file, origin, s.via))
    }

    /// Where `range` of the text is written, and the include that brought
    /// it in: the whole range when it is one piece, its start otherwise.
    fn span(&self, range: Range<usize>) -> (Span, Option<u32>) {
        let i = self.piece(range.start);
        let Some(s) = self.segs.get(i) else {
            return (Span::new(FileId(0), 0..0), None);
        };
        let (file, start, via) = self.origin(range.start).expect("a piece");
        let end = match s.copied && range.end <= self.piece_end(i) {
            true => start + range.len(),
            false => start,
        };
        (Span::new(FileId(file), start..end), via)
    }
}

/// A text being made, with where its pieces come from.
#[derive(Debug, Default)]
struct Piece {
    text: String,
    segs: Vec<Seg>,
}

impl Piece {
    fn view(&self) -> View<'_> {
        View {
            text: &self.text,
            segs: &self.segs,
        }
    }

    /// Appends `s`, copied from `file` at `origin` or (not `copied`) written
    /// there.
    fn push(&mut self, s: &str, file: u32, origin: usize, copied: bool, via: Option<u32>) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        let continues = self.segs.last().is_some_and(|l| {
            l.file == file
                && l.via == via
                && l.copied == copied
                && match copied {
                    true => l.origin + (at - l.at) == origin,
                    false => l.origin == origin,
                }
        });
        if !continues {
            self.segs.push(Seg {
                at,
                file,
                origin,
                copied,
                via,
            });
        }
        self.text.push_str(s);
    }

    /// Appends `from.text[range]`, each piece keeping its origin.
    fn copy(&mut self, from: View, range: Range<usize>) {
        let mut at = range.start;
        let mut i = from.piece(at);
        while at < range.end {
            let Some(s) = from.segs.get(i) else { break };
            let end = from.piece_end(i).min(range.end);
            let origin = match s.copied {
                true => s.origin + (at - s.at),
                false => s.origin,
            };
            self.push(&from.text[at..end], s.file, origin, s.copied, s.via);
            at = end;
            i += 1;
        }
    }

    /// Appends `content` as mdBook inserts an expansion: without its last
    /// line end, each line after the first prefixed with what stands before
    /// the directive on its line. The prefix stands for the start of the
    /// line it precedes (or `fallback` at the very end).
    fn splice(&mut self, content: &Piece, fallback: (u32, usize, Option<u32>)) {
        let prefix = self.text[self.text.rfind('\n').map_or(0, |i| i + 1)..].to_string();
        let text = &content.text;
        let body = text.strip_suffix('\n').unwrap_or(text).len();
        let mut at = 0;
        loop {
            let Some(nl) = text[at..body].find('\n').map(|i| at + i) else {
                self.copy(content.view(), at..body);
                break;
            };
            self.copy(content.view(), at..nl + 1);
            at = nl + 1;
            let (file, origin, via) = match at < text.len() {
                true => content.view().origin(at).unwrap_or(fallback),
                false => fallback,
            };
            self.push(&prefix, file, origin, false, via);
        }
    }
}

/// What a directive gives before its own directives are expanded.
enum Rendered {
    /// Final text (an escape, a title).
    Text(Piece),
    /// A file's text, to expand relative to `base`; `name` for the chain.
    File {
        piece: Piece,
        base: PathBuf,
        name: String,
    },
}

/// One chapter's expansion under way.
struct Run<'a> {
    book: &'a Book,
    /// Every file read, the chapter first (its text put in at the end).
    files: Vec<(String, String)>,
    /// Files already read, by resolved path: read once per chapter.
    read: HashMap<PathBuf, u32>,
    includes: Vec<(Span, Option<u32>)>,
    title: Option<String>,
    diags: Vec<Diagnostic>,
    named: Vec<String>,
    /// Whether any directive was replaced.
    changed: bool,
    /// Set on nesting too deep or growing too long: the rest is left as
    /// written (the error is said once).
    stopped: bool,
}

impl Run<'_> {
    /// `input` with its directives expanded; `base` is the folder of the
    /// file it was read from, `depth` how deep it is included, `chain` the
    /// files that include it, for the error when it is too deep.
    fn expand(&mut self, input: View, base: &Path, depth: usize, chain: &mut Vec<String>) -> Piece {
        let mut out = Piece::default();
        let mut done = 0;
        for caps in DIRECTIVE.captures_iter(input.text) {
            let Some(kind) = Kind::of(&caps) else {
                continue;
            };
            let whole = caps.get(0).expect("the whole match").range();
            if self.stopped {
                break;
            }
            out.copy(input, done..whole.start);
            done = whole.start;
            let (site, via) = input.span(whole.clone());
            let rendered = match self.render(&kind, input, whole.clone(), &site, via, base) {
                Ok(r) => r,
                // Left as written, as mdBook leaves it.
                Err(()) => continue,
            };
            done = whole.end;
            self.changed = true;
            if depth >= MAX_DEPTH {
                // mdBook drops the directive.
                self.stopped = true;
                let mut names = chain.clone();
                if let Rendered::File { name, .. } = &rendered {
                    names.push(name.clone());
                }
                let cycle = names
                    .iter()
                    .enumerate()
                    .find(|(i, n)| names[..*i].contains(n))
                    .map(|(_, n)| n.clone());
                let help = match cycle {
                    Some(n) => format!(
                        "`{n}` includes itself, directly or through other files; break the cycle"
                    ),
                    None => format!(
                        "includes may nest {MAX_DEPTH} deep, as in mdBook; include the innermost file from higher up"
                    ),
                };
                self.diags.push(
                    Diagnostic::error(
                        format!(
                            "includes nested more than {MAX_DEPTH} deep: {}",
                            names.join(" → ")
                        ),
                        site,
                    )
                    .with_help(help),
                );
                continue;
            }
            let content = match rendered {
                Rendered::Text(piece) => piece,
                Rendered::File { piece, base, name } => {
                    chain.push(name);
                    let expanded = self.expand(piece.view(), &base, depth + 1, chain);
                    chain.pop();
                    expanded
                }
            };
            out.splice(&content, (site.file.0, site.range.start, via));
            if out.text.len() > MAX_LEN && !self.stopped {
                self.stopped = true;
                self.diags.push(
                    Diagnostic::error(
                        format!(
                            "the includes make this chapter longer than {} MiB",
                            MAX_LEN >> 20
                        ),
                        site,
                    )
                    .with_help("include fewer or smaller files; a file included many times over, in files included many times over, grows very fast"),
                );
            }
        }
        out.copy(input, done..input.text.len());
        out
    }

    /// What `kind`, written at `range` of `input` (at `site`, brought in by
    /// `via`), gives. An error is reported here.
    fn render(
        &mut self,
        kind: &Kind,
        input: View,
        range: Range<usize>,
        site: &Span,
        via: Option<u32>,
        base: &Path,
    ) -> Result<Rendered, ()> {
        let (path, pick) = match kind {
            Kind::Escaped => {
                let mut piece = Piece::default();
                piece.copy(input, range.start + 1..range.end);
                return Ok(Rendered::Text(piece));
            }
            Kind::Title(title) => {
                self.title = Some(title.to_string());
                return Ok(Rendered::Text(Piece::default()));
            }
            Kind::Include(path, pick) | Kind::RustdocInclude(path, pick) => (*path, Some(*pick)),
            Kind::Playground { path, renamed, .. } => {
                if *renamed {
                    self.diags.push(
                        Diagnostic::warning(
                            "`{{#playpen}}` is the old name of `{{#playground}}`",
                            site.clone(),
                        )
                        .with_help("write `{{#playground …}}`, as mdBook asks"),
                    );
                }
                (*path, None)
            }
        };
        let (file, name) = self.read(base, path, site)?;
        let nested_base = base
            .join(path)
            .parent()
            .map_or_else(|| base.to_path_buf(), Path::to_path_buf);
        let text = &self.files[file as usize].1;
        let lines: Vec<Range<usize>> = text
            .lines()
            .map(|l| {
                let start = l.as_ptr() as usize - text.as_ptr() as usize;
                start..start + l.len()
            })
            .collect();
        let picked = match (kind, pick) {
            (Kind::Include(..), Some(Pick::Lines { start, end })) => Some(
                lines
                    .iter()
                    .skip(start)
                    .take(end.map_or(usize::MAX, |e| e.saturating_sub(start)))
                    .map(|r| (r.clone(), false))
                    .collect(),
            ),
            (Kind::Include(..), Some(Pick::Anchor(anchor))) => anchored(text, &lines, anchor),
            (Kind::RustdocInclude(..), Some(Pick::Anchor(anchor))) => {
                anchored_hiding(text, &lines, anchor)
            }
            (_, pick) => Some(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.clone(), pick.is_some_and(|p| !p.contains(i))))
                    .collect(),
            ),
        };
        let Some(picked) = picked else {
            let anchor = match pick {
                Some(Pick::Anchor(a)) => a,
                _ => "",
            };
            let mut names: Vec<&str> = lines
                .iter()
                .filter_map(|r| ANCHOR.captures(&text[r.clone()]))
                .filter_map(|c| c.get(1).map(|m| m.as_str()))
                .collect();
            names.dedup();
            let help = match names.is_empty() {
                true => format!(
                    "`{name}` has no anchors: put `ANCHOR: {anchor}` and `ANCHOR_END: {anchor}` lines (in comments) around the part to include, or give line numbers"
                ),
                false => format!(
                    "the anchors of `{name}` are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.diags.push(
                Diagnostic::error(
                    format!("there is no `ANCHOR: {anchor}` in `{name}`"),
                    site.clone(),
                )
                .with_help(help),
            );
            return Err(());
        };
        if let Some(Pick::Lines { start, end }) = pick
            && !lines.is_empty()
            && picked.iter().all(|(_, hidden)| *hidden)
        {
            let asked = match end {
                Some(end) if end == start + 1 => format!("line {}", start + 1),
                Some(end) => format!("lines {} to {end}", start + 1),
                None => format!("lines from {}", start + 1),
            };
            let n = lines.len();
            let lines_word = if n == 1 { "line" } else { "lines" };
            self.diags.push(
                Diagnostic::warning(
                    format!("{asked} of `{name}` asked for, which has {n} {lines_word}: nothing is {}", match kind {
                        Kind::RustdocInclude(..) => "shown",
                        _ => "included",
                    }),
                    site.clone(),
                )
                .with_help("lines count from 1: `:5` is line 5, `:5:10` lines 5 to 10, `:5:` line 5 on, `::10` up to line 10"),
            );
        }
        self.includes.push((site.clone(), via));
        let via = Some((self.includes.len() - 1) as u32);
        let text = &self.files[file as usize].1;
        let mut piece = Piece::default();
        if let Kind::Playground { attrs, .. } = kind {
            let (parent, at) = (site.file.0, site.range.start);
            let fence = match attrs.is_empty() {
                true => "```rust\n".to_string(),
                false => format!("```rust,{}\n", attrs.join(",")),
            };
            piece.push(&fence, parent, at, false, via);
            piece.push(text, file, 0, true, via);
            if !text.ends_with('\n') {
                piece.push("\n", file, text.len(), false, via);
            }
            piece.push("```\n", parent, at, false, via);
        } else {
            let mut previous: Option<usize> = None;
            for (range, hidden) in picked {
                if let Some(end) = previous {
                    let copied = text[end..].starts_with('\n');
                    piece.push("\n", file, end, copied, via);
                }
                if hidden {
                    piece.push("# ", file, range.start, false, via);
                }
                piece.push(&text[range.clone()], file, range.start, true, via);
                previous = Some(range.end);
            }
        }
        Ok(Rendered::File {
            piece,
            base: nested_base,
            name,
        })
    }

    /// Reads the file `written` names relative to `base`, once per chapter:
    /// its index in the run's files and its name. Errors are reported here.
    fn read(&mut self, base: &Path, written: &str, site: &Span) -> Result<(u32, String), ()> {
        let target = base.join(written);
        let lexical = crate::config::normalize(&target);
        let inside = lexical.starts_with(&self.book.scope);
        let rel = |root: &Path, p: &Path| super::rel_display(root, p);
        let error = |message: String, help: String| {
            Diagnostic::error(message, site.clone()).with_help(help)
        };
        let outside = || {
            error(
                format!("`{written}` is outside the book"),
                format!(
                    "an included file must be inside the book's folder, the one holding book.toml, or the Git work tree the book is in ({}); copy the file into it",
                    self.book.scope.display()
                ),
            )
        };
        let canonical = match fs::canonicalize(&target) {
            Ok(c) => c,
            Err(e) => {
                if !inside {
                    self.diags.push(outside());
                    return Err(());
                }
                self.named.push(rel(&self.book.root, &lexical));
                let shown = rel(&self.book.root, &lexical);
                self.diags.push(match e.kind() {
                    ErrorKind::NotFound => error(
                        format!("`{written}` does not exist"),
                        format!(
                            "the path is relative to the file the directive is written in: this one names `{shown}` in the book's folder"
                        ),
                    ),
                    _ => error(
                        format!("cannot read `{written}`: {e}"),
                        "let the user running glossator read the file and enter its folders".into(),
                    ),
                });
                return Err(());
            }
        };
        if !canonical.starts_with(&self.book.canonical_scope) {
            self.diags.push(match inside {
                true => error(
                    format!("`{written}` leads out of the book through a symbolic link"),
                    "an included file must be inside the book's folder, the one holding book.toml, once links are followed; copy the file into it".into(),
                ),
                false => outside(),
            });
            return Err(());
        }
        let name = self.book.name(&canonical);
        self.named.push(name.clone());
        if let Some(&file) = self.read.get(&canonical) {
            return Ok((file, name));
        }
        if self
            .book
            .output
            .as_ref()
            .is_some_and(|o| canonical.starts_with(o))
        {
            self.diags.push(error(
                format!("`{written}` is inside the output folder"),
                "include a file of the book's sources: the output folder is replaced by every build"
                    .into(),
            ));
            return Err(());
        }
        let meta = fs::metadata(&canonical);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            self.diags.push(error(
                format!("`{written}` is a folder, not a file"),
                "name a file, with its extension".into(),
            ));
            return Err(());
        }
        // A FIFO or a device would block the build or never end.
        if meta.as_ref().is_ok_and(|m| !m.is_file()) {
            self.diags.push(error(
                format!("`{written}` is not a regular file"),
                "include a file saved on disk".into(),
            ));
            return Err(());
        }
        if meta.as_ref().is_ok_and(|m| m.len() > MAX_LEN as u64) {
            self.diags.push(error(
                format!(
                    "`{written}` is larger than {} MiB, too large to include",
                    MAX_LEN >> 20
                ),
                "include a part of it, or a smaller file".into(),
            ));
            return Err(());
        }
        let bytes = match fs::read(&canonical) {
            Ok(b) => b,
            Err(e) => {
                self.diags.push(error(
                    format!("cannot read `{written}`: {e}"),
                    "let the user running glossator read the file".into(),
                ));
                return Err(());
            }
        };
        let text = match super::text::decode(bytes) {
            Ok(t) => t,
            Err(bad) => {
                let line = bad.lossy[..bad.at].matches('\n').count() + 1;
                self.diags.push(error(
                    format!(
                        "`{written}` is not UTF-8: byte 0x{:02X} on its line {line} is not part of a UTF-8 character",
                        bad.byte
                    ),
                    "save the file as UTF-8 (most editors offer it under \"Save with encoding\")".into(),
                ));
                return Err(());
            }
        };
        let file = self.files.len() as u32;
        self.files.push((name.clone(), text));
        self.read.insert(canonical, file);
        Ok((file, name))
    }
}

/// The lines of `text` between `ANCHOR: anchor` and its `ANCHOR_END` (or the
/// end), other anchor lines left out; `None` when there is no such anchor.
fn anchored(text: &str, lines: &[Range<usize>], anchor: &str) -> Option<Vec<(Range<usize>, bool)>> {
    let mut kept = Vec::new();
    let mut found = false;
    for r in lines {
        let line = &text[r.clone()];
        if found {
            match ANCHOR_END.captures(line) {
                Some(c) if &c[1] == anchor => break,
                Some(_) => {}
                None if ANCHOR.is_match(line) => {}
                None => kept.push((r.clone(), false)),
            }
        } else if ANCHOR.captures(line).is_some_and(|c| &c[1] == anchor) {
            found = true;
        }
    }
    found.then_some(kept)
}

/// Every line of `text`, those outside the `anchor` sections hidden, anchor
/// lines left out; `None` when there is no such anchor.
fn anchored_hiding(
    text: &str,
    lines: &[Range<usize>],
    anchor: &str,
) -> Option<Vec<(Range<usize>, bool)>> {
    let mut kept = Vec::new();
    let mut within = false;
    let mut found = false;
    for r in lines {
        let line = &text[r.clone()];
        if within {
            match ANCHOR_END.captures(line) {
                Some(c) if &c[1] == anchor => within = false,
                Some(_) => {}
                None if ANCHOR.is_match(line) => {}
                None => kept.push((r.clone(), false)),
            }
        } else if let Some(c) = ANCHOR.captures(line) {
            if &c[1] == anchor {
                within = true;
                found = true;
            }
        } else if !ANCHOR_END.is_match(line) {
            kept.push((r.clone(), true));
        }
    }
    found.then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book in a temporary folder holding `files`, chapters in `src/`.
    struct Fixture {
        dir: tempfile::TempDir,
        book: Book,
    }

    fn fixture(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        for (rel, text) in files {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        fs::create_dir_all(root.join("src")).unwrap();
        let book = Book::new(&root, &root.join("site"));
        Fixture { dir, book }
    }

    impl Fixture {
        /// `text` expanded as the chapter `src/<rel>`.
        fn expand(&self, rel: &str, text: &str) -> Expanded {
            let path = self.book.root.join("src").join(rel);
            expand(&self.book, &path, &format!("src/{rel}"), text.to_string())
        }

        /// The expansion's text, which must have no diagnostics.
        fn text(&self, text: &str) -> String {
            let e = self.expand("ch.md", text);
            assert!(e.diags.is_empty(), "{:?}", e.diags);
            e.text
        }
    }

    const FIVE: &str = "Lorem\nipsum\ndolor\nsit\namet\n";

    #[test]
    fn picks_are_read_as_mdbook_reads_them() {
        let lines = |start, end| Pick::Lines { start, end };
        for (arg, path, pick) in [
            ("a.rs", "a.rs", lines(0, None)),
            ("a.rs:", "a.rs", lines(0, None)),
            ("a.rs::", "a.rs", lines(0, None)),
            ("a.rs::NaN", "a.rs", lines(0, None)),
            ("a.rs:5", "a.rs", lines(4, Some(5))),
            ("a.rs:1", "a.rs", lines(0, Some(1))),
            ("a.rs:0", "a.rs", lines(0, Some(1))),
            ("a.rs:5:", "a.rs", lines(4, None)),
            ("a.rs:5:NaN", "a.rs", lines(4, None)),
            ("a.rs::5", "a.rs", lines(0, Some(5))),
            ("a.rs:5:10", "a.rs", lines(4, Some(10))),
            ("a.rs:5:10:17:x:", "a.rs", lines(4, Some(10))),
            ("a.rs:+5", "a.rs", lines(4, Some(5))),
            ("a.rs:-5", "a.rs", Pick::Anchor("-5")),
            ("a.rs:-5.7", "a.rs", Pick::Anchor("-5.7")),
            (
                "a.rs:some-anchor:ignored",
                "a.rs",
                Pick::Anchor("some-anchor"),
            ),
            ("../x/a.rs:main", "../x/a.rs", Pick::Anchor("main")),
        ] {
            assert_eq!(path_and_pick(arg), (path, pick), "{arg}");
        }
    }

    /// The directives found in `text`, with what they span.
    fn found(text: &str) -> Vec<(&str, Kind<'_>)> {
        DIRECTIVE
            .captures_iter(text)
            .filter_map(|c| Some((c.get(0).unwrap().as_str(), Kind::of(&c)?)))
            .collect()
    }

    #[test]
    fn directives_are_found_as_mdbook_finds_them() {
        let all = Pick::Lines {
            start: 0,
            end: None,
        };
        assert_eq!(found("no link {{#playground...  {{#include..."), []);
        assert_eq!(found("{{#playground}} {{#playground   }} {{}} {{#}}"), []);
        assert_eq!(
            found("{{#playgroundz a.rs}} {{#incn}} {{baz}} {{#bar x}}"),
            []
        );
        assert_eq!(
            found("a {{#playground file.rs}} b {{#playground test.rs editable no_run }}"),
            [
                (
                    "{{#playground file.rs}}",
                    Kind::Playground {
                        path: "file.rs",
                        attrs: vec![],
                        renamed: false
                    }
                ),
                (
                    "{{#playground test.rs editable no_run }}",
                    Kind::Playground {
                        path: "test.rs",
                        attrs: vec!["editable", "no_run"],
                        renamed: false
                    }
                ),
            ]
        );
        // Whitespace after `{{` and around the arguments, line ends too.
        assert_eq!(
            found("{{ #include x.rs }} {{\n#include\ny.rs\n}}"),
            [
                ("{{ #include x.rs }}", Kind::Include("x.rs", all)),
                ("{{\n#include\ny.rs\n}}", Kind::Include("y.rs", all)),
            ]
        );
        // An escape runs to the last `}}` of its line, hiding what is inside.
        assert_eq!(
            found("\\{{#include a.rs}} {{#include b.rs}}\n{{#include c.rs}}"),
            [
                ("\\{{#include a.rs}} {{#include b.rs}}", Kind::Escaped),
                ("{{#include c.rs}}", Kind::Include("c.rs", all)),
            ]
        );
        assert_eq!(
            found("{{#title  A  Title }}"),
            [("{{#title  A  Title }}", Kind::Title("A  Title "))]
        );
    }

    #[test]
    fn line_ranges() {
        let f = fixture(&[("src/five.txt", FIVE)]);
        assert_eq!(
            f.text("{{#include five.txt}}"),
            "Lorem\nipsum\ndolor\nsit\namet"
        );
        assert_eq!(f.text("{{#include five.txt:2:3}}"), "ipsum\ndolor");
        assert_eq!(f.text("{{#include five.txt:4:}}"), "sit\namet");
        assert_eq!(f.text("{{#include five.txt::2}}"), "Lorem\nipsum");
        assert_eq!(f.text("{{#include five.txt:3}}"), "dolor");
        assert_eq!(
            f.text("{{#include five.txt::100}}"),
            "Lorem\nipsum\ndolor\nsit\namet"
        );
        assert_eq!(f.text("a {{#include five.txt:2}} b\n"), "a ipsum b\n");
        // Past the end, or backwards: nothing, as in mdBook, and a warning.
        for past in ["{{#include five.txt:9:12}}", "{{#include five.txt:4:3}}"] {
            let e = f.expand("ch.md", past);
            assert_eq!(e.text, "", "{past}");
            assert_eq!(e.diags.len(), 1, "{past}");
            assert!(!e.diags[0].is_error());
            assert!(
                e.diags[0].message.contains("has 5 lines"),
                "{}",
                e.diags[0].message
            );
        }
    }

    #[test]
    fn anchors() {
        let f = fixture(&[(
            "src/a.rs",
            "Lorem\nANCHOR:    outer\nipsum\n// ANCHOR: test\ndolor\nsit\n// ANCHOR_END: test\nlorem\nANCHOR_END:outer\nipsum\n",
        )]);
        assert_eq!(f.text("{{#include a.rs:test}}"), "dolor\nsit");
        // Every anchor line inside is left out.
        assert_eq!(
            f.text("{{#include a.rs:outer}}"),
            "ipsum\ndolor\nsit\nlorem"
        );
        let e = f.expand("ch.md", "x\n\n{{#include a.rs:nope}}\n");
        assert_eq!(e.diags.len(), 1);
        let d = &e.diags[0];
        assert!(d.is_error());
        assert_eq!(d.message, "there is no `ANCHOR: nope` in `src/a.rs`");
        assert_eq!(
            d.help.as_deref(),
            Some("the anchors of `src/a.rs` are `outer`, `test`")
        );
        assert_eq!(d.span, Some(Span::new(FileId(0), 3..25)));
        // Left as written, the text unchanged.
        assert_eq!(e.text, "x\n\n{{#include a.rs:nope}}\n");
        assert!(e.origins.is_none());
        // An anchor never closed runs to the end of the file.
        let f = fixture(&[("src/b.rs", "a\nANCHOR: x\nb\nc\n")]);
        assert_eq!(f.text("{{#include b.rs:x}}"), "b\nc");
    }

    #[test]
    fn rustdoc_include_hides_the_rest() {
        let f = fixture(&[
            ("src/five.txt", FIVE),
            (
                "src/a.rs",
                "Lorem\nANCHOR: test\nipsum\nANCHOR_END: test\ndolor\nANCHOR: test\nsit\nANCHOR_END: test\namet\n",
            ),
        ]);
        assert_eq!(
            f.text("{{#rustdoc_include five.txt:2:3}}"),
            "# Lorem\nipsum\ndolor\n# sit\n# amet"
        );
        assert_eq!(
            f.text("{{#rustdoc_include five.txt:4:}}"),
            "# Lorem\n# ipsum\n# dolor\nsit\namet"
        );
        assert_eq!(
            f.text("{{#rustdoc_include five.txt}}"),
            "Lorem\nipsum\ndolor\nsit\namet"
        );
        // Every section of the anchor is shown.
        assert_eq!(
            f.text("{{#rustdoc_include a.rs:test}}"),
            "# Lorem\nipsum\n# dolor\nsit\n# amet"
        );
        let e = f.expand("ch.md", "{{#rustdoc_include a.rs:other}}");
        assert!(e.diags[0].is_error(), "{:?}", e.diags);
        let e = f.expand("ch.md", "{{#rustdoc_include five.txt:7}}");
        assert!(
            e.diags[0].message.contains("nothing is shown"),
            "{:?}",
            e.diags
        );
        assert_eq!(e.text, "# Lorem\n# ipsum\n# dolor\n# sit\n# amet");
    }

    #[test]
    fn playground_fences_the_file() {
        let f = fixture(&[("src/main.rs", "fn main() {}")]);
        assert_eq!(
            f.text("{{#playground main.rs}}\n"),
            "```rust\nfn main() {}\n```\n"
        );
        assert_eq!(
            f.text("{{#playground main.rs editable no_run}}\n"),
            "```rust,editable,no_run\nfn main() {}\n```\n"
        );
        let e = f.expand("ch.md", "{{#playpen main.rs}}\n");
        assert_eq!(e.text, "```rust\nfn main() {}\n```\n");
        assert!(e.diags[0].message.contains("old name"), "{:?}", e.diags);
        assert!(!e.diags[0].is_error());
    }

    #[test]
    fn escapes_and_titles() {
        let f = fixture(&[]);
        assert_eq!(
            f.text("```hbs\n\\{{#include file.rs}} << an escaped link!\n```"),
            "```hbs\n{{#include file.rs}} << an escaped link!\n```"
        );
        let e = f.expand("ch.md", "{{#title My Title}}\n# My Chapter\n");
        assert_eq!(e.text, "\n# My Chapter\n");
        assert_eq!(e.title.as_deref(), Some("My Title"));
        // Unknown kinds and lone braces cost nothing and change nothing.
        let e = f.expand("ch.md", "{{#bar x}} {{ y }}");
        assert!(e.origins.is_none() && e.diags.is_empty() && e.title.is_none());
    }

    #[test]
    fn each_line_after_the_first_gets_what_stands_before_the_directive() {
        let f = fixture(&[("src/h.rs", "fn main() {\n    hi();\n}\n")]);
        assert_eq!(
            f.text("> ```rust\n> {{#include h.rs}}\n> ```\n"),
            "> ```rust\n> fn main() {\n>     hi();\n> }\n> ```\n"
        );
        assert_eq!(
            f.text("- x\n  ```rust\n  {{#include h.rs}}\n  ```\n"),
            "- x\n  ```rust\n  fn main() {\n      hi();\n  }\n  ```\n"
        );
        // mdBook's #619: a hiding prefix written by hand hides every line.
        assert_eq!(f.text("# {{#include h.rs:2:3}}"), "#     hi();\n# }");
    }

    #[test]
    fn nested_includes_are_relative_to_their_file() {
        let f = fixture(&[
            (
                "listings/ch01/notes.md",
                "Intro.\n\n{{#include code/main.rs:2}}\n",
            ),
            ("listings/ch01/code/main.rs", "fn main() {\n    run();\n}\n"),
            ("src/part/ch.md", ""),
        ]);
        let e = f.expand(
            "part/ch.md",
            "Before.\n{{#include ../../listings/ch01/notes.md}}\nAfter.\n",
        );
        assert!(e.diags.is_empty(), "{:?}", e.diags);
        assert_eq!(e.text, "Before.\nIntro.\n\n    run();\nAfter.\n");
        assert_eq!(
            e.named,
            ["listings/ch01/notes.md", "listings/ch01/code/main.rs"]
        );
        let origins = e.origins.unwrap();
        let names: Vec<&str> = origins.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "src/part/ch.md",
                "listings/ch01/notes.md",
                "listings/ch01/code/main.rs"
            ]
        );
        // Each piece says where it is from and through which include.
        let mut map = SourceMap::default();
        let page = map.add("src/part/ch.md".into(), e.text.clone());
        origins.place(page, &mut map, &mut HashMap::new());
        let at = |needle: &str| {
            let start = e.text.find(needle).unwrap();
            let loc = map.location(&Span::new(page, start..start + needle.len()));
            let via: Vec<String> = map
                .included_at(&Span::new(page, start..start))
                .iter()
                .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                .collect();
            (format!("{}:{}:{}", loc.file, loc.line, loc.column), via)
        };
        assert_eq!(at("Before"), ("src/part/ch.md:1:1".into(), vec![]));
        assert_eq!(
            at("Intro"),
            (
                "listings/ch01/notes.md:1:1".into(),
                vec!["src/part/ch.md:2:1".into()]
            )
        );
        assert_eq!(
            at("run"),
            (
                "listings/ch01/code/main.rs:2:5".into(),
                vec![
                    "listings/ch01/notes.md:3:1".into(),
                    "src/part/ch.md:2:1".into()
                ]
            )
        );
        // The chapter's own text after an include is at its own line.
        assert_eq!(at("After"), ("src/part/ch.md:3:1".into(), vec![]));
    }

    #[test]
    fn nesting_stops_ten_deep_naming_the_chain() {
        let f = fixture(&[("src/loop.md", "Around the world\n{{#include loop.md}}\n")]);
        let e = f.expand("loop.md", "Around the world\n{{#include loop.md}}\n");
        // As mdBook: the chapter and ten levels, then the error.
        assert_eq!(e.text.matches("Around the world").count(), 11);
        assert!(!e.text.contains("{{#"), "{}", e.text);
        assert_eq!(e.diags.len(), 1, "{:?}", e.diags);
        let d = &e.diags[0];
        assert!(d.is_error());
        assert!(
            d.message
                .starts_with("includes nested more than 10 deep: src/loop.md → src/loop.md"),
            "{}",
            d.message
        );
        assert_eq!(
            d.message.matches("src/loop.md").count(),
            12,
            "{}",
            d.message
        );
        assert!(d.help.as_deref().unwrap().contains("includes itself"));
        // A file including itself many times over is stopped as fast.
        let f = fixture(&[("src/many.md", &"{{#include many.md}}\n".repeat(10))]);
        let e = f.expand("many.md", "{{#include many.md}}");
        assert_eq!(e.diags.len(), 1, "{:?}", e.diags);
        // Ten levels deep without a cycle is allowed.
        let mut files: Vec<(String, String)> = (1..=10)
            .map(|i| {
                (
                    format!("src/l{i}.md"),
                    format!("{i} {{{{#include l{}.md}}}}", i + 1),
                )
            })
            .collect();
        files[9].1 = "10".into();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let f = fixture(&files);
        assert_eq!(f.text("{{#include l1.md}}"), "1 2 3 4 5 6 7 8 9 10");
    }

    #[test]
    fn files_outside_the_book_are_refused() {
        let f = fixture(&[("src/in.txt", "in")]);
        fs::write(f.dir.path().join("secret.txt"), "secret").unwrap();
        for (written, message) in [
            ("../../secret.txt", "`../../secret.txt` is outside the book"),
            (
                "../../nothing.txt",
                "`../../nothing.txt` is outside the book",
            ),
            ("missing.txt", "`missing.txt` does not exist"),
            ("../src", "`../src` is a folder, not a file"),
        ] {
            let e = f.expand("ch.md", &format!("{{{{#include {written}}}}}"));
            assert_eq!(e.diags.len(), 1, "{written}");
            assert_eq!(e.diags[0].message, message);
            assert!(e.origins.is_none(), "nothing is included");
        }
        let e = f.expand("ch.md", "{{#include missing.txt}}");
        assert_eq!(
            e.diags[0].help.as_deref(),
            Some(
                "the path is relative to the file the directive is written in: this one names `src/missing.txt` in the book's folder"
            )
        );
        assert_eq!(e.named, ["src/missing.txt"]);
        #[cfg(unix)]
        {
            let root = f.book.root.clone();
            std::os::unix::fs::symlink(f.dir.path().join("secret.txt"), root.join("src/link.txt"))
                .unwrap();
            let e = f.expand("ch.md", "{{#include link.txt}}");
            assert_eq!(
                e.diags[0].message,
                "`link.txt` leads out of the book through a symbolic link"
            );
            std::os::unix::fs::symlink(root.join("src/in.txt"), root.join("src/inside.txt"))
                .unwrap();
            assert_eq!(f.text("{{#include inside.txt}}"), "in");
        }
        #[cfg(unix)]
        {
            let fifo = f.book.root.join("src/fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = f.expand("ch.md", "{{#include fifo}}");
                assert_eq!(e.diags[0].message, "`fifo` is not a regular file");
            }
        }
        // Nor is the output folder read.
        let out = f.book.root.join("site");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("x.html"), "x").unwrap();
        let book = Book::new(&f.book.root, &out);
        let e = expand(
            &book,
            &f.book.root.join("src/ch.md"),
            "src/ch.md",
            "{{#include ../site/x.html}}".into(),
        );
        assert_eq!(
            e.diags[0].message,
            "`../site/x.html` is inside the output folder"
        );
    }

    #[test]
    fn a_text_without_braces_is_handed_back_as_is() {
        let f = fixture(&[]);
        let text = String::from("# Plain\n\nNo directive here.\n");
        let at = text.as_ptr();
        let e = expand(&f.book, &f.book.root.join("src/ch.md"), "src/ch.md", text);
        assert_eq!(e.text.as_ptr(), at);
        assert!(e.origins.is_none() && e.named.capacity() == 0 && e.diags.capacity() == 0);
    }
}
