//! The `trans` function of the templates, and the strings put into them
//! when they are loaded.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::i18n::{self, Strings};

/// `trans(key="…")`: the interface string `key`, escaped, its placeholders
/// filled from the other arguments (escaped too). Safe, so that tera does
/// not escape it again (tera escapes `/` and `'`, which glossator's pages
/// never did).
pub(super) struct Trans(pub(super) Arc<Strings>);

impl tera::Function for Trans {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let Some(tera::Value::String(key)) = args.get("key") else {
            return Err(tera::Error::msg(
                "`trans` takes the name of an interface string: `trans(key=\"previous\")`",
            ));
        };
        let Some(text) = self.0.get(key) else {
            return Err(tera::Error::msg(format!(
                "`{key}` is not one of glossator's interface strings (they are listed in glossator's i18n/en.toml)"
            )));
        };
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| *name != "key")
            .map(|(name, value)| {
                let text = match value {
                    tera::Value::String(s) => i18n::html(s),
                    other => i18n::html(&other.to_string()),
                };
                (name.as_str(), text)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok(tera::Value::String(i18n::fill_html(text, &values)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `source` with each `{{ trans(key="…") }}` that names a string by a
/// literal key and fills no placeholder replaced by that string, as the call
/// would render it: the templates are made once per build and their pages
/// by the thousand, and a function call in each was a fifth of rendering a
/// page's template. A call the text cannot stand in for is left to run:
/// other arguments, an unknown key (whose error the call reports), a string
/// with a `{` (an unfilled placeholder, or the start of a tag once put in).
pub(super) fn with_strings<'a>(source: &'a str, strings: &Strings) -> Cow<'a, str> {
    const OPEN: &str = "{{ trans(key=\"";
    const CLOSE: &str = "\") }}";
    if !source.contains(OPEN) {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        let text = strings
            .get(&after[..key_len])
            .filter(|_| after[key_len..].starts_with(CLOSE))
            .map(|s| i18n::fill_html(s, &[]))
            .filter(|text| !text.contains('{') && !rest[..at].ends_with('{'));
        match text {
            Some(text) => {
                out.push_str(&rest[..at]);
                out.push_str(&text);
                rest = &after[key_len + CLOSE.len()..];
            }
            None => {
                out.push_str(&rest[..at + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_by_its_key_alone_is_its_text() {
        let mut strings = Strings::english();
        strings.previous = "Précédent <&>".into();
        strings.next = "Next {n}".into();
        let source = "<a>{{ trans(key=\"previous\") }}</a>{{ trans(key=\"next\") }}\
            {{ trans(key=\"made_with\", generator=g) }}{{ trans(key=\"nope\") }}\
            {{{ trans(key=\"previous\") }}";
        assert_eq!(
            with_strings(source, &strings),
            "<a>Précédent &lt;&amp;&gt;</a>{{ trans(key=\"next\") }}\
            {{ trans(key=\"made_with\", generator=g) }}{{ trans(key=\"nope\") }}\
            {{{ trans(key=\"previous\") }}"
        );
        assert!(matches!(
            with_strings("<p>{{ x }}</p>", &strings),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_string_with_a_tag_in_it_stays_a_call() {
        let mut strings = Strings::english();
        strings.previous = "{% if x %}".into();
        let source = "{{ trans(key=\"previous\") }}";
        assert_eq!(with_strings(source, &strings), source);
    }
}
