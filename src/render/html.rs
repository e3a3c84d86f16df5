//! A page's Markdown events → HTML.
//!
//! The events are rewritten as they stream past, then written by
//! pulldown-cmark's own `push_html`: headings get anchors, links get the
//! addresses resolve chose, notes get the authors' numbers and backlinks,
//! code gets highlighted, `editorial` blocks become editorial notes and
//! `> [!NOTE]` blocks mdBook's admonitions.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd, html::push_html};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::address::Site;
use super::instrument::Marks;
use crate::config::{AbbreviationExpansions, Config};
use crate::i18n::{self, Strings};
use crate::parse::{Ext, ExtEnd, Node};
use crate::resolve::{
    CaseLink, CiteLink, Inline, InlineKind, NoteNumber, Page, Target, WorkCite, WorkLink,
};

/// The HTML of one page's body and of its notes.
pub struct PageBody {
    /// The text, ready for the template.
    pub content: String,
    /// The notes section (empty when the page has none).
    pub notes: String,
}

/// How a link's end tag is written.
enum LinkKind {
    Normal,
    /// An unsafe link: only its text is kept.
    Hidden,
    /// An inline editorial mark (`[sic](ed: "why")`), with the HTML that
    /// closes it (its explanation, for print).
    Editorial(String),
    /// A link opened as raw HTML (a citation).
    Raw,
}

struct Note {
    html: String,
    backlinks: usize,
    missing: bool,
    /// In an mdBook book, mdBook's id for the note (`footnote-LABEL`),
    /// written beside glossator's so that links into the book keep working.
    alias: Option<String>,
}

/// `s`, borrowed from the parsed document rather than copied.
fn lend<'a>(s: &'a CowStr<'_>) -> CowStr<'a> {
    CowStr::Borrowed(s.as_ref())
}

/// `event` borrowing its text from the parsed document instead of copying
/// it: most of a page's events are passed through as they are, and copying
/// each one's string was a large share of rendering's allocations.
fn reborrow<'a>(event: &'a Event<'_>) -> Event<'a> {
    match event {
        Event::Text(s) => Event::Text(lend(s)),
        Event::Code(s) => Event::Code(lend(s)),
        Event::Html(s) => Event::Html(lend(s)),
        Event::InlineHtml(s) => Event::InlineHtml(lend(s)),
        Event::InlineMath(s) => Event::InlineMath(lend(s)),
        Event::DisplayMath(s) => Event::DisplayMath(lend(s)),
        Event::FootnoteReference(s) => Event::FootnoteReference(lend(s)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: lend(dest_url),
            title: lend(title),
            id: lend(id),
        }),
        other => other.clone(),
    }
}

