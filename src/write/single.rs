//! Where `build --single-file OUT` may write: never onto the edition's
//! sources, and over an existing file only when glossator wrote it.
//!
//! A slip of the argument (`--single-file content/chapter.md`, or
//! `book.toml`) would otherwise replace a source with HTML. An export is
//! recognised by the generator tag every page carries in its head.

use std::fs::{self, File};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::config::{normalize, real_path};

/// What an export of glossator's says in its head.
const GENERATOR_TAG: &str = "<meta name=\"generator\" content=\"glossator";

/// How far into an existing file the tag is looked for: the head is at the
/// start, before the inlined styles and scripts.
const HEAD_BYTES: u64 = 64 * 1024;

/// Refuses `out` when it is, or is inside, one of `inputs` (from
/// `Config::inputs`), or names an existing file glossator did not write.
pub fn check_single_target(out: &Path, inputs: &[(PathBuf, String)]) -> Result<()> {
    let absolute = normalize(&std::env::current_dir().unwrap_or_default().join(out));
    let real = real_path(&absolute);
    for (path, what) in inputs {
        let path_real = real_path(path);
        if absolute.starts_with(path) || real.starts_with(&path_real) {
            let place = if absolute == *path || real == path_real {
                "is"
            } else {
                "is inside"
            };
            bail!(
                "refusing to write the single file to {}: it {place} {what}, which the build reads; choose a file outside the edition's sources, such as `edition.html`",
                out.display()
            );
        }
    }
    let Ok(meta) = fs::metadata(out) else {
        return Ok(());
    };
    if meta.is_dir() {
        bail!(
            "refusing to write the single file to {}: it is a folder; name a file, such as `{}`",
            out.display(),
            out.join("edition.html").display()
        );
    }
    let mut head = Vec::new();
    let read = File::open(out).and_then(|f| f.take(HEAD_BYTES).read_to_end(&mut head));
    if read.is_err() || !String::from_utf8_lossy(&head).contains(GENERATOR_TAG) {
        bail!(
            "refusing to replace {}: it exists and is not a single file glossator wrote (no `{GENERATOR_TAG} …\">` in its head); move it away or choose another file name",
            out.display()
        );
    }
    Ok(())
}
