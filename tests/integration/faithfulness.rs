//! Faithfulness of the edition to its copy-text.
//!
//! The copy-text is `content/copy-text/iom-and-the-un-unfinished-business.txt`,
//! the plain text extracted from the published PDF of "IOM and the UN:
//! Unfinished Business". These tests compile the edition in memory and check,
//! sentence by sentence and note by note, that every word of the paper is in
//! the built site, in the paper's order and under the authors' note numbers.
//!
//! The only differences allowed are the page furniture listed in
//! [`FURNITURE`] and the editors' repairs listed in [`MENDS`], each of which
//! cites the entry of `content/about.md` that declares it. Everything the
//! editors add (editorial notes, [sic] marks) is taken out of the built pages
//! before comparing, so that it can neither hide nor fake a reading.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// What may differ from the copy-text
// ---------------------------------------------------------------------------

/// The copy-text, relative to the repository root.
const SOURCE: &str = "content/copy-text/iom-and-the-un-unfinished-business.txt";

/// Page furniture: whole blank-line-separated chunks of the copy-text that
/// are not part of the paper. Each entry removes the first chunk equal to it
/// (trailing spaces of lines ignored), and must remove one.
const FURNITURE: &[(&str, &str)] = &[
    (
        "PDF hosted at the Radboud Repository of the Radboud University Nijmegen",
        // Repository cover page, line 1 of the banner.
        "repository banner",
    ),
    (
        "The following full text is a publisher's version.",
        // Repository cover page: what kind of copy this is.
        "repository banner",
    ),
    (
        "For additional information about this publication click this link.",
        // Repository cover page: the text of a link in the PDF.
        "repository banner",
    ),
    (
        "<http://hdl.handle.net/2066/172926>",
        // Repository cover page: the handle line. It is the repository's,
        // not the paper's (the edition keeps it on its title page, about.md
        // "Page furniture removed", but it is not checked here).
        "repository banner (handle line)",
    ),
    (
        "Please be advised that this information was generated on 2019-11-21 and may be subject to change.",
        // Repository cover page: generation date.
        "repository banner",
    ),
    (
        "IOM and the UN: Unfinished Business",
        // The paper's cover: the title, which the first page repeats (that
        // second occurrence is the paper's title and is checked). about.md,
        // "Page furniture removed": "the paper's cover (series, title and
        // authors, which the first page repeats)".
        "paper cover: repeated title",
    ),
    (
        "**Elsbeth Guild\nStefanie Grant\nKees Groenendijk**",
        // The paper's cover: the author block, which the first page repeats
        // with the authors' notes. about.md, "Repairs of the copy-text",
        // Title page: "The cover's repeated title and author block is left
        // out."
        "paper cover: repeated author block",
    ),
];

/// The editors' repairs that change the copy-text's words, as
/// (copy-text, edition, reason). Each is applied to the copy-text before
/// comparing and must match exactly once. Nothing else is excused.
const MENDS: &[(&str, &str, &str)] = &[
    (
        "Queen Mary University of London, School of Law\nLegal Studies Research Paper No. 255/2017\n\n",
        "",
        "about.md, Repairs, Title page: the series line is taken off the cover and \
         printed on the title page after the author line (put back there by the next mend)",
    ),
    (
        "Kees Groenendijk³\n",
        "Kees Groenendijk³\n\nQueen Mary University of London, School of Law, Legal Studies Research Paper No. 255/2017\n",
        "about.md, Repairs, Title page: the series line, printed on two lines on the cover, \
         is printed as one line with a comma",
    ),
    (
        "Annex 1\n\nIOM's Strategic Focus",
        "Annex 1: IOM's Strategic Focus",
        "about.md, Repairs, Annexes 1-3: the annex number and title are joined with a colon",
    ),
    (
        "\n- To support the efforts of States in the area of labour migration",
        "\n12. To support the efforts of States in the area of labour migration",
        "about.md, Repairs, Annex 1: the number 12. of the last strategic focus is restored \
         (the copy-text prints a bullet)",
    ),
    (
        "Annex 2\nIOM Constitution, Article 1",
        "Annex 2: IOM Constitution, Article 1",
        "about.md, Repairs, Annexes 1-3: the annex number and title are joined with a colon",
    ),
    (
        "including voluntary repatriation; (e) to provide a forum",
        "including voluntary repatriation;\n\n(e) to provide a forum",
        "about.md, Repairs, Annex 2: points (d) and (e), run together in the copy-text, \
         are printed as two points",
    ),
    (
        "Annex 3\nUN Human Rights Conventions",
        "Annex 3: UN Human Rights Conventions",
        "about.md, Repairs, Annexes 1-3: the annex number and title are joined with a colon",
    ),
    (
        "<i>Acronym</i>\t<i>Monitoring Body</i>\t<i>Date</i>\t",
        "Acronym\tInstrument\tDate\tMonitoring body",
        "about.md, Repairs, Annex 3: the header row is corrected to \
         'Acronym | Instrument | Date | Monitoring body' ('Instrument' is the editors' word)",
    ),
    (
        "on the sale of children, child\t25 May 2000",
        "on the sale of children, child prostitution and child pornography\t25 May 2000",
        "about.md, Repairs, Annex 3: the OP-CRC-SC and OP-CRC-IC rows are untangled; \
         'prostitution and child pornography' goes back to the end of the OP-CRC-SC title",
    ),
    (
        "OP-CRC-IC\tprostitution and child pornography Optional Protocol",
        "OP-CRC-IC\tOptional Protocol",
        "about.md, Repairs, Annex 3: the OP-CRC-SC and OP-CRC-IC rows are untangled; \
         the words moved at the page break are taken off the OP-CRC-IC title",
    ),
];

