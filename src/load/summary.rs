//! `SUMMARY.md`: the reading order, in mdBook's syntax.
//!
//! Read line by line, so that every entry keeps the line it came from:
//! prefix and suffix chapters (`[Title](file.md)`), numbered chapters nested by
//! indentation (`- [Title](file.md)`), draft chapters (`- [Title]()`), part
//! titles (`# Part`) and separators (`---`). Anything else is an error at its
//! line rather than a silently dropped entry.

use crate::diag::{Diagnostic, FileId, Span};

/// The parsed summary: entries in reading order, each with its depth.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Entries in the order they appear.
    pub entries: Vec<Entry>,
}

/// One line of the summary.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What the line declares.
    pub kind: EntryKind,
    /// Nesting level: 0 for top-level entries.
    pub depth: usize,
    /// The line in `SUMMARY.md`.
    pub span: Span,
}

/// The kinds of summary entry.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// A chapter; `path` is `None` for a draft (`[Title]()`).
    Chapter {
        /// The link text.
        title: String,
        /// The file, relative to the content folder, percent-decoded,
        /// without the link's `#fragment`.
        path: Option<String>,
        /// "1.2." for numbered chapters; `None` for prefix and suffix chapters.
        number: Option<String>,
    },
    /// A part title (`# Part`).
    Part(String),
    /// A separator (`---`).
    Separator,
}

/// Parses the text of `SUMMARY.md`.
pub fn parse(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Summary {
    let mut entries = Vec::new();
    let mut indents: Vec<usize> = Vec::new();
    let mut counters: Vec<u32> = Vec::new();
    let mut seen_title = false;
    let mut in_comment = false;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end();
        let span = Span::new(file, start..start + line.len());
        let trimmed = line.trim_start();
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix('#') {
            let title = heading.trim_start_matches('#').trim().to_string();
            if !seen_title && entries.is_empty() {
                seen_title = true;
            } else {
                indents.clear();
                entries.push(Entry {
                    kind: EntryKind::Part(title),
                    depth: 0,
                    span,
                });
            }
            continue;
        }
        if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-')
            || trimmed == "***"
            || trimmed == "___"
        {
            indents.clear();
            entries.push(Entry {
                kind: EntryKind::Separator,
                depth: 0,
                span,
            });
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(item) = list_item(trimmed) {
            let depth = depth_for(&mut indents, indent);
            counters.truncate(depth + 1);
            while counters.len() <= depth {
                counters.push(0);
            }
            counters[depth] += 1;
            let number = counters.iter().map(|n| format!("{n}.")).collect::<String>();
            match link(item) {
                Some((title, path)) => entries.push(Entry {
                    kind: EntryKind::Chapter {
                        title,
                        path,
                        number: Some(number),
                    },
                    depth,
                    span,
                }),
                None => diags.push(bad_line(span)),
            }
            continue;
        }
        match link(trimmed) {
            Some((title, path)) => {
                indents.clear();
                entries.push(Entry {
                    kind: EntryKind::Chapter {
                        title,
                        path,
                        number: None,
                    },
                    depth: 0,
                    span,
                })
            }
            None => diags.push(bad_line(span)),
        }
    }
    Summary { entries }
}

fn bad_line(span: Span) -> Diagnostic {
    Diagnostic::error(
        "SUMMARY.md: this line is not a chapter link, a part title or a separator",
        span,
    )
    .with_help(
        "write `- [Title](file.md)` for a chapter, `# Title` for a part, `---` for a separator",
    )
}

/// The depth of a list item indented by `indent` spaces.
fn depth_for(indents: &mut Vec<usize>, indent: usize) -> usize {
    while indents.last().is_some_and(|&top| top > indent) {
        indents.pop();
    }
    if indents.last() != Some(&indent) {
        indents.push(indent);
    }
    indents.len() - 1
}

/// The text after a list marker (`-`, `*`, `+` or `1.`), if `s` is a list item.
fn list_item(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix(['-', '*', '+']) {
        return rest.strip_prefix([' ', '\t']).map(str::trim_start);
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return s[digits..]
            .strip_prefix(['.', ')'])?
            .strip_prefix([' ', '\t'])
            .map(str::trim_start);
    }
    None
}

/// `[Title](path)` → (title, decoded path); an empty path is a draft.
fn link(s: &str) -> Option<(String, Option<String>)> {
    let s = s.strip_prefix('[')?;
    let close = s.rfind("](")?;
    let title = unescape(&s[..close]);
    let rest = &s[close + 2..];
    let dest = rest.strip_suffix(')')?.trim();
    let dest = dest
        .strip_prefix('<')
        .and_then(|d| d.strip_suffix('>'))
        .unwrap_or(dest);
    // A `#fragment` is dropped before decoding: `c%23.md` is the file `c#.md`.
    let dest = dest.split('#').next().unwrap_or_default();
    let path = (!dest.is_empty()).then(|| percent_decode(dest));
    Some((title, path))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes `%XX` escapes (so `..%2f` is seen for what it is).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(EntryKind, usize)> {
        let mut d = Vec::new();
        let s = parse(text, FileId(0), &mut d);
        assert!(d.is_empty(), "{d:?}");
        s.entries.into_iter().map(|e| (e.kind, e.depth)).collect()
    }

    fn ch(title: &str, path: Option<&str>, number: Option<&str>) -> EntryKind {
        EntryKind::Chapter {
            title: title.into(),
            path: path.map(Into::into),
            number: number.map(Into::into),
        }
    }

    #[test]
    fn mdbook_syntax() {
        let text = "# Summary\n\n[Intro](intro.md)\n\n# Part One\n\n- [A](a.md)\n  - [A1](a/1.md)\n  - [Draft]()\n- [B](b%20c.md)\n\n---\n\n[Notes](notes.md)\n";
        assert_eq!(
            kinds(text),
            vec![
                (ch("Intro", Some("intro.md"), None), 0),
                (EntryKind::Part("Part One".into()), 0),
                (ch("A", Some("a.md"), Some("1.")), 0),
                (ch("A1", Some("a/1.md"), Some("1.1.")), 1),
                (ch("Draft", None, Some("1.2.")), 1),
                (ch("B", Some("b c.md"), Some("2.")), 0),
                (EntryKind::Separator, 0),
                (ch("Notes", Some("notes.md"), None), 0),
            ]
        );
    }

    #[test]
    fn the_fragment_goes_before_the_path_is_decoded() {
        let text = "# Summary\n\n- [C](c%23.md#part)\n- [Q](what%3F.md)\n";
        assert_eq!(
            kinds(text),
            vec![
                (ch("C", Some("c#.md"), Some("1.")), 0),
                (ch("Q", Some("what?.md"), Some("2.")), 0),
            ]
        );
    }

    #[test]
    fn a_stray_line_is_an_error_at_its_line() {
        let mut d = Vec::new();
        parse(
            "# Summary\n\n- [A](a.md)\nrandom words\n",
            FileId(0),
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.as_ref().unwrap().range.start, 23);
    }
}