/// Renders the events of `page`, with the instrument `marks` put in, as the
/// edition's configuration asks (code's hidden lines, abbreviation
/// expansions), its links at the site's addresses.
pub fn render(page: &Page, marks: &Marks, config: &Config, site: Site<'_>) -> PageBody {
    let hidelines = &config.html.hidelines;
    let expansions = config.abbreviation_expansions;
    let strings = &*config.strings;
    let inline = Addressed {
        site,
        from: &page.output,
        expansions,
        strings,
    };
    let mut main: Vec<Event<'_>> = Vec::with_capacity(page.doc.events.len());
    let mut notes: BTreeMap<NoteNumber, Note> = BTreeMap::new();
    let mut note_buf: Option<(NoteNumber, usize, Vec<Event<'_>>)> = None;
    let mut note_alias: Option<String> = None;
    let mut headings = page.doc.headings.iter();
    // mdBook's ids for definition list terms (only in its dialect).
    let mut terms = page.doc.terms.iter();
    // A heading's level, its `{.class}` classes and its inside.
    let mut heading: Option<(u8, String, Vec<Event<'_>>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut links: Vec<LinkKind> = Vec::new();
    let mut in_comparison = false;
    let mut editorial = 0usize;
    for (i, (node, _)) in page.doc.events.iter().enumerate() {
        let out: &mut Vec<Event<'_>> = match (&mut heading, &mut note_buf) {
            (Some((_, _, buf)), _) => buf,
            (None, Some((_, _, buf))) => buf,
            (None, None) => &mut main,
        };
        if let Some(html) = marks.before.get(&i) {
            out.push(Event::Html(CowStr::from(html.as_str())));
        }
        if let Some(html) = marks.replace.get(&i) {
            out.push(Event::Html(CowStr::from(html.as_str())));
            continue;
        }
        let event = match node {
            Node::Md(event) => event,
            Node::Start(Ext::EditorialNote) => {
                editorial += 1;
                let label = i18n::html(&strings.editorial_note);
                out.push(Event::Html(CowStr::from(format!(
                    "<aside class=\"editorial\" id=\"ed-{editorial}\" role=\"note\" aria-label=\"{label}\">\n<p class=\"editorial-label\">{label}</p>\n"
                ))));
                continue;
            }
            Node::End(ExtEnd::EditorialNote) => {
                out.push(Event::Html(CowStr::from("</aside>\n")));
                continue;
            }
            Node::Start(Ext::EditorsMark { why }) => {
                out.push(Event::InlineHtml(CowStr::from(editorial_mark_open(
                    why, strings,
                ))));
                links.push(LinkKind::Editorial(editorial_mark_close(why, strings)));
                continue;
            }
            Node::Start(Ext::UnitLink { .. }) => {
                // Without a unit (an error reported already), its words.
                let kind = match page.targets.get(&i) {
                    Some(Target::UnitLink(link)) => {
                        out.push(Event::InlineHtml(CowStr::from(inline.cite_open(link))));
                        LinkKind::Raw
                    }
                    _ => LinkKind::Hidden,
                };
                links.push(kind);
                continue;
            }
            Node::Start(Ext::NoCite) => {
                links.push(LinkKind::Hidden);
                continue;
            }
            Node::Start(Ext::WorkLink { .. }) => {
                // Without a work (an error reported already), its words.
                let kind = match page.targets.get(&i) {
                    Some(Target::WorkLink(link)) => {
                        out.push(Event::InlineHtml(CowStr::from(inline.work_link_open(link))));
                        LinkKind::Raw
                    }
                    _ => LinkKind::Hidden,
                };
                links.push(kind);
                continue;
            }
            Node::End(
                ExtEnd::EditorsMark | ExtEnd::UnitLink | ExtEnd::NoCite | ExtEnd::WorkLink,
            ) => {
                close_link(out, links.pop(), None);
                continue;
            }
        };
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                heading = Some((*level as u8, classes.join(" "), Vec::new()));
            }
            Event::Start(Tag::DefinitionListTitle) if !page.doc.terms.is_empty() => {
                match terms.next() {
                    Some(id) => {
                        let mut html = String::from("<dt id=\"");
                        let _ = escape_html(&mut html, id);
                        html.push_str("\">");
                        out.push(Event::Html(CowStr::from(html)));
                    }
                    None => out.push(reborrow(event)),
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, classes, inner)) = heading.take() {
                    let id = headings
                        .next()
                        .map_or_else(|| "section".to_string(), |h| h.id.clone());
                    let mut html = String::new();
                    push_html(&mut html, inner.into_iter());
                    let out = match &mut note_buf {
                        Some((_, _, buf)) => buf,
                        None => &mut main,
                    };
                    out.push(Event::Html(CowStr::from(fresh_line(
                        out,
                        heading_html(level, &id, &classes, &html, strings),
                    ))));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if let Some(Target::NoteDef { number, backlinks }) = page.targets.get(&i) {
                    note_buf = Some((*number, *backlinks, Vec::new()));
                    note_alias = config.mdbook.then(|| format!("footnote-{label}"));
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((number, backlinks, events)) = note_buf.take() {
                    let mut html = String::new();
                    push_html(&mut html, events.into_iter());
                    notes.insert(
                        number,
                        Note {
                            html,
                            backlinks,
                            missing: false,
                            alias: note_alias.take(),
                        },
                    );
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(Target::NoteRef {
                    number,
                    occurrence,
                    missing,
                }) = page.targets.get(&i)
                {
                    let alias = config.mdbook.then(|| format!("fr-{label}-{occurrence}"));
                    out.push(Event::InlineHtml(CowStr::from(note_ref_html(
                        *number,
                        *occurrence,
                        alias.as_deref(),
                        strings,
                    ))));
                    if *missing {
                        let note = notes.entry(*number).or_insert(Note {
                            html: String::new(),
                            backlinks: 0,
                            missing: true,
                            alias: None,
                        });
                        note.backlinks += 1;
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_))
                if matches!(page.targets.get(&i), Some(Target::Compare(_))) =>
            {
                if let Some(Target::Compare(c)) = page.targets.get(&i) {
                    out.push(Event::Html(CowStr::from(super::comparison::html(
                        c,
                        strings,
                        |to| site.href(&page.output, to),
                    ))));
                    in_comparison = true;
                }
            }
            _ if in_comparison => {
                if matches!(event, Event::End(TagEnd::CodeBlock)) {
                    in_comparison = false;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, text)) = code.take() {
                    let html = fresh_line(out, super::code::html(&info, &text, hidelines));
                    out.push(Event::Html(CowStr::from(html)));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                title,
                id,
                ..
            }) => {
                let kind = match page.targets.get(&i) {
                    Some(Target::TextOnly) => LinkKind::Hidden,
                    Some(Target::Link(to)) => {
                        out.push(Event::Start(Tag::Link {
                            link_type: *link_type,
                            dest_url: CowStr::from(site.href(&page.output, to)),
                            title: lend(title),
                            id: lend(id),
                        }));
                        LinkKind::Normal
                    }
                    _ => {
                        out.push(reborrow(event));
                        LinkKind::Normal
                    }
                };
                links.push(kind);
            }
            Event::End(TagEnd::Link) => close_link(out, links.pop(), Some(event)),
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                link_type,
            }) => match page.targets.get(&i) {
                Some(Target::Link(to)) => out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(site.href(&page.output, to)),
                    title: lend(title),
                    id: lend(id),
                })),
                Some(Target::TextOnly) => out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(""),
                    title: lend(title),
                    id: lend(id),
                })),
                _ => out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: lend(dest_url),
                    title: lend(title),
                    id: lend(id),
                })),
            },
            Event::Start(Tag::Paragraph)
                if matches!(page.targets.get(&i), Some(Target::Paragraph(_))) =>
            {
                if let Some(Target::Paragraph(n)) = page.targets.get(&i) {
                    let label = i18n::fill_html(&strings.paragraph_label, &[("n", &n.to_string())]);
                    out.push(Event::Html(CowStr::from(format!(
                        "<p id=\"para-{n}\" class=\"numbered\"><a class=\"para-num\" href=\"#para-{n}\" aria-label=\"{label}\">{n}</a> "
                    ))));
                }
            }
            Event::Text(text) if matches!(page.targets.get(&i), Some(Target::Inline(_))) => {
                if let Some(Target::Inline(marks)) = page.targets.get(&i) {
                    inline.push(out, text, marks);
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let html = fresh_line(out, super::admonition::open(*kind, strings));
                out.push(Event::Html(CowStr::from(html)));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push(Event::Html(CowStr::from(super::admonition::CLOSE)));
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
                    i18n::html(&strings.table_label)
                ))));
                out.push(reborrow(event));
            }
            Event::End(TagEnd::Table) => {
                out.push(reborrow(event));
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            other => out.push(reborrow(other)),
        }
    }
    if let Some(html) = marks.before.get(&page.doc.events.len()) {
        main.push(Event::Html(CowStr::from(html.as_str())));
    }
    let mut content = String::with_capacity(page.doc.events.len() * 16);
    push_html(&mut content, main.into_iter());
    PageBody {
        content,
        notes: notes_html(&notes, strings),
    }
}

