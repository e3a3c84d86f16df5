//! One preprocessor run as mdBook runs it: `COMMAND supports html` (a
//! non-zero exit skips it), then `COMMAND` with `[context, book]` as JSON
//! on its standard input, the book read back from its standard output.
//!
//! The command is split as a POSIX shell splits it, as mdBook splits it,
//! and run in the book's folder, with the environment glossator was given
//! (so `MDBOOK_…` settings reach it as they reach it under mdBook).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::config::mdbook::Preprocessor;
use crate::diag::Diagnostic;

/// `[context, book]` through one preprocessor: `Ok(None)` when it does not
/// support the HTML renderer. A missing optional one is an `Err` warning.
pub(super) fn run(
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
        // The default command is a published crate's; a book's own command
        // is a path or program to check.
        let install = match p.command == format!("mdbook-{}", p.name) {
            true => format!("install it (`cargo install mdbook-{}`)", p.name),
            false => format!(
                "install `{}` or fix the path (a path with `/` is relative to book.toml)",
                p.command
            ),
        };
        let help = format!(
            "{install}, set `command` to where it is, or set `optional = true` in `[preprocessor.{}]` to build without it",
            p.name
        );
        match p.optional {
            true => Err(Diagnostic::warning(message, p.span.clone())
                .with_help("the chapters are built without its changes")),
            false => Err(Diagnostic::error(message, p.span.clone()).with_help(help)),
        }
    };
    // As in mdBook, a table's `renderers` (already known to name html)
    // replace the question.
    if p.renderers.is_none() {
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
