//! glossator: a static-site generator for annotated commentary editions.
//!
//! The pipeline, one module per stage, each handing a typed value to the next:
//!
//! ```text
//! load (Sources) → parse (Document per file) → resolve (Edition)
//!   → render (Output, in memory) → write (disk)
//! ```
//!
//! Every stage reports bad input as [`diag::Diagnostic`]s rather than
//! stopping, so one run shows every problem. [`compile`] runs the pure part
//! of the pipeline; [`build`] also writes the site, each page as it is
//! rendered (see [`write::Writer`]).

#![forbid(unsafe_code)]

pub mod config;
pub mod diag;
pub(crate) mod diff;
pub mod i18n;
pub mod init;
pub mod load;
pub(crate) mod memo;
pub(crate) mod panic;
pub mod parse;
pub mod render;
pub mod resolve;
mod script_json;
pub mod serve;
pub(crate) mod strict_toml;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

use config::Config;
use diag::{Diagnostic, SourceMap};
use render::Output;

/// The result of running the pipeline up to (not including) writing.
pub struct Compiled {
    /// Every file a diagnostic may point into.
    pub map: SourceMap,
    /// Everything found, in the order found.
    pub diags: Vec<Diagnostic>,
    /// The configuration, when `book.toml` could be read.
    pub config: Option<Config>,
    /// The site, when there were no errors.
    pub output: Option<Output>,
    /// Counts for the summary line.
    pub stats: Stats,
    /// Every file an include directive named, relative to the edition
    /// folder: what `serve` watches besides the edition's own folders.
    pub included: std::collections::BTreeSet<String>,
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Pages in the edition.
    pub pages: usize,
    /// Pages taken unchanged from an earlier build (by [`recompile`]).
    pub reused: usize,
    /// Footnote references.
    pub notes: usize,
    /// Size of the search index in bytes.
    pub search_index: usize,
    /// Time taken.
    pub elapsed: Duration,
    /// Time taken by each stage, for `-v`.
    pub stages: [(&'static str, Duration); 4],
}

impl Stats {
    /// "load 3 ms, parse 5 ms, …", for `-v`.
    pub fn stage_times(&self) -> String {
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(s, d)| format!("{s} {} ms", d.as_millis()))
            .collect();
        stages.join(", ")
    }
}

impl Compiled {
    /// A run that ended in an internal error (see [`panic`]).
    pub fn failed(internal: Diagnostic) -> Compiled {
        Compiled {
            map: SourceMap::default(),
            diags: vec![internal],
            config: None,
            output: None,
            stats: Stats::default(),
            included: Default::default(),
        }
    }

    /// The internal error a panic became, if the run ended in one (tests that feed arbitrary
    /// input require that none does).
    pub fn internal_error(&self) -> Option<&Diagnostic> {
        self.diags
            .iter()
            .find(|d| d.message.starts_with(panic::INTERNAL_ERROR))
    }

