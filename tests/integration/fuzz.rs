//! Fuzzing, with proptest's generators, of what reads editors' input: the
//! citation grammar, front matter, the summary parser, the instrument parser,
//! and the whole pipeline on arbitrary chapters. None may panic, and the
//! grammar must stay linear on long inputs.
//!
//! Each target runs for a bounded time, `GLOSSATOR_FUZZ_SECONDS` (2 by
//! default; CI gives each more): round after round of fresh random cases, a
//! failure shrunk to its smallest input. The seconds and cases of each target
//! go into the test report.

use crate::support;

use std::fmt::Debug;
use std::time::{Duration, Instant};

use glossator::diag::FileId;
use glossator::resolve::cite::{Aliases, Context, scan};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};

/// Runs `check` on cases of `strategy` until the target's time is up.
fn fuzz<S>(target: &str, strategy: S, check: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let _turn = turn();
    let seconds: f64 = std::env::var("GLOSSATOR_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut cases = 0u64;
    while cases == 0 || started.elapsed() < budget {
        // A new runner is a new random seed; proptest reports the seed
        // and the shrunk input of a failure.
        let mut runner = TestRunner::new(Config {
            cases: 16,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &check) {
            panic!("fuzz {target}: {e}");
        }
        cases += 16;
    }
    support::report(&format!(
        "fuzz {target}: {cases} cases in {:.1} s, no failure",
        started.elapsed().as_secs_f64()
    ));
}

/// Words the grammar and the cross-reference scan react to, and some that
/// break naive slicing: letters whose lower or upper case has another length
/// in bytes (`İ` → `i̇`, the Kelvin sign → `k`, `ẞ` → `ß`, `ß` → `SS`, `ﬁ` →
/// `FI`, `Σ` → `σ` or `ς` by its place), right before the words looked for, so
/// that offsets found in a case-changed copy would cut the text wrongly.
const TOKENS: &[&str] = &[
    "Article",
    "Articles",
    "Art.",
    "Arts",
    "article",
    "paragraph",
    "para.",
    "1",
    "13",
    "103",
    "(3)",
    "(c)",
    "(",
    ")",
    " ",
    " ",
    ", ",
    " & ",
    " and ",
    " of the ",
    "Charter",
    "UN Charter",
    "the agreement",
    "A/RES/70/296",
    "A/RES/58/153",
    "UNHCR Statute",
    "é",
    "и",
    "—",
    "’",
    "\n",
    "[^1]",
    "*",
    "`",
    "İ",
    "\u{212A}",
    "ẞ",
    "ß",
    "ﬁ",
    "Σ",
    "ς",
    "ΑΣ ",
    "footnote ",
    "Footnote ",
    "FOOTNOTE 1",
    "see footnote 1",
    "see note ",
    "See Note 2",
    "note ",
    "Annex ",
    "Annex I",
    "Annex 2",
    "see above, ",
    "See above, *Annex I*",
    "see below *Part*",
    "\n\n[^1]: A note.\n\n",
    "\n\n[^2]: See footnote 1.\n\n",
    "\n\n# Part\n\n",
    "regulation 3(1)",
    "regs. ",
    "Art. 8(bis)",
    "of Protocol No. 1",
    " to the Charter",
    "ARTICLE 8 BIS ET AL",
    ", Section 2",
    ", cl. 3",
];

fn aliases() -> Aliases {
    let names = vec![
        vec!["UN Charter".to_string(), "Charter".to_string()],
        vec!["the agreement".to_string(), "A/RES/70/296".to_string()],
        vec!["UNHCR Statute".to_string()],
    ];
    Aliases::new(&names, vec![false, false, true])
}

fn tokens(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|v| v.concat())
}

#[test]
fn the_citation_grammar_never_panics() {
    let aliases = aliases();
    fuzz(
        "citation grammar",
        prop_oneof![tokens(60), ".{0,200}"],
        |text| {
            let mut context = Context {
                default: Some(1),
                ..Context::default()
            };
            for found in scan(&text, &aliases, &mut context) {
                prop_assert!(found.range.end <= text.len());
                prop_assert!(
                    text.is_char_boundary(found.range.start)
                        && text.is_char_boundary(found.range.end)
                );
                // A citation of another instrument has that name instead.
                match &found.named {
                    Some(name) => prop_assert!(
                        found.address.is_empty()
                            && name.end <= text.len()
                            && text.is_char_boundary(name.start)
                            && text.is_char_boundary(name.end)
                    ),
                    None => prop_assert!(!found.address.is_empty()),
                }
            }
            Ok(())
        },
    );
}

#[test]
fn front_matter_never_panics() {
    let strategy = prop_oneof![
        "\\+\\+\\+\n[a-z =\"\\[\\]{}.,0-9\n#]{0,80}(\\+\\+\\+\n)?[a-z #]{0,20}",
        ".{0,120}",
    ];
    fuzz("front matter", strategy, |text| {
        let mut diags = Vec::new();
        let _doc = glossator::parse::parse("a.md", FileId(0), &text, &mut diags);
        for d in &diags {
            if let Some(span) = &d.span {
                prop_assert!(span.range.start <= text.len() && span.range.end <= text.len());
            }
        }
        Ok(())
    });
}

#[test]
fn the_summary_parser_never_panics() {
    let line = prop_oneof![
        Just("# Summary".to_string()),
        Just("---".to_string()),
        Just("# Part".to_string()),
        "[ ]{0,6}[-*+] \\[[a-zé ]{0,8}\\]\\([a-z./%\\\\:]{0,12}\\)",
        "\\[[a-z]{0,5}\\]\\([a-z.]{0,8}\\)",
        "<!--[a-z ]{0,5}(-->)?",
        ".{0,30}",
    ];
    fuzz(
        "summary parser",
        prop::collection::vec(line, 0..30),
        |lines| {
            let text = lines.join("\n");
            let mut diags = Vec::new();
            let summary = glossator::load::summary::parse(&text, FileId(0), &mut diags);
            for e in &summary.entries {
                prop_assert!(e.span.range.end <= text.len());
            }
            Ok(())
        },
    );
}

#[test]
fn the_instrument_parser_never_panics() {
    let blocks = prop::sample::select(
        &[
            "## Article 1\n\n",
            "## Article 2: Title\n\n",
            "## Paragraph 3\n\n",
            "## Preamble\n\n",
            "# Chapter I\n\n",
            "## Something\n\n",
            "1. A paragraph.\n\n",
            "2. Another;\n\n",
            "   (a) a point;\n\n",
            "(b) a point.\n\n",
            "WE THE PEOPLES\n\n",
            "to save us\n\n",
            "<!-- gap -->\n\n",
            "Text.\n\n",
            "> quoted\n\n",
            "- item\n",
            "Article. I.\n\n",
            "Section. 1.\n\n",
            "**Section. 2.**  Text\nwrapped.\n\n",
            "Section 3\n\n",
            "PROTOCOL No. 1\n\n",
            "Risk assessment\n\n",
            "3.—(1) Every employer shall.\n\n",
            "4. Where an employer acts.\n\n",
            "12A.—(1) Capabilities.\n\n",
        ][..],
    );
    fuzz(
        "instrument parser",
        prop::collection::vec(blocks, 0..40),
        |body| {
            let text = format!("+++\nid = \"x\"\n+++\n\n{}", body.concat());
            let mut diags = Vec::new();
            let doc = glossator::parse::parse("instruments/x.md", FileId(0), &text, &mut diags);
            for unit in &doc.units {
                prop_assert!(unit.start <= unit.end && unit.end <= doc.events.len());
                prop_assert!(unit.parent.is_none_or(|p| p < doc.units.len()));
            }
            Ok(())
        },
    );
}

#[test]
fn a_chapter_of_anything_builds_or_fails_cleanly() {
    let strategy = prop_oneof![tokens(80), ".{0,300}", "[\\[\\]()^*_`>#!:\\-\n a1]{0,300}"];
    fuzz("whole pipeline", strategy, |body| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/instruments")).unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"F\"\n").unwrap();
        std::fs::write(
            dir.path().join("content/SUMMARY.md"),
            "- [A](a.md)\n- [Annex I: Texts](annex.md)\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("content/a.md"), &body).unwrap();
        // A place for "Annex I" and "see above, *Annex I*" to link to.
        std::fs::write(
            dir.path().join("content/annex.md"),
            "# Annex I: Texts\n\nText.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("content/instruments/charter.md"),
            "+++\nid = \"un-charter\"\naliases = [\"UN Charter\", \"Charter\"]\n+++\n\n## Article 1\n\n1. One.\n\n## Article 103\n\nPrimacy.\n",
        ).unwrap();
        let compiled = glossator::compile(dir.path(), None);
        for d in &compiled.diags {
            let _ = compiled.map.render(d);
        }
        if let Some(internal) = compiled.internal_error() {
            prop_assert!(false, "{}", compiled.map.render(internal));
        }
        prop_assert!(compiled.output.is_some() || compiled.errors() > 0);
        Ok(())
    });
}