/// Pages of SUMMARY.md that are the editors' work, not the paper's
/// (about.md, "Editors' words": "This page, the list of abbreviations …
/// are also the editors' work").
const EDITORS_PAGES: &[&str] = &["abbreviations.md", "about.md"];

/// The notes the paper refers to but prints no text for (about.md, "Missing
/// notes").
const MISSING_NOTES: &[u32] = &[47, 48];

/// The authors' notes run from 1 to this.
const LAST_NOTE: u32 = 80;

// ---------------------------------------------------------------------------
// The edition, compiled once
// ---------------------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The built site's files, or the rendered diagnostics when it did not build.
fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<Result<BTreeMap<String, Vec<u8>>, String>> = OnceLock::new();
    let built = SITE.get_or_init(|| {
        let compiled = glossator::compile(root(), None);
        match compiled.output {
            // The print edition repeats every chapter on one page; the
            // chapters themselves are what is checked.
            Some(output) => Ok(output
                .files
                .into_iter()
                .filter(|(p, _)| p != "print.html")
                .map(|(p, b)| (p, b.to_vec()))
                .collect()),
            None => {
                let mut msg = String::from("the edition did not compile:\n");
                for d in &compiled.diags {
                    msg.push_str(&compiled.map.render(d));
                    msg.push('\n');
                }
                Err(msg)
            }
        }
    });
    match built {
        Ok(files) => files,
        Err(msg) => panic!("{msg}"),
    }
}

fn page_html(name: &str) -> &'static str {
    let bytes = site()
        .get(name)
        .unwrap_or_else(|| panic!("the built site has no {name}"));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"))
}

/// The Markdown chapters of the paper, in SUMMARY.md order.
fn chapters() -> Vec<String> {
    let summary = std::fs::read_to_string(root().join("content/SUMMARY.md"))
        .expect("content/SUMMARY.md is readable");
    let mut found = Vec::new();
    let mut rest = summary.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = &rest[..end];
        if target.ends_with(".md") {
            found.push(target.to_string());
        }
        rest = &rest[end..];
    }
    for page in EDITORS_PAGES {
        assert!(
            found.iter().any(|f| f == page),
            "EDITORS_PAGES names {page}, which SUMMARY.md no longer lists"
        );
    }
    found.retain(|f| !EDITORS_PAGES.contains(&f.as_str()));
    assert!(!found.is_empty(), "SUMMARY.md lists no chapters");
    found
}

/// One note of the built edition.
struct EdNote {
    page: String,
    text: String,
    missing: bool,
}

/// The edition as text: the body of every chapter in order, and the notes.
struct Edition {
    /// Normalised body text of all chapters, joined by spaces.
    body: String,
    /// Where each chapter's body starts in `body`, with its output name.
    starts: Vec<(usize, String)>,
    /// Each note by number (the first rendering, if there are several).
    notes: BTreeMap<u32, EdNote>,
    /// Notes rendered more than once.
    duplicates: Vec<String>,
}

impl Edition {
    fn page_at(&self, offset: usize) -> &str {
        self.starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= offset)
            .map_or("?", |(_, name)| name.as_str())
    }
}

fn edition() -> &'static Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION.get_or_init(|| {
        let mut ed = Edition {
            body: String::new(),
            starts: Vec::new(),
            notes: BTreeMap::new(),
            duplicates: Vec::new(),
        };
        for chapter in chapters() {
            let name = format!("{}.html", chapter.trim_end_matches(".md"));
            let (body, notes) = split_page(page_html(&name), &name);
            if !ed.body.is_empty() {
                ed.body.push(' ');
            }
            ed.starts.push((ed.body.len(), name.clone()));
            ed.body.push_str(&body);
            for (n, text, missing) in notes {
                if let Some(first) = ed.notes.get(&n) {
                    ed.duplicates.push(format!(
                        "note {n} is rendered on {} and again on {name}",
                        first.page
                    ));
                    continue;
                }
                ed.notes.insert(
                    n,
                    EdNote {
                        page: name.clone(),
                        text,
                        missing,
                    },
                );
            }
        }
        ed
    })
}

