//! Stage 5, write: the only stage that changes the disk.
//!
//! The new site is written beside the old one and swapped in once it is
//! complete ([`swap`]), so a failed or interrupted build never leaves a
//! half-written site. Files whose bytes did not change are hard-linked from
//! the old site instead of rewritten (their times stay as they were, and large
//! editions write only what changed). A build writes its pages while it
//! renders them ([`Writer`]): a large edition's site is never held in memory
//! whole. A folder is only ever removed when it
//! carries the marker a build left in it, what glossator did not write is
//! carried into the new site ([`carry`]), and one build at a time writes
//! beside a site ([`lock`]).

mod carry;
mod lock;
mod single;
mod swap;
mod writer;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::render::Output;

pub use single::check_single_target;
pub use writer::Writer;

/// The marker file in every site glossator built: it lists each file with a
/// hash of its bytes (128-bit xxh3, in hex). A manifest of another hash (an
/// older glossator's 64-bit one) matches nothing, so everything is written
/// once more.
pub const MARKER: &str = ".glossator-site";

/// What a write did.
#[derive(Debug, Default, Clone)]
pub struct WriteStats {
    /// Files written anew.
    pub written: usize,
    /// Files kept from the previous build.
    pub unchanged: usize,
    /// Files and folders glossator did not write, carried over from the
    /// previous site.
    pub carried: usize,
    /// The previous site, when it was replaced but could not be removed.
    pub leftover: Option<PathBuf>,
    /// How long finishing the site took: what was not written while the
    /// pages were rendered, the links, the manifest and the swap.
    pub elapsed: std::time::Duration,
}

/// Writes `output` to `dest`, replacing a previous build atomically.
/// `waiting` is called once if another build is writing there.
pub fn write(output: &Output, dest: &Path, waiting: impl FnOnce(&Path)) -> Result<WriteStats> {
    Writer::begin(dest, waiting)?.finish(output)
}

/// Writes one file atomically: a temporary file beside it, then a rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.glossator-new"));
    fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path)
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Where `dest` really is when it is a symbolic link.
fn follow_link(dest: &Path) -> Result<PathBuf> {
    if !fs::symlink_metadata(dest).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(dest.to_path_buf());
    }
    fs::canonicalize(dest).with_context(|| {
        format!(
            "{} is a symbolic link to a folder that does not exist; create the folder it points to, or remove the link",
            dest.display()
        )
    })
}

/// The hashes recorded by the build that made `dest`, or an error if `dest`
/// holds something glossator did not make.
fn previous_manifest(dest: &Path) -> Result<BTreeMap<String, u128>> {
    if !dest.exists() {
        return Ok(BTreeMap::new());
    }
    if !dest.is_dir() {
        bail!(
            "{} exists and is not a folder; choose another output folder",
            dest.display()
        );
    }
    let marker = dest.join(MARKER);
    match fs::read_to_string(&marker) {
        Ok(text) => Ok(text
            .lines()
            .filter_map(|l| l.split_once(' '))
            .filter_map(|(h, p)| Some((p.to_string(), u128::from_str_radix(h, 16).ok()?)))
            .collect()),
        Err(_)
            if fs::read_dir(dest)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false) =>
        {
            Ok(BTreeMap::new())
        }
        // mdBook's own build of the book (its `book.js`), where glossator
        // builds an mdBook book by default.
        Err(_) if dest.join("book.js").is_file() => bail!(
            "refusing to replace {}: it holds mdBook's build of the book, not glossator's (no {MARKER} in it); remove it (`mdbook clean`) or build elsewhere with --dest-dir",
            dest.display()
        ),
        Err(_) => bail!(
            "refusing to replace {}: it is not empty and was not built by glossator (no {MARKER} in it); move it away or choose another output folder",
            dest.display()
        ),
    }
}

/// Whether the old site's file still holds what the build wrote there: the
/// manifest says what was written, not what a hand edit made of it since.
/// The manifest is part of the output, which is deterministic, so it records
/// no times; but it is written after every file of its build, so a file of
/// the right size last changed before it (`built_at`) is as that build wrote
/// it. Any other file of the right size is compared byte for byte.
fn same_bytes(old: &Path, bytes: &[u8], built_at: Option<SystemTime>) -> bool {
    same_as_built(old, bytes.len() as u64, built_at, |on_disk| {
        on_disk == bytes
    })
}

/// [`same_bytes`] for a new file of `length` bytes, compared by `equal`
/// (given the old file's bytes) only when its times cannot tell.
fn same_as_built(
    old: &Path,
    length: u64,
    built_at: Option<SystemTime>,
    equal: impl FnOnce(&[u8]) -> bool,
) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() || meta.len() != length {
        return false;
    }
    let untouched = built_at
        .zip(meta.modified().ok())
        .is_some_and(|(built, changed)| changed < built);
    untouched || fs::read(old).is_ok_and(|on_disk| equal(&on_disk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_what_changed_and_removes_what_went() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let s = write(
            &Output::of(&[("a.html", "A"), ("b/c.html", "C"), ("gone.html", "G")]),
            &dest,
            |_| {},
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged), (3, 0));
        let s = write(
            &Output::of(&[("a.html", "A2"), ("b/c.html", "C")]),
            &dest,
            |_| {},
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(fs::read_to_string(dest.join("a.html")).unwrap(), "A2");
        assert!(!dest.join("gone.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_site_already_as_built_is_not_touched() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let output = Output::of(&[("a.html", "A"), ("b/c.html", "C")]);
        write(&output, &dest, |_| {}).unwrap();
        let inode = |p: &str| fs::metadata(dest.join(p)).unwrap().ino();
        let before = (inode("a.html"), inode("b/c.html"), inode(MARKER));
        let s = write(&output, &dest, |_| {}).unwrap();
        assert_eq!((s.written, s.unchanged), (0, 2));
        assert_eq!(before, (inode("a.html"), inode("b/c.html"), inode(MARKER)));
        // A file changed by hand since is not "as built": the site is made again.
        fs::write(dest.join("a.html"), "B").unwrap();
        let s = write(&output, &dest, |_| {}).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(fs::read_to_string(dest.join("a.html")).unwrap(), "A");
    }

    #[test]
    fn a_folder_without_the_marker_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let err = write(&Output::of(&[("a.html", "A")]), dir.path(), |_| {}).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
