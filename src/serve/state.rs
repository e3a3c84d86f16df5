//! What the server shares between the watcher and the HTTP handlers: the last
//! good build, the current error if the last save broke it, and a channel
//! that tells open pages what changed.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::render::Output;

/// A message to open pages.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    /// These site paths changed; pages showing one of them reload (a
    /// stylesheet is swapped in place).
    Changed(Vec<String>),
    /// The last save broke the build: the diagnostics, as plain text.
    Failed(String),
}

/// The state of the served site.
pub struct State {
    site: RwLock<Arc<Output>>,
    error: RwLock<Option<String>>,
    updates: broadcast::Sender<Update>,
    version: AtomicU64,
}

impl State {
    /// A state serving `output`.
    pub fn new(output: Output) -> Arc<State> {
        let (updates, _) = broadcast::channel(64);
        Arc::new(State {
            site: RwLock::new(Arc::new(output)),
            error: RwLock::new(None),
            updates,
            version: AtomicU64::new(1),
        })
    }

    /// The number of the build being served; it grows with each good build.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// The site as last built successfully.
    pub fn site(&self) -> Arc<Output> {
        self.site.read().map(|s| Arc::clone(&s)).unwrap_or_default()
    }

    /// The diagnostics of the failed build, if the last build failed.
    pub fn error(&self) -> Option<String> {
        self.error.read().ok().and_then(|e| e.clone())
    }

    /// Subscribes to updates.
    pub fn subscribe(&self) -> broadcast::Receiver<Update> {
        self.updates.subscribe()
    }

    /// Installs a new good build and tells pages what changed. The message
    /// goes out only after the new site is in place.
    pub fn publish(&self, output: Output) -> Vec<String> {
        let changed = {
            let mut site = match self.site.write() {
                Ok(s) => s,
                Err(poisoned) => poisoned.into_inner(),
            };
            let changed = changed_paths(&site, &output);
            *site = Arc::new(output);
            if !changed.is_empty() {
                self.version.fetch_add(1, Ordering::SeqCst);
            }
            changed
        };
        let had_error = self
            .error
            .write()
            .map(|mut e| e.take().is_some())
            .unwrap_or(false);
        if !changed.is_empty() || had_error {
            let _ = self.updates.send(Update::Changed(changed.clone()));
        }
        changed
    }

    /// Keeps the last good build and shows `diagnostics` on every open page.
    pub fn fail(&self, diagnostics: String) {
        if let Ok(mut e) = self.error.write() {
            *e = Some(diagnostics.clone());
        }
        let _ = self.updates.send(Update::Failed(diagnostics));
    }
}

/// Paths whose bytes differ between two builds, or that exist in only one.
fn changed_paths(old: &Output, new: &Output) -> Vec<String> {
    let keys: BTreeSet<&String> = old.files.keys().chain(new.files.keys()).collect();
    keys.into_iter()
        .filter(|k| match (old.files.get(*k), new.files.get(*k)) {
            // A page that was not rendered again is the same allocation.
            (Some(a), Some(b)) => !(a.as_ptr() == b.as_ptr() && a.len() == b.len()) && a != b,
            (a, b) => a != b,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_pages_are_announced_and_errors_clear() {
        let state = State::new(Output::of(&[("a.html", "A"), ("b.html", "B")]));
        let mut rx = state.subscribe();
        state.fail("content/a.md:1:1: error: x".into());
        assert!(matches!(rx.try_recv(), Ok(Update::Failed(_))));
        assert_eq!(state.site().files["a.html"], &b"A"[..]);
        let changed = state.publish(Output::of(&[
            ("a.html", "A2"),
            ("b.html", "B"),
            ("c.html", "C"),
        ]));
        assert_eq!(changed, vec!["a.html", "c.html"]);
        assert_eq!(
            rx.try_recv().unwrap(),
            Update::Changed(vec!["a.html".into(), "c.html".into()])
        );
        assert!(state.error().is_none());
    }
}
