//! Real instrument texts in their sources' layout (`tests/instruments/`):
//! each reads into the unit tree its source prints, counted against
//! `expected.toml`, whose counts were taken from the texts by hand.

use std::collections::BTreeMap;
use std::path::Path;

use glossator::diag::FileId;
use glossator::parse::instrument::{Kind, Unit};

fn folder() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/instruments"))
}

fn units(id: &str) -> Vec<Unit> {
    let text = std::fs::read_to_string(folder().join(format!("{id}.md"))).unwrap();
    let mut diags = Vec::new();
    let doc = glossator::parse::parse(
        &format!("instruments/{id}.md"),
        FileId(0),
        &text,
        &mut diags,
    );
    assert!(diags.is_empty(), "{id}: {diags:?}");
    doc.units
}

/// Counts by what a lawyer calls them.
fn counts(units: &[Unit]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for u in units {
        let key = match u.kind {
            // A schedule's `Paragraph 1` is no article.
            Kind::Article if u.label.starts_with("Article") => "articles",
            Kind::Recital => "recitals",
            Kind::Part if !u.address.contains('/') => {
                let last = u.html_id.rsplit("__").next().unwrap_or("");
                match (last.split('_').next(), u.depth) {
                    (Some("para"), _) => "paragraphs",
                    (Some("point"), _) => "points",
                    _ => continue,
                }
            }
            Kind::Container => match u
                .address
                .rsplit(", ")
                .next()
                .unwrap_or("")
                .split(' ')
                .next()
            {
                Some("Chapter") => "chapters",
                Some("Part") => "parts",
                Some("Section") => "sections",
                _ => "containers",
            },
            _ => continue,
        };
        *out.entry(key).or_default() += 1;
    }
    out
}

#[test]
fn each_real_text_reads_into_its_units() {
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(folder().join("expected.toml")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for (id, want) in &expected {
        let units = units(id);
        let got = counts(&units);
        let want = want.as_table().unwrap();
        let int = |key: &str| want.get(key).and_then(toml::Value::as_integer);
        for key in [
            "articles",
            "recitals",
            "chapters",
            "parts",
            "sections",
            "paragraphs",
            "points",
        ] {
            // Article 4's numbered definitions are paragraphs, and
            // sub-points are points, each a level deeper; the lettered
            // sections and numbered items of the Refugee Convention's
            // Article 1 are paragraphs too.
            let n = match key {
                "paragraphs" => int(key).map(|n| {
                    n + int("definitions").unwrap_or(0)
                        + int("article_1_sections").unwrap_or(0)
                        + int("numbered_items").unwrap_or(0)
                }),
                "points" => int(key).map(|n| n + int("subpoints").unwrap_or(0)),
                _ => int(key),
            };
            if let Some(n) = n {
                let have = got.get(key).copied().unwrap_or(0);
                if have as i64 != n {
                    failures.push(format!("{id}: {have} {key}, the text has {n}"));
                }
            }
        }
        for unit in want["units"].as_array().unwrap() {
            let address = unit.as_str().unwrap();
            if !units.iter().any(|u| u.address == address) {
                failures.push(format!("{id}: no unit {address}"));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for u in &units {
            if !seen.insert(&u.address) {
                failures.push(format!("{id}: {} twice", u.address));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