/// Closes a link opened as `kind`: a Markdown link with its own `end`, an
/// extension written as a link with what its kind says.
fn close_link<'a>(out: &mut Vec<Event<'a>>, kind: Option<LinkKind>, end: Option<&'a Event<'_>>) {
    match kind {
        Some(LinkKind::Hidden) => {}
        Some(LinkKind::Editorial(close)) => out.push(Event::InlineHtml(CowStr::from(close))),
        Some(LinkKind::Raw) => out.push(Event::InlineHtml(CowStr::from("</a>"))),
        Some(LinkKind::Normal) | None => {
            if let Some(end) = end {
                out.push(reborrow(end))
            }
        }
    }
}

/// A block written as raw HTML right after `<li>` starts on a new line, as
/// pulldown-cmark writes the blocks it renders itself.
fn fresh_line(out: &[Event<'_>], html: String) -> String {
    match out.last() {
        Some(Event::Start(Tag::Item)) => format!("\n{html}"),
        _ => html,
    }
}

/// What inline marks need to be written in a page: the site's addresses
/// as seen from that page, and how abbreviations are expanded.
struct Addressed<'s> {
    site: Site<'s>,
    from: &'s str,
    expansions: AbbreviationExpansions,
    strings: &'s Strings,
}

impl Addressed<'_> {
    /// Splits a text event at its marked words: citations and cross-references
    /// become links, abbreviations get their expansion as a gloss.
    fn push<'a>(&self, out: &mut Vec<Event<'a>>, text: &'a str, marks: &'a [Inline]) {
        let mut at = 0;
        for mark in marks {
            if mark.range.start < at || mark.range.end > text.len() {
                continue;
            }
            if mark.range.start > at {
                out.push(Event::Text(CowStr::from(&text[at..mark.range.start])));
            }
            let words = &text[mark.range.clone()];
            match &mark.kind {
                // A unit cited by a range's end ("Articles 15 to 22" cites 16):
                // no words of its own, only the place its "Cited in" entry
                // leads back to.
                InlineKind::Cite(link) if words.is_empty() => {
                    let mut anchor = String::from("<span class=\"cite-place\" id=\"");
                    let _ = escape_href(&mut anchor, &link.anchor);
                    anchor.push_str("\"></span>");
                    out.push(Event::InlineHtml(CowStr::from(anchor)));
                }
                InlineKind::Cite(link) => {
                    out.push(Event::InlineHtml(CowStr::from(self.cite_open(link))));
                    out.push(Event::Text(CowStr::from(words)));
                    out.push(Event::InlineHtml(CowStr::from("</a>")));
                }
                InlineKind::Case(link) => {
                    out.push(Event::InlineHtml(CowStr::from(self.case_open(link))));
                    out.push(Event::Text(CowStr::from(words)));
                    out.push(Event::InlineHtml(CowStr::from("</a>")));
                }
                InlineKind::Work(cite) => {
                    out.push(Event::InlineHtml(CowStr::from(self.work_cite(cite))));
                }
                InlineKind::Link(to) => {
                    let mut open = String::from("<a class=\"xref\" href=\"");
                    let _ = escape_href(&mut open, &self.site.href(self.from, to));
                    open.push_str("\">");
                    out.push(Event::InlineHtml(CowStr::from(open)));
                    out.push(Event::Text(CowStr::from(words)));
                    out.push(Event::InlineHtml(CowStr::from("</a>")));
                }
                InlineKind::Abbr { expansion, first } => {
                    out.push(Event::InlineHtml(CowStr::from(abbr_html(
                        words,
                        expansion,
                        *first,
                        self.expansions,
                        self.strings,
                    ))));
                }
            }
            at = mark.range.end;
        }
        if at < text.len() {
            out.push(Event::Text(CowStr::from(&text[at..])));
        }
    }

    /// A case's citation opens: a citation link (so that the script shows
    /// its card, `data-unit` naming the case and pinpoint), to the
    /// judgment's official text or its entry in the Table of Cases.
    fn case_open(&self, link: &CaseLink) -> String {
        let mut html = String::from("<a class=\"cite case-cite\" id=\"");
        let _ = escape_html(&mut html, &link.anchor);
        html.push_str("\" href=\"");
        let _ = escape_href(&mut html, &self.site.href(self.from, &link.to));
        html.push_str("\" data-unit=\"");
        let _ = escape_html(&mut html, &link.card);
        html.push_str("\">");
        html
    }

    /// The author's `cite:` link opens: to the work's entry in the
    /// Bibliography, with the id its list of citing places leads back to.
    fn work_link_open(&self, link: &WorkLink) -> String {
        let mut html = String::from("<a class=\"cite work-cite\" id=\"");
        let _ = escape_html(&mut html, &link.anchor);
        html.push_str("\" href=\"");
        let _ = escape_href(&mut html, &self.site.href(self.from, &link.to));
        html.push('"');
        if let Some(card) = super::bibliography::card(&link.to) {
            html.push_str(" data-unit=\"");
            let _ = escape_html(&mut html, &card);
            html.push('"');
        }
        html.push('>');
        html
    }

    /// A citation as the style formats it, in place of the `[@…]` written:
    /// each work's words a link to its entry.
    fn work_cite(&self, cite: &WorkCite) -> String {
        let mut html = String::from("<span class=\"work-cite\" id=\"");
        let _ = escape_html(&mut html, &cite.anchor);
        html.push_str("\">");
        super::bibliography::pieces(&mut html, &cite.text, &|to| self.site.href(self.from, to));
        html.push_str("</span>");
        html
    }

    fn cite_open(&self, link: &CiteLink) -> String {
        let mut html = String::from("<a class=\"cite\" id=\"");
        let _ = escape_html(&mut html, &link.anchor);
        html.push_str("\" href=\"");
        let _ = escape_href(&mut html, &self.site.href(self.from, &link.to));
        html.push_str("\" data-unit=\"");
        let _ = escape_html(&mut html, &link.address);
        html.push_str("\">");
        html
    }
}

