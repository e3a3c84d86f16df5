//! Watching the edition for saves.
//!
//! Folders are watched, not files, so editors that save by writing a new
//! file and renaming it (vim, JetBrains) are seen every time (notify#531).
//! Only creations, modifications, removals and renames count: a watcher that
//! also reacts to reads never goes idle (mdBook's native watcher). A burst of
//! events (one save, or a `git checkout` of many files) becomes one rebuild
//! once the tree has been quiet for a few tens of milliseconds. Editor
//! leftovers, hidden files and the output folder are never looked at. Files
//! the chapters include from elsewhere in the edition (an mdBook book's
//! `listings/`) are watched by name, as the last build found them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{Config, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::is_ignored;

/// How long the tree must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(30);
/// Past this many changed paths a save is a burst, waited on longer.
const BURST: usize = 20;
/// How long a burst must be quiet before its rebuild starts.
const QUIET_IN_BURST: Duration = Duration::from_millis(150);
/// How often the polling watcher looks.
const POLL_EVERY: Duration = Duration::from_millis(300);
/// The longest a rebuild waits for quiet during a stream of events.
const PATIENCE: Duration = Duration::from_millis(1000);

/// What to watch, and what to ignore.
pub struct Filter {
    /// The edition folder.
    pub root: PathBuf,
    /// Top-level names under the root that matter (`book.toml`, `content`,
    /// `templates`, `theme`, extra stylesheets).
    pub watched: Vec<String>,
    /// The output folder, never watched.
    pub build_dir: PathBuf,
    /// Files include directives name, relative to the root with `/` (found
    /// or not: creating a missing one is a change too).
    pub included: BTreeSet<String>,
}

impl Filter {
    /// Whether a change at `path` can change the site.
    pub fn matters(&self, path: &Path) -> bool {
        if path.starts_with(&self.build_dir) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let Some(first) = components.next() else {
            return false;
        };
        if !self.included.is_empty() {
            let rel = crate::load::rel_display(&self.root, path);
            if self.included.contains(&rel) {
                return true;
            }
        }
        if !self.watched.iter().any(|w| *w == first) {
            return false;
        }
        !rel.components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    }
}

/// A running watcher. Dropping it stops watching.
pub struct Watch {
    _watcher: Box<dyn Watcher + Send>,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    filter: Filter,
    /// Said once when native watching failed and polling took over.
    pub fell_back: Option<String>,
}

impl Watch {
    /// Starts watching `filter.root`: with the system's file events, or by
    /// polling when `poll` is set or the system's events are not available
    /// (a network drive, too few inotify watches): never silently deaf.
    pub fn start(filter: Filter, poll: bool) -> notify::Result<Watch> {
        let (tx, events) = mpsc::channel();
        let native_tx = tx.clone();
        let native = if poll {
            Err(notify::Error::generic("polling was asked for"))
        } else {
            RecommendedWatcher::new(move |e| drop(native_tx.send(e)), Config::default())
                .and_then(|mut w| w.watch(&filter.root, RecursiveMode::Recursive).map(|()| w))
        };
        let (watcher, fell_back): (Box<dyn Watcher + Send>, _) = match native {
            Ok(w) => (Box::new(w), None),
            Err(e) => {
                let config = Config::default()
                    .with_poll_interval(POLL_EVERY)
                    .with_compare_contents(true);
                let mut poller = PollWatcher::new(move |e| drop(tx.send(e)), config)?;
                poller.watch(&filter.root, RecursiveMode::Recursive)?;
                let why = if poll {
                    None
                } else {
                    Some(format!(
                        "native file watching failed ({e}); polling every 300 ms instead"
                    ))
                };
                (Box::new(poller), why)
            }
        };
        Ok(Watch {
            _watcher: watcher,
            events,
            filter,
            fell_back,
        })
    }

    /// Watches `included` (see [`Filter::included`]) from now on, instead of
    /// the files the last build included.
    pub fn set_included(&mut self, included: BTreeSet<String>) {
        self.filter.included = included;
    }

    /// Blocks until a save that matters, then until the tree is quiet.
    /// Returns the paths that changed, or `None` when the watcher stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        loop {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
            if !changed.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            // A burst of many files (a checkout, a folder moved) may pause
            // between files; waiting a little longer keeps it one rebuild.
            let quiet = if changed.len() > BURST {
                QUIET_IN_BURST
            } else {
                QUIET
            };
            match self.events.recv_timeout(quiet) {
                Ok(event) => self.collect(event, &mut changed),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
        let Ok(event) = event else { return };
        if !matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) {
            return;
        }
        changed.extend(event.paths.into_iter().filter(|p| self.filter.matters(p)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_edition_files_matter() {
        let filter = Filter {
            root: PathBuf::from("/ed"),
            watched: vec![
                "book.toml".into(),
                "content".into(),
                "templates".into(),
                "theme".into(),
            ],
            build_dir: PathBuf::from("/ed/site"),
            included: BTreeSet::new(),
        };
        assert!(filter.matters(Path::new("/ed/content/a.md")));
        assert!(filter.matters(Path::new("/ed/book.toml")));
        assert!(filter.matters(Path::new("/ed/theme/glossator.css")));
        for ignored in [
            "/ed/site/a.html",
            "/ed/content/.a.md.swp",
            "/ed/content/a.md~",
            "/ed/content/4913",
            "/ed/target/x",
            "/ed/content/_source/x.txt",
            "/ed/content/x___jb_tmp___",
        ] {
            assert!(!filter.matters(Path::new(ignored)), "{ignored}");
        }
    }

    #[test]
    fn included_files_outside_the_content_folder_matter() {
        let filter = Filter {
            root: PathBuf::from("/ed"),
            watched: vec!["book.toml".into(), "src".into()],
            build_dir: PathBuf::from("/ed/book"),
            included: ["listings/ch01/main.rs", "_shared/note.md", "book/x.md"]
                .into_iter()
                .map(String::from)
                .collect(),
        };
        assert!(filter.matters(Path::new("/ed/listings/ch01/main.rs")));
        // Named by a directive, so watched though `_` folders are not.
        assert!(filter.matters(Path::new("/ed/_shared/note.md")));
        for ignored in [
            "/ed/listings/ch01/other.rs",
            "/ed/listings/ch01/target/debug/main",
            "/ed/book/x.md",
            "/elsewhere/listings/ch01/main.rs",
        ] {
            assert!(!filter.matters(Path::new(ignored)), "{ignored}");
        }
    }
}
