//! A site being written: begun before the pages are rendered, so that each
//! page goes to disk on the core that rendered it, as soon as it is made,
//! and the build never holds the whole site in memory.
//!
//! Files go into a staging folder beside the old site; [`Writer::finish`]
//! swaps it in. A file the old site holds with the same bytes is not written
//! but hard-linked from it, and only when something else changed: a rebuild
//! that changes nothing leaves the old site exactly as it was (no file
//! rewritten or linked again). A writer dropped before it finishes (a
//! failed render, a panic) removes its staging folder, and the old site
//! stays.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3Default;

use super::{
    MARKER, WriteStats, carry, follow_link, lock, previous_manifest, same_as_built, same_bytes,
    swap,
};
use crate::render::{Output, Sink};

/// A file of the new site.
#[derive(Clone, Copy)]
struct Entry {
    hash: u128,
    /// The old site holds it with these bytes.
    same: bool,
    /// It is in the staging folder already (written, or written in parts).
    staged: bool,
}

/// See the module documentation.
pub struct Writer {
    dest: PathBuf,
    staging: PathBuf,
    aside: PathBuf,
    /// The old site's manifest: path → hash.
    previous: BTreeMap<String, u128>,
    /// When the old site's manifest was written (see [`same_bytes`]).
    built_at: Option<SystemTime>,
    /// Folders made in the staging folder so far.
    folders: Mutex<BTreeSet<String>>,
    /// Every file handed over so far.
    files: Mutex<BTreeMap<String, Entry>>,
    /// The files being written in parts, open in the staging folder.
    open: Mutex<BTreeMap<String, (fs::File, Xxh3Default, u64)>>,
    /// The first failure to write a file, reported by [`Writer::finish`].
    error: Mutex<Option<anyhow::Error>>,
    finished: bool,
    _lock: lock::Lock,
}

impl Writer {
    /// Takes the lock on `dest`'s folder (calling `waiting` once if another
    /// build holds it), checks that `dest` may be replaced and makes the
    /// staging folder.
    pub fn begin(dest: &Path, waiting: impl FnOnce(&Path)) -> Result<Writer> {
        // A deploy link (`site -> /srv/www/site`) stays a link: the site is
        // replaced where it points.
        let dest = follow_link(dest)?;
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let lock = lock::take(&parent, &dest, waiting)?;
        let staging = parent.join(format!(".{name}.glossator-new"));
        let aside = parent.join(format!(".{name}.glossator-old"));
        swap::recover(&dest, &aside)?;
        let previous = previous_manifest(&dest)?;
        // The site could be replaced from its parent folder anyway; a folder
        // made read-only says "do not touch", and is obeyed (as root too).
        if fs::metadata(&dest).is_ok_and(|m| m.permissions().readonly()) {
            bail!(
                "the output folder {} is read-only; make it writable (chmod u+w) or choose another output folder",
                dest.display()
            );
        }
        swap::remove_ours(&staging)?;
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        // The marker first, so that a build killed while filling leaves a
        // folder the next build knows it may remove.
        fs::write(staging.join(MARKER), "").with_context(|| format!("cannot write {MARKER}"))?;
        // The old site's manifest was written after every file of its build.
        let built_at = fs::metadata(dest.join(MARKER))
            .and_then(|m| m.modified())
            .ok();
        Ok(Writer {
            dest,
            staging,
            aside,
            previous,
            built_at,
            folders: Mutex::new(BTreeSet::new()),
            files: Mutex::new(BTreeMap::new()),
            open: Mutex::new(BTreeMap::new()),
            error: Mutex::new(None),
            finished: false,
            _lock: lock,
        })
    }

    fn try_put(&self, path: &str, bytes: &[u8], hash: u128) -> Result<()> {
        let unchanged = self.previous.get(path) == Some(&hash)
            && same_bytes(&self.dest.join(path), bytes, self.built_at);
        if !unchanged {
            self.make_folder(path)?;
            let target = self.staging.join(path);
            fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        self.record(
            path,
            Entry {
                hash,
                same: unchanged,
                staged: !unchanged,
            },
        )
    }

    fn record(&self, path: &str, entry: Entry) -> Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if files.insert(path.to_string(), entry).is_some() {
            bail!("{path} was written twice in one build; please report this");
        }
        Ok(())
    }