/// An abbreviation of the edition's list: `<abbr>` with the expansion in its
/// title, which glossator.js shows in a card on hover, tap and focus. The
/// first use in a chapter is marked (and is a tab stop, so that a keyboard
/// reader reaches the expansion once); with `abbreviation-expansions =
/// "inline"` it is followed by the expansion in square brackets, set as the
/// editors' words, never the authors'.
fn abbr_html(
    words: &str,
    expansion: &str,
    first: bool,
    expansions: AbbreviationExpansions,
    strings: &Strings,
) -> String {
    let mut html = String::from("<abbr");
    if first {
        html.push_str(" class=\"first-use\" tabindex=\"0\"");
    }
    html.push_str(" title=\"");
    let _ = escape_html(&mut html, expansion);
    html.push_str("\">");
    let _ = escape_html(&mut html, words);
    html.push_str("</abbr>");
    if first && expansions == AbbreviationExpansions::Inline {
        html.push_str("<span class=\"ed-mark ed-expansion\" title=\"");
        html.push_str(&i18n::html(&strings.abbr_expansion));
        html.push_str("\"> [");
        let _ = escape_html(&mut html, expansion);
        html.push_str("]</span>");
    }
    html
}

/// A heading with its anchor; `classes` are those of its `{#id .class}`
/// attributes, kept as mdBook keeps them.
fn heading_html(level: u8, id: &str, classes: &str, inner: &str, strings: &Strings) -> String {
    let mut html = format!("<h{level} id=\"");
    let _ = escape_html(&mut html, id);
    if !classes.is_empty() {
        html.push_str("\" class=\"");
        let _ = escape_html(&mut html, classes);
    }
    html.push_str("\">");
    html.push_str(inner);
    html.push_str("<a class=\"anchor\" href=\"#");
    let _ = escape_href(&mut html, id);
    html.push_str(&format!(
        "\" aria-label=\"{}\"></a></h{level}>\n",
        i18n::html(&strings.section_link)
    ));
    html
}

