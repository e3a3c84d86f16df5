//! Results kept from one build for the next, each under a key: the hash of
//! the input of the step that made it. `serve` keeps them so that a save
//! redoes only the work whose inputs changed; a one-off build uses
//! [`Memo::off`], which keeps nothing and asks for no keys.
//!
//! A key that missed an input would hand back a stale result. So a cached
//! step is a [`Step`]: a value holding everything the step reads, whose
//! [`Step::run`] is the step. It takes nothing beside `self` (no `&Edition`),
//! so whatever it reads is a field, and the key is the hash of those fields:
//! an input cannot be read without being hashed. Edition-wide inputs that
//! every page's step reads are hashed once per build, as a [`Keyed`].
//!
//! Two checks hold the memos to it. `tests/integration/incremental.rs`
//! compares rebuilds through the memos with fresh builds, byte for byte,
//! after every kind of edit. And in verify mode ([`VERIFY_VAR`]`=1`, or
//! [`Memo::verifying`], which those tests use) every hit is run again and
//! compared with what was kept, as rustc's incremental verification does: a
//! difference is a key that misses an input, and panics, naming the step and
//! the page.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3Default;

/// The key of a kept result: a 128-bit hash of the step's input.
pub type Key = u128;

/// The environment variable that turns verify mode on for every memo of the
/// process (`GLOSSATOR_VERIFY_CACHE=1 glossator serve`): each hit is
/// recomputed and compared with the result kept. Read once.
pub const VERIFY_VAR: &str = "GLOSSATOR_VERIFY_CACHE";

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

/// The key of `value`.
pub fn key_of(value: &(impl Hash + ?Sized)) -> Key {
    let mut h = KeyHasher::new();
    value.hash(&mut h);
    h.key()
}

/// A step whose results a [`Memo`] keeps: `self` is everything the step
/// reads, and [`Step::run`], the step, reads nothing else. The memo's key
/// for a result is the hash of `self`, so the fields of an implementing
/// struct are the step's inputs and its `Hash` (derived, or written with
/// every field destructured) their key.
pub trait Step: Hash {
    /// What verify mode's report calls the step ("rendering").
    const NAME: &'static str;
    /// What the step makes; compared in verify mode.
    type Output: Clone + PartialEq;
    /// What it may fail with: never kept, so the next build runs it again.
    type Error;
    /// The step.
    fn run(&self) -> Result<Self::Output, Self::Error>;
}

/// An edition-wide input of a per-page [`Step`], hashed once per build:
/// hashing it for every page would cost the pages times its size. It hashes
/// as its key, which [`Memo::keyed`], its one constructor, computes from
/// the very value it stores; the value cannot be changed afterwards (there
/// is no `DerefMut`), so the key cannot come to stand for other data.
pub struct Keyed<T> {
    /// `None` when made for a memo that keeps nothing (and so never asks).
    key: Option<Key>,
    value: T,
}

impl<T> Deref for Keyed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Hash for Keyed<T> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let key = self
            .key
            .expect("a value keyed for a memo that keeps nothing was hashed for one that keeps");
        key.hash(h);
    }
}

/// Hashes the `Debug` form of a value, fed to the hasher without building
/// the string: for the configuration, whose many types need not all be
/// `Hash`. Complete as long as their `Debug` shows every field, which the
/// derived one does.
pub struct ByDebug<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> Hash for ByDebug<'_, T> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        struct Feed<'a, H>(&'a mut H);
        impl<H: Hasher> fmt::Write for Feed<'_, H> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0.write(s.as_bytes());
                Ok(())
            }
        }
        let _ = write!(Feed(h), "{:?}", self.0);
    }
}

/// Results by name (a page's path), each under the key it was made with.
pub struct Memo<T> {
    entries: HashMap<String, (Key, T)>,
    on: bool,
    /// Every hit is run again and compared with the result kept.
    verify: bool,
    reused: usize,
}

/// Whether [`VERIFY_VAR`] asks for verify mode.
fn verify_from_env() -> bool {
    static VERIFY: OnceLock<bool> = OnceLock::new();
    *VERIFY.get_or_init(|| std::env::var(VERIFY_VAR).as_deref() == Ok("1"))
}