    fn try_append(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if !open.contains_key(path) {
            self.make_folder(path)?;
            let target = self.staging.join(path);
            let file = fs::File::create(&target)
                .with_context(|| format!("cannot write {}", target.display()))?;
            open.insert(path.to_string(), (file, Xxh3Default::new(), 0));
        }
        let Some((file, hasher, length)) = open.get_mut(path) else {
            return Ok(());
        };
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}", self.staging.join(path).display()))?;
        hasher.update(bytes);
        *length += bytes.len() as u64;
        Ok(())
    }

    fn try_close(&self, path: &str) -> Result<()> {
        let Some((file, hasher, length)) = self
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path)
        else {
            bail!("{path} was closed but never written; please report this");
        };
        drop(file);
        let hash = hasher.digest128();
        // Its bytes are on disk only: the old site's file is the same when
        // the manifest's hash and the size match and it was not changed
        // since that build wrote it, or when it reads the same as the new.
        let same = self.previous.get(path) == Some(&hash)
            && same_as_built(&self.dest.join(path), length, self.built_at, |on_disk| {
                fs::read(self.staging.join(path)).is_ok_and(|new| new == on_disk)
            });
        self.record(
            path,
            Entry {
                hash,
                same,
                staged: true,
            },
        )
    }

    /// Makes the folders of `path` in the staging folder, once each.
    fn make_folder(&self, path: &str) -> Result<()> {
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        let mut made = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if made.contains(folder) {
            return Ok(());
        }
        let dir = self.staging.join(folder);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        made.insert(folder.to_string());
        Ok(())
    }

    /// Writes the rest of the site (`output`'s files), then puts the new
    /// site in the old one's place, unless it is the old site file for file.
    pub fn finish(mut self, output: &Output) -> Result<WriteStats> {
        let started = Instant::now();
        output
            .files
            .par_iter()
            .for_each(|(path, bytes)| self.put(path, bytes, output.hash_of(path, bytes)));
        if let Some(e) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take() {
            return Err(e);
        }
        if let Some(path) = self
            .open
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .next()
        {
            bail!("{path} was begun but never finished; please report this");
        }
        let files = std::mem::take(self.files.get_mut().unwrap_or_else(|e| e.into_inner()));
        let unchanged = files.values().filter(|e| e.same).count();
        if unchanged == files.len() && files.len() == self.previous.len() {
            // Nothing to do: the site on disk is this build's, file for file,
            // and is left as it is (no file rewritten or linked again).
            return Ok(WriteStats {
                unchanged,
                elapsed: started.elapsed(),
                ..WriteStats::default()
            });
        }
        let carried = carry::plan(&self.dest, &self.previous, &files)?;
        // The unchanged files, linked from the old site on both cores (or
        // copied where the file system has no links).
        files
            .par_iter()
            .filter(|(_, e)| e.same && !e.staged)
            .try_for_each(|(path, _)| -> Result<()> {
                self.make_folder(path)?;
                let (old, target) = (self.dest.join(path), self.staging.join(path));
                if fs::hard_link(&old, &target).is_err() {
                    fs::copy(&old, &target)
                        .with_context(|| format!("cannot write {}", target.display()))?;
                }
                Ok(())
            })?;
        carry::carry(&carried, &self.dest, &self.staging)?;
        let mut manifest = String::with_capacity(files.len() * 64);
        for (path, e) in &files {
            let _ = writeln!(manifest, "{:032x} {path}", e.hash);
        }
        fs::write(self.staging.join(MARKER), manifest)
            .with_context(|| format!("cannot write {MARKER}"))?;
        self.finished = true;
        let leftover = swap::swap(&self.staging, &self.dest, &self.aside)?;
        Ok(WriteStats {
            written: files.len() - unchanged,
            unchanged,
            carried: carried.len(),
            leftover,
            elapsed: started.elapsed(),
        })
    }
}

