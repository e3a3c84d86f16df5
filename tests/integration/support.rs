//! What the modules that drive outside tools share: where the repository
//! is, running the glossator binary, skipping (or, under
//! GLOSSATOR_REQUIRE_BROWSER=1, failing) when a tool is missing, skipping
//! slow tests unless GLOSSATOR_SLOW_TESTS=1, and one lock for the tests that
//! measure time.

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

/// True when the check `check`, which drives an outside program (Chromium,
/// the Nu Html Checker, lychee), is skipped: these are the slowest suites (the
/// browser's alone takes over a minute), so they run only with the slow ones,
/// under GLOSSATOR_SLOW_TESTS=1, or when every check is required. When one
/// is required (`.ci/run` sets GLOSSATOR_REQUIRE_BROWSER=1) and cannot run
/// here (`missing` says why), it fails instead.
pub fn skip(check: &str, missing: Option<String>) -> bool {
    let required = std::env::var("GLOSSATOR_REQUIRE_BROWSER").as_deref() == Ok("1");
    let slow = std::env::var("GLOSSATOR_SLOW_TESTS").as_deref() == Ok("1");
    if !required && !slow {
        eprintln!("skipping {check}: slow; GLOSSATOR_SLOW_TESTS=1 runs it");
        return true;
    }
    let Some(why) = missing else { return false };
    if required {
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

/// Tests that measure time, and the tests heavy enough to skew a measurement
/// beside them, take turns. One lock for every module: the suites share one
/// test binary, so a load test in one module would otherwise run beside a
/// timing test in another.
pub fn take_turns() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// True when the slow or timing-sensitive test `test` should be skipped:
/// they run only under GLOSSATOR_SLOW_TESTS=1 (`.ci/run` sets it), so a
/// plain `cargo test` stays quick while CI still runs everything.
pub fn skip_slow(test: &str) -> bool {
    if std::env::var("GLOSSATOR_SLOW_TESTS").as_deref() == Ok("1") {
        return false;
    }
    eprintln!("skipping {test}: slow; GLOSSATOR_SLOW_TESTS=1 runs it");
    true
}
