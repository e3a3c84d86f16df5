//! `SUMMARY.md`: the reading order, in mdBook's syntax, read as CommonMark.
//!
//! The file is a Markdown document read block by block from pulldown-cmark's
//! events (with their byte offsets, so every entry keeps its line), in the
//! order mdBook reads it: an optional title (the first heading), prefix
//! chapters (links in paragraphs), numbered chapters (lists, nested by
//! Markdown's own list nesting, numbered through every part), part titles
//! (`# Part`), separators (`---`) and suffix chapters (links in paragraphs
//! after the lists). A list item must start with its link: mdBook refuses one
//! that does not, and so do we. Numbered chapters after the suffix chapters,
//! which mdBook also refuses, are read in their place with a warning (glossator
//! has always read them). What mdBook silently ignores (text beside a link, a
//! paragraph right after a part title) is left out here too, with a warning
//! saying so; HTML comments are skipped without one.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::diag::{Diagnostic, FileId, Span};

/// The parsed summary: entries in reading order, each with its depth.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Entries in the order they appear.
    pub entries: Vec<Entry>,
}

/// One entry of the summary.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What the entry declares.
    pub kind: EntryKind,
    /// Nesting level: 0 for top-level entries.
    pub depth: usize,
    /// The entry's line(s) in `SUMMARY.md`, from the start of the line.
    pub span: Span,
}

/// The kinds of summary entry.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// A chapter; `path` is `None` for a draft (`[Title]()`).
    Chapter {
        /// The link text as plain text (markup dropped, code kept as its
        /// text), as mdBook names a chapter: for `<title>`, previous and next.
        title: String,
        /// The link text as inline HTML, for the table of contents: code,
        /// emphasis, strong and strikethrough kept, everything else escaped
        /// text (raw HTML dropped, as mdBook drops it from the name).
        title_html: String,
        /// The file, relative to the content folder, percent-decoded,
        /// without the link's `#fragment`.
        path: Option<String>,
        /// "1.2." for numbered chapters; `None` for prefix and suffix chapters.
        number: Option<String>,
    },
    /// A part title (`# Part`), as plain text.
    Part(String),
    /// A separator (`---`).
    Separator,
}

/// Where the reader is in mdBook's order of sections.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Nothing but comments yet: a heading here is the summary's title.
    Start,
    /// Unnumbered chapters before the first list or part title.
    Prefix,
    /// Lists and part titles; `fresh` right after a part title, where mdBook
    /// skips a paragraph instead of starting the suffix chapters with it.
    Numbered { fresh: bool },
    /// Unnumbered chapters after the numbered ones.
    Suffix,
}

