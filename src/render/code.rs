//! Code blocks as mdBook writes them, so that a book's examples read the same.
//!
//! The info string is the language, then attributes (`rust,ignore`,
//! `rust editable`), each a class on `<code>` beside `language-LANG`;
//! highlighting goes by the language alone. Hidden lines (rustdoc's `# ` in
//! Rust, a configured prefix in other languages) are wrapped in
//! `<span class="boring">`: shown faded without JavaScript, as mdBook shows
//! them; the theme's script hides them and gives the block a button.
//! mdBook's playground attributes (`editable`, `noplayground`) are classes
//! and nothing more: there is no playground, and no `fn main` is added.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pulldown_cmark_escape::{escape_html, escape_html_body_text};

use super::highlight;

/// A fenced block's info string, read.
#[derive(Debug, PartialEq, Eq)]
pub struct Info<'a> {
    /// The first word: the language.
    pub lang: Option<&'a str>,
    /// The other words, and the classes of `{.class}` groups, in order.
    pub attrs: Vec<&'a str>,
}

/// Reads an info string as mdBook does: words separated by commas, spaces or
/// tabs, the first the language. A `{ .class1 .class2 }` group (rustdoc's
/// form) adds its classes without their dots; `class=name` in one counts
/// too, anything else in one is dropped.
pub fn parse_info(info: &str) -> Info<'_> {
    let mut lang = None;
    let mut attrs = Vec::new();
    let mut first = true;
    let mut rest = info;
    let separator = |c: char| matches!(c, ' ' | '\t' | ',');
    loop {
        rest = rest.trim_start_matches(separator);
        if rest.is_empty() {
            break;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let (inner, after) = group.split_once('}').unwrap_or((group, ""));
            for item in inner.split(separator).filter(|s| !s.is_empty()) {
                let class = item
                    .strip_prefix('.')
                    .or_else(|| item.strip_prefix("class="))
                    .map(|c| c.trim_matches(['"', '\'']));
                attrs.extend(class.filter(|c| !c.is_empty()));
            }
            rest = after;
        } else {
            let end = rest
                .find(|c| separator(c) || c == '{')
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            if first {
                lang = Some(word);
            } else {
                attrs.push(word);
            }
            rest = after;
        }
        first = false;
    }
    Info { lang, attrs }
}

/// How a block's hidden lines are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hide<'a> {
    /// rustdoc's rule: `# ` or a lone `#` hides, `##` is a literal `#`.
    Rust,
    /// A line whose first non-blank characters are the prefix.
    Prefix(&'a str),
}

impl<'a> Hide<'a> {
    /// The rule for a block: Rust's always (as mdBook), otherwise the
    /// block's `hidelines=` attribute, else the edition's prefix for its
    /// language, else none.
    pub fn for_block(info: &Info<'a>, config: &'a BTreeMap<String, String>) -> Option<Hide<'a>> {
        let lang = info.lang?;
        if lang == "rust" {
            return Some(Hide::Rust);
        }
        info.attrs
            .iter()
            .find_map(|a| a.strip_prefix("hidelines="))
            .or_else(|| config.get(lang).map(String::as_str))
            .filter(|prefix| !prefix.is_empty())
            .map(Hide::Prefix)
    }

    /// One line (without its ending) as shown, and whether it is hidden.
    pub fn line<'l>(self, line: &'l str) -> (Cow<'l, str>, bool) {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        match self {
            Hide::Rust => match code.strip_prefix('#') {
                Some("") => (Cow::Borrowed(indent), true),
                Some(rest) if rest.starts_with(' ') => {
                    (Cow::Owned(format!("{indent}{}", &rest[1..])), true)
                }
                Some(rest) if rest.starts_with('#') => {
                    (Cow::Owned(format!("{indent}{rest}")), false)
                }
                _ => (Cow::Borrowed(line), false),
            },
            Hide::Prefix(prefix) => match code.strip_prefix(prefix) {
                Some(rest) => (Cow::Owned(format!("{indent}{rest}")), true),
                None => (Cow::Borrowed(line), false),
            },
        }
    }
}

