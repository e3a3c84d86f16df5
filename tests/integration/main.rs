//! Integration tests: the real `glossator` binary run on small fixture
//! editions (`tests/editions/<case>/`), each copied into a temporary folder
//! and built into temporary folders. One test binary, several modules, as
//! ripgrep does it.
//!
//! Run with `cargo test --test integration`.

#[path = "../support/mod.rs"]
mod support;
mod util;

mod abbreviations;
mod admonitions;
mod atomic;
mod check;
mod citation_corpus;
mod code_blocks;
mod comparisons;
mod determinism;
mod diagnostics;
mod escaping;
mod file_names;
mod hostile;
mod hostile_names;
mod includes;
mod init;
mod instruments;
mod links;
mod mdbook;
mod notes;
mod overrides;
mod preprocessors;
mod publishing;
mod raw_html;
mod real_books;
mod redirects;
mod replace;
mod reserved;
mod robustness;
mod summary;
mod symlinks;
