//! A range's members in the instrument's own order. The grammar reads
//! "points (a) to (e)" or "Articles 8 to 9" without the instrument, so it
//! counts the members between the ends; an instrument amended in place has
//! units counting cannot know ("(b.1)" between "(b)" and "(c)", "8 bis"
//! between 8 and 9), and a range cites those too. So once the instrument is
//! known, the members between a range's ends are the units that stand
//! between them in the instrument as parsed, of the same rank as the ends.

use super::instruments::Instrument;
use crate::parse::instrument::{Kind, Unit};
use crate::resolve::cite::Reading;

/// `found` with each range's members between its ends replaced by the
/// units between them in the instrument's order. `instrument` gives an
/// instrument of the edition (by its index in the alias table) and its
/// units; a range of any other (a declared external one), or one whose
/// ends are not both units of one rank in order, keeps its counted
/// members, so that each one the instrument lacks is reported as before.
pub(super) fn in_order<'a>(
    found: Vec<Reading>,
    instrument: impl Fn(usize) -> Option<(&'a Instrument, &'a [Unit])>,
) -> Vec<Reading> {
    let mut out = Vec::with_capacity(found.len());
    let mut rest = found.into_iter().peekable();
    while let Some(first) = rest.next() {
        let Some(from) = first.from.clone() else {
            out.push(first);
            continue;
        };
        // The members of one range: the same start, words and instrument.
        let mut run = vec![first];
        while let Some(next) = rest.next_if(|n| {
            n.from.as_deref() == Some(from.as_str())
                && n.range == run[0].range
                && n.instrument == run[0].instrument
        }) {
            run.push(next);
        }
        match run[0].instrument.and_then(&instrument) {
            Some((ins, units)) => out.extend(members(run, &from, ins, units)),
            None => out.extend(run),
        }
    }
    out
}

/// The members of one range (`run`, its end last, all after its start
/// `from`) as instrument `ins` (whose units are `units`) orders them.
fn members(mut run: Vec<Reading>, from: &str, ins: &Instrument, units: &[Unit]) -> Vec<Reading> {
    let Some(end) = run.pop() else {
        return run;
    };
    let ends = ins.find(from).zip(ins.find(&end.address));
    let Some(between) = ends.and_then(|(a, b)| between(units, a.0, b.0)) else {
        run.push(end);
        return run;
    };
    // A counted member the instrument does not hold (an extract of it)
    // is still cited, and so reported as not in the edition.
    let missing = run.into_iter().filter(|r| ins.find(&r.address).is_none());
    let mut out: Vec<Reading> = between
        .into_iter()
        .map(|u| Reading {
            address: units[u].address.clone(),
            ..end.clone()
        })
        .chain(missing)
        .collect();
    out.push(end);
    out
}

/// The units strictly between units `a` and `b` that are of their rank, in
/// the instrument's order; `None` when the two are not of one rank or
/// `b` does not come after `a`.
fn between(units: &[Unit], a: usize, b: usize) -> Option<Vec<usize>> {
    let rank = |u: usize| (units[u].kind, units[u].depth, holder(units, u));
    (a < b && b < units.len() && rank(a) == rank(b))
        .then(|| (a + 1..b).filter(|&u| rank(u) == rank(a)).collect())
}

