//! Where a place of the site lives in a document made of some of its pages:
//! the print edition (`print.html`) and the single file. This is the second
//! address strategy beside [`Site`](super::Site): each page is a section
//! whose id is its slug (`instruments/un-charter.html` →
//! `instruments-un-charter`), a page's ids are prefixed by that slug
//! (`chapter--abstract`), and a link to a page of the document is a link to
//! its section.
//!
//! The rule is stated once here; `single.rs` applies it to the site's own
//! HTML, attribute by attribute, because a page's body is rendered once for
//! both (see there why).

use std::collections::BTreeSet;

use super::encode_path;
use crate::config::Numbering;

/// The addresses of one combined document: which pages it holds, and
/// whether note and paragraph numbers are the edition's or each page's.
pub struct Combined<'a> {
    inside: &'a BTreeSet<&'a str>,
    per_chapter: bool,
}

impl<'a> Combined<'a> {
    /// The document made of the pages `inside` (by output path), numbered
    /// as `numbering` says.
    pub fn new(inside: &'a BTreeSet<&'a str>, numbering: Numbering) -> Combined<'a> {
        Combined {
            inside,
            per_chapter: numbering == Numbering::Chapter,
        }
    }

    /// Whether the page `output` is a section of the document.
    pub fn holds(&self, output: &str) -> bool {
        self.inside.contains(output)
    }

    /// The id, in the document, of the id `id` of page `page`, whose
    /// section id is `section` (as it is written there: escaped for an
    /// attribute, or encoded for an address). Note and paragraph numbers
    /// unique in the whole edition keep their ids, so that "note 12" and
    /// "para 30" stay the same address everywhere; numbers a page has to
    /// itself are prefixed like any other id.
    pub fn id_in(&self, section: &str, page: &str, id: &str) -> String {
        let kept = self.numbers_global(page)
            && ["fn-", "fnref-", "para-"].iter().any(|p| id.starts_with(p));
        if kept {
            id.to_string()
        } else {
            format!("{section}--{id}")
        }
    }

    /// The address (not yet escaped for an attribute) of the place
    /// `fragment` of the site file `to`, written in the document: its
    /// section when the document holds the page, else the file, relative
    /// to the document, which stands at the site's root.
    pub fn href(&self, to: &str, fragment: Option<&str>) -> String {
        if self.holds(to) {
            let section = encode_path(&slug(to));
            return match fragment {
                Some(f) => format!("#{}", self.id_in(&section, to, f)),
                None => format!("#{section}"),
            };
        }
        let file = encode_path(to);
        match fragment {
            Some(f) => format!("{file}#{f}"),
            None => file,
        }
    }

    /// Whether the note and paragraph numbers of page `page` are the
    /// edition's (numbered through it), rather than its own: an
    /// instrument's notes are always its own, and so are every chapter's
    /// when the edition numbers per chapter.
    fn numbers_global(&self, page: &str) -> bool {
        !self.per_chapter && !page.starts_with("instruments/")
    }
}

/// The section id of a page (`instruments/un-charter.html` →
/// `instruments-un-charter`).
pub fn slug(output: &str) -> String {
    output.trim_end_matches(".html").replace('/', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document<'a>(inside: &'a BTreeSet<&'a str>, numbering: Numbering) -> Combined<'a> {
        Combined::new(inside, numbering)
    }

    #[test]
    fn a_page_of_the_document_is_its_section() {
        let inside: BTreeSet<&str> = ["a.html", "instruments/b c.html"].into_iter().collect();
        let doc = document(&inside, Numbering::Edition);
        assert_eq!(doc.href("a.html", None), "#a");
        assert_eq!(doc.href("a.html", Some("abstract")), "#a--abstract");
        assert_eq!(
            doc.href("instruments/b c.html", Some("art_1")),
            "#instruments-b%20c--art_1"
        );
        assert_eq!(doc.href("toc.html", Some("x")), "toc.html#x");
    }

    #[test]
    fn the_editions_numbers_keep_their_ids_and_a_pages_own_are_prefixed() {
        let inside: BTreeSet<&str> = ["a.html", "instruments/b.html"].into_iter().collect();
        let through = document(&inside, Numbering::Edition);
        let id = |doc: &Combined<'_>, page: &str, id: &str| doc.id_in(&slug(page), page, id);
        assert_eq!(id(&through, "a.html", "fn-3"), "fn-3");
        assert_eq!(id(&through, "a.html", "para-30"), "para-30");
        assert_eq!(
            id(&through, "instruments/b.html", "fn-3"),
            "instruments-b--fn-3"
        );
        let per_chapter = document(&inside, Numbering::Chapter);
        assert_eq!(id(&per_chapter, "a.html", "fn-3"), "a--fn-3");
        assert_eq!(per_chapter.href("a.html", Some("fn-3")), "#a--fn-3");
    }
}