/// A page's normalised body text and its notes (number, normalised text,
/// rendered as missing).
fn split_page(html: &str, name: &str) -> (String, Vec<(u32, String, bool)>) {
    let article = article_of(html, name);
    let section = element_range(article, "<section class=\"footnotes\"", "section");
    let (body_html, notes_html) = match section {
        Some(r) => (
            format!("{}{}", &article[..r.start], &article[r.end..]),
            article[r].to_string(),
        ),
        None => (article.to_string(), String::new()),
    };
    let mut body_html = remove_elements(&body_html, "<nav class=\"page-toc\"", "nav");
    for (prefix, tag) in EDITORS_MARKUP {
        body_html = remove_elements(&body_html, prefix, tag);
    }
    let body = normalize_edition(&html_to_text(&body_html));

    let mut notes = Vec::new();
    let pieces: Vec<&str> = notes_html.split("<li id=\"fn-").skip(1).collect();
    for piece in pieces {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        let n: u32 = digits
            .parse()
            .unwrap_or_else(|_| panic!("{name}: a note whose id is not a number"));
        let open_end = piece.find('>').expect("a closed <li> tag");
        let missing = piece[..open_end].contains("class=\"missing\"");
        let content = &piece[open_end + 1..];
        let content = &content[..content.rfind("</li>").unwrap_or(content.len())];
        let mut content = remove_elements(content, "<a href=\"#fnref-", "a");
        for (prefix, tag) in EDITORS_MARKUP {
            content = remove_elements(&content, prefix, tag);
        }
        notes.push((n, normalize_edition(&html_to_text(&content)), missing));
    }
    (body, notes)
}

/// What glossator or the editors add to the authors' text, each visibly
/// set apart from it on the page: editorial notes, [sic] marks, expansions
/// printed in square brackets (`abbreviation-expansions = "inline"`), note
/// references, marginal paragraph numbers and heading anchors. Nothing else
/// may be taken out: an expansion written as if it were the authors' words
/// ("the UN (United Nations)") stays in and fails
/// [`every_paragraph_as_a_reader_reads_and_copies_it_is_the_papers`].
const EDITORS_MARKUP: &[(&str, &str)] = &[
    ("<aside class=\"editorial\"", "aside"),
    ("<span class=\"ed-mark\"", "span"),
    ("<span class=\"ed-mark ed-expansion\"", "span"),
    ("<a class=\"para-num\"", "a"),
    ("<sup class=\"fnref\"", "sup"),
    ("<a class=\"anchor\"", "a"),
];

/// Blocks of the paper's pages that are neither the paper's nor marked as
/// the editors', as (page, block, reason); each must be found once.
const KEPT_BLOCKS: &[(&str, &str, &str)] = &[(
    "index.html",
    "http://hdl.handle.net/2066/172926",
    "about.md, Page furniture removed: the repository's handle line, kept on the title page \
     as the address of the published version",
)];

/// The editors' apparatus around the authors' text, each a block the page
/// labels as the editors' (or, for the previews, hidden): the clause panel
/// ("as quoted in the paper"), comparisons, the previews of cited units
/// (shown only in cards), the page's contents, the notes (checked under
/// their numbers) and everything in [`EDITORS_MARKUP`].
const APPARATUS: &[(&str, &str)] = &[
    ("<aside class=\"clause-panel", "aside"),
    ("<figure class=\"comparison", "figure"),
    ("<div class=\"unit-previews\"", "div"),
    ("<nav class=\"page-toc\"", "nav"),
    ("<section class=\"footnotes\"", "section"),
];

