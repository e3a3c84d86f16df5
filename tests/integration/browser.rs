//! Browser tests: builds the bundled edition and runs tests/browser/run.mjs
//! (Playwright driving headless Chromium) on it, opened from disk.
//!
//! They need Chromium, Node.js and `npm ci --prefix tests/browser`. Where one
//! is missing the test says so and passes, unless GLOSSATOR_REQUIRE_BROWSER=1
//! (set by .ci/run), under which a missing browser fails.

use crate::support;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

fn missing_requirement(root: &Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (install Debian's chromium, or set CHROMIUM)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node on the PATH".into());
    }
    if !root
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Some(
            "playwright-core is not installed (run `npm ci --prefix tests/browser`)".into(),
        );
    }
    None
}

#[test]
fn bundled_edition_in_chromium() {
    let root = support::root();
    if support::skip("browser tests", missing_requirement(&root)) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    support::glossator([
        OsStr::new("build"),
        OsStr::new("-q"),
        root.as_os_str(),
        OsStr::new("--dest-dir"),
        site.as_os_str(),
    ]);
    let single = out.path().join("edition.html");
    support::glossator([
        OsStr::new("build"),
        OsStr::new("-q"),
        root.as_os_str(),
        OsStr::new("--single-file"),
        single.as_os_str(),
    ]);
    let shots = root.join("target/browser-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let run = Command::new("node")
        .env("GLOSSATOR_BIN", env!("CARGO_BIN_EXE_glossator"))
        .env("GLOSSATOR_SINGLE_FILE", &single)
        .arg(root.join("tests/browser/run.mjs"))
        .arg(&site)
        .arg(&shots)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    for line in stdout.lines().filter(|l| l.starts_with("browser: ")) {
        support::report(&format!("{line} (headless Chromium)"));
    }
    assert!(run.status.success(), "browser checks failed:\n{stdout}");
}
