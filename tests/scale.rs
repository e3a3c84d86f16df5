//! Size and shape: a 50 MB chapter builds; pulldown-cmark's pathological
//! shapes and our own (one article cited 50,000 times, note cycles, long
//! Cited in lists) grow linearly, and the output stays within 20 times the
//! input plus 1 MB (docs/robustness.md, cases 1 to 4).

use std::path::Path;
use std::time::{Duration, Instant};

/// The two tests take turns: the 50 MB build beside the doubling test would
/// make the doubling test measure it.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn edition(dir: &Path, chapter: &str) {
    std::fs::create_dir_all(dir.join("content/instruments")).unwrap();
    std::fs::write(dir.join("book.toml"), "[book]\ntitle = \"Scale\"\n").unwrap();
    std::fs::write(dir.join("content/SUMMARY.md"), "- [Big](big.md)\n").unwrap();
    std::fs::write(dir.join("content/big.md"), chapter).unwrap();
    std::fs::write(
        dir.join("content/instruments/charter.md"),
        "+++\nid = \"un-charter\"\naliases = [\"UN Charter\", \"the Charter\"]\n+++\n\n## Article 1\n\n1. One.\n\n## Article 103\n\nPrimacy.\n",
    )
    .unwrap();
}

/// Builds `chapter` in memory; returns the time and the output size.
fn build(chapter: &str) -> (Duration, usize) {
    let dir = tempfile::tempdir().unwrap();
    edition(dir.path(), chapter);
    let started = Instant::now();
    let compiled = glossator::compile(dir.path(), None);
    let elapsed = started.elapsed();
    let size = compiled
        .output
        .map_or(0, |o| o.files.values().map(|b| b.len()).sum());
    (elapsed, size)
}

type Shape = (&'static str, fn(usize) -> String);

const SHAPES: &[Shape] = &[
    ("emphasis runs", |n| {
        format!("{}b{}", "*a **a ".repeat(n), " a** a*".repeat(n))
    }),
    ("unclosed link destinations", |n| "[a](<b".repeat(n)),
    ("nested brackets", |n| {
        format!("{}a{}", "[".repeat(n), "]".repeat(n))
    }),
    ("nested block quotes", |n| format!("{}a", "> ".repeat(n))),
    ("backtick runs", |n| {
        (1..n / 40)
            .map(|k| format!("e{}", "`".repeat(k % 200)))
            .collect()
    }),
    ("link reference fan-out", |n| {
        format!("[x]: {}\n{}", "x".repeat(1000), "\n[x]".repeat(n / 4))
    }),
    ("one article cited over and over", |n| {
        "Article 103 of the Charter. ".repeat(n / 3)
    }),
    ("notes that cite each other", |n| {
        (0..n / 20)
            .map(|i| {
                format!(
                    "A[^{i}].\n\n[^{i}]: See[^{}] and[^{i}].\n\n",
                    (i + 1) % (n / 20)
                )
            })
            .collect()
    }),
];

#[test]
fn pathological_shapes_grow_linearly_and_stay_small() {
    let _turn = turn();
    for (name, make) in SHAPES {
        let sizes = [2_000, 4_000, 8_000];
        let mut times = Vec::new();
        for &n in &sizes {
            let input = make(n);
            let (t, out) = (0..2)
                .map(|_| build(&input))
                .min_by_key(|(t, _)| *t)
                .unwrap();
            assert!(
                out <= 20 * input.len() + (1 << 20),
                "{name}: {out} bytes of output for {} of input",
                input.len()
            );
            times.push((t.as_secs_f64().max(1e-4), input.len()));
        }
        for k in 1..times.len() {
            let per_byte = |(t, len): (f64, usize)| t / len as f64;
            let growth = per_byte(times[k]) / per_byte(times[k - 1]);
            assert!(
                growth <= 2.5,
                "{name}: time per byte grew {growth:.2}× from {} to {} bytes ({times:?})",
                times[k - 1].1,
                times[k].1
            );
        }
    }
}

#[test]
fn a_fifty_megabyte_chapter_builds() {
    let _turn = turn();
    let paragraph = "The UN Charter must therefore take priority over the IOM Constitution, as Article 103 of the Charter says; see note 12 and Annex 2 for the text of Article 1(3).\n\n";
    let chapter = paragraph.repeat(50_000_000 / paragraph.len() + 1);
    let started = Instant::now();
    let (_, out) = build(&chapter);
    assert!(out > chapter.len(), "it was built");
    assert!(
        started.elapsed() < Duration::from_secs(600),
        "took {:?}",
        started.elapsed()
    );
}
