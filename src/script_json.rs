//! JSON that may stand inside an HTML `<script>` element (the search index,
//! the contents, redirects, JSON-LD, `references.json` when inlined): one
//! escaping for every place that writes it, so none can drift.

/// `json` with `<`, `>` and `&` written as `\u` escapes: the same value to a
/// JSON or JavaScript reader, but it cannot close its `<script>` (`</script>`),
/// open a comment (`<!--`) or be read as markup by the HTML parser.
pub(crate) fn escape(json: String) -> String {
    let bytes = json.as_bytes();
    let mut found = memchr::memchr3_iter(b'<', b'>', b'&', bytes).peekable();
    if found.peek().is_none() {
        return json;
    }
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    let mut from = 0;
    for at in found {
        out.push_str(&json[from..at]);
        out.push_str(markup_escape(bytes[at]));
        from = at + 1;
    }
    out.push_str(&json[from..]);
    out
}

/// The `\u` escape of a markup byte (`<`, `>` or `&`).
fn markup_escape(b: u8) -> &'static str {
    match b {
        b'<' => "\\u003c",
        b'>' => "\\u003e",
        _ => "\\u0026",
    }
}

/// Appends `s` to `out` as a JSON string literal, as
/// `escape(serde_json::to_string(s))` writes it (serde_json's escapes for
/// `"`, `\\` and control characters, then the markup characters as `\u`
/// escapes), in one pass and with no string of its own.
pub(crate) fn push_str(out: &mut String, s: &str) {
    /// The bytes written as an escape.
    static ESCAPED: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = true;
            b += 1;
        }
        table[b'"' as usize] = true;
        table[b'\\' as usize] = true;
        table[b'<' as usize] = true;
        table[b'>' as usize] = true;
        table[b'&' as usize] = true;
        table
    };
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut at = 0;
    loop {
        while at < bytes.len() && !ESCAPED[usize::from(bytes[at])] {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else { break };
        out.push_str(&s[from..at]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'<' | b'>' | b'&' => out.push_str(markup_escape(b)),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0xf)] as char);
            }
        }
        at += 1;
        from = at;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{escape, push_str};

    #[test]
    fn markup_characters_become_escapes_that_json_reads_back() {
        let json = serde_json::to_string("</script><!-- & >").unwrap();
        let escaped = escape(json);
        assert!(!escaped.contains(['<', '>', '&']), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "</script><!-- & >");
    }

    #[test]
    fn a_string_literal_is_what_serde_json_and_escape_write() {
        let samples = [
            "",
            "plain words",
            "\"quoted\" \\ back\\slash",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "</script><!-- & >",
            "é – ‘’ \u{2028}\u{2029} 𝄞",
        ];
        for s in samples {
            let mut out = String::from("x");
            push_str(&mut out, s);
            assert_eq!(out[1..], escape(serde_json::to_string(s).unwrap()), "{s:?}");
        }
        for b in 0u8..=0x7f {
            let s = (b as char).to_string();
            let mut out = String::new();
            push_str(&mut out, &s);
            assert_eq!(out, escape(serde_json::to_string(&s).unwrap()), "{b:#x}");
        }
    }

    #[test]
    fn plain_json_is_unchanged() {
        assert_eq!(escape("{\"a\":[1,2]}".into()), "{\"a\":[1,2]}");
    }
}
