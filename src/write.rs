//! Stage 5, write: the only stage that changes the disk.
//!
//! The new site is written beside the old one and swapped in with two renames
//! once it is complete, so a failed or interrupted build never leaves a
//! half-written site. Files whose bytes did not change are hard-linked from
//! the old site instead of rewritten (their times stay as they were, and large
//! editions write only what changed). A folder is only ever replaced when it
//! carries the marker a previous build left in it.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::render::Output;

/// The marker file in every site glossator built: it lists each file with a
/// hash of its bytes.
pub const MARKER: &str = ".glossator-site";

/// What a write did.
#[derive(Debug, Default, Clone)]
pub struct WriteStats {
    /// Files written anew.
    pub written: usize,
    /// Files kept from the previous build.
    pub unchanged: usize,
    /// The previous site, when it was replaced but could not be removed.
    pub leftover: Option<PathBuf>,
}

/// Writes `output` to `dest`, replacing a previous build atomically.
pub fn write(output: &Output, dest: &Path) -> Result<WriteStats> {
    let previous = previous_manifest(dest)?;
    // The site could be replaced from its parent folder anyway; a folder
    // made read-only says "do not touch", and is obeyed (as root too).
    if fs::metadata(dest).is_ok_and(|m| m.permissions().readonly()) {
        bail!(
            "the output folder {} is read-only; make it writable (chmod u+w) or choose another output folder",
            dest.display()
        );
    }
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let staging = parent.join(format!(".{name}.glossator-new"));
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove the leftover {}", staging.display()))?;
    }
    let result = fill(output, &staging, dest, &previous);
    let stats = match result {
        Ok(stats) => stats,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let mut stats = stats;
    stats.leftover = swap(&staging, dest, parent, &name)?;
    Ok(stats)
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

/// The hashes recorded by the build that made `dest`, or an error if `dest`
/// holds something glossator did not make.
fn previous_manifest(dest: &Path) -> Result<BTreeMap<String, u64>> {
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
            .filter_map(|(h, p)| Some((p.to_string(), u64::from_str_radix(h, 16).ok()?)))
            .collect()),
        Err(_)
            if fs::read_dir(dest)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false) =>
        {
            Ok(BTreeMap::new())
        }
        Err(_) => bail!(
            "refusing to replace {}: it is not empty and was not built by glossator (no {MARKER} in it); move it away or choose another output folder",
            dest.display()
        ),
    }
}

fn fill(
    output: &Output,
    staging: &Path,
    dest: &Path,
    previous: &BTreeMap<String, u64>,
) -> Result<WriteStats> {
    let mut stats = WriteStats::default();
    let mut manifest = String::new();
    fs::create_dir_all(staging).with_context(|| format!("cannot create {}", staging.display()))?;
    for (path, bytes) in &output.files {
        let hash = hash(bytes);
        manifest.push_str(&format!("{hash:016x} {path}\n"));
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let old = dest.join(path);
        if previous.get(path) == Some(&hash) && fs::hard_link(&old, &target).is_ok() {
            stats.unchanged += 1;
            continue;
        }
        fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
        stats.written += 1;
    }
    fs::write(staging.join(MARKER), manifest).with_context(|| format!("cannot write {MARKER}"))?;
    Ok(stats)
}

/// Puts `staging` in the place of `dest`; on failure the old site stays.
/// Returns the old site's folder if it could not be removed afterwards.
fn swap(staging: &Path, dest: &Path, parent: &Path, name: &str) -> Result<Option<PathBuf>> {
    let retired: Option<PathBuf> = if dest.exists() {
        let old = parent.join(format!(".{name}.glossator-old"));
        if old.exists()
            && let Err(e) = fs::remove_dir_all(&old)
        {
            let _ = fs::remove_dir_all(staging);
            return Err(e).with_context(|| {
                format!(
                    "cannot remove {}, left by an earlier build; remove it yourself",
                    old.display()
                )
            });
        }
        if let Err(e) = fs::rename(dest, &old) {
            let _ = fs::remove_dir_all(staging);
            return Err(e).with_context(|| format!("cannot replace {}", dest.display()));
        }
        Some(old)
    } else {
        None
    };
    if let Err(e) = fs::rename(staging, dest) {
        if let Some(old) = &retired {
            let _ = fs::rename(old, dest);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e).with_context(|| format!("cannot move the new site into {}", dest.display()));
    }
    Ok(retired.filter(|old| fs::remove_dir_all(old).is_err()))
}

/// A hash of a file's bytes for the manifest. It only has to agree with
/// itself between two runs of the same binary: a changed hash function only
/// means everything is written once more.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
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
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged), (3, 0));
        let s = write(&Output::of(&[("a.html", "A2"), ("b/c.html", "C")]), &dest).unwrap();
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

    #[test]
    fn a_folder_without_the_marker_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let err = write(&Output::of(&[("a.html", "A")]), dir.path()).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