impl Sink for Writer {
    /// Writes one file of the site (or notes that the old site holds it);
    /// a failure is kept for [`Writer::finish`] to report.
    fn put(&self, path: &str, bytes: &[u8], hash: u128) {
        if let Err(e) = self.try_put(path, bytes, hash) {
            self.failed(e);
        }
    }

    /// Adds `bytes` to the end of the file at `path`, begun by the first
    /// call: for a file made in parts, in order (the print edition, the
    /// search index), never held whole.
    fn append(&self, path: &str, bytes: &[u8]) {
        if let Err(e) = self.try_append(path, bytes) {
            self.failed(e);
        }
    }

    /// Ends the file at `path` that [`Sink::append`] began.
    fn close(&self, path: &str) {
        if let Err(e) = self.try_close(path) {
            self.failed(e);
        }
    }
}

impl Writer {
    fn failed(&self, e: anyhow::Error) {
        let mut first = self.error.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(e);
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of one page put whole, one file made in parts and one more
    /// file, `other`, written by `finish`.
    fn build(dest: &Path, page: &str, parts: &[&str], other: &str) -> WriteStats {
        let writer = Writer::begin(dest, |_| {}).unwrap();
        let hash = xxhash_rust::xxh3::xxh3_128(page.as_bytes());
        writer.put("page.html", page.as_bytes(), hash);
        for part in parts {
            writer.append("deep/print.html", part.as_bytes());
        }
        writer.close("deep/print.html");
        writer.finish(&Output::of(&[("other.txt", other)])).unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn a_file_made_in_parts_is_kept_when_unchanged_and_rewritten_when_not() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        let s = build(&dest, "P", &["a", "b", "c"], "O");
        assert_eq!((s.written, s.unchanged), (3, 0));
        assert_eq!(
            fs::read_to_string(dest.join("deep/print.html")).unwrap(),
            "abc"
        );
        let manifest = fs::read_to_string(dest.join(MARKER)).unwrap();
        let whole = format!(
            "{:032x} deep/print.html",
            xxhash_rust::xxh3::xxh3_128(b"abc")
        );
        assert!(manifest.contains(&whole), "{manifest}");
        let inode = |p: &str| fs::metadata(dest.join(p)).unwrap().ino();
        let before = (inode("page.html"), inode("deep/print.html"), inode(MARKER));
        // The same site again: nothing on disk changes.
        let s = build(&dest, "P", &["ab", "c"], "O");
        assert_eq!((s.written, s.unchanged), (0, 3));
        assert_eq!(
            before,
            (inode("page.html"), inode("deep/print.html"), inode(MARKER))
        );
        // One file changed: the others are the old site's, the parts as new.
        let s = build(&dest, "P2", &["a", "bc"], "O");
        assert_eq!((s.written, s.unchanged), (1, 2));
        assert_eq!(fs::read_to_string(dest.join("page.html")).unwrap(), "P2");
        assert_eq!(
            fs::read_to_string(dest.join("deep/print.html")).unwrap(),
            "abc"
        );
        assert_eq!(fs::read_to_string(dest.join("other.txt")).unwrap(), "O");
        let s = build(&dest, "P2", &["x"], "O");
        assert_eq!((s.written, s.unchanged), (1, 2));
        assert_eq!(
            fs::read_to_string(dest.join("deep/print.html")).unwrap(),
            "x"
        );
    }

    #[test]
    fn a_writer_dropped_unfinished_leaves_the_old_site_and_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("site");
        build(&dest, "P", &["a"], "O");
        let writer = Writer::begin(&dest, |_| {}).unwrap();
        writer.put("page.html", b"new", xxhash_rust::xxh3::xxh3_128(b"new"));
        writer.append("deep/print.html", b"half");
        drop(writer);
        assert_eq!(fs::read_to_string(dest.join("page.html")).unwrap(), "P");
        assert_eq!(
            fs::read_to_string(dest.join("deep/print.html")).unwrap(),
            "a"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
    }
}
