//! The order mdBook runs a book's preprocessors in, its own `links` and
//! `index` among them.
//!
//! mdBook sorts them topologically by `before` and `after`, and breaks
//! ties by name, in batches: every preprocessor whose predecessors have run
//! is one batch, sorted by name. So a table with no `before` or `after`
//! named `admonish` runs before `index` and `links`, and one named `toc`
//! after them: glossator runs them at the same places, giving each the book
//! as mdBook would (directives not yet expanded before `links`, `README.md`
//! not yet `index.md` before `index`).

use crate::config::mdbook::{BUILT_IN_PREPROCESSORS, Preprocessor};
use crate::diag::Diagnostic;

/// One step of the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stage<'a> {
    /// mdBook's `links`: the chapters' `{{#include}}` and other directives
    /// are expanded.
    Links,
    /// mdBook's `index`: `README.md` chapters are written as `index.md`.
    Index,
    /// A command to run.
    Command(&'a Preprocessor),
}

/// The stages in mdBook's order, only those that run for html. `defaults`
/// is `[build] use-default-preprocessors`: `links` and `index` run without
/// a table of their own. A `before` or `after` naming a preprocessor the
/// book does not have is a warning, as in mdBook, and orders nothing; a
/// cycle is an error, and nothing runs.
pub(super) fn stages<'a>(
    all: &'a [Preprocessor],
    defaults: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Stage<'a>> {
    // The nodes: mdBook's two (when on by default, or given a table), then
    // the book's tables.
    let mut names: Vec<&str> = Vec::new();
    if defaults {
        names.extend(BUILT_IN_PREPROCESSORS);
    }
    for p in all {
        if !names.contains(&p.name.as_str()) {
            names.push(&p.name);
        }
    }
    let index = |name: &str| names.iter().position(|n| *n == name);
    // `needs[i]`: what must run before `i`.
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for p in all {
        let Some(i) = index(&p.name) else { continue };
        for (key, list) in [("before", &p.before), ("after", &p.after)] {
            for other in list {
                let Some(j) = index(other) else {
                    diags.push(unknown(p, key, other, defaults));
                    continue;
                };
                match key {
                    "before" => needs[j].push(i),
                    _ => needs[i].push(j),
                }
            }
        }
    }
    let mut done = vec![false; names.len()];
    let mut order = Vec::with_capacity(names.len());
    while order.len() < names.len() {
        let mut ready: Vec<usize> = (0..names.len())
            .filter(|&i| !done[i] && needs[i].iter().all(|&j| done[j]))
            .collect();
        if ready.is_empty() {
            let stuck = (0..names.len()).find(|&i| !done[i]).map(|i| names[i]);
            let culprit = stuck.and_then(|n| {
                all.iter()
                    .find(|p| p.name == n || p.before.iter().chain(&p.after).any(|o| o == n))
            });
            if let (Some(name), Some(p)) = (stuck, culprit) {
                diags.push(
                    Diagnostic::error(
                        format!("the preprocessors' `before` and `after` make a cycle through `{name}`"),
                        p.span.clone(),
                    )
                    .with_help("remove one of the `before` or `after` entries; no preprocessor is run until then"),
                );
            }
            return Vec::new();
        }
        ready.sort_by(|&a, &b| names[a].cmp(names[b]));
        for i in ready {
            done[i] = true;
            order.push(names[i]);
        }
    }
    order
        .into_iter()
        .filter_map(|name| {
            let table = all.iter().find(|p| p.name == name);
            match (name, table) {
                // Run by default for every renderer; with defaults off, as
                // its table's `renderers` say.
                ("links" | "index", t)
                    if defaults || t.is_some_and(Preprocessor::runs_for_html) =>
                {
                    Some(match name {
                        "links" => Stage::Links,
                        _ => Stage::Index,
                    })
                }
                ("links" | "index", _) => None,
                (_, Some(p)) if p.runs_for_html() => Some(Stage::Command(p)),
                _ => None,
            }
        })
        .collect()
}

