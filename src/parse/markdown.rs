//! The Markdown body: pulldown-cmark events with spans, plus what later
//! stages need to know without walking the events again.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::node::{Ext, ExtEnd, Node};
use super::{Dialect, Heading, HeadingIds, Labelled};
use crate::diag::{Diagnostic, FileId, Span};

/// The Markdown dialect of every page: CommonMark with tables, footnotes,
/// strikethrough, task lists, heading attributes, definition lists, smart
/// punctuation and GitHub's alerts (`> [!NOTE]`, which mdBook 0.5 reads as
/// admonitions), as mdBook reads a book.
pub fn options() -> Options {
    Options::ENABLE_GFM
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SMART_PUNCTUATION
}

pub(super) struct Parsed {
    pub events: Vec<SpannedNode>,
    pub headings: Vec<Heading>,
    pub terms: Vec<String>,
    pub note_refs: Vec<Labelled>,
    pub note_defs: Vec<Labelled>,
    pub has_code: bool,
}

/// Info strings that glossator reads itself rather than highlighting.
pub const DIRECTIVES: &[&str] = &["editorial", "compare"];

pub(super) fn parse_body(
    text: &str,
    body: usize,
    file: FileId,
    dialect: Dialect,
    diags: &mut Vec<Diagnostic>,
) -> Parsed {
    finish(
        events_with(text, body..text.len(), dialect.options()),
        text,
        file,
        dialect,
        diags,
    )
}

/// What every body goes through once its raw events are known, however they
/// were read (a chapter in one piece, an instrument block by block): editorial
/// blocks spliced, raw HTML sanitized, text merged, references to undefined
/// notes made references, headings and notes collected.
pub(super) fn finish(
    raw: Vec<Spanned>,
    text: &str,
    file: FileId,
    dialect: Dialect,
    diags: &mut Vec<Diagnostic>,
) -> Parsed {
    let raw = extensions(splice_editorial(raw, text, dialect.options()));
    let raw = sanitize_html(raw, dialect.trusted_html, file, diags);
    let has_code = raw.iter().any(|(e, _)| {
        matches!(e, Node::Md(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))))
        if info.split_whitespace().next().is_some_and(|lang| !DIRECTIVES.contains(&lang)))
    });
    let mut events = split_undefined_refs(merge_text(raw), text);
    // Kept for the whole build: at its length, not its grown capacity.
    events.shrink_to_fit();
    let mut parsed = Parsed {
        events: Vec::new(),
        headings: Vec::new(),
        terms: Vec::new(),
        note_refs: Vec::new(),
        note_defs: Vec::new(),
        has_code,
    };
    collect(&events, file, dialect.heading_ids, &mut parsed, diags);
    parsed.events = events;
    parsed
}

