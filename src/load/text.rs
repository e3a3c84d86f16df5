//! Turning a file's bytes into the text every later stage sees.
//!
//! A byte-order mark and CRLF line ends are read as if absent, and NUL becomes
//! U+FFFD as CommonMark asks, so that spans, slugs and output do not depend on
//! the editor that saved the file. Invalid UTF-8 is an error at the bad byte.

use crate::diag::{Diagnostic, SourceMap, Span};

/// A file that is not UTF-8: where its first bad byte is, and the file as
/// best it can be read (bad bytes as U+FFFD), so the diagnostic can show the
/// line.
#[derive(Debug)]
pub struct Undecodable {
    /// The first invalid byte.
    pub byte: u8,
    /// The file decoded with U+FFFD in place of each bad sequence.
    pub lossy: String,
    /// Where the first U+FFFD stands in `lossy`.
    pub at: usize,
}

impl Undecodable {
    /// An error at the bad byte, naming it, with `lossy` registered in `map`
    /// as `shown`.
    pub fn diagnostic(self, shown: &str, map: &mut SourceMap) -> Diagnostic {
        let Undecodable { byte, lossy, at } = self;
        let file = map.add(shown.to_string(), lossy);
        let end = at + '\u{fffd}'.len_utf8();
        Diagnostic::error(
            format!("invalid UTF-8: byte 0x{byte:02X} is not part of a UTF-8 character"),
            Span::new(file, at..end),
        )
        .with_help(
            "save the file as UTF-8 (most editors offer it under \"Save with encoding\"), \
             or retype the character marked",
        )
    }
}

/// Decodes `bytes`, or says where the first invalid byte is.
pub fn decode(bytes: Vec<u8>) -> Result<String, Undecodable> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // The valid prefix, normalised as the whole is, ends where the
            // bad byte's U+FFFD stands.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            return Err(Undecodable {
                byte: bytes[valid],
                lossy: normalise(String::from_utf8_lossy(bytes).into_owned()),
                at: normalise(prefix).len(),
            });
        }
    };
    Ok(normalise(text))
}

/// The BOM, CRLF and NUL normalisation of [`decode`].
fn normalise(text: String) -> String {
    // Most files need nothing done: keep them as they are.
    if !text.starts_with('\u{feff}') && memchr::memchr2(b'\r', b'\0', text.as_bytes()).is_none() {
        return text;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nul_are_normalised() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\rc\0".to_vec()).unwrap(),
            "a\nb\nc\u{fffd}"
        );
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode(b"ok\ncaf\xE9\n".to_vec()).unwrap_err();
        let mut map = SourceMap::default();
        let d = err.diagnostic("a.md", &mut map);
        let loc = map.location(d.span.as_ref().unwrap());
        assert_eq!((loc.line, loc.column), (2, 4));
        assert!(d.message.contains("0xE9"), "{}", d.message);
        assert!(map.render(&d).contains("caf\u{fffd}"));
        let err = decode(b"\xEF\xBB\xBFok\r\n\0caf\xE9\n".to_vec()).unwrap_err();
        let d = err.diagnostic("b.md", &mut map);
        let loc = map.location(d.span.as_ref().unwrap());
        assert_eq!((loc.line, loc.column), (2, 5));
    }
}