/// The blocks of a page's article (paragraphs, list items, headings, table
/// cells) as a reader sees and copies them: every word of the HTML's text,
/// attribute values (an `<abbr>`'s title) left out as the browser leaves
/// them out, and only the [`APPARATUS`] taken away. Each normalised.
fn reader_blocks(html: &str, name: &str) -> Vec<String> {
    let mut article = article_of(html, name).to_string();
    for (prefix, tag) in APPARATUS.iter().chain(EDITORS_MARKUP) {
        article = remove_elements(&article, prefix, tag);
    }
    html_to_text_with(&article, BLOCK_BREAK)
        .split(BLOCK_BREAK)
        .map(normalize_edition)
        .filter(|b| !b.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------
// HTML to text
// ---------------------------------------------------------------------------

/// What [`reader_blocks`] puts between blocks: a character no page holds.
const BLOCK_BREAK: char = '\u{2029}';

/// Whether `html[at..]` opens a `tag` element (`<tag` then a space, `>` or `/`).
fn opens(html: &str, at: usize, tag: &str) -> bool {
    let rest = &html[at..];
    rest.starts_with('<')
        && rest[1..].starts_with(tag)
        && matches!(
            rest[1 + tag.len()..].chars().next(),
            Some(' ' | '>' | '/' | '\n' | '\t')
        )
}

/// The byte range of the first element opening with `prefix` (a `tag`
/// element), through its matching close tag; nested `tag` elements counted.
fn element_range(html: &str, prefix: &str, tag: &str) -> Option<std::ops::Range<usize>> {
    let start = html.find(prefix)?;
    let close = format!("</{tag}>");
    let mut depth = 0usize;
    let mut i = start;
    while i < html.len() {
        if html[i..].starts_with(&close) {
            depth -= 1;
            if depth == 0 {
                return Some(start..i + close.len());
            }
            i += close.len();
        } else if opens(html, i, tag) {
            depth += 1;
            i += 1;
        } else {
            i += html[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    panic!("unclosed <{tag}> element starting {prefix}");
}

/// `html` without any element opening with `prefix`.
fn remove_elements(html: &str, prefix: &str, tag: &str) -> String {
    let mut out = html.to_string();
    while let Some(r) = element_range(&out, prefix, tag) {
        out.replace_range(r, "");
    }
    out
}

/// Tags that separate blocks of text: replaced by a space.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "ol",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "section",
    "aside",
    "nav",
    "article",
    "blockquote",
    "pre",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "dl",
    "dt",
    "dd",
];

/// The text of `html`: tags stripped (block tags become spaces, table cells
/// are set off by ` | ` so rows can be compared cell by cell), and the
/// entities pulldown-cmark emits decoded.
fn html_to_text(html: &str) -> String {
    html_to_text_with(html, ' ')
}

/// [`html_to_text`], with `block` (instead of a space) where a block or a
/// table cell begins or ends.
fn html_to_text_with(html: &str, block: char) -> String {
    let cell = if block == ' ' {
        " | ".to_string()
    } else {
        block.to_string()
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let gt = after.find('>').expect("a closed tag");
        let tag = &after[1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if (name == "td" || name == "th") && (!closing || block != ' ') || name == "tr" && closing {
            out.push_str(&cell);
        } else if name == "tr" || BLOCK_TAGS.contains(&name.as_str()) {
            out.push(block);
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    const ENTITIES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        match ENTITIES.iter().find(|(e, _)| after.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &after[e.len()..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// Text whose every character remembers the copy-text line it came from.
type Tagged = Vec<(char, usize)>;

fn untag(text: &[(char, usize)]) -> String {
    text.iter().map(|&(c, _)| c).collect()
}

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// Both sides: one kind of quote, one kind of dash, `...` for an ellipsis,
/// single spaces.
fn unify(chars: Tagged) -> Tagged {
    let mut out: Tagged = Vec::with_capacity(chars.len());
    for (c, line) in chars {
        match c {
            '‘' | '’' | '“' | '”' | '"' | '\'' | '′' => out.push(('\'', line)),
            '–' | '—' | '‐' | '-' => out.push(('-', line)),
            '…' => out.extend([('.', line), ('.', line), ('.', line)]),
            c if c.is_whitespace() => {
                if out.last().is_some_and(|&(p, _)| p != ' ') {
                    out.push((' ', line));
                }
            }
            c => out.push((c, line)),
        }
    }
    if out.last().is_some_and(|&(c, _)| c == ' ') {
        out.pop();
    }
    out
}

fn normalize_edition(text: &str) -> String {
    untag(&unify(text.chars().map(|c| (c, 0)).collect()))
}

/// The copy-text side: list numbers at line starts dropped (the edition
/// renders ordered lists), `<…>` around web addresses and Markdown emphasis
/// markers dropped, note references (superscript digits) dropped, then
/// [`unify`].
fn normalize_source(text: &[(char, usize)]) -> Tagged {
    let mut out: Tagged = Vec::with_capacity(text.len());
    let mut i = 0;
    let mut line_start = true;
    while i < text.len() {
        if line_start {
            line_start = false;
            let mut j = i;
            while j < text.len() && matches!(text[j].0, ' ' | '\t') {
                j += 1;
            }
            let digits = j;
            while j < text.len() && text[j].0.is_ascii_digit() {
                j += 1;
            }
            if j > digits
                && text.get(j).is_some_and(|&(c, _)| c == '.')
                && text.get(j + 1).is_some_and(|&(c, _)| c == ' ')
            {
                i = j + 2;
                continue;
            }
        }
        let (c, line) = text[i];
        // `<http…>`: the address without its angle brackets.
        let url_end = (c == '<'
            && untag(&text[i + 1..(i + 6).min(text.len())]).starts_with("http"))
        .then(|| {
            text[i..]
                .iter()
                .position(|&(c, _)| c == '>' || c.is_whitespace())
        })
        .flatten()
        .filter(|&len| text[i + len].0 == '>');
        if let Some(len) = url_end {
            out.extend_from_slice(&text[i + 1..i + len]);
            i += len + 1;
            continue;
        }
        if c == '\n' {
            line_start = true;
        }
        if c != '*' && superscript_digit(c).is_none() {
            out.push((c, line));
        }
        i += 1;
    }
    unify(out)
}

/// Sentences of normalised text: split after `.`, `?` or `!` followed by a
/// space. Each keeps the copy-text line of its first character.
fn sentences(text: &[(char, usize)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..text.len() {
        let end =
            matches!(text[i].0, '.' | '?' | '!') && text.get(i + 1).is_some_and(|&(c, _)| c == ' ');
        if end || i + 1 == text.len() {
            let s = untag(&text[start..=i]);
            if !s.trim().is_empty() {
                out.push((text[start].1, s.trim().to_string()));
            }
            start = i + 2;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The copy-text
// ---------------------------------------------------------------------------

/// A blank-line-separated chunk of the copy-text.
enum Chunk {
    /// Running text or a heading.
    Body { line: usize, text: Tagged },
    /// A note: its number and its text (raw).
    Note {
        line: usize,
        number: u32,
        text: Tagged,
    },
    /// Table rows (the copy-text separates cells by tabs): line and cells.
    Table { rows: Vec<(usize, Vec<Tagged>)> },
}

fn find_all(text: &[(char, usize)], pattern: &[char]) -> Vec<usize> {
    if pattern.is_empty() || pattern.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - pattern.len())
        .filter(|&i| {
            text[i..i + pattern.len()]
                .iter()
                .map(|&(c, _)| c)
                .eq(pattern.iter().copied())
        })
        .collect()
}

/// The copy-text with [`MENDS`] applied and [`FURNITURE`] removed, in chunks.
fn source_chunks() -> Vec<Chunk> {
    let raw = std::fs::read_to_string(root().join(SOURCE))
        .unwrap_or_else(|e| panic!("{SOURCE} is readable: {e}"))
        .replace("\r\n", "\n");
    let mut text: Tagged = Vec::with_capacity(raw.len());
    let mut line = 1;
    for c in raw.chars() {
        text.push((c, line));
        if c == '\n' {
            line += 1;
        }
    }

    let mut stale = Vec::new();
    for (from, to, why) in MENDS {
        let pattern: Vec<char> = from.chars().collect();
        let at = find_all(&text, &pattern);
        if at.len() != 1 {
            stale.push(format!(
                "MENDS entry {from:?} ({why}) matches the copy-text {} times, not once",
                at.len()
            ));
            continue;
        }
        // Each new character takes the line of the old one at its place.
        let old = &text[at[0]..at[0] + pattern.len()];
        let new: Tagged = to
            .chars()
            .enumerate()
            .map(|(k, c)| (c, old[k.min(old.len() - 1)].1))
            .collect();
        text.splice(at[0]..at[0] + pattern.len(), new);
    }

    // Chunks: runs of non-blank lines.
    let mut raw_chunks: Vec<Tagged> = Vec::new();
    let mut current: Tagged = Vec::new();
    for line in text.split(|&(c, _)| c == '\n') {
        if line.iter().all(|&(c, _)| c.is_whitespace()) {
            if !current.is_empty() {
                raw_chunks.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(('\n', line[0].1));
            }
            current.extend_from_slice(line);
        }
    }
    if !current.is_empty() {
        raw_chunks.push(current);
    }

    let key = |chunk: &Tagged| -> String {
        untag(chunk)
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    };
    for (furniture, what) in FURNITURE {
        match raw_chunks.iter().position(|c| key(c) == *furniture) {
            Some(i) => {
                raw_chunks.remove(i);
            }
            None => stale.push(format!(
                "FURNITURE entry {furniture:?} ({what}) is not a chunk of the copy-text"
            )),
        }
    }
    assert!(stale.is_empty(), "stale lists:\n{}", stale.join("\n"));

    raw_chunks
        .into_iter()
        .map(|chunk| {
            let start = chunk
                .iter()
                .position(|&(c, _)| !c.is_whitespace())
                .unwrap_or(0);
            let chunk = chunk[start..].to_vec();
            let line = chunk[0].1;
            let digits: String = chunk
                .iter()
                .map_while(|&(c, _)| superscript_digit(c))
                .map(|d| char::from_digit(d, 10).unwrap())
                .collect();
            if !digits.is_empty() {
                return Chunk::Note {
                    line,
                    number: digits.parse().unwrap(),
                    text: chunk[digits.chars().count()..].to_vec(),
                };
            }
            if chunk.iter().any(|&(c, _)| c == '\t') {
                let rows = chunk
                    .split(|&(c, _)| c == '\n')
                    .filter(|row| !row.is_empty())
                    .map(|row| {
                        let mut cells: Vec<Tagged> =
                            row.split(|&(c, _)| c == '\t').map(<[_]>::to_vec).collect();
                        while cells
                            .last()
                            .is_some_and(|c| c.iter().all(|&(c, _)| c.is_whitespace()))
                        {
                            cells.pop();
                        }
                        (row[0].1, cells)
                    })
                    .collect();
                return Chunk::Table { rows };
            }
            Chunk::Body { line, text: chunk }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------

/// What the walk through the copy-text found.
struct Walk {
    /// Missing or out-of-order sentences and rows, one message each.
    problems: Vec<String>,
    /// Body-classified chunks that are the rest of a note split by a page
    /// break: (number of the note before them, line, normalised text).
    continuations: Vec<(u32, usize, String)>,
    /// The copy-text's notes: (number, line, normalised text).
    notes: Vec<(u32, usize, String)>,
    /// Sentences checked.
    sentences: usize,
    /// Table rows checked.
    rows: usize,
}

fn walk() -> &'static Walk {
    static WALK: OnceLock<Walk> = OnceLock::new();
    WALK.get_or_init(|| {
        let ed = edition();
        let body = ed.body.as_str();
        let mut walk = Walk {
            problems: Vec::new(),
            continuations: Vec::new(),
            notes: Vec::new(),
            sentences: 0,
            rows: 0,
        };
        let mut cursor = 0usize;
        let mut last_note: Option<u32> = None;
        for chunk in source_chunks() {
            match chunk {
                Chunk::Note { line, number, text } => {
                    walk.notes
                        .push((number, line, untag(&normalize_source(&text))));
                    last_note = Some(number);
                }
                Chunk::Table { rows } => {
                    for (line, cells) in rows {
                        walk.rows += 1;
                        let cells: Vec<String> =
                            cells.iter().map(|c| untag(&normalize_source(c))).collect();
                        let row = format!("| {} |", cells.join(" | "));
                        let from = cursor;
                        if let Some(mut problem) = check(body, &mut cursor, &row, line, ed) {
                            problem.push_str(&compare_cells(body, from, &cells));
                            walk.problems.push(problem);
                        }
                    }
                }
                Chunk::Body { line, text } => {
                    let norm = normalize_source(&text);
                    let whole = untag(&norm);
                    // The rest of a note cut by a page break: not in the
                    // body, but in the text of the last note before it.
                    let in_last_note = last_note
                        .and_then(|n| ed.notes.get(&n))
                        .is_some_and(|note| note.text.contains(&whole));
                    if in_last_note && !body[cursor..].contains(&whole) {
                        walk.continuations.push((last_note.unwrap(), line, whole));
                        continue;
                    }
                    for (line, sentence) in sentences(&norm) {
                        walk.sentences += 1;
                        if let Some(problem) = check(body, &mut cursor, &sentence, line, ed) {
                            walk.problems.push(problem);
                        }
                    }
                }
            }
        }
        walk
    })
}

/// For a table row that is not in the edition: the edition's row with the
/// same first cell (after `from`, else anywhere), compared cell by cell.
fn compare_cells(body: &str, from: usize, cells: &[String]) -> String {
    let Some(first) = cells.first() else {
        return String::new();
    };
    let start = format!("| {first} |");
    let Some(at) = body[from..]
        .find(&start)
        .map(|a| from + a)
        .or_else(|| body.find(&start))
    else {
        return format!("\n    the edition has no table row whose first cell is {first:?}");
    };
    let rest = &body[at + 2..];
    let row = rest.find(" | |").map_or(rest, |end| &rest[..end]);
    let row = row.trim_end_matches(" |");
    let theirs: Vec<&str> = row.split(" | ").collect();
    let mut out = String::new();
    for k in 0..cells.len().max(theirs.len()) {
        let ours = cells.get(k).map_or("(none)", String::as_str);
        let edition = theirs.get(k).copied().unwrap_or("(none)");
        if ours != edition {
            let _ = write!(
                out,
                "\n    cell {}: copy-text {ours:?}, edition {edition:?}",
                k + 1
            );
        }
    }
    out
}

/// Looks for `needle` in `body` from `cursor`, moving the cursor past it.
/// A description of the problem when it is not there.
fn check(
    body: &str,
    cursor: &mut usize,
    needle: &str,
    line: usize,
    ed: &Edition,
) -> Option<String> {
    if let Some(at) = body[*cursor..].find(needle) {
        *cursor += at + needle.len();
        return None;
    }
    if let Some(at) = body.find(needle) {
        return Some(format!(
            "line {line}: OUT OF ORDER: {needle:?}\n    found earlier, in {} (the text before it has been matched further on, in {})",
            ed.page_at(at),
            ed.page_at(cursor.saturating_sub(1)),
        ));
    }
    let mut msg = format!("line {line}: MISSING: {needle:?}");
    let here = floor_boundary(body, (*cursor + 1).min(body.len()));
    let there = floor_boundary(body, (here + needle.len() + 30).min(body.len()));
    let _ = write!(
        msg,
        "\n    where it was expected ({}): {:?}",
        ed.page_at(here),
        &body[here..there]
    );
    match nearest(body, *cursor, needle).or_else(|| nearest(body, 0, needle)) {
        Some((at, excerpt)) => {
            let _ = write!(
                msg,
                "\n    closest reading ({}): {excerpt:?}",
                ed.page_at(at)
            );
        }
        None => msg.push_str("\n    no close reading in the edition's body"),
    }
    if let Some(n) = ed.notes.iter().find(|(_, n)| n.text.contains(needle)) {
        let _ = write!(msg, "\n    (it is in note {} on {})", n.0, n.1.page);
    }
    Some(msg)
}

/// Where `body` (from `from`) comes closest to `needle`: the longest run of
/// its first or last words found (at least three, and at least half of
/// them), with the edition's text there.
fn nearest(body: &str, from: usize, needle: &str) -> Option<(usize, String)> {
    let words: Vec<&str> = needle.split(' ').collect();
    let hay = &body[from..];
    // Longest prefix, then longest suffix, of at least three words.
    let longest = |make: &dyn Fn(usize) -> String| -> Option<(usize, String)> {
        let (mut lo, mut hi) = (0usize, words.len());
        // Found prefixes (suffixes) are closed under shortening: bisect.
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if hay.contains(&make(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        (lo >= 3 && 2 * lo >= words.len()).then(|| (lo, make(lo)))
    };
    let prefix = longest(&|k| words[..k].join(" "));
    let suffix = longest(&|k| words[words.len() - k..].join(" "));
    let (is_prefix, (_, found)) = match (prefix, suffix) {
        (Some(p), Some(s)) => {
            if p.0 >= s.0 {
                (true, p)
            } else {
                (false, s)
            }
        }
        (Some(p), None) => (true, p),
        (None, Some(s)) => (false, s),
        (None, None) => return None,
    };
    let at = from + hay.find(&found)?;
    let (start, end) = if is_prefix {
        (at, at + needle.len() + 30)
    } else {
        (
            (at + found.len()).saturating_sub(needle.len() + 30),
            at + found.len(),
        )
    };
    let start = floor_boundary(body, start);
    let end = floor_boundary(body, end.min(body.len()));
    Some((at, body[start..end].to_string()))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

#[test]
fn every_sentence_of_the_source_is_in_the_edition_in_order() {
    let walk = walk();
    assert!(
        walk.sentences > 300,
        "only {} sentences read",
        walk.sentences
    );
    assert!(walk.rows > 15, "only {} table rows read", walk.rows);
    let mut report = String::new();
    for p in &walk.problems {
        let _ = writeln!(report, "{p}");
    }
    assert!(
        walk.problems.is_empty(),
        "{} of {} sentences and table rows of {SOURCE} are not in the edition in order \
         ({} note continuations accepted):\n{report}",
        walk.problems.len(),
        walk.sentences + walk.rows,
        walk.continuations.len(),
    );
}

/// The copy-text's running text and tables (notes, and the rests of notes
/// cut by a page break, left out), normalised and joined by spaces: what
/// every sentence a reader sees must be part of.
fn source_body() -> String {
    let continued: Vec<usize> = walk().continuations.iter().map(|c| c.1).collect();
    let mut body = String::new();
    let mut push = |text: &[(char, usize)]| {
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(&untag(&normalize_source(text)));
    };
    for chunk in source_chunks() {
        match chunk {
            Chunk::Body { line, .. } if continued.contains(&line) => {}
            Chunk::Body { text, .. } => push(&text),
            Chunk::Table { rows } => {
                for (_, cells) in rows {
                    for cell in cells {
                        push(&cell);
                    }
                }
            }
            Chunk::Note { .. } => {}
        }
    }
    body
}

#[test]
fn every_paragraph_as_a_reader_reads_and_copies_it_is_the_papers() {
    let source = source_body();
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut kept = vec![0usize; KEPT_BLOCKS.len()];
    for chapter in chapters() {
        let name = format!("{}.html", chapter.trim_end_matches(".md"));
        for block in reader_blocks(page_html(&name), &name) {
            if let Some(k) = KEPT_BLOCKS
                .iter()
                .position(|(page, text, _)| *page == name && *text == block)
            {
                kept[k] += 1;
                continue;
            }
            let tagged: Tagged = block.chars().map(|c| (c, 0)).collect();
            for (_, sentence) in sentences(&tagged) {
                checked += 1;
                if !source.contains(&sentence) {
                    let closest = nearest(&source, 0, &sentence)
                        .map_or_else(|| "no close reading".to_string(), |(_, s)| format!("{s:?}"));
                    problems.push(format!(
                        "{name}: NOT THE PAPER'S: {sentence:?}\n    in the paragraph {block:?}\n    closest in the copy-text: {closest}"
                    ));
                }
            }
        }
    }
    for ((page, text, why), found) in KEPT_BLOCKS.iter().zip(kept) {
        if found != 1 {
            problems.push(format!(
                "KEPT_BLOCKS entry {text:?} on {page} ({why}) is found {found} times, not once"
            ));
        }
    }
    assert!(checked > 300, "only {checked} sentences read");
    assert!(
        problems.is_empty(),
        "{} of {checked} sentences a reader sees in the chapters are not in {SOURCE}:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_footnote_text_is_under_its_number() {
    let walk = walk();
    let ed = edition();
    let mut problems = ed.duplicates.clone();
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (number, line, text) in &walk.notes {
        if let Some(first) = seen.insert(*number, *line) {
            problems.push(format!(
                "line {line}: a second note {number} (the first is at line {first})"
            ));
            continue;
        }
        let mut joined = text.clone();
        for (n, _, more) in &walk.continuations {
            if n == number {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(more);
            }
        }
        if joined.is_empty() {
            problems.push(format!(
                "line {line}: note {number} has no text in the copy-text"
            ));
            continue;
        }
        match ed.notes.get(number) {
            None => problems.push(format!("line {line}: note {number} is not in the edition")),
            Some(note) if note.missing => problems.push(format!(
                "line {line}: note {number} is rendered as missing on {}",
                note.page
            )),
            Some(note) if !note.text.contains(&joined) => problems.push(format!(
                "line {line}: note {number} differs\n    copy-text: {joined:?}\n    edition ({}): {:?}",
                note.page, note.text
            )),
            Some(_) => {}
        }
    }
    for n in 1..=LAST_NOTE {
        let in_source = seen.contains_key(&n);
        if MISSING_NOTES.contains(&n) {
            if in_source {
                problems.push(format!(
                    "note {n} is in the copy-text, though MISSING_NOTES lists it"
                ));
            }
        } else if !in_source {
            problems.push(format!("note {n} was not found in the copy-text"));
        }
    }
    for n in seen.keys().filter(|&&n| n > LAST_NOTE || n == 0) {
        problems.push(format!(
            "the copy-text has a note {n}, outside 1..={LAST_NOTE}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} footnote problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn notes_one_to_eighty_are_referenced_once_and_defined_once() {
    let mut refs: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut defs: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let content = root().join("content");
    let mut files: Vec<_> = std::fs::read_dir(&content)
        .expect("content/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no content/*.md files");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("a readable Markdown file");
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            let mut offset = 0;
            while let Some(at) = rest.find("[^") {
                let after = &rest[at + 2..];
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                let next = offset + at + 2;
                if !digits.is_empty() && after[digits.len()..].starts_with(']') {
                    let n: u32 = digits.parse().unwrap();
                    let where_ = format!("{name}:{}", i + 1);
                    let is_def = after[digits.len() + 1..].starts_with(':');
                    if is_def && offset + at == 0 {
                        defs.entry(n).or_default().push(where_);
                    } else if is_def {
                        problems.push(format!("{where_}: [^{n}]: not at the start of a line"));
                    } else {
                        refs.entry(n).or_default().push(where_);
                    }
                }
                rest = &line[next..];
                offset = next;
            }
        }
    }
    for n in 1..=LAST_NOTE {
        let r = refs.get(&n).map_or(&[][..], Vec::as_slice);
        let d = defs.get(&n).map_or(&[][..], Vec::as_slice);
        if r.len() != 1 {
            problems.push(format!("[^{n}] is referenced {} times: {r:?}", r.len()));
        }
        let want = usize::from(!MISSING_NOTES.contains(&n));
        if d.len() != want {
            problems.push(format!(
                "[^{n}] is defined {} times, not {want}: {d:?}",
                d.len()
            ));
        }
    }

    // The built site: every page, instruments included.
    let mut fnref: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let mut fnref_more: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let mut fn_: BTreeMap<u32, Vec<(&str, bool)>> = BTreeMap::new();
    for (name, bytes) in site() {
        if !name.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).expect("UTF-8 HTML");
        for n in 1..=LAST_NOTE {
            let one = format!("id=\"fnref-{n}\"");
            for _ in html.matches(&one) {
                fnref.entry(n).or_default().push(name);
            }
            let more = format!("id=\"fnref-{n}-");
            for _ in html.matches(&more) {
                fnref_more.entry(n).or_default().push(name);
            }
            let def = format!("<li id=\"fn-{n}\"");
            let mut rest = html;
            while let Some(at) = rest.find(&def) {
                let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
                fn_.entry(n)
                    .or_default()
                    .push((name, rest[at..tag_end].contains("class=\"missing\"")));
                rest = &rest[tag_end..];
            }
            let other = html.matches(&format!("id=\"fn-{n}\"")).count();
            let as_li = html.matches(&def).count();
            if other != as_li {
                problems.push(format!(
                    "{name}: id=\"fn-{n}\" is used on something other than a note <li>"
                ));
            }
        }
    }
    for n in 1..=LAST_NOTE {
        let r = fnref.get(&n).map_or(&[][..], Vec::as_slice);
        if r.len() != 1 {
            problems.push(format!(
                "id=\"fnref-{n}\" occurs {} times in the site: {r:?}",
                r.len()
            ));
        }
        if let Some(more) = fnref_more.get(&n) {
            problems.push(format!(
                "note {n} is referenced again in the site: {more:?}"
            ));
        }
        let d = fn_.get(&n).map_or(&[][..], Vec::as_slice);
        if d.len() != 1 {
            problems.push(format!(
                "id=\"fn-{n}\" occurs {} times in the site: {d:?}",
                d.len()
            ));
        } else {
            let missing = d[0].1;
            let want = MISSING_NOTES.contains(&n);
            if missing != want {
                problems.push(format!(
                    "note {n} on {} is {}rendered as missing",
                    d[0].0,
                    if missing { "" } else { "not " }
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} note numbering problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_missing_notes_are_marked_as_editorial() {
    let ed = edition();
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    for &n in MISSING_NOTES {
        match ed.notes.get(&n) {
            None => problems.push(format!("note {n} has no entry in the edition")),
            Some(note) => {
                pages.push(note.page.clone());
                if !note.missing {
                    problems.push(format!(
                        "note {n} on {} is not class=\"missing\"",
                        note.page
                    ));
                }
                if !note.text.to_lowercase().contains("missing") {
                    problems.push(format!(
                        "note {n} on {} does not say the note is missing: {:?}",
                        note.page, note.text
                    ));
                }
            }
        }
    }
    pages.dedup();
    for page in &pages {
        let html = page_html(page);
        let mut asides = Vec::new();
        let mut rest = html.to_string();
        while let Some(r) = element_range(&rest, "<aside class=\"editorial\"", "aside") {
            asides.push(normalize_edition(&html_to_text(&rest[r.clone()])));
            rest.replace_range(r, "");
        }
        let mentions = asides.iter().any(|a| {
            MISSING_NOTES.iter().all(|n| {
                a.split(|c: char| !c.is_ascii_digit())
                    .any(|w| w == n.to_string())
            })
        });
        if !mentions {
            problems.push(format!(
                "{page} has no editorial note mentioning notes {MISSING_NOTES:?}; its editorial notes: {asides:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The `<article>` of a page, from its opening tag to its closing one.
fn article_of<'h>(html: &'h str, name: &str) -> &'h str {
    let start = html
        .find("<article")
        .unwrap_or_else(|| panic!("{name} has no <article>"));
    let end = html[start..]
        .find("</article>")
        .map(|e| start + e)
        .unwrap_or_else(|| panic!("{name} has no </article>"));
    &html[start..end]
}
