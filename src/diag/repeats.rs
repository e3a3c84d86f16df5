//! Printing many diagnostics without flooding the terminal: a warning of a
//! kind already shown a few times is counted, not printed, and one line at
//! the end says how many more there were (`-v` prints them all). An edition
//! that repeats one mistake ten thousand times then prints a screenful, and
//! the build does not spend its time writing to a terminal.
//!
//! Errors are always printed in full: each must be fixed before anything is
//! written. Two warnings are of one kind when their messages differ only in
//! numbers and in what they quote between backticks (`note 4 comes after
//! note 80`, `note 9 comes after note 85`).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Diagnostic, SourceMap};

/// How many warnings of one kind are printed in full before the rest are
/// only counted.
pub const SHOWN_PER_KIND: usize = 5;

/// Decides, diagnostic by diagnostic, what is printed; see the module
/// documentation.
#[derive(Debug)]
pub struct Repeats {
    /// Print everything (`-v`).
    all: bool,
    /// Per kind: the index in `kinds` and how many were seen.
    seen: HashMap<String, (usize, usize)>,
    /// The kinds cut short, in the order they first appeared: the first
    /// message of the kind and how many were not printed.
    kinds: Vec<(String, usize)>,
}

impl Repeats {
    /// A printer that cuts repeats short, or prints everything when `all`.
    pub fn new(all: bool) -> Repeats {
        Repeats {
            all,
            seen: HashMap::new(),
            kinds: Vec::new(),
        }
    }

    /// Appends `diag` as rustc prints it to `out`, unless it is one more
    /// warning of a kind already printed [`SHOWN_PER_KIND`] times.
    pub fn render_into(&mut self, out: &mut String, map: &SourceMap, diag: &Diagnostic) {
        if self.all || diag.is_error() {
            out.push_str(&map.render(diag));
            return;
        }
        let next = self.kinds.len();
        let (at, count) = self.seen.entry(kind(&diag.message)).or_insert((next, 0));
        *count += 1;
        if *count <= SHOWN_PER_KIND {
            out.push_str(&map.render(diag));
            return;
        }
        if *at == next {
            self.kinds.push((diag.message.clone(), 0));
        }
        self.kinds[*at].1 += 1;
    }

    /// One line for each kind that was cut short ("… and 9,998 more
    /// warnings like …"); empty when nothing was.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (example, more) in &self.kinds {
            let _ = writeln!(
                out,
                "warning: … and {} more like \"{example}\" (`-v` lists them all)",
                thousands(*more)
            );
        }
        out
    }
}

/// What a warning says with its numbers and quoted names taken out.
fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut digits = false;
    for c in message.chars() {
        if c == '`' {
            if !quoted {
                out.push('`');
            }
            quoted = !quoted;
            digits = false;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
            continue;
        }
        digits = false;
        out.push(c);
    }
    out
}

/// `9998` as `9,998`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    fn warning(message: &str) -> Diagnostic {
        Diagnostic::warning(message, Span::new(crate::diag::FileId(0), 0..1))
    }

    #[test]
    fn numbers_and_quoted_names_do_not_make_a_new_kind() {
        assert_eq!(
            kind("note 4 comes after note 80"),
            "note # comes after note #"
        );
        assert_eq!(
            kind("link to `a.md` is broken"),
            kind("link to `b/c 2.md` is broken")
        );
        assert_ne!(
            kind("note 4 is defined twice"),
            kind("note 4 is never used")
        );
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(998), "998");
        assert_eq!(thousands(9998), "9,998");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn repeats_after_the_first_few_are_counted_not_printed() {
        let mut map = SourceMap::default();
        map.add("a.md".into(), "text\n".into());
        let mut repeats = Repeats::new(false);
        let mut out = String::new();
        for n in 0..12 {
            repeats.render_into(&mut out, &map, &warning(&format!("note {n} is late")));
        }
        repeats.render_into(&mut out, &map, &warning("another warning"));
        let error = Diagnostic::error("note 1 is broken", Span::new(crate::diag::FileId(0), 0..1));
        for _ in 0..7 {
            repeats.render_into(&mut out, &map, &error);
        }
        assert_eq!(out.matches("is late").count(), SHOWN_PER_KIND);
        assert_eq!(out.matches("another warning").count(), 1);
        assert_eq!(
            out.matches("is broken").count(),
            7,
            "errors are all printed"
        );
        assert_eq!(
            repeats.summary(),
            "warning: … and 7 more like \"note 5 is late\" (`-v` lists them all)\n"
        );
        let mut all = Repeats::new(true);
        let mut out = String::new();
        for n in 0..12 {
            all.render_into(&mut out, &map, &warning(&format!("note {n} is late")));
        }
        assert_eq!(out.matches("is late").count(), 12);
        assert_eq!(all.summary(), "");
    }
}
