//! A title's small words after a comma keep their case.
//!
//! CSL's title case capitalises every word but its stop words, which stay
//! lower case unless they open the title or follow a colon. hayagriva also
//! capitalises them after a comma or a semicolon: Chicago printed "Climate
//! Change, Migration, And Governance" where citeproc-js and the Manual give
//! "…, Migration, and Governance". A stop word written in lower case right
//! after a comma or semicolon is kept as written (a verbatim chunk, as a
//! BibTeX `{and}` is), which every style's case then leaves alone.

use hayagriva::types::{ChunkKind, ChunkedString, FormatString, StringChunk};
use hayagriva::{Entry, Library};

/// CSL's stop words of one word (citeproc-js's list), which title case
/// leaves in lower case.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "onto", "or", "over", "per", "so", "than", "the", "to", "up", "upon", "via", "with", "yet",
];

/// `lib` with its titles' stop words after commas kept as written.
pub(super) fn keep_stop_words(lib: Library) -> Library {
    if !lib.iter().any(needs_it) {
        return lib;
    }
    let mut out = Library::new();
    for entry in lib.iter() {
        out.push(&mended(entry));
    }
    out
}

fn needs_it(e: &Entry) -> bool {
    e.title().is_some_and(|t| mend(&t.value).is_some()) || e.parents().iter().any(needs_it)
}

/// `e` with its title, and its parents' titles, mended.
fn mended(e: &Entry) -> Entry {
    let mut e = e.clone();
    if let Some(title) = e.title()
        && let Some(value) = mend(&title.value)
    {
        let short = title.short.clone();
        e.set_title(FormatString { value, short });
    }
    if !e.parents().is_empty() {
        let parents = e.parents().iter().map(mended).collect();
        e.set_parents(parents);
    }
    e
}

/// The chunks of `s` with each lower-case stop word after a comma or a
/// semicolon made verbatim; `None` when there is none.
fn mend(s: &ChunkedString) -> Option<ChunkedString> {
    let mut out = Vec::new();
    let mut changed = false;
    for chunk in &s.0 {
        if chunk.kind != ChunkKind::Normal {
            out.push(chunk.clone());
            continue;
        }
        let text = &chunk.value;
        let mut from = 0;
        for (at, _) in text.match_indices([',', ';']) {
            let after = &text[at + 1..];
            let word_start = at + 1 + (after.len() - after.trim_start().len());
            if word_start == at + 1 {
                continue;
            }
            let rest = &text[word_start..];
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let word = &rest[..len];
            if !STOP_WORDS.contains(&word) || word_start < from {
                continue;
            }
            push(&mut out, &text[from..word_start], ChunkKind::Normal);
            push(&mut out, word, ChunkKind::Verbatim);
            from = word_start + len;
            changed = true;
        }
        push(&mut out, &text[from..], ChunkKind::Normal);
    }
    changed.then_some(ChunkedString(out))
}

fn push(out: &mut Vec<StringChunk>, value: &str, kind: ChunkKind) {
    if !value.is_empty() {
        out.push(StringChunk {
            value: value.to_string(),
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &ChunkedString) -> Vec<(&str, bool)> {
        s.0.iter()
            .map(|c| (c.value.as_str(), c.kind == ChunkKind::Verbatim))
            .collect()
    }

    #[test]
    fn a_stop_word_after_a_comma_is_kept_as_written() {
        let lib = hayagriva::io::from_biblatex_str(
            "@article{m, title = {Climate change, migration, and governance; or not, And Yet}, year = {2010}}",
        )
        .unwrap();
        let lib = keep_stop_words(lib);
        let title = &lib.get("m").unwrap().title().unwrap().value;
        assert_eq!(
            words(title),
            [
                ("Climate change, migration, ", false),
                ("and", true),
                (" governance; ", false),
                ("or", true),
                (" not, And Yet", false),
            ]
        );
        // Nothing to mend: the library as it was.
        let plain =
            hayagriva::io::from_biblatex_str("@article{p, title = {Plain title}, year = {2010}}")
                .unwrap();
        assert_eq!(keep_stop_words(plain.clone()), plain);
    }
}