    /// Number of errors found.
    pub fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings found.
    pub fn warnings(&self) -> usize {
        self.diags.iter().filter(|d| d.is_warning()).count()
    }
}

/// Loads, parses, resolves and renders the edition at `root`. Nothing is
/// written; `dest` only matters for checking the output folder is safe.
pub fn compile(root: &Path, dest: Option<&Path>) -> Compiled {
    compile_with(root, dest, false)
}

/// [`compile`], also rendering the whole edition as one file when
/// `single_file` is set (`build --single-file`).
pub fn compile_with(root: &Path, dest: Option<&Path>, single_file: bool) -> Compiled {
    run(root, dest, single_file, &mut Cache::off(), None).0
}

/// What [`build`] did.
pub struct Built {
    /// The pipeline's result; its output holds what was not written while
    /// rendering (the pages were).
    pub compiled: Compiled,
    /// The write, when the edition had no errors: an error when the site
    /// could not be written, and the old site stays.
    pub written: Option<anyhow::Result<write::WriteStats>>,
}

/// Builds the edition at `root` into its output folder (`dest`, the
/// `--dest-dir`, or the configuration's): [`compile`] and the write, with
/// each page written on the core that rendered it. `waiting` is called once
/// if another build is writing there.
pub fn build(root: &Path, dest: Option<&Path>, waiting: &dyn Fn(&Path)) -> Built {
    let (compiled, written) = run(root, dest, false, &mut Cache::off(), Some(waiting));
    Built { compiled, written }
}

/// What a long-running process keeps from one build for the next (`serve`):
/// the parse of every file, resolve's scan of every page and the rendering
/// of every page, each under a hash of its inputs. A rebuild with it gives
/// the same output as a fresh [`compile`], having redone only the work whose
/// inputs changed.
#[derive(Default)]
pub struct Cache {
    parsed: parse::Cache,
    resolved: resolve::Cache,
    rendered: render::Cache,
}

impl Cache {
    /// For a one-off build: nothing is kept and no keys are computed.
    fn off() -> Cache {
        Cache {
            parsed: parse::Cache::off(),
            resolved: resolve::Cache::off(),
            rendered: render::Cache::off(),
        }
    }

    /// A cache in verify mode whatever the environment says (see
    /// [`memo::VERIFY_VAR`]): every result it hands back is made again and
    /// compared, and a difference, a key that misses an input, panics and
    /// so fails the build with an internal error naming the step and the
    /// page. Slower than a fresh build; for the tests that prove the caches.
    pub fn verifying() -> Cache {
        Cache {
            parsed: parse::Cache::verifying(),
            resolved: resolve::Cache::verifying(),
            rendered: render::Cache::verifying(),
        }
    }

