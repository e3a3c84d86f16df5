//! `glossator serve`: build into memory, serve it on the loopback interface,
//! rebuild on every save and tell open pages what changed.
//!
//! The served site is never written to disk (so the server cannot cause its
//! own rebuilds, and never touches the published `site/`). A save that breaks
//! the build leaves the last good build in service and shows the diagnostics
//! over every open page; the next good save clears them.

mod http;
mod inject;
pub mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

pub use http::{EVENTS, site_key};
use state::State;
use watch::{Filter, Watch};

use crate::Compiled;
use crate::diag::Diagnostic;
use crate::render::Output;

/// How to serve.
pub struct Options {
    /// The edition folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port (0 picks a free one).
    pub port: u16,
    /// Open the browser on the served edition.
    pub open: bool,
    /// Print only errors.
    pub quiet: bool,
    /// Print the time each stage of each build took.
    pub verbose: bool,
    /// Poll for changes instead of using the system's file events.
    pub poll: bool,
}

/// Runs the server until Ctrl-C.
pub fn serve(options: Options) -> Result<()> {
    let root = std::fs::canonicalize(&options.root)
        .with_context(|| format!("cannot open the edition folder {}", options.root.display()))?;
    // Bind first: a port in use is an error before anything else happens.
    let listener =
        TcpListener::bind(SocketAddr::new(options.bind, options.port)).with_context(|| {
            format!(
                "cannot listen on {}:{} (is another server using the port?)",
                options.bind, options.port
            )
        })?;
    let address = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let url = format!("http://{}/", display_address(address));

    let started = Instant::now();
    let mut cache = crate::Cache::default();
    let mut compiled = crate::recompile(&root, &mut cache);
    let state = State::new(Output::default());
    let config = compiled.config.clone();
    let elapsed = started.elapsed();
    let built = install(&state, &mut compiled);
    let mut terminal = Terminal {
        quiet: options.quiet,
        verbose: options.verbose,
        warnings: Vec::new(),
    };
    terminal.report(&compiled, built, elapsed, None);

    if options.bind.is_unspecified() || !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {address}: anyone who can reach this machine can read the edition and its drafts"
        );
    }
    let build_dir = config
        .as_ref()
        .map_or_else(|| root.join("site"), |c| c.build_dir.clone());
    let mut watched = vec![
        "book.toml".to_string(),
        "templates".to_string(),
        "theme".to_string(),
    ];
    if let Some(c) = &config {
        watched.push(
            crate::load::rel_display(&root, &c.src_dir)
                .split('/')
                .next()
                .unwrap_or("content")
                .to_string(),
        );
        watched.extend(
            c.html
                .additional_css
                .iter()
                .chain(&c.html.additional_js)
                .map(|p| p.split('/').next().unwrap_or(p).to_string()),
        );
    } else {
        watched.push("content".into());
    }
    let poll = options.poll;
    let mut watch = Watch::start(
        Filter {
            root: root.clone(),
            watched,
            build_dir,
            included: compiled.included.clone(),
        },
        poll,
    )
    .context("cannot watch the edition for changes")?;
    if let Some(why) = &watch.fell_back {
        eprintln!("warning: {why}");
    }
    // Said once everything is live: a save from now on is seen.
    if !options.quiet {
        println!("Serving {} at {url}  (Ctrl-C to stop)", root.display());
    }
    let rebuild_state = Arc::clone(&state);
    let rebuild_root = root.clone();
    std::thread::spawn(move || {
        while let Some(paths) = watch.next_change() {
            let started = Instant::now();
            // The pipeline has its own boundary; this one keeps the loop alive should serving
            // the result panic, so the next save is still seen.
            let step = crate::panic::catch(|| {
                let mut compiled = crate::recompile(&rebuild_root, &mut cache);
                let elapsed = started.elapsed();
                watch.set_included(std::mem::take(&mut compiled.included));
                // Pages reload first: printing many warnings takes a while.
                let built = install(&rebuild_state, &mut compiled);
                terminal.report(&compiled, built, elapsed, Some(&paths));
            });
            if let Err(internal) = step {
                cache = crate::Cache::default();
                let mut compiled = crate::Compiled::failed(internal);
                install(&rebuild_state, &mut compiled);
                terminal.report(&compiled, false, started.elapsed(), Some(&paths));
            }
        }
    });

    if options.open {
        open_browser(&url);
    }
    let access = http::Access {
        any_host: !options.bind.is_loopback(),
        bound: options.bind,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let router = http::router(state, access);
        tokio::select! {
            () = accept(listener, router, Limits::from_env()) => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        anyhow::Ok(())
    })?;
    if !options.quiet {
        println!("Stopped.");
    }
    Ok(())
}

