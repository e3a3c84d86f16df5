//! One build at a time per output folder.
//!
//! Two builds into the same folder would each clear the other's staging
//! folder and one of them would publish a half-written site. The lock is an
//! advisory lock (`flock`) on the folder that holds the output, not on a lock
//! file: a lock file would be left beside the site, and removing it when done
//! opens a race where two builds hold locks on two different files. The
//! system drops the lock when the process ends, however it ends.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

use anyhow::{Context, Result};

/// Held while a build writes; dropping it lets the next build in.
pub struct Lock {
    _dir: Option<File>,
}

/// Waits until no other glossator build writes beside `dest` (in `parent`),
/// calling `waiting` once if it has to wait.
pub fn take(parent: &Path, dest: &Path, waiting: impl FnOnce(&Path)) -> Result<Lock> {
    let dir = File::open(parent).with_context(|| format!("cannot open {}", parent.display()))?;
    match dir.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting(dest);
            dir.lock()
                .with_context(|| format!("cannot lock {}", parent.display()))?;
        }
        // A file system without locks (some network mounts): building
        // without one is what every build did before there was a lock.
        Err(TryLockError::Error(e)) if unsupported(&e) => return Ok(Lock { _dir: None }),
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", parent.display()));
        }
    }
    Ok(Lock { _dir: Some(dir) })
}

/// No locks here: not implemented, not supported (EOPNOTSUPP) or no lock
/// available (ENOLCK, an NFS mount without its lock service).
fn unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(95 | 37))
}
