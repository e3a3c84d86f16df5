//! mdBook's preprocessor protocol, so that a book's `[preprocessor.NAME]`
//! (mdbook-admonish, mdbook-toc, a book's own) changes its chapters here as
//! it does under mdBook.
//!
//! For each preprocessor, in mdBook's order (`before`/`after`, ties by
//! name), glossator runs `COMMAND supports html` (a non-zero exit skips it),
//! then `COMMAND` with `[context, book]` as JSON on its standard input, and
//! reads the book back from its standard output. The book is sent in the
//! shape of mdBook 0.4 and of 0.5 at once (`sections` and `items`), so a
//! preprocessor built against either reads it. A chapter whose text a
//! preprocessor changed is read from the new text (its diagnostics point
//! into that text); every other chapter keeps its file and lines.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::{EntryKind, Sources};
use crate::config::mdbook::Preprocessor;
use crate::diag::{Diagnostic, FileId, SourceMap};

/// The mdBook version glossator speaks the protocol of, as preprocessors
/// built with the `mdbook` crate compare it with their own.
const MDBOOK_VERSION: &str = "0.4.52";

/// Runs the book's preprocessors over its chapters.
/// The environment variable that stops a book's preprocessors from being
/// run: for building a book one does not trust.
pub const NO_PREPROCESSORS: &str = "GLOSSATOR_NO_PREPROCESSORS";

