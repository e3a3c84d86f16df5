//! Code highlighting with syntect, as CSS classes rather than inline colours,
//! so that light and dark themes are one stylesheet each.
//!
//! The syntax set takes tens of milliseconds to load, so it is loaded on first
//! use only: an edition without code never pays for it. syntect's defaults
//! lack TOML, which books show everywhere: `toml.sublime-syntax` is our own,
//! loaded the same way.
//!
//! Code is highlighted line by line, each line's HTML closing every span it
//! opened and reopening, on the next, those still open: the lines can then be
//! wrapped one by one (hidden lines in `<span class="boring">`) while the
//! parser's state still runs through the whole block.

use std::sync::LazyLock;

use pulldown_cmark_escape::escape_html_body_text;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{
    ParseState, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder,
};
use syntect::util::LinesWithEndings;

const TOML_SYNTAX: &str = include_str!("toml.sublime-syntax");

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// TOML in a set of its own: adding it to the defaults would rebuild them
/// all (a third of a second), where alone it loads in a few milliseconds,
/// the first time a block needs it.
static TOML: LazyLock<Option<SyntaxSet>> = LazyLock::new(|| {
    // Our own file, checked by a test: `None` is never reached in a release.
    let toml = SyntaxDefinition::load_from_str(TOML_SYNTAX, true, None).ok()?;
    let mut builder = SyntaxSetBuilder::new();
    builder.add(toml);
    Some(builder.build())
});

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages written as plain text on purpose: never highlighted.
const PLAIN: &[&str] = &[
    "text",
    "plain",
    "plaintext",
    "txt",
    "output",
    "none",
    "nohighlight",
];

/// Shell sessions: `$ ` lines are commands, the others their output.
const SESSIONS: &[&str] = &["console", "shell-session", "shellsession", "terminal"];

/// The class of a session's prompt, kept out of copied text by the theme.
const PROMPT_OPEN: &str = "<span class=\"hl-prompt\">";

/// One HTML fragment per line of `code` (`LinesWithEndings`: line endings
/// included); `None` when `lang` names no syntax or plain text. When
/// `separable`, each line closes the spans it opens and reopens those open
/// before it, so that it can be wrapped alone; otherwise spans run on from
/// line to line and the last closes them, which is smaller.
pub fn lines(code: &str, lang: &str, separable: bool) -> Option<Vec<String>> {
    let lang = lang.to_ascii_lowercase();
    if PLAIN.contains(&lang.as_str()) {
        return None;
    }
    // `shell` is a session in some books and a script in others: a prompt
    // says which.
    if SESSIONS.contains(&lang.as_str()) || (lang == "shell" && has_prompt(code)) {
        return session(code);
    }
    let mut lines = Lines::new(find(&lang)?, separable);
    let mut out = LinesWithEndings::from(code)
        .map(|line| lines.line(line))
        .collect::<Option<Vec<String>>>()?;
    if let Some(last) = out.last_mut().filter(|_| !separable) {
        for _ in lines.stack.as_slice() {
            last.push_str("</span>");
        }
    }
    Some(out)
}

/// The syntax for an info-string language: syntect's own names and file
/// extensions, and the names books use that syntect does not know.
fn find(lang: &str) -> Option<Syntax> {
    let token = match lang {
        "shell" | "sh" | "zsh" | "bash" => "bash",
        "hbs" | "handlebars" => "html",
        "jsonc" | "json5" => "json",
        "csharp" | "c#" => "cs",
        "objc" | "objective-c" => "m",
        "toml" | "ini" | "cfg" => {
            let set = TOML.as_ref()?;
            return Some((set, set.find_syntax_by_token("toml")?));
        }
        other => other,
    };
    Some((&SYNTAXES, SYNTAXES.find_syntax_by_token(token)?))
}

/// A syntax and the set it belongs to.
type Syntax = (&'static SyntaxSet, &'static SyntaxReference);

fn has_prompt(code: &str) -> bool {
    code.lines().any(|line| prompt(line).is_some())
}

