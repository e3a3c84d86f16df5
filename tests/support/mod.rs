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

/// Adds `line` to the test report that `.ci/run` prints when the tests are
/// done (what was validated, how long each fuzz target ran), and prints it.
pub fn report(line: &str) {
    use std::io::Write as _;
    println!("{line}");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report.txt");
    // One short write in append mode: lines of tests running at once do not mix.
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = f.write_all(format!("{line}\n").as_bytes());
    }
}
