//! The one unwinding boundary: a panic anywhere in the pipeline becomes an "internal error"
//! diagnostic naming the file being processed, instead of a crash (`build`) or a dead rebuild
//! thread (`serve`).
//!
//! Each stage's per-file work says which file it is on with [`processing`]. The panic hook,
//! installed once, records the message, where in glossator it panicked and that file, and keeps
//! quiet on a thread inside [`catch`] or working on a file ([`catch`] turns the record into the
//! diagnostic). Any other panic (a test's own assertion, say) goes to the hook that was there
//! before.
//!
//! For testing the boundary, `GLOSSATOR_PANIC_ON=FILE` makes glossator panic when it starts on
//! `FILE` (a path as diagnostics print it, such as `content/chapter.md`).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, Once, OnceLock};

use crate::diag::Diagnostic;

thread_local! {
    /// The file this thread is working on, if any.
    static CURRENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

thread_local! {
    /// Whether this thread is inside [`catch`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// The first panic of a guarded run: message, place in the code, file being processed.
static CAUGHT: Mutex<Option<Caught>> = Mutex::new(None);

struct Caught {
    message: String,
    at: String,
    file: Option<String>,
}

/// How an internal error's message starts.
pub const INTERNAL_ERROR: &str = "internal error";

/// Marks this thread as working on `file` until the returned guard is dropped.
pub fn processing(file: &str) -> Processing {
    let before = CURRENT.with(|c| c.replace(Some(file.to_string())));
    let on = Processing { before };
    if panic_on().is_some_and(|f| f == file) {
        panic!("GLOSSATOR_PANIC_ON asked for a panic on {file}");
    }
    on
}

/// Restores the file the thread was on before (stages nest: a page inside a build).
pub struct Processing {
    before: Option<String>,
}

impl Drop for Processing {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = self.before.take());
    }
}

fn panic_on() -> Option<&'static str> {
    static PANIC_ON: OnceLock<Option<String>> = OnceLock::new();
    PANIC_ON
        .get_or_init(|| std::env::var("GLOSSATOR_PANIC_ON").ok())
        .as_deref()
}

/// Runs `work`; a panic inside it comes back as an internal-error diagnostic.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    install_hook();
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.set(outer);
    result.map_err(|payload| {
        let caught = CAUGHT.lock().unwrap_or_else(|e| e.into_inner()).take();
        let message = caught.as_ref().map_or_else(
            || payload_text(payload.as_ref()).to_string(),
            |c| c.message.clone(),
        );
        internal_error(message, caught)
    })
}

fn internal_error(message: String, caught: Option<Caught>) -> Diagnostic {
    let (file, at) = match caught {
        Some(Caught { file, at, .. }) => (file, at),
        None => (None, String::from("an unknown place")),
    };
    let help = "this is a bug in glossator, not in the edition: please report it with this message \
                and the file named; nothing was written, and the last site is as it was";
    let text = format!("{INTERNAL_ERROR}: glossator panicked ({message}, at {at})");
    match file {
        Some(file) => Diagnostic::file_error(format!("{text} while processing this file"), file),
        None => Diagnostic::file_error(text, "glossator"),
    }
    .with_help(help)
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            let on_file = CURRENT.with(|c| c.borrow().is_some());
            if !GUARDED.get() && !on_file {
                return previous(info);
            }
            let caught = Caught {
                message: payload_text(info.payload()).to_string(),
                at: info.location().map_or_else(
                    || "an unknown place".to_string(),
                    |l| format!("{}:{}", l.file(), l.line()),
                ),
                file: CURRENT.with(|c| c.borrow().clone()),
            };
            let mut slot = CAUGHT.lock().unwrap_or_else(|e| e.into_inner());
            slot.get_or_insert(caught);
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_file() {
        let err = catch(|| {
            let _on = processing("content/x.md");
            let v: Vec<u8> = Vec::new();
            v[3]
        })
        .unwrap_err();
        assert!(err.is_error());
        let text = format!("{err:?}");
        assert!(text.contains("content/x.md"), "{text}");
        assert!(text.contains("internal error"), "{text}");
        assert!(text.contains("index out of bounds"), "{text}");
    }

    #[test]
    fn no_panic_returns_the_value() {
        assert_eq!(catch(|| 7).unwrap(), 7);
        CURRENT.with(|c| assert!(c.borrow().is_none()));
    }
}
