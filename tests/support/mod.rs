//! What the test binaries that drive outside tools share: where the
//! repository is, running the glossator binary, and skipping (or, under
//! GLOSSATOR_REQUIRE_BROWSER=1, failing) when a tool is missing.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

/// The repository, which is also the bundled edition.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `glossator` with `args` and asserts that it succeeded.
pub fn glossator<I, S>(args: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_glossator"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// True when `check` cannot run here and may be skipped; panics instead when
/// every test is required (`.ci/run` sets GLOSSATOR_REQUIRE_BROWSER=1).
pub fn skip(check: &str, missing: Option<String>) -> bool {
    let Some(why) = missing else { return false };
    if std::env::var("GLOSSATOR_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("{check} required but cannot run: {why}");
    }
    eprintln!("skipping {check}: {why}");
    true
}