/// A code block's HTML: `<pre><code>` with mdBook's classes, highlighted
/// when its language is known, its hidden lines wrapped. `info` is the
/// fenced block's info string (empty for an indented block).
pub fn html(info: &str, text: &str, hidelines: &BTreeMap<String, String>) -> String {
    let info = parse_info(info);
    let mut html = String::from("<pre><code");
    if info.lang.is_some() || !info.attrs.is_empty() {
        html.push_str(" class=\"");
        let classes = info.lang.map(|lang| ("language-", lang)).into_iter();
        let classes = classes.chain(info.attrs.iter().map(|a| ("", *a)));
        for (i, (prefix, class)) in classes.enumerate() {
            if i > 0 {
                html.push(' ');
            }
            html.push_str(prefix);
            let _ = escape_html(&mut html, class);
        }
        html.push('"');
    }
    html.push('>');
    // The lines as shown, each with its ending, and which are hidden.
    let rule = Hide::for_block(&info, hidelines);
    let lines: Vec<(Cow<'_, str>, bool)> = text
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches(['\n', '\r']);
            let ending = &line[body.len()..];
            match rule.map(|rule| rule.line(body)) {
                Some((shown, hidden)) if shown != body => {
                    (Cow::Owned(format!("{shown}{ending}")), hidden)
                }
                Some((_, hidden)) => (Cow::Borrowed(line), hidden),
                None => (Cow::Borrowed(line), false),
            }
        })
        .collect();
    let shown: String = lines.iter().map(|(l, _)| l.as_ref()).collect();
    let highlighted = info
        .lang
        .and_then(|lang| highlight::lines(&shown, lang, lines.iter().any(|(_, h)| *h)))
        .filter(|h| h.len() == lines.len());
    for (i, (line, hidden)) in lines.iter().enumerate() {
        if *hidden {
            html.push_str("<span class=\"boring\">");
        }
        match &highlighted {
            Some(h) => html.push_str(&h[i]),
            None => {
                let _ = escape_html_body_text(&mut html, line);
            }
        }
        if *hidden {
            html.push_str("</span>");
        }
    }
    html.push_str("</code></pre>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(s: &str) -> (Option<&str>, Vec<&str>) {
        let i = parse_info(s);
        (i.lang, i.attrs)
    }

    #[test]
    fn the_first_word_is_the_language_the_rest_attributes() {
        assert_eq!(info(""), (None, vec![]));
        assert_eq!(info("rust"), (Some("rust"), vec![]));
        assert_eq!(
            info("rust,ignore,does_not_compile"),
            (Some("rust"), vec!["ignore", "does_not_compile"])
        );
        assert_eq!(
            info(" rust  editable,\tnoplayground "),
            (Some("rust"), vec!["editable", "noplayground"])
        );
        assert_eq!(info("rust,,ignore"), (Some("rust"), vec!["ignore"]));
        assert_eq!(
            info("python,hidelines=!!!"),
            (Some("python"), vec!["hidelines=!!!"])
        );
    }

    #[test]
    fn brace_groups_add_classes() {
        assert_eq!(info("{.class}"), (None, vec!["class"]));
        assert_eq!(
            info("{ .class1 .class2 }"),
            (None, vec!["class1", "class2"])
        );
        assert_eq!(
            info("rust,{.a} ignore { .b #id key=v class=\"c\" }"),
            (Some("rust"), vec!["a", "ignore", "b", "c"])
        );
        assert_eq!(info("rust{.a}"), (Some("rust"), vec!["a"]));
        // An unclosed group runs to the end.
        assert_eq!(info("rust {.a .b"), (Some("rust"), vec!["a", "b"]));
    }

    fn rust(line: &str) -> (String, bool) {
        let (shown, hidden) = Hide::Rust.line(line);
        (shown.into_owned(), hidden)
    }

    #[test]
    fn rusts_hidden_lines_follow_rustdoc() {
        assert_eq!(rust("# fn main() {"), ("fn main() {".into(), true));
        assert_eq!(rust("    # let x = 1;"), ("    let x = 1;".into(), true));
        assert_eq!(rust("#"), ("".into(), true));
        assert_eq!(rust("  #"), ("  ".into(), true));
        assert_eq!(rust("#  two spaces"), (" two spaces".into(), true));
        // `##` is a literal `#`.
        assert_eq!(rust("## not hidden"), ("# not hidden".into(), false));
        assert_eq!(rust("##[attr]"), ("#[attr]".into(), false));
        // Attributes and other `#` are code.
        for line in [
            "#[derive(Debug)]",
            "#![allow(unused)]",
            "#x;",
            "let a = 1; # b",
        ] {
            assert_eq!(rust(line), (line.into(), false), "{line}");
        }
    }

    #[test]
    fn a_prefix_hides_after_leading_blanks() {
        let tilde = Hide::Prefix("~");
        assert_eq!(tilde.line("~hidden()").0, "hidden()");
        assert!(tilde.line("~hidden()").1);
        assert_eq!(tilde.line("~    hidden()").0, "    hidden()");
        assert_eq!(tilde.line("    ~hidden()").0, "    hidden()");
        assert!(!tilde.line("nothidden() # ~").1);
        assert!(!Hide::Rust.line("~x").1);
    }

    #[test]
    fn the_rule_is_rusts_the_attributes_or_the_configs() {
        let config = BTreeMap::from([("python".to_string(), "~".to_string())]);
        let rule = |s| Hide::for_block(&parse_info(s), &config);
        assert_eq!(rule("rust,ignore"), Some(Hide::Rust));
        assert_eq!(rule("rust,hidelines=!"), Some(Hide::Rust));
        assert_eq!(rule("python"), Some(Hide::Prefix("~")));
        assert_eq!(rule("python,hidelines=!!!"), Some(Hide::Prefix("!!!")));
        assert_eq!(rule("sh hidelines=%"), Some(Hide::Prefix("%")));
        assert_eq!(rule("sh"), None);
        assert_eq!(rule("sh,hidelines="), None);
        assert_eq!(rule(""), None);
    }

    #[test]
    fn blocks_carry_mdbooks_classes_and_wrap_hidden_lines() {
        let none = BTreeMap::new();
        let block = html(
            "rust,ignore,does_not_compile",
            "# fn main() {\nlet x = \"<\";\n# }\n",
            &none,
        );
        assert!(
            block.starts_with("<pre><code class=\"language-rust ignore does_not_compile\">"),
            "{block}"
        );
        assert!(
            block.contains("hl-"),
            "highlighted by its language: {block}"
        );
        assert_eq!(
            block.matches("<span class=\"boring\">").count(),
            2,
            "{block}"
        );
        assert!(block.contains("&lt;"), "{block}");
        assert!(!block.contains("# fn"), "{block}");
        // Unknown languages and plain text are escaped, hidden lines still wrapped.
        let plain = html("text", "a < b\n", &none);
        assert_eq!(
            plain,
            "<pre><code class=\"language-text\">a &lt; b\n</code></pre>\n"
        );
        let config = BTreeMap::from([("nolang".to_string(), "~".to_string())]);
        let hidden = html("nolang", "~x\ny\n", &config);
        assert!(
            hidden.contains("<span class=\"boring\">x\n</span>y\n"),
            "{hidden}"
        );
        // Attributes are escaped.
        assert!(html("rust,\"x", "", &none).contains("class=\"language-rust &quot;x\""));
        assert_eq!(html("", "a\n", &none), "<pre><code>a\n</code></pre>\n");
    }
}
