//! The command line, in the style of mdBook and Zola.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// glossator builds annotated commentary editions: a paper, its footnotes,
/// the instruments it cites and comparisons of their clauses, cross-linked
/// into a static HTML site that also reads offline.
#[derive(Parser, Debug)]
#[command(name = "glossator", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the time each stage of the build took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the edition into its output folder (`site/` unless book.toml says otherwise).
    ///
    /// The new site replaces the old one only when the whole build succeeded:
    /// a failed build leaves the previous site as it was.
    Build {
        /// The edition folder (holding book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write the site here instead of `[build] build-dir`.
        #[arg(short = 'd', long)]
        dest_dir: Option<PathBuf>,
        /// Write the whole edition as one self-contained HTML file instead of a
        /// site: styles, scripts, search and notes inline, links within the file.
        #[arg(long, value_name = "OUT.html", conflicts_with = "dest_dir")]
        single_file: Option<PathBuf>,
    },
    /// Check the edition as a build would, writing nothing.
    ///
    /// Exits with a non-zero status when there are errors (or, with --strict,
    /// citations that could not be resolved or are ambiguous).
    Check {
        /// The edition folder (holding book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on citations that could not be resolved or are ambiguous.
        #[arg(long)]
        strict: bool,
    },
    /// Serve the edition for live preview: rebuild on every save and update the browser.
    ///
    /// The site is built into memory (the published output folder is left alone)
    /// and served on 127.0.0.1. A save that breaks the build keeps the last good
    /// build in service and shows the error over the page.
    Serve {
        /// The edition folder (holding book.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on. Anything but a loopback address exposes
        /// the edition to the network.
        #[arg(short = 'b', long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the edition in the browser once serving.
        #[arg(long)]
        open: bool,
        /// Look for changes by polling instead of the system's file events
        /// (for network drives, WSL's /mnt, some containers). glossator falls
        /// back to polling by itself when the system's events fail.
        #[arg(long)]
        poll: bool,
    },
    /// Create a small working edition to start from.
    Init {
        /// Where to create it (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

/// Output formats for `check`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: `file:line:col: error: ...` with the source line.
    Human,
    /// For machines: one JSON document with every diagnostic.
    Json,
}
