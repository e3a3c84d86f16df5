//! Templates: the built-in ones compiled into the binary, each replaceable by
//! an edition file of the same name in its `templates/` folder.
//!
//! Includes and extends are checked for cycles before tera sees them, since a
//! template that includes itself would otherwise overflow the stack while
//! rendering (tera#872).
//!
//! The interface strings reach templates through one function, registered
//! once per build: `{{ trans(key="previous") }}`, as in Zola, with
//! placeholders as further arguments (`trans(key="made_with",
//! generator=generator)`). A value in every page's context would copy the
//! whole table into each of thousands of pages; and a call with the key
//! alone is put in as its text when the templates are loaded
//! (`trans.rs`), so that a page pays for none.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use tera::Tera;

use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::i18n::Strings;

mod trans;
use trans::{Trans, with_strings};

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("page.html", include_str!("../../templates/page.html")),
    (
        "contents.html",
        include_str!("../../templates/contents.html"),
    ),
    (
        "head_extra.html",
        include_str!("../../templates/head_extra.html"),
    ),
    ("footer.html", include_str!("../../templates/footer.html")),
];

/// The template engine, and the text of each template for diagnostics.
pub struct Templates {
    tera: Tera,
    sources: BTreeMap<String, (String, Option<FileId>)>,
}

impl Templates {
    /// Renders `name`; a failure is a diagnostic at the template's line.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| tera_diagnostic(&e, &self.sources))
    }
}

/// As the templates' texts: the engine is made of them alone (in [`load`]),
/// and a render reads nothing else of the edition's files, so a cached page
/// whose key holds the templates holds everything they can make of it.
impl std::hash::Hash for Templates {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Templates { tera: _, sources } = self;
        sources.hash(h);
    }
}

/// Builds the template engine from the built-ins and the edition's
/// overrides, with `strings` for their `trans` function.
pub fn load(
    overrides: &BTreeMap<String, FileId>,
    strings: &Arc<Strings>,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Templates> {
    let mut sources: BTreeMap<String, (String, Option<FileId>)> = BUILTIN
        .iter()
        .map(|(n, t)| (n.to_string(), (t.to_string(), None)))
        .collect();
    for (name, &file) in overrides {
        sources.insert(name.clone(), (map.text(file).to_string(), Some(file)));
    }
    if let Some(d) = find_cycle(&sources).or_else(|| find_recursive_macro(&sources)) {
        diags.push(d);
        return None;
    }
    let engine = || {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".js", ".json"]);
        tera.register_function("trans", Trans(Arc::clone(strings)));
        tera
    };
    let mut tera = engine();
    let list = sources
        .iter()
        .map(|(n, (t, _))| (n.as_str(), with_strings(t, strings)));
    if tera.add_raw_templates(list).is_err() {
        // Reported as the editor wrote the template, at its own line and
        // column, which the strings put in may have moved.
        tera = engine();
        let list = sources.iter().map(|(n, (t, _))| (n.as_str(), t.as_str()));
        if let Err(e) = tera.add_raw_templates(list) {
            diags.push(tera_diagnostic(&e, &sources));
            return None;
        }
    }
    Some(Templates { tera, sources })
}