impl<T> Default for Memo<T> {
    /// A memo that keeps results, verifying its hits if [`VERIFY_VAR`] says so.
    fn default() -> Self {
        Memo {
            entries: HashMap::new(),
            on: true,
            verify: verify_from_env(),
            reused: 0,
        }
    }
}

impl<T: Clone + PartialEq> Memo<T> {
    /// A memo that keeps nothing.
    pub fn off() -> Memo<T> {
        Memo {
            on: false,
            verify: false,
            ..Memo::default()
        }
    }

    /// A memo that keeps results and runs again every step whose result it
    /// hands back, panicking when the two differ (see [`VERIFY_VAR`]).
    pub fn verifying() -> Memo<T> {
        Memo {
            verify: true,
            ..Memo::default()
        }
    }

    /// Whether results are kept (and keys therefore worth computing).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// `value` with its key, for the steps of this build: computed only
    /// when this memo keeps results.
    pub fn keyed<V: Hash>(&self, value: V) -> Keyed<V> {
        Keyed {
            key: self.on.then(|| key_of(&value)),
            value,
        }
    }

    /// The result of the infallible step `input` for `name`, with its key:
    /// the one kept under the same key if there is one, else a new one.
    pub fn run<S: Step<Output = T, Error = Infallible>>(&self, name: &str, input: &S) -> (Key, T) {
        match self.try_run(name, input) {
            Ok(done) => done,
            Err(never) => match never {},
        }
    }

    /// [`Memo::run`] for a step that may fail.
    ///
    /// # Panics
    ///
    /// In verify mode, when the step run again does not give the result
    /// kept under its key: the key misses something the step reads.
    pub fn try_run<S: Step<Output = T>>(
        &self,
        name: &str,
        input: &S,
    ) -> Result<(Key, T), S::Error> {
        if !self.on {
            return input.run().map(|result| (0, result));
        }
        let key = key_of(input);
        let Some((_, kept)) = self.entries.get(name).filter(|(k, _)| *k == key) else {
            return input.run().map(|result| (key, result));
        };
        if self.verify {
            let agrees = input.run().is_ok_and(|fresh| fresh == *kept);
            assert!(
                agrees,
                "cache verification: the {} of {name} kept under an unchanged key differs from \
                 one made afresh; the step reads something its input does not hold",
                S::NAME
            );
        }
        Ok((key, kept.clone()))
    }

    /// Keeps this build's results (and only those), `names[i]` the name of
    /// `results[i]`, and hands them back.
    pub fn keep(&mut self, names: impl Iterator<Item = String>, results: Vec<(Key, T)>) -> Vec<T> {
        if !self.on {
            return results.into_iter().map(|(_, r)| r).collect();
        }
        let out = results.iter().map(|(_, r)| r.clone()).collect();
        let entries: HashMap<String, (Key, T)> = names.zip(results).collect();
        // A result under the key it was kept with is one a run handed out.
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

    /// Forgets every result (after a build that may have left the memo
    /// half-updated), keeping whether it keeps and verifies.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.reused = 0;
    }

    /// Replaces the result kept for `name` (under its key) with `f` of it:
    /// a stale entry, for the tests of verify mode.
    #[cfg(test)]
    pub(crate) fn tamper(&mut self, name: &str, f: impl FnOnce(&mut T)) {
        let (_, kept) = self
            .entries
            .get_mut(name)
            .expect("a result kept for this name");
        f(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A step that counts its runs: the length of a word, or no word at all.
    #[derive(Hash)]
    struct Length<'a> {
        word: &'a str,
        runs: Runs<'a>,
    }

    /// Not an input: it counts the runs and hashes as nothing.
    struct Runs<'a>(&'a Cell<usize>);

