//! Size and shape: a 50 MB chapter builds; pulldown-cmark's pathological
//! shapes and our own (one article cited 50,000 times, note cycles, long
//! Cited in lists; a huge `compare` block, "A/" or "see footnote 1" over and
//! over, a paragraph of apostrophes) grow linearly, and the output stays
//! within 20 times the input plus 1 MB (docs/robustness.md, cases 1 to 4).

use std::path::Path;
use std::time::{Duration, Instant};

/// The tests take turns, with every timing test of the suite: the 50 MB
/// build beside the doubling test would make the doubling test measure it.
fn turn() -> std::sync::MutexGuard<'static, ()> {
    crate::support::take_turns()
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
    if crate::support::skip_slow("pathological_shapes_grow_linearly_and_stay_small") {
        return;
    }
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

/// Hostile text rather than hostile Markdown: shapes that each once took
/// quadratic time in one of our own scans (a `compare` block's alignment, the
/// UN document symbols of the citation grammar, the inline marks of one text,
/// the merging of a paragraph's text pieces). `n` is about the input's size in
/// bytes.
const TEXT_SHAPES: &[Shape] = &[
    ("a compare block of lettered points", |n| {
        let mut first = String::new();
        let mut i = 0;
        while first.len() < n / 2 {
            let letter = char::from(b'a' + (i % 26) as u8);
            first.push_str(&format!("({letter}) the State shall provide point {i}; "));
            i += 1;
        }
        let second = first.replace("shall", "must");
        format!("# C\n\n```compare\nFirst: {first}\nSecond: {second}\n```\n")
    }),
    ("\"A/\" over and over", |n| {
        format!("# C\n\n{}\n", "A/".repeat(n / 2))
    }),
    ("\"see footnote 1\" over and over", |n| {
        format!(
            "# C\n\nText[^1].\n\n{}\n\n[^1]: A note.\n",
            "see footnote 1 ".repeat(n / 15)
        )
    }),
    ("a paragraph full of apostrophes", |n| {
        format!("# C\n\n{}\n", "'a' ".repeat(n / 4))
    }),
];

/// Each shape at two sizes eight times apart: linear work takes about as long
/// per byte at both (once the cost of building any edition is taken off),
/// quadratic work eight times as long.
#[test]
fn hostile_text_grows_linearly() {
    if crate::support::skip_slow("hostile_text_grows_linearly") {
        return;
    }
    let _turn = turn();
    let fastest = |input: &str| (0..3).map(|_| build(input).0).min().unwrap().as_secs_f64();
    let empty = fastest("# C\n\nA word.\n");
    for (name, make) in TEXT_SHAPES {
        let (small, large) = (make(50_000), make(400_000));
        let per_byte = |input: &str| (fastest(input) - empty).max(1e-3) / input.len() as f64;
        // Other tests share the machine: a small input that costs little more
        // than an empty edition can be measured as free. Quadratic work grows
        // eightfold every time; noise does not, so a shape gets three tries.
        let mut growth = f64::INFINITY;
        for _ in 0..3 {
            let (a, b) = (per_byte(&small), per_byte(&large));
            growth = growth.min(b / a);
            eprintln!(
                "{name}: {:.2}x per byte ({a:.2e} to {b:.2e} s per byte)",
                b / a
            );
            if growth <= 3.0 {
                break;
            }
        }
        assert!(
            growth <= 3.0,
            "{name}: time per byte grew {growth:.2}× from {} to {} bytes",
            small.len(),
            large.len()
        );
    }
}

#[test]
fn a_fifty_megabyte_chapter_builds() {
    if crate::support::skip_slow("a_fifty_megabyte_chapter_builds") {
        return;
    }
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
