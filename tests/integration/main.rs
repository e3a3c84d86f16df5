//! The test suite, one binary with one module per topic, as ripgrep does it:
//! each test binary links tokio, axum, syntect and tera, so ten binaries
//! cost ten links. Most modules run the real `glossator` binary on small
//! fixture editions (`tests/editions/<case>/`), each copied into a temporary
//! folder and built into temporary folders; `edition` and `faithfulness`
//! check the bundled edition; `browser`, `validate` and `fuzz` drive outside
//! tools or random input and keep their names so that one runs alone:
//! `GLOSSATOR_SLOW_TESTS=1 cargo test --test integration browser::`.
//!
//! Slow and timing-sensitive tests, and those that drive Chromium, the Nu
//! Html Checker or lychee, run only under GLOSSATOR_SLOW_TESTS=1
//! (`support::skip_slow`, `support::skip`), which `.ci/run` sets.
//!
//! Run with `cargo test --test integration`.

mod support;
mod util;

mod abbreviations;
mod admonitions;
mod atomic;
mod browser;
mod cases;
mod check;
mod citation_corpus;
mod code_blocks;
mod commonmark;
mod comparisons;
mod determinism;
mod diagnostics;
mod edition;
mod escaping;
mod faithfulness;
mod file_names;
mod fuzz;
mod hostile;
mod hostile_names;
mod includes;
mod incremental;
mod init;
mod instruments;
mod languages;
mod links;
mod mdbook;
mod mdbook_links;
mod mdbook_notes;
mod mdbook_terms;
mod notes;
mod overrides;
mod preprocessors;
mod preprocessors_structure;
mod publishing;
mod raw_html;
mod real_books;
mod redirects;
mod replace;
mod reserved;
mod robustness;
mod scale;
mod serve;
mod snapshots;
mod summary;
mod symlinks;
mod tidy;
mod validate;
mod works;