/// A command line split into its indent, its prompt (`$ `, or a bare `$`)
/// and its command, or `None` when `line` is output.
fn prompt(line: &str) -> Option<(&str, &str, &str)> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - trimmed.len()];
    let command = trimmed.strip_prefix("$ ").or_else(|| {
        trimmed
            .strip_prefix('$')
            .filter(|rest| rest.trim().is_empty())
    })?;
    let prompt = &trimmed[..trimmed.len() - command.len()];
    Some((indent, prompt, command))
}

/// A shell session: each command highlighted as shell from its prompt to
/// its last `\`-continued line, the output left as text.
fn session(code: &str) -> Option<Vec<String>> {
    let shell = find("bash")?;
    let mut command: Option<Lines> = None;
    let mut continued = false;
    let mut out = Vec::new();
    for line in LinesWithEndings::from(code) {
        let mut html = String::new();
        if let Some((indent, prompt, rest)) = prompt(line) {
            html.push_str(indent);
            html.push_str(PROMPT_OPEN);
            html.push_str(prompt);
            html.push_str("</span>");
            let mut lines = Lines::new(shell, true);
            html.push_str(&lines.line(rest)?);
            command = Some(lines);
            continued = rest.trim_end().ends_with('\\');
        } else if let (true, Some(lines)) = (continued, command.as_mut()) {
            html.push_str(&lines.line(line)?);
            continued = line.trim_end().ends_with('\\');
        } else {
            let _ = escape_html_body_text(&mut html, line);
            continued = false;
        }
        out.push(html);
    }
    Some(out)
}

/// The parser's state through one block.
struct Lines {
    set: &'static SyntaxSet,
    state: ParseState,
    stack: ScopeStack,
    separable: bool,
}

impl Lines {
    fn new((set, syntax): Syntax, separable: bool) -> Lines {
        Lines {
            set,
            state: ParseState::new(syntax),
            stack: ScopeStack::new(),
            separable,
        }
    }

    /// The HTML of the next line: when separable, the spans open at its
    /// start reopened, its tokens, then every span still open closed.
    fn line(&mut self, line: &str) -> Option<String> {
        let ops = self.state.parse_line(line, self.set).ok()?;
        let mut html = String::with_capacity(line.len() * 2);
        let open: &[_] = match self.separable {
            true => self.stack.as_slice(),
            false => &[],
        };
        for scope in open {
            html.push_str("<span class=\"");
            for (i, atom) in scope.build_string().split('.').enumerate() {
                if i > 0 {
                    html.push(' ');
                }
                html.push_str("hl-");
                html.push_str(atom);
            }
            html.push_str("\">");
        }
        let (tokens, _) = line_tokens_to_classed_spans(line, &ops, STYLE, &mut self.stack).ok()?;
        html.push_str(&tokens);
        if self.separable {
            for _ in self.stack.as_slice() {
                html.push_str("</span>");
            }
        }
        Some(html)
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one that
/// applies when the reader's system or the theme toggle asks for it.
/// Computed once per process: loading the themes and writing their CSS is
/// the same work on every build, and `serve` builds many times.
pub fn stylesheet() -> &'static str {
    static CSS: LazyLock<String> = LazyLock::new(make_stylesheet);
    &CSS
}

fn make_stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok());
    let dark = themes
        .themes
        .get("base16-ocean.dark")
        .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok());
    let mut css = String::from(
        "/* Generated by glossator from syntect's themes, each colour made readable on the code background. */\n",
    );
    css.push_str(&readable(&light.unwrap_or_default(), LIGHT_CODE_BG, 0.0));
    let dark = readable(&dark.unwrap_or_default(), DARK_CODE_BG, 255.0);
    css.push_str("\n@media (prefers-color-scheme: dark) {\n");
    css.push_str(&prefix_selectors(
        &dark,
        ":root:not([data-theme=\"light\"])",
    ));
    css.push_str("}\n");
    css.push_str(&prefix_selectors(&dark, ":root[data-theme=\"dark\"]"));
    css
}

/// The background of code blocks in the built-in theme (`--accent-bg` of
/// `theme/glossator.css`, light and dark).
const LIGHT_CODE_BG: [f64; 3] = [239.0, 233.0, 214.0];
const DARK_CODE_BG: [f64; 3] = [42.0, 43.0, 47.0];

