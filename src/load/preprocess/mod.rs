//! mdBook's preprocessor protocol, so that a book's `[preprocessor.NAME]`
//! (mdbook-admonish, mdbook-toc, a book's own) changes its book here as it
//! does under mdBook.
//!
//! The preprocessors run in mdBook's order (`order.rs`), mdBook's own
//! `links` and `index` among them at their places (`links.rs`,
//! `book::index`); each command is handed `[context, book]` as JSON and
//! writes the book back (`command.rs`, `book.rs`). The book the last one
//! leaves is the book glossator builds (`apply.rs`): its chapters, their
//! order and nesting, their text. A chapter whose text no preprocessor
//! changed keeps its file and lines for diagnostics.

mod apply;
mod book;
mod command;
mod links;
mod order;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::Sources;
use crate::diag::{Diagnostic, FileId, SourceMap};
use order::Stage;

/// The mdBook version glossator speaks the protocol of, as preprocessors
/// built with the `mdbook` crate compare it with their own.
const MDBOOK_VERSION: &str = "0.4.52";

/// The environment variable that stops a book's preprocessors from being
/// run: for building a book one does not trust.
pub const NO_PREPROCESSORS: &str = "GLOSSATOR_NO_PREPROCESSORS";

/// Runs the book's preprocessors over its book. `as_read` is the file as
/// read of each chapter whose directives were expanded (what a
/// preprocessor before `links` is given). Hands back the chapters whose
/// directives were expanded again, from a preprocessor's text: what
/// expanding them as read reported no longer stands.
pub(super) fn run(
    sources: &mut Sources,
    book_toml: FileId,
    as_read: &BTreeMap<String, FileId>,
    map: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> BTreeSet<String> {
    let preprocessors = sources.config.preprocessors.clone();
    let stages = order::stages(&preprocessors, sources.config.default_preprocessors, diags);
    let commands: Vec<_> = stages
        .iter()
        .filter_map(|s| match s {
            Stage::Command(p) => Some(*p),
            _ => None,
        })
        .collect();
    // A book without commands is built as glossator read it.
    if commands.is_empty() {
        return BTreeSet::new();
    }
    // A book from someone else can be built without running its commands.
    if std::env::var_os(NO_PREPROCESSORS).is_some() {
        for p in commands {
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
        return BTreeSet::new();
    }
    let config = toml::from_str::<toml::Value>(map.text(book_toml))
        .ok()
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or(Value::Null);
    let root = sources.config.root.clone();
    let context = json!({
        "root": root,
        "config": config,
        "renderer": "html",
        "mdbook_version": MDBOOK_VERSION,
    });
    // Until `links` runs, a chapter is as read.
    let expand_later = stages.contains(&Stage::Links);
    let text = |path: &str| {
        let page = sources.pages.get(path);
        let id = match expand_later {
            true => as_read.get(path).or(page),
            false => page,
        };
        id.map(|&id| map.text(id).to_string())
    };
    let mut items = book::from_summary(sources, &text);
    let mut spans = apply::Spans::of_summary(sources);
    let mut relinked = links::Relinked::new();
    for stage in stages {
        match stage {
            Stage::Links => links::expand(&mut items, sources, as_read, map, &mut relinked, diags),
            Stage::Index => book::index(&mut items),
            Stage::Command(p) => {
                let sent = book::to_json(&items);
                match command::run(p, &root, &context, &sent, diags) {
                    Ok(Some(back)) => match book::returned(&back, &sent) {
                        Ok(new) => {
                            spans.taken(&new, &p.span);
                            items = new;
                        }
                        Err(why) => diags.push(
                            Diagnostic::error(
                                format!(
                                    "the preprocessor `{}` wrote back a book glossator cannot use: {why}",
                                    p.name
                                ),
                                p.span.clone(),
                            )
                            .with_help(
                                "it must print the book it was given (the second element of its input) as JSON, in mdBook's shape: each item `{\"Chapter\": {\"name\", \"content\", \"path\", \"sub_items\", …}}`, `\"Separator\"` or `{\"PartTitle\": \"…\"}`",
                            ),
                        ),
                    },
                    Ok(None) => {}
                    Err(d) => diags.push(d),
                }
            }
        }
    }
    apply::apply(&items, &spans, &relinked, sources, map, diags);
    relinked.into_keys().collect()
}
