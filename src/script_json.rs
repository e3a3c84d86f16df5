//! JSON that may stand inside an HTML `<script>` element (the search index,
//! the contents, redirects, JSON-LD, `references.json` when inlined): one
//! escaping for every place that writes it, so none can drift.

/// `json` with `<`, `>` and `&` written as `\u` escapes: the same value to a
/// JSON or JavaScript reader, but it cannot close its `<script>` (`</script>`),
/// open a comment (`<!--`) or be read as markup by the HTML parser.
pub(crate) fn escape(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_become_escapes_that_json_reads_back() {
        let json = serde_json::to_string("</script><!-- & >").unwrap();
        let escaped = escape(json);
        assert!(!escaped.contains(['<', '>', '&']), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "</script><!-- & >");
    }

    #[test]
    fn plain_json_is_unchanged() {
        assert_eq!(escape("{\"a\":[1,2]}".into()), "{\"a\":[1,2]}");
    }
}