/// syntect's CSS with every text colour that reads below WCAG's 4.5:1 on
/// `bg` moved toward `toward` (0 black, 255 white) until it does not: the
/// themes were made for their own backgrounds, not for the page's.
fn readable(css: &str, bg: [f64; 3], toward: f64) -> String {
    css.lines()
        .map(|line| {
            let fixed = line
                .strip_prefix(" color: #")
                .and_then(|rest| rest.strip_suffix(';'))
                .and_then(parse_hex)
                .map(|mut rgb| {
                    while contrast(rgb, bg) < 4.5 {
                        let before = rgb;
                        for c in &mut rgb {
                            *c += (toward - *c) * 0.1;
                        }
                        if before == rgb {
                            break;
                        }
                    }
                    let [r, g, b] = rgb.map(|c| c.round().clamp(0.0, 255.0) as u8);
                    format!(" color: #{r:02x}{g:02x}{b:02x};\n")
                });
            fixed.unwrap_or_else(|| format!("{line}\n"))
        })
        .collect()
}

fn parse_hex(hex: &str) -> Option<[f64; 3]> {
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([
        f64::from(channel(0)?),
        f64::from(channel(2)?),
        f64::from(channel(4)?),
    ])
}

/// WCAG 2's contrast ratio of two sRGB colours.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |rgb: [f64; 3]| {
        let [r, g, b] = rgb.map(|c| {
            let c = c / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Puts `prefix` before every selector of syntect's CSS (one rule a line,
/// its selectors starting with `.hl-`, separated by `, `): each selector of
/// a list, not only the first, or the dark theme's colours would apply in
/// the light one.
fn prefix_selectors(css: &str, prefix: &str) -> String {
    css.lines()
        .map(|line| {
            if line.starts_with(".hl-") {
                let (selectors, rest) = line.split_once(" {").unwrap_or((line, ""));
                let prefixed: Vec<String> = selectors
                    .split(", ")
                    .map(|s| format!("{prefix} {s}"))
                    .collect();
                match line.contains(" {") {
                    true => format!("{} {{{rest}\n", prefixed.join(", ")),
                    false => format!("{}\n", prefixed.join(", ")),
                }
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_selector_of_a_list_is_prefixed() {
        let css = ".hl-a, .hl-b.hl-c {\n color: #fff;\n}\n";
        assert_eq!(
            super::prefix_selectors(css, ":root[data-theme=\"dark\"]"),
            ":root[data-theme=\"dark\"] .hl-a, :root[data-theme=\"dark\"] .hl-b.hl-c {\n color: #fff;\n}\n"
        );
    }

    #[test]
    fn every_colour_reads_at_4_5_to_1_on_the_code_background() {
        let css = super::stylesheet();
        let mut light = true;
        let mut checked = 0;
        for line in css.lines() {
            if line.starts_with("@media") || line.starts_with(":root") {
                light = false;
            }
            let Some(rgb) = line
                .strip_prefix(" color: #")
                .and_then(|r| r.strip_suffix(';'))
                .and_then(super::parse_hex)
            else {
                continue;
            };
            let bg = if light {
                super::LIGHT_CODE_BG
            } else {
                super::DARK_CODE_BG
            };
            let ratio = super::contrast(rgb, bg);
            assert!(ratio >= 4.5, "{line}: {ratio:.2}");
            checked += 1;
        }
        assert!(checked > 50, "{checked} colours");
    }

    use super::*;

    fn html(code: &str, lang: &str) -> Option<String> {
        lines(code, lang, false).map(|l| l.concat())
    }

    /// The text of some HTML, tags dropped and the few entities decoded.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// Every line's spans balance, so each can be wrapped on its own.
    fn balanced(line: &str) -> bool {
        line.matches("<span").count() == line.matches("</span>").count()
    }

    #[test]
    fn known_languages_get_classes_unknown_do_not() {
        let html = html("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(lines("x", "no-such-language", true).is_none());
    }

    #[test]
    fn our_toml_syntax_loads_and_colours_what_books_show() {
        assert!(SyntaxDefinition::load_from_str(TOML_SYNTAX, true, None).is_ok());
        let code = "# a comment\n[package]\nname = \"demo\" # trailing\nversion = '0.1.0'\nedition = 2021\n\n[[bin]]\npath = \"\"\"\nmulti\n\"\"\"\nok = true\nwhen = 1979-05-27T07:32:00Z\npi = 3.14\nlist = [1, \"two\", { a = 3 }]\n[dependencies.serde]\nfeatures = [\"derive\"]\n";
        let out = lines(code, "toml", true).unwrap();
        assert_eq!(out.len(), code.lines().count());
        assert!(out.iter().all(|l| balanced(l)), "{out:#?}");
        assert_eq!(text(&out.concat()), code);
        let all = out.concat();
        for class in [
            "hl-comment",
            "hl-entity hl-name hl-class hl-table",
            "hl-variable hl-other hl-key",
            "hl-string hl-quoted hl-double",
            "hl-string hl-quoted hl-single",
            "hl-constant hl-numeric",
            "hl-constant hl-language hl-boolean",
            "hl-constant hl-other hl-datetime",
        ] {
            assert!(all.contains(class), "{class} missing in {all}");
        }
        // The multi-line string's inner line is a string too.
        assert!(out[8].contains("hl-string"), "{}", out[8]);
        // `ini` files read as TOML.
        assert!(html("[a]\nb = 1\n", "ini").unwrap().contains("hl-key"));
    }

    #[test]
    fn state_carries_across_lines_and_every_line_balances() {
        let code = "/* one\ntwo */\nfn x() {\n    \"a\n b\"\n}\n";
        let out = lines(code, "rust", true).unwrap();
        assert!(out.iter().all(|l| balanced(l)), "{out:#?}");
        assert!(out[1].contains("hl-comment"), "{}", out[1]);
        assert!(out[4].contains("hl-string"), "{}", out[4]);
        assert_eq!(text(&out.concat()), code);
        // Not separable: the same text, spans running on, fewer of them.
        let run_on = lines(code, "rust", false).unwrap();
        assert_eq!(text(&run_on.concat()), code);
        assert!(balanced(&run_on.concat()));
        assert!(run_on.concat().len() < out.concat().len());
    }

    #[test]
    fn names_books_use_find_a_syntax() {
        for lang in ["shell", "sh", "zsh", "bash", "Rust", "json", "yaml", "hbs"] {
            assert!(html("a b\n", lang).is_some(), "{lang}");
        }
        for lang in ["text", "plain", "txt", "output"] {
            assert!(lines("a b\n", lang, true).is_none(), "{lang}");
        }
    }

    #[test]
    fn a_session_highlights_commands_and_leaves_output_as_text() {
        let code = "$ cargo run \\\n    --release\n   Compiling x v0.1.0\n$ echo \"hi\" > out\nhi <b>\n$\n";
        let out = lines(code, "console", false).unwrap();
        assert_eq!(out.len(), 6);
        assert!(
            out[0].starts_with("<span class=\"hl-prompt\">$ </span>"),
            "{}",
            out[0]
        );
        assert!(out[0].contains("hl-source hl-shell"), "{}", out[0]);
        assert!(
            out[1].contains("hl-source hl-shell"),
            "continued: {}",
            out[1]
        );
        assert_eq!(out[2], "   Compiling x v0.1.0\n");
        assert!(out[3].contains("hl-string"), "{}", out[3]);
        assert_eq!(out[4], "hi &lt;b&gt;\n");
        assert!(
            out[5].starts_with("<span class=\"hl-prompt\">$</span>"),
            "{}",
            out[5]
        );
        assert_eq!(text(&out.concat()), code);
        // `shell` with prompts is a session, without them a script.
        assert!(html("$ ls\n", "shell").unwrap().contains("hl-prompt"));
        assert!(!html("ls -l\n", "shell").unwrap().contains("hl-prompt"));
    }

    #[test]
    fn dark_rules_are_scoped() {
        let css = stylesheet();
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-"));
        assert!(!css.contains("style=\""));
    }
}