    impl Hash for Runs<'_> {
        fn hash<H: Hasher>(&self, _: &mut H) {}
    }

    impl Step for Length<'_> {
        const NAME: &'static str = "length";
        type Output = usize;
        type Error = &'static str;
        fn run(&self) -> Result<usize, &'static str> {
            self.runs.0.set(self.runs.0.get() + 1);
            match self.word.len() {
                0 => Err("no word"),
                n => Ok(n),
            }
        }
    }

    /// Runs `word` through `memo` for `name` and keeps only that result.
    fn build(
        memo: &mut Memo<usize>,
        names: &[&str],
        words: &[&str],
        runs: &Cell<usize>,
    ) -> Vec<usize> {
        let results = names
            .iter()
            .zip(words)
            .map(|(name, word)| {
                memo.try_run(
                    name,
                    &Length {
                        word,
                        runs: Runs(runs),
                    },
                )
                .unwrap()
            })
            .collect();
        memo.keep(names.iter().map(|n| n.to_string()), results)
    }

    #[test]
    fn results_come_back_only_under_their_input() {
        let runs = Cell::new(0);
        let mut memo = Memo {
            verify: false,
            ..Memo::default()
        };
        assert_eq!(build(&mut memo, &["a", "b"], &["x", "yy"], &runs), [1, 2]);
        assert_eq!((runs.get(), memo.reused()), (2, 0));
        // Next build: `a` unchanged, `b`'s input changed, `c` new.
        let out = build(&mut memo, &["a", "b", "c"], &["x", "zzz", "w"], &runs);
        assert_eq!(out, [1, 3, 1]);
        assert_eq!((runs.get(), memo.reused()), (4, 1), "only `a` was reused");
        // The same input under another name is not that name's result.
        build(&mut memo, &["d"], &["x"], &runs);
        assert_eq!((runs.get(), memo.reused()), (5, 0));
        // Only the last build's results are kept.
        build(&mut memo, &["a"], &["x"], &runs);
        assert_eq!((runs.get(), memo.reused()), (6, 0));
    }

    #[test]
    fn a_failure_is_not_kept() {
        let runs = Cell::new(0);
        let memo: Memo<usize> = Memo::default();
        let empty = Length {
            word: "",
            runs: Runs(&runs),
        };
        assert_eq!(memo.try_run("a", &empty), Err("no word"));
        assert_eq!(memo.try_run("a", &empty), Err("no word"));
        assert_eq!(runs.get(), 2);
    }

    #[test]
    fn an_off_memo_keeps_nothing_and_computes_no_keys() {
        let runs = Cell::new(0);
        let mut memo = Memo::off();
        assert!(!memo.is_on());
        assert_eq!(build(&mut memo, &["a"], &["x"], &runs), [1]);
        assert_eq!(build(&mut memo, &["a"], &["x"], &runs), [1]);
        assert_eq!((runs.get(), memo.reused()), (2, 0));
        assert!(memo.keyed("edition-wide").key.is_none());
    }

    #[test]
    fn verify_mode_runs_every_hit_again() {
        let runs = Cell::new(0);
        let mut memo = Memo::verifying();
        build(&mut memo, &["a"], &["x"], &runs);
        assert_eq!(build(&mut memo, &["a"], &["x"], &runs), [1]);
        assert_eq!(
            (runs.get(), memo.reused()),
            (2, 1),
            "the hit ran again, and agreed"
        );
    }

    #[test]
    fn verify_mode_catches_a_stale_result() {
        let runs = Cell::new(0);
        let mut memo = Memo::verifying();
        build(&mut memo, &["a"], &["x"], &runs);
        // What a key missing an input would keep: a result its input no
        // longer gives.
        memo.tamper("a", |kept| *kept = 7);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            memo.try_run(
                "a",
                &Length {
                    word: "x",
                    runs: Runs(&runs),
                },
            )
        }));
        let message = caught.expect_err("a stale hit panics");
        let message = message
            .downcast_ref::<String>()
            .expect("a formatted message");
        assert!(message.contains("the length of a "), "{message}");
        // Without verify mode the same stale entry is handed out.
        memo.verify = false;
        let stale = memo.try_run(
            "a",
            &Length {
                word: "x",
                runs: Runs(&runs),
            },
        );
        assert_eq!(stale.map(|(_, r)| r), Ok(7));
    }

    #[test]
    fn a_keyed_value_hashes_as_the_key_of_what_it_holds() {
        let memo: Memo<usize> = Memo::default();
        let keyed = memo.keyed(("pages", 3));
        assert_eq!(key_of(&keyed), key_of(&key_of(&("pages", 3))));
        assert_ne!(key_of(&keyed), key_of(&memo.keyed(("pages", 4))));
        assert_eq!(*keyed, ("pages", 3));
    }

    #[test]
    fn by_debug_hashes_what_debug_shows() {
        let key = |title: &str| key_of(&ByDebug(&[Some(title), None]));
        assert_eq!(key("a"), key("a"));
        assert_ne!(key("a"), key("b"));
    }
}
