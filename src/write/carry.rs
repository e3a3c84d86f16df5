//! What the old site holds that glossator did not write (a `.git` folder, a
//! host's `CNAME`, a file added by hand) goes into the new site unchanged.
//!
//! The manifest lists every file a build wrote; anything else under the site
//! belongs to someone else. It is hard-linked (a file) or recreated (a folder,
//! a symbolic link) in the staging folder, never moved: until the swap the old
//! site keeps everything, so a build killed half-way loses nothing, and
//! removing the staging folder only removes links.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use walkdir::WalkDir;

use super::MARKER;

/// One thing to carry over, by its path relative to the site.
pub enum Item {
    /// A folder, created with the permissions it had.
    Dir(PathBuf, fs::Permissions),
    /// A file, hard-linked (or copied when it cannot be linked).
    File(PathBuf),
    /// A symbolic link, recreated pointing where it pointed.
    Link(PathBuf, PathBuf),
}

/// Everything under `dest` that the manifest `listed` does not name, refused
/// when the new site `writes` the same path.
pub fn plan<V>(
    dest: &Path,
    listed: &BTreeMap<String, u128>,
    writes: &BTreeMap<String, V>,
) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    if !dest.is_dir() {
        return Ok(items);
    }
    let listed_dirs = ancestors(listed.keys());
    let written_dirs = ancestors(writes.keys());
    for entry in WalkDir::new(dest).min_depth(1).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dest.display()))?;
        let rel = entry.path().strip_prefix(dest).unwrap_or(entry.path());
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let kind = entry.file_type();
        if kind.is_dir() {
            if listed_dirs.contains(&name) {
                continue;
            }
            if writes.contains_key(&name) {
                bail!(conflict(dest, &name));
            }
            let permissions = entry.metadata()?.permissions();
            items.push(Item::Dir(rel.to_path_buf(), permissions));
            continue;
        }
        if listed.contains_key(&name) || name == MARKER {
            continue;
        }
        if writes.contains_key(&name) || written_dirs.contains(&name) {
            bail!(conflict(dest, &name));
        }
        if kind.is_symlink() {
            let to = fs::read_link(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            items.push(Item::Link(rel.to_path_buf(), to));
        } else if kind.is_file() {
            items.push(Item::File(rel.to_path_buf()));
        } else {
            bail!(
                "refusing to replace {}: {} is not a file, folder or link, and glossator did not write it; move it out of the site",
                dest.display(),
                entry.path().display()
            );
        }
    }
    Ok(items)
}

/// Puts `items` from `dest` into `staging`.
pub fn carry(items: &[Item], dest: &Path, staging: &Path) -> Result<()> {
    let mut dirs = Vec::new();
    for item in items {
        match item {
            Item::Dir(rel, permissions) => {
                let to = staging.join(rel);
                fs::create_dir_all(&to)
                    .with_context(|| format!("cannot create {}", to.display()))?;
                dirs.push((to, permissions));
            }
            Item::File(rel) => {
                let (from, to) = (dest.join(rel), staging.join(rel));
                make_parent(&to)?;
                if fs::hard_link(&from, &to).is_err() {
                    fs::copy(&from, &to).with_context(|| {
                        format!("cannot carry {} into the new site", from.display())
                    })?;
                }
            }
            Item::Link(rel, target) => {
                let to = staging.join(rel);
                make_parent(&to)?;
                symlink(target, &to).with_context(|| format!("cannot create {}", to.display()))?;
            }
        }
    }
    // Last, deepest first: a read-only folder could not be filled.
    for (dir, permissions) in dirs.iter().rev() {
        fs::set_permissions(dir, (*permissions).clone())
            .with_context(|| format!("cannot set the permissions of {}", dir.display()))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "symbolic links in the site cannot be carried over on this system",
    ))
}

fn make_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) => {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
        }
        None => Ok(()),
    }
}

/// Every folder that holds one of `paths` (`a`, `a/b` for `a/b/c.html`).
fn ancestors<'a>(paths: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for path in paths {
        let mut rest = path.as_str();
        while let Some((dir, _)) = rest.rsplit_once('/') {
            if !out.insert(dir.to_string()) {
                break;
            }
            rest = dir;
        }
    }
    out
}

fn conflict(dest: &Path, name: &str) -> String {
    format!(
        "refusing to replace {}: glossator did not write `{name}` there (it is not in {MARKER}), and this build writes `{name}`; move it out of the site or rename the page",
        dest.display()
    )
}