/// How many connections the server holds at once and how long it waits for
/// a request's headers, so that idle or slow connections cannot take every
/// descriptor.
struct Limits {
    /// Connections served at once; one over is closed as soon as accepted.
    connections: usize,
    /// A connection that has not sent a whole request head this long after
    /// opening, or after its last answer, is closed.
    idle: Duration,
}

impl Limits {
    /// 1024 connections (a browser opens six and one update stream per tab),
    /// fewer when the process may open fewer files, and 20 s;
    /// `GLOSSATOR_SERVE_MAX_CONNECTIONS` and `GLOSSATOR_SERVE_IDLE_MS` change
    /// them (the tests use small ones).
    fn from_env() -> Limits {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
        let fitting = open_file_limit().map_or(1024, |n| n.saturating_sub(64).clamp(16, 1024));
        Limits {
            connections: var("GLOSSATOR_SERVE_MAX_CONNECTIONS")
                .map_or(fitting, |n| n.clamp(1, 1 << 20) as usize),
            idle: Duration::from_millis(var("GLOSSATOR_SERVE_IDLE_MS").unwrap_or(20_000).max(1)),
        }
    }
}

/// The soft limit on open files, where the system says (Linux).
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Accepts connections for ever, each served by hyper with the header-read
/// timeout of `limits` while fewer than its cap are open.
async fn accept(listener: tokio::net::TcpListener, router: axum::Router, limits: Limits) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors, say: wait for connections to close
            // rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let idle = limits.idle;
        tokio::spawn(async move {
            let _ = stream.set_nodelay(true);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

/// Serves a good build (taking it out of `compiled`), or keeps the last one
/// and shows the diagnostics. True for a good build.
fn install(state: &State, compiled: &mut Compiled) -> bool {
    match compiled.output.take() {
        Some(output) => {
            state.publish(output);
            true
        }
        None => {
            let text: String = compiled
                .diags
                .iter()
                .filter(|d| d.is_error())
                .map(|d| compiled.map.render(d))
                .collect();
            if state.site().files.is_empty() {
                state.publish(waiting_page());
            }
            state.fail(text);
            false
        }
    }
}

/// The page served when the edition has never built: the overlay on it shows
/// why, and it reloads by itself once a save fixes the edition.
fn waiting_page() -> Output {
    let html = b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The edition does not build yet</title></head><body><main><h1>The edition does not build yet</h1><p>The errors are shown above and in the terminal. This page reloads when a save fixes them.</p></main></body></html>\n";
    let mut output = Output::default();
    output
        .files
        .insert("index.html".into(), bytes::Bytes::from_static(html));
    output
}

/// What the terminal is told of each build.
struct Terminal {
    quiet: bool,
    verbose: bool,
    /// The warnings of the last build, printed in full once: a save that
    /// leaves them as they were says so in a line instead of scrolling the
    /// error the editor is fixing out of sight.
    warnings: Vec<Diagnostic>,
}

impl Terminal {
    fn report(
        &mut self,
        compiled: &Compiled,
        built: bool,
        elapsed: Duration,
        paths: Option<&[PathBuf]>,
    ) {
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = compiled
            .diags
            .iter()
            .filter(|d| !d.is_note())
            .partition(|d| d.is_error());
        let mut err: String = errors.iter().map(|d| compiled.map.render(d)).collect();
        let unchanged = warnings.iter().copied().eq(self.warnings.iter());
        if !self.quiet && !warnings.is_empty() {
            if unchanged {
                err.push_str(&format!(
                    "{} warning(s), as in the last build.\n",
                    warnings.len()
                ));
            } else {
                let mut repeats = crate::diag::Repeats::new(self.verbose);
                for d in &warnings {
                    repeats.render_into(&mut err, &compiled.map, d);
                }
                err.push_str(&repeats.summary());
            }
        }
        if !unchanged {
            self.warnings = warnings.into_iter().cloned().collect();
        }
        eprint!("{err}");
        if self.verbose {
            eprintln!("stages: {}", compiled.stats.stage_times());
        }
        let ms = elapsed.as_millis();
        match (built, paths) {
            (false, _) => eprintln!(
                "Build failed ({} error(s)); still serving the last good build.",
                compiled.errors()
            ),
            (true, Some(paths)) if !self.quiet => {
                let what = paths
                    .first()
                    .map(|p| {
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned()
                    })
                    .unwrap_or_default();
                let stats = &compiled.stats;
                println!(
                    "Rebuilt in {ms} ms after a change to {what}{} ({} of {} pages rendered again).",
                    if paths.len() > 1 {
                        format!(" and {} more", paths.len() - 1)
                    } else {
                        String::new()
                    },
                    stats.pages - stats.reused,
                    stats.pages,
                );
            }
            (true, None) if !self.quiet => {
                println!("Built {} pages in {ms} ms.", compiled.stats.pages)
            }
            _ => {}
        }
    }
}

fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", address.port()),
        _ => address.to_string(),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}