/// A note reference; `alias` is mdBook's id for it in an mdBook book
/// (`fr-LABEL-1`), kept as an empty anchor inside it, as [`alias_html`] says.
fn note_ref_html(
    number: NoteNumber,
    occurrence: usize,
    alias: Option<&str>,
    strings: &Strings,
) -> String {
    let id = if occurrence == 1 {
        format!("fnref-{number}")
    } else {
        format!("fnref-{number}-{occurrence}")
    };
    let label = i18n::fill_html(&strings.note_label, &[("n", &number.to_string())]);
    let alias = alias_html(alias);
    format!(
        "<sup class=\"fnref\" id=\"{id}\">{alias}<a href=\"#fn-{number}\" role=\"doc-noteref\" aria-label=\"{label}\">{number}</a></sup>"
    )
}

/// An empty anchor carrying mdBook's id for a note or a reference to one
/// (`footnote-LABEL`, `fr-LABEL-1`): glossator's own ids (`fn-1`) stay what
/// its links, print edition and search use, and a link from outside to an
/// mdBook book's note still arrives.
fn alias_html(alias: Option<&str>) -> String {
    let Some(alias) = alias else {
        return String::new();
    };
    let mut html = String::from("<span id=\"");
    let _ = escape_html(&mut html, alias);
    html.push_str("\"></span>");
    html
}