/// An event with its byte range in the file.
pub(super) type Spanned = (Event<'static>, Range<usize>);

/// A node with its byte range in the file.
pub type SpannedNode = (Node, Range<usize>);

/// Raw HTML is the editor's to use, but not to run: what could run a script
/// is taken out of every HTML block and inline tag (see [`super::sanitize`]),
/// with a warning at what was removed. `trusted` (`[glossator] trusted-html`)
/// publishes raw HTML as written.
fn sanitize_html(
    events: Vec<SpannedNode>,
    trusted: bool,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SpannedNode> {
    if trusted {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some((node, range)) = iter.next() {
        match node {
            Node::Md(Event::Start(Tag::HtmlBlock)) => {
                // The block's lines, as one fragment, and where each came from.
                let mut lines = Vec::new();
                while let Some((Node::Md(Event::Html(_)), _)) = iter.peek() {
                    if let Some((Node::Md(Event::Html(h)), r)) = iter.next() {
                        lines.push((h, r));
                    }
                }
                out.push((Node::Md(Event::Start(Tag::HtmlBlock)), range));
                out.extend(clean_fragment(lines, file, diags));
            }
            Node::Md(Event::Html(h)) => out.extend(clean_fragment(vec![(h, range)], file, diags)),
            Node::Md(Event::InlineHtml(h)) => {
                let (cleaned, removed) = super::sanitize::clean(&h);
                report(&removed, &[(0, range.clone())], file, diags);
                let html = match cleaned {
                    std::borrow::Cow::Borrowed(_) => h,
                    std::borrow::Cow::Owned(s) => CowStr::from(s),
                };
                out.push((Node::Md(Event::InlineHtml(html)), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// The lines of one HTML block, cleaned: as they were when nothing had to go,
/// else one `Html` event over the whole block.
fn clean_fragment(
    lines: Vec<(CowStr<'static>, Range<usize>)>,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SpannedNode> {
    let mut whole = String::new();
    let mut segments = Vec::with_capacity(lines.len());
    for (h, r) in &lines {
        segments.push((whole.len(), r.clone()));
        whole.push_str(h);
    }
    let (cleaned, removed) = super::sanitize::clean(&whole);
    report(&removed, &segments, file, diags);
    match cleaned {
        std::borrow::Cow::Borrowed(_) => lines
            .into_iter()
            .map(|(h, r)| (Node::Md(Event::Html(h)), r))
            .collect(),
        std::borrow::Cow::Owned(s) => {
            let range = match (lines.first(), lines.last()) {
                (Some((_, a)), Some((_, b))) => a.start..b.end,
                _ => return Vec::new(),
            };
            vec![(Node::Md(Event::Html(CowStr::from(s))), range)]
        }
    }
}

/// A warning for each thing removed; `segments` maps offsets of the
/// fragment (where each piece starts in it) to ranges of the file.
fn report(
    removed: &[super::sanitize::Removed],
    segments: &[(usize, Range<usize>)],
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    for r in removed {
        let Some((start, src)) = segments.iter().rev().find(|(s, _)| *s <= r.range.start) else {
            continue;
        };
        let from = (src.start + (r.range.start - start)).min(src.end);
        let to = (from + r.range.len()).min(src.end).max(from);
        diags.push(
            Diagnostic::warning(
                format!("raw HTML: removed {}", r.what),
                Span::new(file, from..to),
            )
            .with_help(
                "glossator keeps the HTML editors use (tables, links, images, spans, details, sup and sub) and removes what could run a script; an edition whose authors are all trusted can set `trusted-html = true` under [glossator] in book.toml",
            ),
        );
    }
}

/// The events of `text[range]`, with ranges into the whole `text`.
pub(super) fn events_at(text: &str, range: Range<usize>) -> Vec<Spanned> {
    events_with(text, range, options())
}

/// [`events_at`], read with `options`.
fn events_with(text: &str, range: Range<usize>, options: Options) -> Vec<Spanned> {
    let base = range.start;
    Parser::new_ext(&text[range], options)
        .into_offset_iter()
        .map(|(e, r)| (e.into_static(), r.start + base..r.end + base))
        .collect()
}

/// An `editorial` fenced block holds Markdown: its events take the block's
/// place inside an [`Ext::EditorialNote`], so links and notes in it are
/// resolved like any others.
fn splice_editorial(events: Vec<Spanned>, text: &str, options: Options) -> Vec<SpannedNode> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let is_editorial = matches!(&event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
            if info.split_whitespace().next() == Some("editorial"));
        if !is_editorial {
            out.push((Node::Md(event), range));
            continue;
        }
        let mut body = String::new();
        let mut body_range: Option<Range<usize>> = None;
        for (inner, r) in iter.by_ref() {
            match inner {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => {
                    body.push_str(&t);
                    body_range = Some(body_range.map_or(r.clone(), |b| b.start..r.end));
                }
                _ => {}
            }
        }
        out.push((Node::Start(Ext::EditorialNote), range.start..range.start));
        let inner: Vec<Spanned> =
            match body_range.filter(|r| text.get(r.clone()) == Some(body.as_str())) {
                Some(r) => events_with(text, r, options),
                None => Parser::new_ext(&body, options)
                    .map(|e| (e.into_static(), range.start..range.start))
                    .collect(),
            };
        out.extend(inner.into_iter().map(|(e, r)| (Node::Md(e), r)));
        out.push((Node::End(ExtEnd::EditorialNote), range.end..range.end));
    }
    out
}

/// Links whose address is one of glossator's schemes (`ed:`, `art:`,
/// `nocite:`) become the extensions they stand for, their ends with them.
fn extensions(nodes: Vec<SpannedNode>) -> Vec<SpannedNode> {
    // Links cannot hold links; a stack keeps to whatever pulldown-cmark
    // hands over all the same.
    let mut open: Vec<Option<ExtEnd>> = Vec::new();
    nodes
        .into_iter()
        .map(|(node, range)| match node {
            Node::Md(Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            })) => match Ext::of_link(dest_url, title) {
                Some(ext) => {
                    open.push(Some(ext.end()));
                    (Node::Start(ext), range)
                }
                None => {
                    open.push(None);
                    (node, range)
                }
            },
            Node::Md(Event::End(TagEnd::Link)) => match open.pop().flatten() {
                Some(end) => (Node::End(end), range),
                None => (node, range),
            },
            other => (other, range),
        })
        .collect()
}

/// pulldown-cmark splits text at every character it had to consider as
/// markup; joined, a text event is one run of words.
///
/// A run is gathered into one growing `String`, so a paragraph of many pieces (every apostrophe
/// and bracket is one) costs its length once, not once per piece.
fn merge_text(events: Vec<SpannedNode>) -> Vec<SpannedNode> {
    let mut out: Vec<SpannedNode> = Vec::with_capacity(events.len());
    // A run of text events: the first as it came (most runs are one event,
    // kept without a copy), and the run joined once a second one comes.
    let mut run: Option<(CowStr<'static>, Option<String>, Range<usize>)> = None;
    let flush = |run: Option<(CowStr<'static>, Option<String>, Range<usize>)>,
                 out: &mut Vec<SpannedNode>| {
        if let Some((first, joined, run_range)) = run {
            let text = joined.map_or(first, CowStr::from);
            out.push((Node::Md(Event::Text(text)), run_range));
        }
    };
    let mut in_code = false;
    for (event, range) in events {
        match event {
            Node::Md(Event::Text(t)) if !in_code => {
                match &mut run {
                    Some((first, joined, run_range)) => {
                        joined
                            .get_or_insert_with(|| String::from(&**first))
                            .push_str(&t);
                        run_range.end = range.end;
                    }
                    None => run = Some((t, None, range)),
                }
                continue;
            }
            Node::Md(Event::Start(Tag::CodeBlock(_))) => in_code = true,
            Node::Md(Event::End(TagEnd::CodeBlock)) => in_code = false,
            _ => {}
        }
        flush(run.take(), &mut out);
        out.push((event, range));
    }
    flush(run, &mut out);
    out
}

/// pulldown-cmark leaves `[^47]` as text when note 47 has no definition; the
/// edition still has to show and report it, so it becomes a reference here.
fn split_undefined_refs(events: Vec<SpannedNode>, source: &str) -> Vec<SpannedNode> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    for (event, range) in events {
        match &event {
            Node::Md(Event::Start(Tag::CodeBlock(_))) => in_code = true,
            Node::Md(Event::End(TagEnd::CodeBlock)) => in_code = false,
            Node::Md(Event::Text(t)) if !in_code && t.contains("[^") => {
                split_text(t, range, source, &mut out);
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

fn split_text(text: &str, range: Range<usize>, source: &str, out: &mut Vec<SpannedNode>) {
    let mut rest = text;
    let mut search_from = range.start;
    while let Some(open) = rest.find("[^") {
        let after = &rest[open + 2..];
        let Some(close) = after.find(']') else { break };
        let label = &after[..close];
        if label.is_empty() || label.contains(char::is_whitespace) || label.contains('[') {
            out.push((
                Node::Md(Event::Text(CowStr::from(rest[..open + 2].to_string()))),
                search_from..search_from,
            ));
            rest = after;
            continue;
        }
        let needle = format!("[^{label}]");
        let window = &source[search_from.min(range.end)..range.end];
        // Only `[^label]` written as such is a reference: `\[^1\]` or entities that read as
        // brackets are the text the author escaped them to be.
        let Some(at) = window.find(&needle).map(|i| search_from + i) else {
            out.push((
                Node::Md(Event::Text(CowStr::from(rest[..open + 2].to_string()))),
                search_from..search_from,
            ));
            rest = after;
            continue;
        };
        if open > 0 {
            out.push((
                Node::Md(Event::Text(CowStr::from(rest[..open].to_string()))),
                search_from..at,
            ));
        }
        out.push((
            Node::Md(Event::FootnoteReference(CowStr::from(label.to_string()))),
            at..at + needle.len(),
        ));
        search_from = (at + needle.len()).min(range.end);
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push((
            Node::Md(Event::Text(CowStr::from(rest.to_string()))),
            search_from..range.end,
        ));
    }
}

fn collect(
    events: &[SpannedNode],
    file: FileId,
    ids: HeadingIds,
    parsed: &mut Parsed,
    diags: &mut Vec<Diagnostic>,
) {
    let mut used_ids = HashSet::new();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    // A definition list's term being read, in mdBook's dialect, which gives
    // each term an id as it gives headings (from the same counter).
    let mut term: Option<String> = None;
    for (node, range) in events {
        let span = || Span::new(file, range.clone());
        let Node::Md(event) = node else { continue };
        match event {
            Event::Start(Tag::DefinitionListTitle) if ids == HeadingIds::Mdbook => {
                term = Some(String::new());
            }
            Event::Text(t) | Event::Code(t) if term.is_some() && heading.is_none() => {
                if let Some(text) = term.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::DefinitionListTitle) => {
                if let Some(text) = term.take() {
                    parsed
                        .terms
                        .push(unique_id(&mdbook_id(&text), &mut used_ids));
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    *level as u8,
                    id.as_ref().map(|i| i.to_string()),
                    String::new(),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    if let Some(wanted) = explicit.as_deref().filter(|id| is_generated_id(id)) {
                        diags.push(
                            Diagnostic::warning(
                                format!(
                                    "the heading id `{wanted}` is one glossator gives to another \
                                     part of the page"
                                ),
                                span(),
                            )
                            .with_help(format!(
                                "choose another id; meanwhile this heading gets `{}`",
                                unique_id(wanted, &mut used_ids.clone())
                            )),
                        );
                    }
                    let base = explicit.unwrap_or_else(|| match ids {
                        HeadingIds::Glossator => slugify(&text),
                        HeadingIds::Mdbook => mdbook_id(&text),
                    });
                    let id = unique_id(&base, &mut used_ids);
                    parsed.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        id,
                    });
                }
            }
            Event::FootnoteReference(label) => {
                parsed.note_refs.push(Labelled {
                    label: label.to_string(),
                    span: span(),
                });
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if let Some(first) = parsed.note_defs.iter().find(|d| d.label == label.as_ref()) {
                    let line = first.span.range.start;
                    diags.push(
                        Diagnostic::error(
                            format!("note `{label}` is defined twice in this file"),
                            span(),
                        )
                        .with_help(format!(
                            "the first definition starts at byte {line}; remove or renumber one"
                        )),
                    );
                }
                parsed.note_defs.push(Labelled {
                    label: label.to_string(),
                    span: span(),
                });
            }
            _ => {}
        }
    }
}

/// The ids of a page's own parts, fixed by the templates: a heading never takes one of them.
/// They carry a prefix of their own, so that a book's "Search" or "Content" heading keeps
/// the id mdBook gives it.
const PAGE_IDS: &[&str] = &[
    "gl-content",
    "gl-sidebar",
    "gl-sidebar-toc",
    "gl-sidebar-toggle",
    "gl-search",
    "gl-search-toggle",
    "gl-search-input",
    "gl-search-status",
    "gl-search-results",
    "gl-theme-toggle",
    "gl-page-toc-title",
    "gl-footnotes-title",
    "gl-clause-title",
    "gl-citation-map",
];

/// The numbered ids render gives to paragraphs, notes, note references, editorial notes,
/// citations and comparisons (`para-3`, `fnref-2-1`, `cite-7`, `comparison-1`).
const NUMBERED_IDS: &[&str] = &["para-", "fn-", "fnref-", "ed-", "cite-", "comparison-"];

/// Whether `id` is, or has the shape of, an id glossator writes into a page itself.
fn is_generated_id(id: &str) -> bool {
    PAGE_IDS.contains(&id)
        || NUMBERED_IDS.iter().any(|prefix| {
            id.strip_prefix(prefix).is_some_and(|n| {
                n.split('-')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            })
        })
}

/// `base`, or `base-1`, `base-2` … for the second and later headings of that name; a base that
/// is one of glossator's own ids becomes `heading-BASE` first.
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let base = if is_generated_id(base) {
        format!("heading-{base}")
    } else {
        base.to_string()
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A stable, readable anchor id for a heading: lower case, letters and
/// digits kept, everything else folded into single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '.' || c == '/' {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// mdBook's anchor id for a heading, so that links into an mdBook book keep
/// working: lower case; letters, digits, `_` and `-` kept; each whitespace
/// character a hyphen; everything else dropped.
pub fn mdbook_id(text: &str) -> String {
    let id: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Parsed, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let p = parse_body(text, 0, FileId(0), Dialect::default(), &mut d);
        (p, d)
    }

    /// The page's nodes that are glossator's extensions, in order.
    fn extensions_of(text: &str) -> Vec<Node> {
        parse(text)
            .0
            .events
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| !matches!(n, Node::Md(_)))
            .collect()
    }

    #[test]
    fn extensions_are_typed_nodes_and_raw_html_never_one() {
        let text = "A [sic](ed: \"so in the original\") and [Art. 2](art:un-charter/2) \
                    but [Article 29](nocite:) Working Party.\n\n\
                    ```editorial\nThe editors' *note*.\n```\n\n\
                    <aside>raw</aside>\n\n</aside>\n";
        assert_eq!(
            extensions_of(text),
            vec![
                Node::Start(Ext::EditorsMark {
                    why: "so in the original".into()
                }),
                Node::End(ExtEnd::EditorsMark),
                Node::Start(Ext::UnitLink {
                    address: "un-charter/2".into()
                }),
                Node::End(ExtEnd::UnitLink),
                Node::Start(Ext::NoCite),
                Node::End(ExtEnd::NoCite),
                Node::Start(Ext::EditorialNote),
                Node::End(ExtEnd::EditorialNote),
            ]
        );
        // The editorial note's Markdown is read as Markdown (and the raw
        // `<aside>`s, above, are no extension).
        let events = parse(text).0.events;
        assert!(
            events
                .iter()
                .any(|(n, _)| matches!(n, Node::Md(Event::Start(Tag::Emphasis))))
        );
    }

    #[test]
    fn undefined_notes_become_references_with_their_span() {
        let text = "See[^47] and[^48].\n";
        let (p, _) = parse(text);
        let labels: Vec<_> = p
            .note_refs
            .iter()
            .map(|r| (r.label.as_str(), &text[r.span.range.clone()]))
            .collect();
        assert_eq!(labels, vec![("47", "[^47]"), ("48", "[^48]")]);
    }

    #[test]
    fn duplicate_definitions_are_errors() {
        let (_, d) = parse("a[^1]\n\n[^1]: x\n\n[^1]: y\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("defined twice"));
    }

    #[test]
    fn heading_ids_are_unique_and_readable() {
        let (p, _) =
            parse("# Article 2(3): IOM's *status*\n\n## Notes\n\n## Notes\n\n## X {#custom}\n");
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["article-23-ioms-status", "notes", "notes-1", "custom"]
        );
    }

    #[test]
    fn a_heading_never_takes_an_id_glossator_gives_another_part() {
        let (p, d) = parse(
            "# GL Content\n\n## A {#para-1}\n\n## B {#fn-2}\n\n## C {#gl-content}\n\n## FN 1\n\n## Para 1a\n",
        );
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "heading-gl-content",
                "heading-para-1",
                "heading-fn-2",
                "heading-gl-content-1",
                "heading-fn-1",
                "para-1a"
            ]
        );
        let warned: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(warned.len(), 3, "{warned:?}");
        assert!(warned[0].contains("`para-1`"), "{warned:?}");
        assert!(d[0].help.as_deref().unwrap().contains("`heading-para-1`"));
    }

    #[test]
    fn scripts_in_raw_html_are_removed_and_reported() {
        let text = "<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> and <b>bold</b>.\n\n<details open\nontoggle=alert(1)>\n<summary>S</summary>\n\nBody.\n\n</details>\n";
        let (p, d) = parse(text);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|d| !d.is_error()));
        // Each warning points at what it removed.
        for (diag, at) in d.iter().zip(["<script>", "<img", "<details"]) {
            assert_eq!(
                diag.span.as_ref().map(|s| s.range.start),
                text.find(at),
                "{diag:?}"
            );
        }
        let html: String = p
            .events
            .iter()
            .filter_map(|(e, _)| match e {
                Node::Md(Event::Html(h) | Event::InlineHtml(h)) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            !html.contains("script") && !html.contains("alert"),
            "{html}"
        );
        assert!(html.contains("<img src=\"x\">"), "{html}");
        assert!(html.contains("<b>") && html.contains("</b>"), "{html}");
        assert!(
            html.contains("<details open=\"\">\n<summary>S</summary>\n"),
            "{html}"
        );
        assert!(html.contains("</details>"), "{html}");
        let mut d = Vec::new();
        let trusted = parse_body(
            text,
            0,
            FileId(0),
            Dialect {
                trusted_html: true,
                ..Dialect::default()
            },
            &mut d,
        );
        assert!(d.is_empty());
        assert!(
            trusted.events.iter().any(
                |(e, _)| matches!(e, Node::Md(Event::Html(h)) if h.contains("<script>alert(1)</script>"))
            )
        );
    }

    #[test]
    fn code_is_detected_but_directives_are_not_code() {
        assert!(parse("```rust\nfn x() {}\n```\n").0.has_code);
        assert!(!parse("```editorial\nA note.\n```\n").0.has_code);
    }
}
