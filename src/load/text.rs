//! Turning a file's bytes into the text every later stage sees.
//!
//! A byte-order mark and CRLF line ends are read as if absent, and NUL becomes
//! U+FFFD as CommonMark asks, so that spans, slugs and output do not depend on
//! the editor that saved the file. Invalid UTF-8 is an error naming the line.

/// Decodes `bytes`, or says where the first invalid byte is.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(&bytes[..valid])
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            return Err(format!(
                "invalid UTF-8 at line {line}, column {col} (byte 0x{:02X}); save the file as UTF-8",
                bytes[valid]
            ));
        }
    };
    // Most files need nothing done: keep them as they are.
    if !text.starts_with('\u{feff}') && !text.contains(['\r', '\0']) {
        return Ok(text);
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
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

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
        assert!(err.contains("line 2, column 4"), "{err}");
    }
}
