//! House rules that a test can check: every source file opens with a `//!`
//! comment saying what it owns (as rust-analyzer's tidy test does).

#[test]
fn every_source_file_says_what_it_owns() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(path).unwrap();
            if !text.starts_with("//!") {
                missing.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files without a `//!` summary on their first line: {missing:?}"
    );
}
