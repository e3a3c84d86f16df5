//! Results kept from one build for the next, each under a key: a hash of
//! every input of the step that made it. `serve` keeps them so that a save
//! redoes only the work whose inputs changed; a one-off build uses
//! [`Memo::off`], which keeps nothing and asks for no keys.
//!
//! A key that misses an input would hand back a stale result, so every
//! memo's keys are tested the same way: `tests/incremental.rs` compares
//! rebuilds through the memos with fresh builds, byte for byte, after every
//! kind of edit.

use std::collections::HashMap;
use std::hash::Hasher;

use xxhash_rust::xxh3::Xxh3Default;

/// The key of a kept result: a 128-bit hash of the step's inputs.
pub type Key = u128;

/// What keys are made with: xxh3, 128 bits wide. Not a keyed hash like the
/// standard library's SipHash (no key here is anyone's attack target: a
/// collision could only show a stale page in the preview), several times
/// faster, and wide enough that two of a session's keys colliding is not a
/// practical worry.
#[derive(Default, Clone)]
pub struct KeyHasher(Xxh3Default);

impl KeyHasher {
    /// A hasher that has seen nothing yet.
    pub fn new() -> KeyHasher {
        KeyHasher::default()
    }

    /// The key of everything hashed so far.
    pub fn key(&self) -> Key {
        self.0.digest128()
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// Results by name (a page's path), each under the key it was made with.
pub struct Memo<T> {
    entries: HashMap<String, (Key, T)>,
    on: bool,
    reused: usize,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            entries: HashMap::new(),
            on: true,
            reused: 0,
        }
    }
}

impl<T: Clone> Memo<T> {
    /// A memo that keeps nothing.
    pub fn off() -> Memo<T> {
        Memo {
            on: false,
            ..Memo::default()
        }
    }

    /// Whether results are kept (and keys therefore worth computing).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// The result for `name` if it was made under `key`.
    pub fn get(&self, name: &str, key: Key) -> Option<T> {
        self.entries
            .get(name)
            .filter(|(k, _)| self.on && *k == key)
            .map(|(_, v)| v.clone())
    }

    /// Keeps this build's results (and only those), `names[i]` the name of
    /// `results[i]`, and hands them back.
    pub fn keep(&mut self, names: impl Iterator<Item = String>, results: Vec<(Key, T)>) -> Vec<T> {
        if !self.on {
            return results.into_iter().map(|(_, r)| r).collect();
        }
        let out = results.iter().map(|(_, r)| r.clone()).collect();
        let entries: HashMap<String, (Key, T)> = names.zip(results).collect();
        // A result under the key it was kept with is one `get` handed out.
        self.reused = entries
            .iter()
            .filter(|(name, (key, _))| self.entries.get(*name).is_some_and(|(k, _)| k == key))
            .count();
        self.entries = entries;
        out
    }

    /// How many results the last build took from the memo.
    pub fn reused(&self) -> usize {
        self.reused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> impl Iterator<Item = String> {
        n.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn results_come_back_only_under_their_key() {
        let mut memo = Memo::default();
        let out = memo.keep(names(&["a", "b"]), vec![(1, "A"), (2, "B")]);
        assert_eq!(out, ["A", "B"]);
        assert_eq!(memo.get("a", 1), Some("A"));
        assert_eq!(memo.get("a", 2), None, "another key");
        assert_eq!(memo.get("c", 1), None, "another name");
        // Next build: `a` unchanged, `b` made anew under a new key, `c` new.
        memo.keep(names(&["a", "b", "c"]), vec![(1, "A"), (3, "B2"), (4, "C")]);
        assert_eq!(memo.reused(), 1);
        assert_eq!(memo.get("b", 2), None, "the old result is gone");
        memo.keep(names(&["c"]), vec![(4, "C")]);
        assert_eq!(memo.get("a", 1), None, "only this build's results are kept");
    }

    #[test]
    fn an_off_memo_keeps_nothing() {
        let mut memo = Memo::off();
        assert!(!memo.is_on());
        assert_eq!(memo.keep(names(&["a"]), vec![(1, "A")]), ["A"]);
        assert_eq!(memo.get("a", 1), None);
        assert_eq!(memo.reused(), 0);
    }
}