/// Parses the text of `SUMMARY.md`.
pub fn parse(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Summary {
    // Smart punctuation, as in the chapters: "IOM's Status" in the contents
    // and navigation reads as "IOM’s Status" does in its heading.
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let events = Parser::new_ext(text, options).into_offset_iter().collect();
    let mut reader = Reader {
        text,
        file,
        events,
        at: 0,
        entries: Vec::new(),
        diags,
        chapters: 0,
    };
    reader.document();
    Summary {
        entries: reader.entries,
    }
}

struct Reader<'t, 'd> {
    text: &'t str,
    file: FileId,
    events: Vec<(Event<'t>, Range<usize>)>,
    at: usize,
    entries: Vec<Entry>,
    diags: &'d mut Vec<Diagnostic>,
    /// Top-level numbered chapters so far: numbers go on through every list
    /// and part, as mdBook numbers them.
    chapters: u32,
}

impl<'t> Reader<'t, '_> {
    fn next(&mut self) -> Option<(Event<'t>, Range<usize>)> {
        let event = self.events.get(self.at).cloned();
        if event.is_some() {
            self.at += 1;
        }
        event
    }

    /// The events up to the end of the block just opened, which is consumed.
    fn block(&mut self) -> Vec<(Event<'t>, Range<usize>)> {
        let mut depth = 1;
        let mut inner = Vec::new();
        while let Some((event, range)) = self.next() {
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            inner.push((event, range));
        }
        inner
    }

    fn document(&mut self) {
        let mut section = Section::Start;
        while let Some((event, range)) = self.next() {
            match event {
                Event::Start(Tag::HtmlBlock) => {
                    self.block();
                    if let Section::Numbered { fresh } = &mut section {
                        *fresh = false;
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let inner = self.block();
                    section = self.heading(section, level, &inner, range);
                }
                Event::Start(Tag::List(_)) => {
                    if section == Section::Suffix {
                        self.diags.push(
                            Diagnostic::warning(
                                "SUMMARY.md: numbered chapters after the unnumbered chapters at the end, which mdBook refuses",
                                self.line(range.start),
                            )
                            .with_help(AFTER_SUFFIX),
                        );
                    }
                    section = Section::Numbered { fresh: false };
                    self.list();
                }
                Event::Rule => {
                    self.entries.push(Entry {
                        kind: EntryKind::Separator,
                        depth: 0,
                        span: self.line(range.start),
                    });
                    section = match section {
                        Section::Start => Section::Prefix,
                        Section::Numbered { .. } => Section::Numbered { fresh: false },
                        other => other,
                    };
                }
                Event::Start(_) => {
                    let inner = self.block();
                    section = match section {
                        Section::Numbered { fresh: true } => {
                            self.skipped(&inner, range, AFTER_PART);
                            Section::Numbered { fresh: false }
                        }
                        Section::Start | Section::Prefix => {
                            self.unnumbered(&inner);
                            Section::Prefix
                        }
                        Section::Numbered { fresh: false } | Section::Suffix => {
                            self.unnumbered(&inner);
                            Section::Suffix
                        }
                    };
                }
                _ => {}
            }
        }
    }

    /// A heading: the summary's title, a part title, or (when it holds
    /// links, as a line followed by `---` does) unnumbered chapters.
    fn heading(
        &mut self,
        section: Section,
        level: HeadingLevel,
        inner: &[(Event<'t>, Range<usize>)],
        range: Range<usize>,
    ) -> Section {
        if section == Section::Start {
            return Section::Prefix;
        }
        let span = self.line(range.start);
        if level != HeadingLevel::H1 {
            // mdBook ignores these headings; a book that breaks its list up
            // with them shows them here as part titles, numbering unchanged.
            if inner
                .iter()
                .any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
            {
                match section {
                    Section::Numbered { .. } => self.skipped(inner, range, IN_HEADING),
                    _ => self.unnumbered(inner),
                }
            } else {
                let title = Title::of(inner).plain;
                self.entries.push(Entry {
                    kind: EntryKind::Part(title),
                    depth: 0,
                    span,
                });
            }
            return match section {
                Section::Numbered { .. } => Section::Numbered { fresh: false },
                other => other,
            };
        }
        if section == Section::Suffix {
            self.diags.push(
                Diagnostic::warning(
                    "SUMMARY.md: a part title after the unnumbered chapters at the end, which mdBook refuses",
                    span.clone(),
                )
                .with_help(AFTER_SUFFIX),
            );
        }
        self.entries.push(Entry {
            kind: EntryKind::Part(Title::of(inner).plain),
            depth: 0,
            span,
        });
        Section::Numbered { fresh: true }
    }

    /// Every link of a block outside the lists is an unnumbered chapter;
    /// any other text in it is shown nowhere, which a warning says.
    fn unnumbered(&mut self, inner: &[(Event<'t>, Range<usize>)]) {
        let mut i = 0;
        let mut stray: Option<usize> = None;
        let mut image = 0;
        while i < inner.len() {
            let (event, range) = &inner[i];
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let end = link_end(inner, i);
                    let title = Title::of(&inner[i + 1..end]);
                    let link_end = inner.get(end).map_or(range.end, |(_, r)| r.end);
                    self.chapter(title, dest_url, None, 0, range.start..link_end);
                    i = end;
                }
                Event::Start(Tag::Image { .. }) => image += 1,
                Event::End(TagEnd::Image) => image -= 1,
                Event::Text(t) | Event::Code(t) if image == 0 && !t.trim().is_empty() => {
                    stray.get_or_insert(range.start);
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(at) = stray {
            self.diags.push(stray_text(self.line(at)));
        }
    }

    /// A block among the numbered chapters that mdBook skips (`why`): its
    /// links are no chapters.
    fn skipped(&mut self, inner: &[(Event<'t>, Range<usize>)], range: Range<usize>, why: &str) {
        let links = inner
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })));
        let text = inner
            .iter()
            .any(|(e, _)| matches!(e, Event::Text(t) if !t.trim().is_empty()));
        if !links && !text {
            return;
        }
        self.diags.push(
            Diagnostic::warning(format!("SUMMARY.md: {why}"), self.line(range.start))
            .with_help("mdBook skips it as well: list its chapters as `- [Title](file.md)`, or move the text into an HTML comment (`<!-- ... -->`)")

        );
    }

    /// A top-level list, just opened: each item a numbered chapter, its
    /// nested lists the chapters under it. Read with a stack, not by
    /// recursion: `- - - - …` on one line nests as deep as it is long.
    fn list(&mut self) {
        let mut lists = vec![Open::List {
            count: self.chapters,
        }];
        while let Some((event, range)) = self.next() {
            let Some(top) = lists.last_mut() else { break };
            match top {
                Open::List { count } => match event {
                    Event::Start(Tag::Item) => {
                        *count += 1;
                        lists.push(Open::Item(Item::new(range.start)));
                    }
                    Event::End(TagEnd::List(_)) => {
                        let done = *count;
                        lists.pop();
                        match lists.last_mut() {
                            Some(Open::Item(item)) => item.children = done,
                            _ => {
                                self.chapters = done;
                                return;
                            }
                        }
                    }
                    _ => {}
                },
                Open::Item(item) => {
                    let was_first = std::mem::replace(&mut item.first, false);
                    match event {
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {
                            item.first = was_first
                        }
                        Event::Start(Tag::Link { dest_url, .. }) if was_first => {
                            let close = link_end(&self.events, self.at - 1);
                            let title = Title::of(&self.events[self.at..close]);
                            let end = self.events.get(close).map_or(range.end, |(_, r)| r.end);
                            self.at = (close + 1).min(self.events.len());
                            let number = Some(number(&lists));
                            let depth = (lists.len() - 2) / 2;
                            self.chapter(title, &dest_url, number, depth, range.start..end);
                        }
                        _ if was_first => {
                            item.bad = true;
                            let span = self.line(item.start);
                            self.report(Diagnostic::error(
                                "SUMMARY.md: this list item is not a chapter link",
                                span,
                            )
                            .with_help(
                                "start each list item with its link: `- [Title](file.md)`, or `- [Title]()` for a draft; write `# Title` for a part, `---` for a separator",
                            ));
                            // Read on as if it had been a chapter: its nested
                            // chapters are still placed, and it is reported once.
                            self.at -= 1;
                        }
                        Event::Start(Tag::List(_)) => {
                            let next = Open::List {
                                count: item.children,
                            };
                            lists.push(next);
                        }
                        Event::End(TagEnd::Item) => {
                            let stray = item.stray.filter(|_| !item.bad);
                            lists.pop();
                            if let Some(at) = stray {
                                let span = self.line(at);
                                self.report(stray_text(span));
                            }
                        }
                        Event::Start(Tag::Link { .. }) => {
                            item.stray.get_or_insert(range.start);
                        }
                        Event::Start(Tag::Image { .. }) => item.image += 1,
                        Event::End(TagEnd::Image) => item.image -= 1,
                        Event::Text(t) | Event::Code(t)
                            if item.image == 0 && !t.trim().is_empty() =>
                        {
                            item.stray.get_or_insert(range.start);
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Pushes `diag` unless it repeats the one before (nested items opened
    /// on one line are one mistake).
    fn report(&mut self, diag: Diagnostic) {
        if self.diags.last() != Some(&diag) {
            self.diags.push(diag);
        }
    }

    fn chapter(
        &mut self,
        title: Title,
        dest: &str,
        number: Option<String>,
        depth: usize,
        range: Range<usize>,
    ) {
        // A `#fragment` is dropped before decoding: `c%23.md` is the file `c#.md`.
        let dest = dest.split('#').next().unwrap_or_default();
        let path = (!dest.is_empty()).then(|| percent_decode(dest));
        let span = self.lines(range);
        self.entries.push(Entry {
            kind: EntryKind::Chapter {
                title: title.plain,
                title_html: title.html,
                path,
                number,
            },
            depth,
            span,
        });
    }

    /// The line holding byte `at`, without its line break.
    fn line(&self, at: usize) -> Span {
        self.lines(at..at)
    }

    /// From the start of the line holding `range.start` to the end of the
    /// line holding `range.end`, trailing blanks left out.
    fn lines(&self, range: Range<usize>) -> Span {
        let text = self.text;
        let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i);
        let end = start.max(start + text[start..end].trim_end().len());
        Span::new(self.file, start..end)
    }
}

/// What [`Reader::list`] has open: lists and their items, alternating.
enum Open {
    /// A list, with the count of its items so far.
    List { count: u32 },
    /// An item of the list below it.
    Item(Item),
}

/// A list item being read.
struct Item {
    /// Where it starts, for its diagnostics.
    start: usize,
    /// Chapters in its nested lists so far.
    children: u32,
    /// Nothing but paragraph starts read yet: the link must come now.
    first: bool,
    /// It did not start with a link (reported).
    bad: bool,
    /// Where text outside its link starts, if any.
    stray: Option<usize>,
    /// Images open (their alt text is no stray text).
    image: u32,
}

impl Item {
    fn new(start: usize) -> Item {
        Item {
            start,
            children: 0,
            first: true,
            bad: false,
            stray: None,
            image: 0,
        }
    }
}

/// The number of the innermost item open ("1.2."): the counts of the lists
/// around it. Made only for a chapter, not kept by every item, so that a
/// nesting as deep as the file is long costs no more than the file.
fn number(open: &[Open]) -> String {
    let mut number = String::new();
    for o in open {
        if let Open::List { count } = o {
            number.push_str(&count.to_string());
            number.push('.');
        }
    }
    number
}

/// The index of the `End(Link)` closing the link opened at `inner[open]`.
fn link_end(inner: &[(Event<'_>, Range<usize>)], open: usize) -> usize {
    inner[open..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Link)))
        .map_or(inner.len(), |i| open + i)
}

const AFTER_PART: &str = "a paragraph right after a part title is ignored, its links too";
const IN_HEADING: &str = "links in a heading among the numbered chapters are ignored";

const AFTER_SUFFIX: &str = "glossator reads it in its place; for mdBook, which allows unnumbered chapters only before the first numbered chapter and after the last, make the chapters before it list items (`- [Title](file.md)`), or move them to the end";

fn stray_text(span: Span) -> Diagnostic {
    Diagnostic::warning(
        "SUMMARY.md: this text is not a chapter link, so it is shown nowhere",
        span,
    )
    .with_help("put it inside the link's brackets to show it in the contents, or into an HTML comment (`<!-- ... -->`) to keep it as a note")
}

/// A link's or heading's text, both ways it is shown.
struct Title {
    plain: String,
    html: String,
}

impl Title {
    /// The title of the inline events `inner`.
    fn of(inner: &[(Event<'_>, Range<usize>)]) -> Title {
        let mut plain = String::new();
        let mut html = String::new();
        for (event, _) in inner {
            match event {
                Event::Text(t) => {
                    plain.push_str(t);
                    let _ = escape_html(&mut html, t);
                }
                Event::Code(t) => {
                    plain.push_str(t);
                    html.push_str("<code>");
                    let _ = escape_html(&mut html, t);
                    html.push_str("</code>");
                }
                Event::SoftBreak | Event::HardBreak => {
                    plain.push(' ');
                    html.push(' ');
                }
                Event::Start(Tag::Emphasis) => html.push_str("<em>"),
                Event::End(TagEnd::Emphasis) => html.push_str("</em>"),
                Event::Start(Tag::Strong) => html.push_str("<strong>"),
                Event::End(TagEnd::Strong) => html.push_str("</strong>"),
                Event::Start(Tag::Strikethrough) => html.push_str("<del>"),
                Event::End(TagEnd::Strikethrough) => html.push_str("</del>"),
                _ => {}
            }
        }
        Title { plain, html }
    }
}

/// Decodes `%XX` escapes (so `..%2f` is seen for what it is).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests;
