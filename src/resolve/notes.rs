//! Footnote numbers across the edition.
//!
//! The authors' numbers are kept: a note labelled `[^47]` is note 47 wherever
//! it stands. Other labels get the next number no numeric label uses, so the
//! numbering runs on across chapters as in the paper, or starts again in
//! each chapter when the edition numbers per chapter. An instrument's own
//! notes are always numbered within the instrument: they never join the
//! commentary's.
//!
//! In an mdBook book a label is only a name, as mdBook reads it: `[^2]`
//! cited before `[^1]` is shown as note 1, the notes are numbered in the
//! order of their first reference, and no order or gap is a warning (the
//! rustc-dev-guide cites `[^2]` first, and mdBook shows 1, then 2).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use pulldown_cmark::{Event, Tag};

use super::{Page, Target};
use crate::diag::{Diagnostic, Span};
use crate::parse::Node;

/// A note's number in the edition.
pub type NoteNumber = u32;

/// Numbers every note reference and definition, records the targets, and
/// reports dangling, unused, doubled and out-of-order notes. Returns the
/// number of references. With `names` (an mdBook book) labels are names:
/// see the module's comment.
pub(super) fn number(
    pages: &mut [Page],
    per_chapter: bool,
    names: bool,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let own_scope = |page: &Page| per_chapter || page.doc.instrument.is_some();
    let taken_in = |pages: &mut dyn Iterator<Item = &Page>| -> BTreeSet<NoteNumber> {
        pages
            .flat_map(|p| p.doc.note_refs.iter().chain(&p.doc.note_defs))
            .filter_map(|l| numeric(&l.label))
            .filter(|_| !names)
            .collect()
    };
    let shared_taken = taken_in(&mut pages.iter().filter(|p| !own_scope(p)));
    let mut shared = Scope {
        taken: shared_taken,
        names,
        ..Scope::default()
    };
    let mut total = 0;
    for page in pages.iter_mut() {
        if own_scope(page) {
            let mut scope = Scope {
                taken: taken_in(&mut std::iter::once(&*page)),
                names,
                ..Scope::default()
            };
            total += number_page(page, &mut scope, diags);
            check_sequence(&scope.sequence, diags);
        } else {
            total += number_page(page, &mut shared, diags);
        }
    }
    check_sequence(&shared.sequence, diags);
    total
}

/// The numbers of one run of notes: the edition's, a chapter's or an
/// instrument's.
#[derive(Default)]
struct Scope {
    /// The numbers the authors' numeric labels take.
    taken: BTreeSet<NoteNumber>,
    /// The last number given.
    counter: NoteNumber,
    /// Where each number is first defined.
    defined_in: BTreeMap<NoteNumber, Span>,
    /// Numeric references in reading order, for the order check.
    sequence: Vec<(NoteNumber, Span)>,
    /// Labels are names, numbered in the order of first reference, as in
    /// mdBook: no label is a number of its own, and no order is checked.
    names: bool,
}

/// Numbers the notes of one page within `scope`; returns its references.
fn number_page(page: &mut Page, scope: &mut Scope, diags: &mut Vec<Diagnostic>) -> usize {
    let Scope {
        taken,
        counter,
        defined_in,
        sequence,
        names,
    } = scope;
    let mut total = 0;
    {
        let mut numbers: HashMap<String, NoteNumber> = HashMap::new();
        for l in page.doc.note_refs.iter().chain(&page.doc.note_defs) {
            if numbers.contains_key(&l.label) {
                continue;
            }
            let n = match numeric(&l.label).filter(|_| !*names) {
                Some(n) => n,
                None => {
                    *counter += 1;
                    while taken.contains(counter) {
                        *counter += 1;
                    }
                    *counter
                }
            };
            *counter = (*counter).max(n);
            numbers.insert(l.label.clone(), n);
        }
        let defined: BTreeSet<&str> = page
            .doc
            .note_defs
            .iter()
            .map(|d| d.label.as_str())
            .collect();
        let referenced: BTreeSet<&str> = page
            .doc
            .note_refs
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        for r in &page.doc.note_refs {
            if !defined.contains(r.label.as_str()) {
                diags.push(
                    Diagnostic::warning(
                        format!(
                            "note {} is referenced but its text is not defined",
                            numbers[&r.label]
                        ),
                        r.span.clone(),
                    )
                    .with_help(format!(
                        "add `[^{}]: ...` in this file; it is shown as missing meanwhile",
                        r.label
                    )),
                );
            }
        }
        for d in &page.doc.note_defs {
            let n = numbers[&d.label];
            if !referenced.contains(d.label.as_str()) {
                diags.push(
                    Diagnostic::warning(
                        format!("note {n} is defined but never referenced"),
                        d.span.clone(),
                    )
                    .with_help(format!("cite it with `[^{}]`, or remove it", d.label)),
                );
            }
            if let Some(first) = defined_in.get(&n) {
                if first.file != d.span.file {
                    diags.push(
                        Diagnostic::warning(
                            format!("note number {n} is defined in two files"),
                            d.span.clone(),
                        )
                        .with_help(
                            "note numbers should be unique across the edition; renumber one",
                        ),
                    );
                }
            } else {
                defined_in.insert(n, d.span.clone());
            }
        }
        let mut seen_refs: HashMap<&str, usize> = HashMap::new();
        let mut targets = Vec::new();
        for (i, (node, _)) in page.doc.events.iter().enumerate() {
            let Node::Md(event) = node else { continue };
            match event {
                Event::FootnoteReference(label) => {
                    let k = seen_refs.entry(label.as_ref()).or_insert(0);
                    *k += 1;
                    let n = numbers[label.as_ref()];
                    if *k == 1
                        && !*names
                        && numeric(label).is_some()
                        && let Some(r) = page
                            .doc
                            .note_refs
                            .iter()
                            .find(|r| r.label == label.as_ref())
                    {
                        sequence.push((n, r.span.clone()));
                    }
                    total += 1;
                    targets.push((
                        i,
                        Target::NoteRef {
                            number: n,
                            occurrence: *k,
                            missing: !defined.contains(label.as_ref()),
                        },
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let uses = page
                        .doc
                        .note_refs
                        .iter()
                        .filter(|r| r.label == label.as_ref())
                        .count();
                    targets.push((
                        i,
                        Target::NoteDef {
                            number: numbers[label.as_ref()],
                            backlinks: uses,
                        },
                    ));
                }
                _ => {}
            }
        }
        page.targets.extend(targets);
    }
    total
}

/// Reports note numbers that skip or go back, in reading order.
fn check_sequence(sequence: &[(NoteNumber, Span)], diags: &mut Vec<Diagnostic>) {
    let mut last: NoteNumber = 0;
    for (n, span) in sequence {
        if *n <= last {
            diags.push(
                Diagnostic::warning(format!("note {n} comes after note {last}"), span.clone())
                    .with_help("notes should be numbered in reading order"),
            );
        } else if *n != last + 1 {
            diags.push(
                Diagnostic::warning(
                    format!("note numbers skip from {last} to {n}"),
                    span.clone(),
                )
                .with_help("check whether a note is missing"),
            );
        }
        last = last.max(*n);
    }
}

fn numeric(label: &str) -> Option<NoteNumber> {
    if label.len() <= 6 && label.bytes().all(|b| b.is_ascii_digit()) {
        label.parse().ok().filter(|&n| n > 0)
    } else {
        None
    }
}