/// Turns a tera error into a diagnostic at the template's file, line and
/// column.
///
/// A syntax error carries pest's `--> line:col`; a render or loading error
/// carries no position, only names (a filter, a variable, a file), so the
/// name is looked for in the tags of the template the error names, then in
/// the edition's other templates.
fn tera_diagnostic(
    e: &tera::Error,
    sources: &BTreeMap<String, (String, Option<FileId>)>,
) -> Diagnostic {
    let chain = error_chain(e);
    let message = format!(
        "template error: {}",
        chain
            .replace('\n', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let named = named_templates(&chain, sources);
    let parsed = named
        .first()
        .and_then(|n| sources.get(n))
        .and_then(|(text, f)| f.map(|f| (text, f)));
    if let (Some((line, col)), Some((text, file))) = (line_col_in(&chain), parsed) {
        let at = offset_of(text, line, col);
        return Diagnostic::error(message, Span::new(file, at..at + 1))
            .with_help("fix the template, or delete it to use the built-in one");
    }
    let culprit = Culprit::of(&chain);
    let message = match &culprit {
        Some(Culprit::Missing(kind, file)) => format!(
            "template error: `{kind}` names `{file}`, which is neither in templates/ nor built in"
        ),
        _ => message,
    };
    let help = culprit.as_ref().map_or_else(
        || "fix the template, or delete it to use the built-in one".into(),
        Culprit::help,
    );
    if let Some(culprit) = &culprit {
        // The templates the error names, innermost first, then the others.
        let mut order: Vec<&String> = named.iter().rev().collect();
        order.extend(sources.keys().filter(|n| !named.contains(n)));
        for name in order {
            let Some((text, Some(file))) = sources.get(name) else {
                continue;
            };
            if let Some(range) = culprit.find(text) {
                return Diagnostic::error(message, Span::new(*file, range)).with_help(help);
            }
        }
    }
    let yours: Vec<String> = sources
        .iter()
        .filter(|(_, (_, f))| f.is_some())
        .map(|(n, _)| format!("templates/{n}"))
        .collect();
    let built_in = named.first().cloned().unwrap_or_else(|| "template".into());
    if let [only] = yours.as_slice() {
        return Diagnostic::file_error(message, only.clone()).with_help(format!(
            "{help} (the built-in {built_in} uses this template)"
        ));
    }
    let d = Diagnostic::file_error(
        format!("{message} (while rendering the built-in {built_in})"),
        "templates",
    );
    if yours.is_empty() {
        d.with_help("this is a bug in glossator's own templates; please report it")
    } else {
        d.with_help(format!(
            "{help} (the built-in {built_in} uses your {}: the error is in one of them)",
            yours.join(", ")
        ))
    }
}

/// The templates an error message names (`'page.html'` or `` `page.html` ``),
/// in the order it names them: the outermost first.
fn named_templates(
    chain: &str,
    sources: &BTreeMap<String, (String, Option<FileId>)>,
) -> Vec<String> {
    let mut found: Vec<(usize, String)> = sources
        .keys()
        .filter_map(|n| {
            [format!("'{n}'"), format!("`{n}`")]
                .iter()
                .filter_map(|q| chain.find(q.as_str()))
                .min()
                .map(|at| (at, n.clone()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// What a render or loading error is about, as written in a template.
#[derive(Debug, PartialEq)]
enum Culprit {
    /// `| name`
    Filter(String),
    /// `name(`
    Function(String),
    /// `is name`
    Test(String),
    /// A variable path (`page.x`).
    Variable(String),
    /// `namespace::` (with the macro's name when known).
    Macro(String, Option<String>),
    /// A file named by an `import`, `include` or `extends` tag that does not
    /// exist.
    Missing(&'static str, String),
}

impl Culprit {
    /// Reads the culprit out of tera's message; the innermost cause wins.
    fn of(chain: &str) -> Option<Culprit> {
        let quoted = |s: &str, after: &str, open: char, close: char| -> Option<String> {
            let rest = &s[s.find(after)? + after.len()..];
            let rest = rest.strip_prefix(open)?;
            Some(rest[..rest.find(close)?].to_string())
        };
        chain.lines().rev().find_map(|line| {
            let line = line.trim();
            if line.contains("loads macros from") {
                return quoted(line, "loads macros from ", '`', '`')
                    .map(|f| Culprit::Missing("import", f));
            }
            if line.contains("is inheriting from") {
                return quoted(line, "is inheriting from ", '\'', '\'')
                    .map(|f| Culprit::Missing("extends", f));
            }
            if line.starts_with("Template '") && line.ends_with("' not found") {
                let name = quoted(line, "Template ", '\'', '\'')?;
                let first = name
                    .trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .next()?
                    .trim()
                    .to_string();
                return Some(Culprit::Missing("include", first));
            }
            if line.starts_with("Macro namespace `") {
                return quoted(line, "Macro namespace ", '`', '`')
                    .map(|ns| Culprit::Macro(ns, None));
            }
            if line.starts_with("Macro `") {
                let full = quoted(line, "Macro ", '`', '`')?;
                let (ns, name) = full.split_once("::")?;
                return Some(Culprit::Macro(ns.into(), Some(name.into())));
            }
            if line.starts_with("Variable `") {
                let var = quoted(line, "Variable ", '`', '`')?;
                return Some(Culprit::Variable(var));
            }
            for (word, make) in [
                ("Filter", Culprit::Filter as fn(String) -> Culprit),
                ("Function", Culprit::Function),
                ("Test", Culprit::Test),
            ] {
                let call = format!("{word} call ");
                if line.starts_with(&format!("{word} '")) || line.starts_with(&call) {
                    let after = if line.starts_with(&call) {
                        call.as_str()
                    } else {
                        word
                    };
                    let after = after.trim_end();
                    return quoted(line, &format!("{after} "), '\'', '\'').map(make);
                }
            }
            None
        })
    }

    /// What to do about it.
    fn help(&self) -> String {
        const DOCS: &str = "https://keats.github.io/tera/docs/";
        match self {
            Culprit::Filter(_) => {
                format!(
                    "check the filter's name and arguments; tera's filters are listed at {DOCS}#built-in-filters"
                )
            }
            Culprit::Function(_) => {
                format!(
                    "check the function's name and arguments; tera's functions are listed at {DOCS}#built-in-functions"
                )
            }
            Culprit::Test(_) => {
                format!("check the test's name; tera's tests are listed at {DOCS}#built-in-tests")
            }
            Culprit::Variable(v) => format!(
                "`{v}` is not given to templates: check its spelling, or guard it with `{{% if {v} is defined %}}`"
            ),
            Culprit::Macro(ns, None) => format!(
                "import the macros first, at the top of the template: `{{% import \"macros.html\" as {ns} %}}`"
            ),
            Culprit::Macro(ns, Some(name)) => {
                format!("the file imported as `{ns}` has no macro `{name}`: check its name")
            }
            Culprit::Missing(kind, file) => {
                format!("create templates/{file}, or correct the file name in the `{kind}`")
            }
        }
    }

    /// Where the culprit is written in `text`: inside a `{{ }}` or `{% %}`.
    fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        code_regions(text).into_iter().find_map(|region| {
            let code = &text[region.clone()];
            self.find_in(code)
                .map(|r| region.start + r.start..region.start + r.end)
        })
    }

    fn find_in(&self, code: &str) -> Option<std::ops::Range<usize>> {
        let before = |at: usize| code[..at].trim_end();
        match self {
            Culprit::Filter(f) => words(code, f).find(|r| before(r.start).ends_with('|')),
            Culprit::Function(f) => words(code, f).find(|r| {
                code[r.end..].trim_start().starts_with('(')
                    && !before(r.start).ends_with([':', '.', '|'])
            }),
            Culprit::Test(t) => words(code, t).find(|r| {
                let b = before(r.start);
                b.ends_with(" is") || b.ends_with(" not")
            }),
            Culprit::Variable(v) => words(code, v)
                .find(|r| !before(r.start).ends_with(['|', '.']))
                .or_else(|| {
                    // `a.b` reported for `a["b"]` or `a[0]`: the first segment.
                    let head = v.split(['.', '[']).next()?;
                    (head != v).then(|| words(code, head).next())?
                }),
            Culprit::Macro(ns, name) => {
                let full = match name {
                    Some(n) => format!("{ns}::{n}"),
                    None => format!("{ns}::"),
                };
                let at = code.find(&full)?;
                let ok = code[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                ok.then(|| at..at + full.len())
            }
            Culprit::Missing(kind, file) => {
                let tag = code.trim_start_matches(['{', '%', '-', ' ', '\t', '\n']);
                if !tag.starts_with(kind) {
                    return None;
                }
                ['"', '\'']
                    .iter()
                    .find_map(|q| code.find(&format!("{q}{file}{q}")))
                    .map(|at| at..at + file.len() + 2)
            }
        }
    }
}

/// The `{{ ... }}` and `{% ... %}` parts of a template, delimiters included.
fn code_regions(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{') {
        let start = from + open;
        let close = match text[start + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                from = start + 1;
                continue;
            }
        };
        let end = text[start + 2..]
            .find(close)
            .map_or(text.len(), |i| start + 2 + i + 2);
        if close != "#}" {
            out.push(start..end);
        }
        from = end;
    }
    out
}

/// The places `word` occurs in `code` as a whole identifier (or path).
fn words<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(word).filter_map(move |(at, _)| {
        let end = at + word.len();
        let clear_before = code[..at].chars().next_back().is_none_or(|c| !ident(c));
        let clear_after = code[end..].chars().next().is_none_or(|c| !ident(c));
        (clear_before && clear_after).then_some(at..end)
    })
}

/// The whole cause chain of a tera error, one cause per line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push('\n');
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// Finds `--> L:C` (pest's position marker) in tera's message.
fn line_col_in(message: &str) -> Option<(usize, usize)> {
    let at = message.find("--> ")?;
    let rest = &message[at + 4..];
    let (line, rest) = rest.split_once(':')?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Names a template mentions in `include`, `extends` or `import`, with the
/// byte offset of each.
fn references(text: &str) -> Vec<(String, usize)> {
    tags(text)
        .into_iter()
        .filter_map(|(start, tag)| {
            let mut words = tag.split_whitespace();
            match (words.next(), words.next()) {
                (Some("include" | "extends" | "import"), Some(name)) => Some((
                    name.trim_matches(|c| c == '"' || c == '\'').to_string(),
                    start,
                )),
                _ => None,
            }
        })
        .collect()
}

/// A template that reaches itself through includes, extends or imports.
fn find_cycle(sources: &BTreeMap<String, (String, Option<FileId>)>) -> Option<Diagnostic> {
    let edges: BTreeMap<String, Vec<(String, usize)>> = sources
        .iter()
        .map(|(n, (t, _))| (n.clone(), references(t)))
        .collect();
    let (path, offset) = first_cycle(&edges)?;
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    Some(located(
        sources,
        &path[path.len() - 1],
        offset,
        format!("template cycle: {} → {}", names.join(" → "), path[0]),
        "a template may not include or extend itself, directly or through others",
    ))
}

/// The first cycle in a graph whose edges carry the offset where they are
/// written: the nodes from the cycle's start to the one whose edge closes it,
/// and that edge's offset.
fn first_cycle<N: Ord + Clone>(edges: &BTreeMap<N, Vec<(N, usize)>>) -> Option<(Vec<N>, usize)> {
    for start in edges.keys() {
        let mut stack: Vec<Vec<&N>> = vec![vec![start]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let node = path[path.len() - 1];
            for (next, offset) in edges.get(node).into_iter().flatten() {
                if next == start {
                    return Some((path.into_iter().cloned().collect(), *offset));
                }
                if edges.contains_key(next) && seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    None
}

/// A diagnostic at `offset` in the template `name` (at the template as a
/// whole when it is a built-in one).
fn located(
    sources: &BTreeMap<String, (String, Option<FileId>)>,
    name: &str,
    offset: usize,
    message: String,
    help: &str,
) -> Diagnostic {
    match sources.get(name).and_then(|(_, f)| *f) {
        Some(file) => {
            Diagnostic::error(message, Span::new(file, offset..offset + 2)).with_help(help)
        }
        None => Diagnostic::file_error(message, format!("templates/{name}")).with_help(help),
    }
}

/// A macro that calls itself, directly or through others. Tera would
/// recurse until the stack overflows, which no error handling can catch, so
/// recursion in macros is refused outright (the contents list, the one tree
/// an edition has, comes prebuilt).
fn find_recursive_macro(
    sources: &BTreeMap<String, (String, Option<FileId>)>,
) -> Option<Diagnostic> {
    type Node = (String, String);
    let mut calls: BTreeMap<Node, Vec<(Node, usize)>> = BTreeMap::new();
    for (file, (text, _)) in sources {
        let mut aliases: BTreeMap<String, String> =
            BTreeMap::from([("self".to_string(), file.clone())]);
        for tag in tags(text) {
            let words: Vec<&str> = tag.1.split_whitespace().collect();
            if let ["import", name, "as", alias] = words.as_slice() {
                aliases.insert(
                    alias.to_string(),
                    name.trim_matches(|c| c == '"' || c == '\'').to_string(),
                );
            }
        }
        let mut current: Option<String> = None;
        let mut pos = 0;
        for (start, tag) in tags(text) {
            let words: Vec<&str> = tag.split_whitespace().collect();
            match words.as_slice() {
                ["macro", rest @ ..] => {
                    current = rest
                        .first()
                        .map(|n| n.split('(').next().unwrap_or(n).to_string());
                    pos = start;
                }
                ["endmacro", ..] => {
                    if let Some(name) = current.take() {
                        let body = &text[pos..start];
                        let node = (file.clone(), name);
                        for (offset, alias, callee) in macro_calls(body) {
                            if let Some(target) = aliases.get(&alias) {
                                calls
                                    .entry(node.clone())
                                    .or_default()
                                    .push(((target.clone(), callee), pos + offset));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let (path, offset) = first_cycle(&calls)?;
    let (start, last) = (&path[0], &path[path.len() - 1]);
    Some(located(
        sources,
        &last.0,
        offset,
        format!("macro `{}` in {} calls itself", start.1, start.0),
        "recursive macros are not allowed: they can recurse without end and crash the build",
    ))
}

/// Every `{% ... %}` tag: its offset and its inside.
fn tags(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{%") {
        let start = from + open;
        let Some(close) = text[start..].find("%}") else {
            break;
        };
        out.push((
            start,
            text[start + 2..start + close]
                .trim()
                .trim_matches('-')
                .trim()
                .to_string(),
        ));
        from = start + close + 2;
    }
    out
}

/// `alias::name(` calls in a macro body: (offset, alias, name).
fn macro_calls(body: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find("::") {
        let at = from + at;
        let alias: String = body[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let name: String = body[at + 2..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !alias.is_empty() && !name.is_empty() && body[at + 2 + name.len()..].starts_with('(') {
            out.push((at - alias.len(), alias, name));
        }
        from = at + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> BTreeMap<String, (String, Option<FileId>)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), (t.to_string(), None)))
            .collect()
    }

    #[test]
    fn include_loops_are_found_before_rendering() {
        let s = sources(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "x {%- include 'a.html' -%}"),
        ]);
        let d = find_cycle(&s).unwrap();
        assert!(
            d.message.contains("a.html → b.html → a.html"),
            "{}",
            d.message
        );
        let s = sources(&[("self.html", "{% extends \"self.html\" %}")]);
        assert!(find_cycle(&s).is_some());
    }

    #[test]
    fn recursive_macros_are_refused() {
        let s = sources(&[
            (
                "macros.html",
                "{% macro m() %}x{{ self::m() }}{% endmacro m %}",
            ),
            (
                "page.html",
                "{% import \"macros.html\" as mac %}{{ mac::m() }}",
            ),
        ]);
        assert!(
            find_recursive_macro(&s)
                .unwrap()
                .message
                .contains("macro `m`")
        );
        let s = sources(&[(
            "ok.html",
            "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}b{% endmacro b %}",
        )]);
        assert!(find_recursive_macro(&s).is_none());
    }

    #[test]
    fn the_culprit_is_read_from_the_innermost_cause() {
        let of = |chain: &str| Culprit::of(chain).unwrap();
        assert_eq!(
            of("Failed to render 'page.html'\nFilter 'nope' not found"),
            Culprit::Filter("nope".into())
        );
        assert_eq!(
            of(
                "Failed to render 'page.html'\nFilter call 'truncate' failed\nFilter `truncate` received an incorrect type"
            ),
            Culprit::Filter("truncate".into())
        );
        assert_eq!(
            of("Variable `a.b` not found in context while rendering 'x.html'"),
            Culprit::Variable("a.b".into())
        );
        assert_eq!(
            of("Template '[x.html]' not found"),
            Culprit::Missing("include", "x.html".into())
        );
        assert_eq!(
            of("Template `p.html` loads macros from `m.html` which isn't present in Tera"),
            Culprit::Missing("import", "m.html".into())
        );
    }

    #[test]
    fn the_culprit_is_found_in_tags_only() {
        let text = "nope | nope\n{# | nope #}\n<p>{{ x | nope }}</p>\n";
        let r = Culprit::Filter("nope".into()).find(text).unwrap();
        assert_eq!(&text[r.clone()], "nope");
        assert_eq!(r.start, text.rfind("nope").unwrap());
        let text = "{{ titles }} {{ page.title }}";
        let r = Culprit::Variable("title".into()).find(text);
        assert!(r.is_none(), "{r:?}");
        let text = "{% include \"a.html\" %}\n{% import \"a.html\" as m %}";
        let r = Culprit::Missing("import", "a.html".into())
            .find(text)
            .unwrap();
        assert_eq!(r.start, text.rfind("\"a.html").unwrap());
    }

    fn english() -> Arc<Strings> {
        Arc::new(Strings::english())
    }

    #[test]
    fn builtins_load() {
        let mut d = Vec::new();
        assert!(
            load(&BTreeMap::new(), &english(), &SourceMap::default(), &mut d).is_some(),
            "{d:?}"
        );
    }

    /// Every `trans(key="…")` of the built-in templates names a string of
    /// the tables.
    #[test]
    fn the_builtin_templates_name_only_known_strings() {
        let mut named = 0;
        for (name, text) in BUILTIN {
            for (at, _) in text.match_indices("trans(key=\"") {
                let rest = &text[at + "trans(key=\"".len()..];
                let key = &rest[..rest.find('"').unwrap()];
                assert!(crate::i18n::KEYS.contains(&key), "{name}: `{key}`");
                named += 1;
            }
        }
        assert!(named >= 15, "{named}");
    }

    #[test]
    fn trans_fills_and_escapes_once() {
        let mut strings = Strings::english();
        strings.made_with = "Made <with> {generator} & '/'".into();
        let sources = [(
            "t.html",
            "{{ trans(key=\"made_with\", generator=g) }}|{{ trans(key=\"previous\") }}|{{ trans(key=\"search_placeholder\") }}",
        )];
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("trans", Trans(Arc::new(strings)));
        tera.add_raw_templates(sources).unwrap();
        let mut context = tera::Context::new();
        context.insert("g", "a\"b");
        assert_eq!(
            tera.render("t.html", &context).unwrap(),
            "Made &lt;with&gt; a&quot;b &amp; '/'|Previous|Search (/)"
        );
        let err = tera.add_raw_template("u.html", "{{ trans(key=\"nope\") }}");
        assert!(err.is_ok());
        let chain = error_chain(&tera.render("u.html", &context).unwrap_err());
        assert!(chain.contains("`nope` is not one of"), "{chain}");
    }
}