/// The warning for `other`, named in `p`'s `key` and not a preprocessor of
/// the book.
fn unknown(p: &Preprocessor, key: &str, other: &str, defaults: bool) -> Diagnostic {
    let why = match BUILT_IN_PREPROCESSORS.contains(&other) && !defaults {
        true => format!(
            "mdBook's own `{other}` does not run: `[build] use-default-preprocessors = false`"
        ),
        false => format!("the book has no `[preprocessor.{other}]`"),
    };
    Diagnostic::warning(
        format!(
            "`{key}` of the preprocessor `{}` names `{other}`, which does not run here ({why}): it orders nothing",
            p.name
        ),
        p.span.clone(),
    )
    .with_help(format!(
        "remove `{other}` from `{key}`, or add the preprocessor it names"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};

    fn pre(name: &str, before: &[&str], after: &[&str]) -> Preprocessor {
        Preprocessor {
            name: name.into(),
            command: format!("mdbook-{name}"),
            before: before.iter().map(|s| s.to_string()).collect(),
            after: after.iter().map(|s| s.to_string()).collect(),
            optional: false,
            renderers: None,
            builtin: matches!(name, "links" | "index"),
            span: Span::new(FileId(0), 0..0),
        }
    }

    fn names(stages: &[Stage]) -> Vec<String> {
        stages
            .iter()
            .map(|s| match s {
                Stage::Links => "(links)".to_string(),
                Stage::Index => "(index)".to_string(),
                Stage::Command(p) => p.name.clone(),
            })
            .collect()
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
        let order = names(&stages(&all, true, &mut diags));
        // First batch: index, links, mermaid; then admonish, katex; then toc.
        assert_eq!(
            order,
            ["(index)", "(links)", "mermaid", "admonish", "katex", "toc"]
        );
        assert!(diags.is_empty());
        let cycle = [pre("a", &["b"], &[]), pre("b", &["a"], &[])];
        assert!(stages(&cycle, true, &mut diags).is_empty());
        assert_eq!(diags.len(), 1);
    }

    /// As in mdBook, a name sorting before `index` and `links` runs before
    /// them unless it says otherwise.
    #[test]
    fn ties_with_mdbooks_own_are_broken_by_name() {
        let mut diags = Vec::new();
        let all = [pre("admonish", &[], &[]), pre("toc", &[], &[])];
        assert_eq!(
            names(&stages(&all, true, &mut diags)),
            ["admonish", "(index)", "(links)", "toc"]
        );
        // Batches {links, toc} then {admonish, index}, each by name.
        let all = [
            pre("admonish", &[], &["links"]),
            pre("toc", &["index"], &[]),
        ];
        assert_eq!(
            names(&stages(&all, true, &mut diags)),
            ["(links)", "toc", "admonish", "(index)"]
        );
        assert!(diags.is_empty());
    }

    /// mdBook's batches: `early` before `links` puts `links` in the second
    /// batch, so `zzz`, free of both, runs in the first, before `links`.
    #[test]
    fn a_preprocessor_before_links_puts_it_after_the_first_batch() {
        let mut diags = Vec::new();
        let all = [pre("early", &["links"], &[]), pre("zzz", &[], &[])];
        assert_eq!(
            names(&stages(&all, true, &mut diags)),
            ["early", "(index)", "zzz", "(links)"]
        );
    }

    #[test]
    fn without_the_defaults_links_runs_only_with_its_table() {
        let mut diags = Vec::new();
        let all = [pre("toc", &[], &["links"])];
        assert_eq!(names(&stages(&all, false, &mut diags)), ["toc"]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("use-default-preprocessors"));
        let all = [pre("toc", &["links"], &[]), pre("links", &[], &[])];
        let mut diags = Vec::new();
        assert_eq!(names(&stages(&all, false, &mut diags)), ["toc", "(links)"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn a_table_for_other_renderers_orders_but_does_not_run() {
        let mut diags = Vec::new();
        let mut epub = pre("epub-only", &[], &[]);
        epub.renderers = Some(vec!["epub".into()]);
        let all = [epub, pre("b", &[], &["epub-only"])];
        assert_eq!(
            names(&stages(&all, true, &mut diags)),
            ["(index)", "(links)", "b"]
        );
    }
}