/// The fuzz targets and the doubling test take turns: a fuzz target beside
/// the doubling test would make it measure the fuzzing.
fn turn() -> std::sync::MutexGuard<'static, ()> {
    crate::support::take_turns()
}

/// Time for `f` on `n` repetitions of a unit of input, best of three.
fn time(n: usize, f: &dyn Fn(usize)) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f(n);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Fails if time per byte grows more than 2.5 times per doubling.
fn assert_linear(name: &str, f: &dyn Fn(usize)) {
    let sizes = [2_000, 4_000, 8_000, 16_000];
    let times: Vec<f64> = sizes
        .iter()
        .map(|&n| time(n, f).as_secs_f64().max(1e-6))
        .collect();
    for k in 1..sizes.len() {
        let ratio = times[k] / times[k - 1];
        assert!(
            ratio <= 2.0 * 2.5,
            "{name}: time grew {ratio:.1}× from {} to {} units ({times:?})",
            sizes[k - 1],
            sizes[k]
        );
    }
}

#[test]
fn the_grammar_is_linear_on_long_inputs() {
    if crate::support::skip_slow("the_grammar_is_linear_on_long_inputs") {
        return;
    }
    let _turn = turn();
    let aliases = aliases();
    for unit in [
        "Articles 1, 2, 3 and 4 of the Charter; ",
        "Article Article Article (((( ",
        "A/RES/1/2 para. 3 ",
        "ééé Art.1(2)(3) ",
    ] {
        assert_linear(unit, &|n| {
            let text = unit.repeat(n);
            let mut context = Context::default();
            let _ = scan(&text, &aliases, &mut context);
        });
    }
}
