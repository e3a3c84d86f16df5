//! The `glossator` binary: parses arguments, runs the library, prints
//! diagnostics and chooses the exit code. No pipeline logic lives here.

#![forbid(unsafe_code)]

mod cli;

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;

use cli::{Cli, Command, Format};
use glossator::{Compiled, compile, init, write};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            ref dir,
            single_file: Some(ref out),
            ..
        } => build_single(&cli, dir, out),
        Command::Build {
            ref dir,
            ref dest_dir,
            single_file: None,
        } => build(&cli, dir, dest_dir.as_deref()),
        Command::Check {
            ref dir,
            format,
            strict,
        } => check(&cli, dir, format, strict),
        Command::Serve {
            ref dir,
            port,
            bind,
            open,
            poll,
        } => {
            let options = glossator::serve::Options {
                root: dir.clone(),
                bind,
                port,
                open,
                poll,
                quiet: cli.quiet,
                verbose: cli.verbose,
            };
            match glossator::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::Init { ref dir } => match init::init(dir) {
            Ok(()) => {
                if !cli.quiet {
                    println!(
                        "Created an edition in {}. Build it with: glossator build {}",
                        dir.display(),
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
    }
}

fn build(cli: &Cli, dir: &Path, dest: Option<&Path>) -> ExitCode {
    let glossator::Built { compiled, written } = glossator::build(dir, dest, &|dest| {
        eprintln!("waiting for another build of {} to finish", dest.display())
    });
    print_diagnostics(cli, &compiled, false);
    let (Some(result), Some(config)) = (written, &compiled.config) else {
        eprintln!(
            "error: build failed with {} error(s); nothing was written",
            compiled.errors().max(1)
        );
        return ExitCode::FAILURE;
    };
    let dest = &config.build_dir;
    if cli.verbose {
        let finishing = result.as_ref().map_or(0, |s| s.elapsed.as_millis());
        eprintln!(
            "stages: {}; the pages were written while rendering, the rest in {finishing} ms",
            compiled.stats.stage_times(),
        );
    }
    match result {
        Ok(stats) => {
            if let Some(old) = &stats.leftover {
                eprintln!(
                    "warning: the previous site, moved to {}, could not be removed; remove it yourself",
                    old.display()
                );
            }
            if !cli.quiet {
                let shown = dest
                    .strip_prefix(std::env::current_dir().unwrap_or_default())
                    .unwrap_or(dest);
                println!(
                    "Built {} pages, {} note references, search index {} KB, {} warning(s) in {} ms ({} files written, {} unchanged).\nOpen {}",
                    compiled.stats.pages,
                    compiled.stats.notes,
                    compiled.stats.search_index.div_ceil(1024),
                    compiled.warnings(),
                    compiled.stats.elapsed.as_millis(),
                    stats.written,
                    stats.unchanged,
                    shown.join("index.html").display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn build_single(cli: &Cli, dir: &Path, out: &Path) -> ExitCode {
    let compiled = glossator::compile_with(dir, None, true);
    print_diagnostics(cli, &compiled, false);
    let Some(bytes) = compiled
        .output
        .as_ref()
        .and_then(|o| o.single_file.as_ref())
    else {
        eprintln!(
            "error: build failed with {} error(s); nothing was written",
            compiled.errors().max(1)
        );
        return ExitCode::FAILURE;
    };
    let checked = match &compiled.config {
        Some(config) => write::check_single_target(out, &config.inputs()),
        None => Ok(()),
    };
    if let Err(e) = checked {
        return fail(&e);
    }
    match write::write_file(out, bytes) {
        Ok(()) => {
            if !cli.quiet {
                println!(
                    "Wrote the edition as one file ({} KB): {}",
                    bytes.len().div_ceil(1024),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn check(cli: &Cli, dir: &Path, format: Format, strict: bool) -> ExitCode {
    let compiled = compile(dir, None);
    let strict_failures = compiled
        .diags
        .iter()
        .filter(|d| d.strict && !d.is_error())
        .count();
    let failed = compiled.errors() > 0 || (strict && strict_failures > 0);
    match format {
        Format::Json => {
            let diags: Vec<_> = compiled
                .diags
                .iter()
                .map(|d| compiled.map.to_json(d))
                .collect();
            let doc = serde_json::json!({
                "ok": !failed,
                "errors": compiled.errors(),
                "warnings": compiled.warnings(),
                "pages": compiled.stats.pages,
                "diagnostics": diags,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Human => {
            print_diagnostics(cli, &compiled, strict);
            if !cli.quiet {
                println!(
                    "Checked {} pages: {} error(s), {} warning(s).",
                    compiled.stats.pages,
                    compiled.errors(),
                    compiled.warnings()
                );
            }
        }
    }
    if strict && strict_failures > 0 && format == Format::Human {
        report_strict(&compiled);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Says that `--strict` made the check fail, and which warnings did, one
/// line each, so the list is not lost among the other warnings.
fn report_strict(compiled: &Compiled) {
    let strict: Vec<&glossator::diag::Diagnostic> = compiled
        .diags
        .iter()
        .filter(|d| d.strict && !d.is_error())
        .collect();
    eprintln!(
        "check --strict failed: {} warning(s) count as errors under --strict:",
        strict.len()
    );
    for d in strict {
        let place = match &d.span {
            Some(span) => {
                let l = compiled.map.location(span);
                format!("{}:{}:{}", l.file, l.line, l.column)
            }
            None => d.path.clone().unwrap_or_default(),
        };
        eprintln!("  {place}: {}", d.message);
    }
}

/// Prints the diagnostics, a warning repeated many times in full only the
/// first few times (all of them with `-v`), through a buffer written in
/// large pieces: tens of thousands of warnings must not cost a write each.
fn print_diagnostics(cli: &Cli, compiled: &Compiled, strict: bool) {
    const BUFFER: usize = 64 * 1024;
    let mut err = std::io::stderr().lock();
    let mut repeats = glossator::diag::Repeats::new(cli.verbose);
    let mut text = String::with_capacity(BUFFER);
    for d in &compiled.diags {
        if (cli.quiet && !d.is_error() && !(strict && d.strict)) || (d.is_note() && !cli.verbose) {
            continue;
        }
        repeats.render_into(&mut text, &compiled.map, d);
        if text.len() >= BUFFER {
            let _ = err.write_all(text.as_bytes());
            text.clear();
        }
    }
    text.push_str(&repeats.summary());
    let _ = err.write_all(text.as_bytes());
    drop(err);
    if cli.verbose {
        note_site_path(compiled);
    }
}

/// With `-v`: a `site-url` that is only a path (as mdBook's often is) gives
/// the 404 page its base, but no absolute addresses, so nothing that needs
/// them is written. Not a warning: an mdBook book is right to have one.
fn note_site_path(compiled: &Compiled) {
    let Some(html) = compiled.config.as_ref().map(|c| &c.html) else {
        return;
    };
    if let (None, Some(base)) = (&html.site_url, &html.site_base) {
        eprintln!(
            "note: site-url `{base}` is a path, not an absolute address: the 404 page's links start from it, but no sitemap.xml, canonical link or og:url is written (give `https://…` for them)"
        );
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}