pub(super) fn run(
    sources: &mut Sources,
    book_toml: FileId,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    let preprocessors = order(&sources.config.preprocessors, diags);
    if preprocessors.is_empty() {
        return;
    }
    // A book from someone else can be built without running its commands.
    if std::env::var_os(NO_PREPROCESSORS).is_some() {
        for p in preprocessors {
            diags.push(
                Diagnostic::warning(
                    format!(
                        "the preprocessor `{}` is not run: {NO_PREPROCESSORS} is set; the chapters are built without its changes",
                        p.name
                    ),
                    p.span.clone(),
                )
                .with_help(format!("unset {NO_PREPROCESSORS} to run the book's preprocessors")),
            );
        }
        return;
    }
    let config = toml::from_str::<toml::Value>(map.text(book_toml))
        .ok()
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or(Value::Null);
    let root = &sources.config.root;
    let context = json!({
        "root": root,
        "config": config,
        "renderer": "html",
        "mdbook_version": MDBOOK_VERSION,
    });
    let mut items = book_items(sources, map);
    for p in preprocessors {
        if p.renderers
            .as_ref()
            .is_some_and(|r| !r.iter().any(|r| r == "html"))
        {
            continue;
        }
        let book = json!({ "sections": items, "items": items, "__non_exhaustive": null });
        match run_one(p, root, &context, &book, diags) {
            Ok(Some(book)) => match book.get("items").or_else(|| book.get("sections")) {
                Some(Value::Array(new)) => items = new.clone(),
                _ => diags.push(
                    Diagnostic::error(
                        format!("the preprocessor `{}` did not write a book back", p.name),
                        p.span.clone(),
                    )
                    .with_help("it must print the book it was given (the second element of its input) as JSON"),
                ),
            },
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    let mut changed = Vec::new();
    collect_contents(&items, &mut changed);
    for (path, content) in changed {
        let Some(&id) = sources.pages.get(&path) else {
            continue;
        };
        if map.text(id) != content {
            let name = map.name(id).to_string();
            let new = map.add(name, content);
            sources.pages.insert(path, new);
        }
    }
}

/// `[context, book]` through one preprocessor: `Ok(None)` when it does not
/// support the HTML renderer, or is optional and missing (with a warning).
fn run_one(
    p: &Preprocessor,
    root: &Path,
    context: &Value,
    book: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Value>, Diagnostic> {
    let command = || -> Result<Command, Diagnostic> {
        // Split as a POSIX shell would, as mdBook does: `python3 "my
        // scripts/pre.py"` is two words.
        let words = shlex::split(&p.command).ok_or_else(|| {
            Diagnostic::error(
                format!(
                    "the command of the preprocessor `{}` has an unclosed quotation mark: {}",
                    p.name, p.command
                ),
                p.span.clone(),
            )
            .with_help("close the quotation, or write the command without quotes")
        })?;
        let mut words = words.into_iter();
        let exe = words.next().ok_or_else(|| {
            Diagnostic::error(
                format!("the preprocessor `{}` has an empty command", p.name),
                p.span.clone(),
            )
        })?;
        let exe = match exe.contains('/') {
            true => root.join(exe),
            false => exe.into(),
        };
        let mut cmd = Command::new(exe);
        cmd.args(words).current_dir(root);
        Ok(cmd)
    };
    let missing = |e: std::io::Error| -> Result<Option<Value>, Diagnostic> {
        let not_found = e.kind() == std::io::ErrorKind::NotFound;
        let message = match not_found {
            true => format!(
                "the preprocessor `{}` is not installed: `{}` was not found",
                p.name, p.command
            ),
            false => format!(
                "the preprocessor `{}` could not be run (`{}`): {e}",
                p.name, p.command
            ),
        };
        let help = format!(
            "install it (for a published one, `cargo install mdbook-{}`), set `command` to where it is, or set `optional = true` in `[preprocessor.{}]` to build without it",
            p.name, p.name
        );
        match p.optional {
            true => Err(Diagnostic::warning(message, p.span.clone())
                .with_help("the chapters are built without its changes")),
            false => Err(Diagnostic::error(message, p.span.clone()).with_help(help)),
        }
    };
    let supports = command()?
        .args(["supports", "html"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match supports {
        Err(e) => return missing(e),
        Ok(status) if !status.success() => return Ok(None),
        Ok(_) => {}
    }
    let mut child = match command()?
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return missing(e),
    };
    let input = serde_json::to_vec(&json!([context, book])).unwrap_or_default();
    // Written on a thread, so that a preprocessor that writes before it has
    // read everything cannot block on a full pipe.
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let output = child.wait_with_output().map_err(|e| {
        Diagnostic::error(
            format!("the preprocessor `{}` could not be waited for: {e}", p.name),
            p.span.clone(),
        )
    })?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Diagnostic::error(
            format!(
                "the preprocessor `{}` failed ({}):\n{}",
                p.name,
                output.status,
                stderr.trim_end()
            ),
            p.span.clone(),
        )
        .with_help("fix what it reports, or remove its table from book.toml"));
    }
    // What a preprocessor that succeeded says (often that it was built
    // for another mdBook version) is shown with `-v`, not lost.
    let said = String::from_utf8_lossy(&output.stderr);
    if !said.trim().is_empty() {
        diags.push(Diagnostic::note(
            format!("the preprocessor `{}` says: {}", p.name, said.trim_end()),
            p.span.clone(),
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map(Some)
        .map_err(|e| {
            Diagnostic::error(
                format!(
                    "the preprocessor `{}` wrote something that is not a book in JSON: {e}",
                    p.name
                ),
                p.span.clone(),
            )
            .with_help(
                "it must print the book it was given (the second element of its input) as JSON",
            )
        })
}

/// The preprocessors in mdBook's order: each after those it names in
/// `after` and those that name it in `before`, ties by name. A name that is
/// not a table of book.toml is left out of the order, as mdBook leaves it;
/// a cycle is an error.
fn order<'a>(all: &'a [Preprocessor], diags: &mut Vec<Diagnostic>) -> Vec<&'a Preprocessor> {
    let index = |name: &str| all.iter().position(|p| p.name == name);
    // mdBook's own two run first here: glossator expands the directives
    // and names the `README.md` chapters as it reads them.
    for p in all {
        for own in p
            .before
            .iter()
            .filter(|n| matches!(n.as_str(), "links" | "index"))
        {
            diags.push(
                Diagnostic::warning(
                    format!(
                        "the preprocessor `{}` asks to run before mdBook's `{own}`, but glossator does that work as it reads each chapter: `{}` is given the chapters {}",
                        p.name,
                        p.name,
                        match own.as_str() {
                            "links" => "with their `{{#include}}` and other directives already expanded",
                            _ => "with `README.md` already read as each folder's index",
                        }
                    ),
                    p.span.clone(),
                )
                .with_help(format!(
                    "if `{}` must see the directives themselves, build the book with mdBook; otherwise remove `{own}` from its `before`",
                    p.name
                )),
            );
        }
    }
    // `needs[i]`: what must run before `i`.
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    for (i, p) in all.iter().enumerate() {
        needs[i].extend(p.after.iter().filter_map(|n| index(n)));
        for n in &p.before {
            if let Some(j) = index(n) {
                needs[j].push(i);
            }
        }
    }
    let mut done = vec![false; all.len()];
    let mut out = Vec::new();
    while out.len() < all.len() {
        let mut ready: Vec<usize> = (0..all.len())
            .filter(|&i| !done[i] && needs[i].iter().all(|&j| done[j]))
            .collect();
        if ready.is_empty() {
            let stuck = all.iter().zip(&done).find(|(_, d)| !**d).map(|(p, _)| p);
            if let Some(p) = stuck {
                diags.push(
                    Diagnostic::error(
                        format!(
                            "the preprocessors' `before` and `after` make a cycle through `{}`",
                            p.name
                        ),
                        p.span.clone(),
                    )
                    .with_help("remove one of the `before` or `after` entries"),
                );
            }
            return Vec::new();
        }
        ready.sort_by(|&a, &b| all[a].name.cmp(&all[b].name));
        for i in ready {
            done[i] = true;
            out.push(&all[i]);
        }
    }
    out
}

/// The summary as mdBook's `BookItem`s: chapters nested by their depth,
/// with their text, number, path and parents' names.
fn book_items(sources: &Sources, map: &SourceMap) -> Vec<Value> {
    let entries: Vec<(usize, &EntryKind)> = sources
        .summary
        .entries
        .iter()
        .map(|e| (e.depth, &e.kind))
        .collect();
    let mut at = 0;
    nest(&entries, &mut at, 0, &[], sources, map)
}

fn nest(
    entries: &[(usize, &EntryKind)],
    at: &mut usize,
    depth: usize,
    parents: &[String],
    sources: &Sources,
    map: &SourceMap,
) -> Vec<Value> {
    let mut items = Vec::new();
    while let Some(&(d, kind)) = entries.get(*at) {
        if d < depth {
            break;
        }
        *at += 1;
        match kind {
            EntryKind::Part(title) => items.push(json!({ "PartTitle": title })),
            EntryKind::Separator => items.push(json!("Separator")),
            EntryKind::Chapter {
                title,
                path,
                number,
                ..
            } => {
                let path = path.as_ref().map(|p| {
                    p.split('/')
                        .filter(|c| *c != ".")
                        .collect::<Vec<_>>()
                        .join("/")
                });
                let content = path
                    .as_ref()
                    .and_then(|p| sources.pages.get(p))
                    .map_or("", |&id| map.text(id));
                let number: Option<Vec<u32>> = number
                    .as_ref()
                    .map(|n| n.split('.').filter_map(|part| part.parse().ok()).collect());
                let mut inner_parents = parents.to_vec();
                inner_parents.push(title.clone());
                let sub_items = nest(entries, at, d + 1, &inner_parents, sources, map);
                items.push(json!({ "Chapter": {
                    "name": title,
                    "content": content,
                    "number": number,
                    "sub_items": sub_items,
                    "path": path,
                    "source_path": path,
                    "parent_names": parents,
                }}));
            }
        }
    }
    items
}

/// Every chapter's path and text in `items`, depth first.
fn collect_contents(items: &[Value], out: &mut Vec<(String, String)>) {
    for item in items {
        let Some(chapter) = item.get("Chapter") else {
            continue;
        };
        let path = chapter
            .get("source_path")
            .and_then(Value::as_str)
            .or_else(|| chapter.get("path").and_then(Value::as_str));
        if let (Some(path), Some(content)) = (path, chapter.get("content").and_then(Value::as_str))
        {
            out.push((path.replace('\\', "/"), content.to_string()));
        }
        if let Some(Value::Array(sub)) = chapter.get("sub_items") {
            collect_contents(sub, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    fn pre(name: &str, before: &[&str], after: &[&str]) -> Preprocessor {
        Preprocessor {
            name: name.into(),
            command: format!("mdbook-{name}"),
            before: before.iter().map(|s| s.to_string()).collect(),
            after: after.iter().map(|s| s.to_string()).collect(),
            optional: false,
            renderers: None,
            span: Span::new(FileId(0), 0..0),
        }
    }

    #[test]
    fn the_order_follows_before_and_after_then_names() {
        let all = [
            pre("toc", &[], &["admonish"]),
            pre("admonish", &[], &[]),
            pre("mermaid", &["admonish"], &[]),
            pre("katex", &[], &["links"]),
        ];
        let mut diags = Vec::new();
        let names: Vec<&str> = order(&all, &mut diags)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["katex", "mermaid", "admonish", "toc"]);
        assert!(diags.is_empty());
        let cycle = [pre("a", &["b"], &[]), pre("b", &["a"], &[])];
        assert!(order(&cycle, &mut diags).is_empty());
        assert_eq!(diags.len(), 1);
    }
}
