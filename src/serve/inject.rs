//! The live-reload script, added by the server to every HTML page it sends
//! (never to `build` output, and never through the edition's templates, so an
//! edition that replaces its templates keeps live reload).

/// The script run by every served page.
const RELOAD_JS: &str = include_str!("reload.js");

/// `html` with the reload script before its closing `</body>`.
pub fn into_html(html: &[u8], version: u64) -> Vec<u8> {
    let script = format!("<script>window.glossatorServeVersion={version};\n{RELOAD_JS}</script>\n");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `html` with its `<base href>` (the 404 page's, from `site-url`) set to
/// the server's root, where the preview serves the site.
pub fn at_root(html: &[u8]) -> Vec<u8> {
    const OPEN: &[u8] = b"<base href=\"";
    let Some(start) = html.windows(OPEN.len()).position(|w| w == OPEN) else {
        return html.to_vec();
    };
    let href = start + OPEN.len();
    let Some(len) = html[href..].iter().position(|&b| b == b'"') else {
        return html.to_vec();
    };
    let mut out = Vec::with_capacity(html.len());
    out.extend_from_slice(&html[..href]);
    out.push(b'/');
    out.extend_from_slice(&html[href + len..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_base_moves_to_the_root() {
        let out =
            super::at_root(b"<head><base href=\"https://example.org/ed/\">\n<link href=\"a\">");
        assert_eq!(out, b"<head><base href=\"/\">\n<link href=\"a\">");
        assert_eq!(super::at_root(b"<p>x</p>"), b"<p>x</p>");
    }

    #[test]
    fn script_goes_before_the_body_ends() {
        let out =
            String::from_utf8(super::into_html(b"<html><body><p>x</p></body></html>", 3)).unwrap();
        assert!(out.contains("glossatorServeVersion=3"));
        assert!(out.ends_with("</script>\n</body></html>"));
    }
}
