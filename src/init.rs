//! `glossator init`: a small working edition to start from.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

const FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("init/book.toml")),
    ("content/SUMMARY.md", include_str!("init/SUMMARY.md")),
    (
        "content/introduction.md",
        include_str!("init/introduction.md"),
    ),
    ("content/instruments/udhr.md", include_str!("init/udhr.md")),
    (".gitignore", "/site\n"),
];

/// Writes the starter edition into `dir`, which must not hold one already.
pub fn init(dir: &Path) -> Result<()> {
    if dir.join("book.toml").exists() {
        bail!(
            "{} already holds an edition (book.toml exists); nothing was written",
            dir.display()
        );
    }
    if let Some((path, _)) = FILES.iter().find(|(path, _)| dir.join(path).exists()) {
        bail!("{} exists; nothing was written", dir.join(path).display());
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&target, text).with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}