    /// Forgets every result, keeping whether results are kept and verified.
    fn clear(&mut self) {
        self.parsed.clear();
        self.resolved.clear();
        self.rendered.clear();
    }
}

/// [`compile`] again, reusing the parses and pages of earlier builds that
/// `cache` holds.
pub fn recompile(root: &Path, cache: &mut Cache) -> Compiled {
    run(root, None, false, cache, None).0
}

/// The pipeline inside the unwinding boundary: a panic becomes an internal-error diagnostic, and
/// `cache`, which the panic may have left half-updated, starts again empty.
/// `to_disk`, when given, is the lock's `waiting`: the site is written as
/// it is rendered, and the write's result is returned with the rest.
fn run(
    root: &Path,
    dest: Option<&Path>,
    single_file: bool,
    cache: &mut Cache,
    to_disk: Option<&dyn Fn(&Path)>,
) -> (Compiled, Option<anyhow::Result<write::WriteStats>>) {
    let started = Instant::now();
    panic::catch(|| run_unguarded(root, dest, single_file, cache, to_disk)).unwrap_or_else(
        |internal| {
            cache.clear();
            let mut failed = Compiled::failed(internal);
            failed.stats.elapsed = started.elapsed();
            (failed, None)
        },
    )
}

fn run_unguarded(
    root: &Path,
    dest: Option<&Path>,
    single_file: bool,
    cache: &mut Cache,
    to_disk: Option<&dyn Fn(&Path)>,
) -> (Compiled, Option<anyhow::Result<write::WriteStats>>) {
    let started = Instant::now();
    let mut map = SourceMap::default();
    let mut diags = Vec::new();
    let Some(sources) = load::load(root, dest, &mut map, &mut diags) else {
        let compiled = Compiled {
            map,
            diags,
            config: None,
            output: None,
            stats: Stats::default(),
            included: Default::default(),
        };
        return (compiled, None);
    };
    let loaded = started.elapsed();
    let parsed = parse::parse_all(
        &sources.pages,
        &map,
        parse::Dialect::of(&sources.config),
        &mut cache.parsed,
    );
    let mut docs = Vec::with_capacity(parsed.len());
    for (doc, d) in parsed {
        docs.push(doc);
        diags.extend(d);
    }
    let config = sources.config.clone();
    let included = sources.included.clone();
    let parsed_at = started.elapsed();
    let edition = resolve::resolve(sources, docs, &map, &mut cache.resolved, &mut diags);
    let resolved = started.elapsed();
    let has_errors = diags.iter().any(Diagnostic::is_error);
    // Begun before rendering, so that each page is written as it is made;
    // dropped unfinished (a template failed), it leaves the old site.
    let mut writer = None;
    let mut written = None;
    if let (false, Some(waiting)) = (has_errors, to_disk) {
        match write::Writer::begin(&edition.config.build_dir, waiting) {
            Ok(w) => writer = Some(w),
            Err(e) => written = Some(Err(e)),
        }
    }
    let output = if has_errors || written.is_some() {
        None
    } else {
        use render::Renderer as _;
        let context = render::RenderContext {
            edition: &edition,
            map: &map,
            sink: writer.as_ref().map(|w| w as &dyn render::Sink),
        };
        let mut html = render::Html {
            single_file,
            cache: &mut cache.rendered,
        };
        html.render(&context, &mut diags)
    };
    let rendered = started.elapsed();
    let (pages, notes) = (edition.pages.len(), edition.note_count);
    // The edition's memory goes while the rest of the site is written: on a
    // thread of its own, as freeing it is tens of milliseconds of one core
    // at 5,000 chapters, and writing allocates little.
    let freeing = std::thread::Builder::new()
        .name("glossator-free".into())
        .spawn(move || drop(edition));
    if let (Some(writer), Some(output)) = (writer, &output) {
        written = Some(writer.finish(output));
    }
    if let Ok(freeing) = freeing {
        // A panic while freeing is the pipeline's like any other.
        if let Err(panic) = freeing.join() {
            std::panic::resume_unwind(panic);
        }
    }
    let search_index = output.as_ref().map_or(0, |o| o.search_index);
    let stages = [
        ("load", loaded),
        ("parse", parsed_at - loaded),
        ("resolve", resolved - parsed_at),
        ("render", rendered - resolved),
    ];
    let stats = Stats {
        stages,
        search_index,
        pages,
        reused: if output.is_some() {
            cache.rendered.reused()
        } else {
            0
        },
        notes,
        elapsed: started.elapsed(),
    };
    let compiled = Compiled {
        map,
        diags,
        config: Some(config),
        output,
        stats,
        included,
    };
    (compiled, written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A result kept under its key that its input no longer gives, which is
    /// what a key missing an input keeps: a verifying rebuild fails with an
    /// internal error naming the step and the page, writes nothing, and
    /// starts the cache again.
    #[test]
    fn a_stale_cached_result_fails_a_verifying_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Verified\"\n").unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(
            root.join("content/SUMMARY.md"),
            "# Summary\n\n- [Chapter](chapter.md)\n",
        )
        .unwrap();
        std::fs::write(root.join("content/chapter.md"), "# Chapter\n\nText.\n").unwrap();
        let mut cache = Cache::verifying();
        let first = recompile(root, &mut cache);
        assert!(first.output.is_some(), "{:?}", first.diags);
        let again = recompile(root, &mut cache);
        assert!(again.output.is_some() && again.internal_error().is_none());
        assert_eq!(
            again.stats.reused, 1,
            "the page came from the cache, verified"
        );

        cache.parsed.tamper("chapter.md", |(_, diags)| {
            diags.push(Diagnostic::file_error("stale", "content/chapter.md"))
        });
        let stale = recompile(root, &mut cache);
        let internal = stale.internal_error().expect("an internal error");
        assert!(stale.output.is_none(), "a failed build has no site");
        assert!(
            internal.message.contains("the parse of chapter.md"),
            "{}",
            internal.message
        );
        assert_eq!(internal.path.as_deref(), Some("content/chapter.md"));

        let mended = recompile(root, &mut cache);
        assert!(mended.output.is_some() && mended.internal_error().is_none());
        assert_eq!(mended.stats.reused, 0, "the failed build emptied the cache");
    }
}