/// An editorial mark opens: its explanation in the title (a card on hover,
/// tap and focus, by glossator.js) and in the name read out; the mark's words
/// follow, set in italics as the editors' ("[*sic*]").
fn editorial_mark_open(explanation: &str, strings: &Strings) -> String {
    let mut html = String::from("<span class=\"ed-mark\" tabindex=\"0\" role=\"note\" title=\"");
    let _ = escape_html(&mut html, explanation);
    html.push_str("\" aria-label=\"");
    let mut why = String::new();
    let _ = escape_html(&mut why, explanation);
    html.push_str(&i18n::fill_html(&strings.editorial_mark, &[("why", &why)]));
    html.push_str("\">[<span class=\"ed-words\">");
    html
}

/// An editorial mark closes, with its explanation written out for print
/// (hidden on screen, where the card shows it): "[*sic*: So in the paper.]".
fn editorial_mark_close(explanation: &str, strings: &Strings) -> String {
    let mut html = String::from("</span>");
    if !explanation.is_empty() {
        html.push_str("<span class=\"ed-why\">");
        let mut why = String::new();
        let _ = escape_html(&mut why, explanation);
        html.push_str(&i18n::fill_html(
            &strings.editorial_mark_why,
            &[("why", &why)],
        ));
        html.push_str("</span>");
    }
    html.push_str("]</span>");
    html
}

/// The notes section: the authors' numbers, each note's text, and a link
/// back to every place that cites it.
fn notes_html(notes: &BTreeMap<NoteNumber, Note>, strings: &Strings) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let mut html = format!(
        "<section class=\"footnotes\" aria-labelledby=\"gl-footnotes-title\">\n<h2 id=\"gl-footnotes-title\">{}</h2>\n<ol class=\"notes\">\n",
        i18n::html(&strings.notes)
    );
    for (number, note) in notes {
        let class = if note.missing {
            " class=\"missing\""
        } else {
            ""
        };
        html.push_str(&format!(
            "<li id=\"fn-{number}\" value=\"{number}\"{class}>{}",
            alias_html(note.alias.as_deref())
        ));
        let mut backlinks = String::new();
        for k in 1..=note.backlinks {
            let target = if k == 1 {
                format!("fnref-{number}")
            } else {
                format!("fnref-{number}-{k}")
            };
            let label = if note.backlinks == 1 {
                String::new()
            } else {
                format!("<sup>{k}</sup>")
            };
            let (n, k) = (number.to_string(), k.to_string());
            let back = match note.backlinks {
                1 => i18n::fill_html(&strings.backref, &[("n", &n)]),
                _ => i18n::fill_html(&strings.backref_use, &[("n", &n), ("k", &k)]),
            };
            backlinks.push_str(&format!(
                " <a href=\"#{target}\" class=\"backref\" role=\"doc-backlink\" aria-label=\"{back}\">↩{label}</a>"
            ));
        }
        if note.missing {
            html.push_str(&format!(
                "<p><span class=\"note-missing\">{}</span> {}{backlinks}</p>",
                i18n::html(&strings.note_missing),
                i18n::fill_html(&strings.note_missing_text, &[("n", &number.to_string())])
            ));
        } else {
            let body = note.html.trim_end();
            match body.strip_suffix("</p>") {
                Some(head) => {
                    html.push_str(head);
                    html.push_str(&backlinks);
                    html.push_str("</p>");
                }
                None => {
                    html.push_str(body);
                    html.push_str(&backlinks);
                }
            }
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n</section>\n");
    html
}