/// The nearest unit enclosing unit `u` that is no container, so that
/// Articles 12 and 22 of a regulation are of one rank though they stand in
/// two sections of its chapter, and points (a) and (e) are when they are
/// points of one paragraph.
fn holder(units: &[Unit], u: usize) -> Option<usize> {
    let mut up = units[u].parent;
    while let Some(p) = up {
        if units[p].kind != Kind::Container {
            return Some(p);
        }
        up = units[p].parent;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::resolve::cite::Attribution;
    use crate::resolve::{PageId, UnitId};

    fn instrument(markdown: &str) -> (Instrument, Vec<Unit>) {
        let mut d = Vec::new();
        let doc = crate::parse::parse("instruments/x.md", FileId(0), markdown, &mut d);
        assert!(d.is_empty(), "{d:?}");
        let units = doc
            .units
            .iter()
            .enumerate()
            .map(|(u, unit)| (unit.address.clone(), UnitId(u)))
            .collect();
        let ins = Instrument {
            id: "x".to_string(),
            page: PageId(0),
            units,
        };
        (ins, doc.units)
    }

    /// A range's members as the grammar reads them: `counted` between, each
    /// sharing the end's words, with the start `from`.
    fn range(from: &str, counted: &[&str], end: &str) -> Vec<Reading> {
        let reading = |address: &str, from: Option<&str>, range| Reading {
            range,
            instrument: Some(0),
            address: address.to_string(),
            how: Attribution::FrontMatter,
            alternative: None,
            named: None,
            from: from.map(str::to_string),
        };
        std::iter::once(reading(from, None, 0..5))
            .chain(
                counted
                    .iter()
                    .chain([&end])
                    .map(|a| reading(a, Some(from), 9..12)),
            )
            .collect()
    }

    fn resolved(md: &str, found: Vec<Reading>) -> Vec<String> {
        let (ins, units) = instrument(md);
        in_order(found, |i| (i == 0).then_some((&ins, units.as_slice())))
            .into_iter()
            .map(|r| r.address)
            .collect()
    }

    const SECTION: &str = "## Article 101\n\n1. A claim is ineligible if\n\n(a) one;\n\n(b) two;\n\n(b.1) inserted;\n\n(b.2) inserted again;\n\n(c) three;\n\n(c.1) inserted;\n\n(d) four.\n\n2. Another paragraph.\n\n## Article 102\n\nText.\n";

    #[test]
    fn inserted_points_between_the_ends_are_members() {
        assert_eq!(
            resolved(SECTION, range("101(1)(a)", &["101(1)(b)"], "101(1)(c)")),
            [
                "101(1)(a)",
                "101(1)(b)",
                "101(1)(b.1)",
                "101(1)(b.2)",
                "101(1)(c)"
            ]
        );
        // An inserted end, which counting cannot reach from.
        assert_eq!(
            resolved(SECTION, range("101(1)(b.1)", &[], "101(1)(c.1)")),
            ["101(1)(b.1)", "101(1)(b.2)", "101(1)(c)", "101(1)(c.1)"]
        );
    }

    #[test]
    fn inserted_articles_between_the_ends_are_members() {
        let md = "## Article 1\n\nOne.\n\n## Article 2\n\nTwo.\n\n## Article 2a\n\nInserted.\n\n## Article 3\n\nThree.\n";
        assert_eq!(resolved(md, range("1", &["2"], "3")), ["1", "2", "2a", "3"]);
        // Articles in two chapters are of one rank.
        let md = "# CHAPTER I\n\n## Article 8\n\nOne.\n\n## Article 8 bis\n\nInserted.\n\n# CHAPTER II\n\n## Article 9\n\nNine.\n";
        assert_eq!(resolved(md, range("8", &[], "9")), ["8", "8 bis", "9"]);
    }

    #[test]
    fn a_range_the_instrument_cannot_order_keeps_its_counted_members() {
        // An end the instrument lacks: every counted member is kept, so
        // that the missing ones are reported as before.
        assert_eq!(
            resolved(SECTION, range("101(1)(c)", &["101(1)(d)"], "101(1)(e)")),
            ["101(1)(c)", "101(1)(d)", "101(1)(e)"]
        );
        // Ends of two ranks, or the wrong way round.
        assert_eq!(
            resolved(SECTION, range("101(1)(a)", &[], "101(2)")),
            ["101(1)(a)", "101(2)"]
        );
        assert_eq!(
            resolved(SECTION, range("101(1)(c)", &[], "101(1)(b.1)")),
            ["101(1)(c)", "101(1)(b.1)"]
        );
        // Another instrument's range (a declared external one) is left.
        let (ins, units) = instrument(SECTION);
        let got: Vec<String> = in_order(range("1", &["2"], "3"), |i| {
            (i == 7).then_some((&ins, units.as_slice()))
        })
        .into_iter()
        .map(|r| r.address)
        .collect();
        assert_eq!(got, ["1", "2", "3"]);
    }

    #[test]
    fn a_counted_member_an_extract_lacks_is_kept_to_be_reported() {
        let md = "## Article 1\n\nOne.\n\n## Article 2\n\nTwo.\n\n## Article 5\n\nFive.\n";
        assert_eq!(
            resolved(md, range("1", &["2", "3", "4"], "5")),
            ["1", "2", "3", "4", "5"]
        );
    }
}
