//! Putting the new site in the place of the old one, and clearing what
//! earlier builds left beside it.
//!
//! On Linux the two folders are exchanged in one `renameat2` call, so the
//! site's path always names a complete site, even when the build is killed
//! during the swap. Elsewhere (or on a file system without the exchange) the
//! old site is renamed aside and the new one renamed in; a build killed
//! between the two renames leaves the old site aside, and the next build puts
//! it back first ([`recover`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::MARKER;

/// Puts `staging` in the place of `dest`, using `aside` for the old site if
/// the folders cannot be exchanged; on failure the old site stays. Returns
/// where the old site is if it could not be removed afterwards.
pub fn swap(staging: &Path, dest: &Path, aside: &Path) -> Result<Option<PathBuf>> {
    if fs::symlink_metadata(dest).is_err() {
        if let Err(e) = fs::rename(staging, dest) {
            let _ = fs::remove_dir_all(staging);
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", dest.display()));
        }
        return Ok(None);
    }
    if exchange(staging, dest).is_ok() {
        // The staging folder's name now holds the old site.
        return Ok(Some(staging.to_path_buf()).filter(|old| fs::remove_dir_all(old).is_err()));
    }
    if let Err(e) = remove_ours(aside) {
        let _ = fs::remove_dir_all(staging);
        return Err(e);
    }
    if let Err(e) = fs::rename(dest, aside) {
        let _ = fs::remove_dir_all(staging);
        return Err(e).with_context(|| format!("cannot replace {}", dest.display()));
    }
    if let Err(e) = fs::rename(staging, dest) {
        let _ = fs::rename(aside, dest);
        let _ = fs::remove_dir_all(staging);
        return Err(e).with_context(|| format!("cannot move the new site into {}", dest.display()));
    }
    Ok(Some(aside.to_path_buf()).filter(|old| fs::remove_dir_all(old).is_err()))
}

/// Puts back the site a build killed between the two renames left `aside`.
pub fn recover(dest: &Path, aside: &Path) -> Result<()> {
    if fs::symlink_metadata(dest).is_err() && aside.join(MARKER).is_file() {
        fs::rename(aside, dest).with_context(|| {
            format!(
                "cannot move the previous site back from {} to {}",
                aside.display(),
                dest.display()
            )
        })?;
    }
    Ok(())
}

/// Removes `path`, left by an earlier build, if glossator made it: a folder
/// with the marker in it, or an empty one. Anything else is refused.
pub fn remove_ours(path: &Path) -> Result<()> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    let ours = meta.is_dir()
        && (path.join(MARKER).is_file()
            || fs::read_dir(path).is_ok_and(|mut d| d.next().is_none()));
    if !ours {
        bail!(
            "refusing to remove {}: the build needs its name, and it was not made by glossator (no {MARKER} in it); move it away",
            path.display()
        );
    }
    fs::remove_dir_all(path).with_context(|| {
        format!(
            "cannot remove {}, left by an earlier build; remove it yourself",
            path.display()
        )
    })
}

/// Swaps the two paths in one step, where the system can.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}
