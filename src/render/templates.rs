//! Templates: the built-in ones compiled into the binary, each replaceable by
//! an edition file of the same name in its `templates/` folder.
//!
//! Includes and extends are checked for cycles before tera sees them, since a
//! template that includes itself would otherwise overflow the stack while
//! rendering (tera#872).

use std::collections::{BTreeMap, BTreeSet};

use tera::Tera;

use crate::diag::{Diagnostic, FileId, SourceMap, Span};

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
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        map: &SourceMap,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| tera_diagnostic(&e, &self.sources, map))
    }
}

/// Builds the template engine from the built-ins and the edition's overrides.
pub fn load(
    overrides: &BTreeMap<String, FileId>,
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
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".js", ".json"]);
    let list: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, (t, _))| (n.as_str(), t.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(list) {
        diags.push(tera_diagnostic(&e, &sources, map));
        return None;
    }
    Some(Templates { tera, sources })
}

/// Turns a tera error into a diagnostic at the template's file and line.
fn tera_diagnostic(
    e: &tera::Error,
    sources: &BTreeMap<String, (String, Option<FileId>)>,
    map: &SourceMap,
) -> Diagnostic {
    let chain = error_chain(e);
    let name = sources
        .keys()
        .find(|n| chain.contains(&format!("'{n}'")))
        .cloned();
    let (line, col) = line_col_in(&chain).unwrap_or((1, 1));
    let file = name
        .as_ref()
        .and_then(|n| sources.get(n))
        .and_then(|(_, f)| *f);
    let message = format!(
        "template error: {}",
        chain
            .replace('\n', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    match file {
        Some(file) => Diagnostic::error(
            message,
            Span::new(
                file,
                offset_of(map.text(file), line, col)..offset_of(map.text(file), line, col),
            ),
        )
        .with_help("fix the template, or delete it to use the built-in one"),
        None => {
            let yours: Vec<String> = sources
                .iter()
                .filter(|(_, (_, f))| f.is_some())
                .map(|(n, _)| format!("templates/{n}"))
                .collect();
            let built_in = name.unwrap_or_else(|| "a template".into());
            if let [only] = yours.as_slice() {
                return Diagnostic::file_error(message, only.clone())
                    .with_help(format!("the built-in {built_in} uses this template"));
            }
            let d = Diagnostic::file_error(
                format!("{message} (while rendering the built-in {built_in})"),
                "templates",
            );
            if yours.is_empty() {
                d.with_help("this is a bug in glossator's own templates; please report it")
            } else {
                d.with_help(format!(
                    "the built-in {built_in} uses your {}: the error is in one of them",
                    yours.join(", ")
                ))
            }
        }
    }
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
    fn builtins_load() {
        let mut d = Vec::new();
        assert!(
            load(&BTreeMap::new(), &SourceMap::default(), &mut d).is_some(),
            "{d:?}"
        );
    }
}
