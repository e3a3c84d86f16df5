//! Where a [`Dest`] lives: the two address strategies over one resolved
//! edition.
//!
//! [`Site`] is the multi-page site's: the address, relative to the page it
//! is written in, of the file that holds it. Resolve says what a reference
//! points at (a page and an id on it); this is the one place that turns
//! that into an address, so that every link the site writes follows one
//! rule: a place on the same page is its fragment alone (`#fn-3`), one on
//! another page the relative file address (`../chapter.html#fn-3`), which
//! works from `file://` and under any sub-path.
//!
//! [`Combined`] is that of a document made of several pages, the print
//! edition and the single file: a page is a section, its ids carry the
//! page's name, a link between pages is an anchor in the document.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::resolve::{Dest, Edition, Page, PageRef};

pub mod combined;
pub use combined::Combined;

/// The site's addresses of an edition's pages.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pages: &'a [Page],
    not_found: Option<&'a Page>,
}

impl<'a> Site<'a> {
    pub fn new(edition: &'a Edition) -> Site<'a> {
        Site {
            pages: &edition.pages,
            not_found: edition.not_found.as_ref(),
        }
    }

    /// Every address it writes follows from where the pages are written:
    /// their output paths, in reading order, and the 404 page's.
    fn outputs(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let not_found = self.not_found.map(|p| p.output.as_str());
        self.pages
            .iter()
            .map(|p| p.output.as_str())
            .chain(not_found)
    }

    /// The output path of the page `page` refers to.
    fn output(&self, page: PageRef) -> Option<&'a str> {
        match page {
            PageRef::Page(id) => self.pages.get(id.0).map(|p| p.output.as_str()),
            PageRef::NotFound => self.not_found.map(|p| p.output.as_str()),
            PageRef::Generated(path) => Some(path),
        }
    }

    /// The address of `dest` written in the page whose output path is
    /// `from` (not yet escaped for an attribute).
    pub fn href(&self, from: &str, dest: &Dest) -> String {
        let (page, fragment) = match dest {
            Dest::Out(url) => return url.clone(),
            Dest::In { page, fragment } => (*page, fragment.as_deref()),
        };
        // A page resolve named is in the edition; were it not, its top.
        let to = self.output(page).unwrap_or(from);
        match fragment {
            Some(f) if to == from => format!("#{f}"),
            Some(f) => format!("{}#{f}", relative_url(from, to)),
            None => relative_url(from, to),
        }
    }
}

/// By the output paths alone: a cached rendering (`cache.rs`) holds while
/// no page moves.
impl std::hash::Hash for Site<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (self.pages.len(), self.not_found.is_some()).hash(h);
        for output in self.outputs() {
            output.hash(h);
        }
    }
}

/// The address of `to` as seen from the page `from` (both site-relative).
pub fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(&encode_path(to));
    out
}

/// What a path segment of an address glossator writes percent-encodes: the
/// URL standard's path-segment set (controls, space, `"`, `#`, `<`, `>`,
/// `?`, `` ` ``, `{`, `}`, `/`) and `%` itself, so that a browser opens the
/// file of that name; `'`, `:`, `;`, `[`, `\`, `]`, `^` and `|` as well, so
/// that no segment reads as a scheme or breaks out of a quoted context.
/// Everything outside ASCII is encoded as UTF-8 bytes.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'\'')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The address of the site file `path` (`/`-separated, as written to disk):
/// each segment percent-encoded, `a b?.html` → `a%20b%3F.html`.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diag::FileId;
    use crate::resolve::PageId;

    fn page(output: &str) -> Page {
        let doc = crate::parse::parse("x.md", FileId(0), "# X\n", &mut Vec::new());
        Page {
            doc: Arc::new(doc),
            output: output.into(),
            title: "X".into(),
            html_title: None,
            number: None,
            prev: None,
            next: None,
            targets: Default::default(),
            clause: None,
        }
    }

    #[test]
    fn a_place_is_its_fragment_on_its_page_and_a_relative_address_elsewhere() {
        let pages = [page("part/a.html"), page("b c.html")];
        let not_found = page("404.html");
        let site = Site {
            pages: &pages,
            not_found: Some(&not_found),
        };
        let at = |page: usize, fragment: Option<&str>| Dest::In {
            page: PageRef::Page(PageId(page)),
            fragment: fragment.map(str::to_string),
        };
        assert_eq!(site.href("part/a.html", &at(0, Some("fn-3"))), "#fn-3");
        assert_eq!(site.href("part/a.html", &at(0, None)), "../part/a.html");
        assert_eq!(
            site.href("part/a.html", &at(1, Some("art_1"))),
            "../b%20c.html#art_1"
        );
        let missing = Dest::In {
            page: PageRef::NotFound,
            fragment: None,
        };
        assert_eq!(site.href("b c.html", &missing), "404.html");
        let out = Dest::Out("https://eur-lex.europa.eu/eli/reg/2016/679/oj".into());
        assert_eq!(
            site.href("b c.html", &out),
            "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
        );
    }

    #[test]
    fn relative_urls_work_from_any_depth() {
        assert_eq!(relative_url("a.html", "b.html"), "b.html");
        assert_eq!(relative_url("x/a.html", "b c.html"), "../b%20c.html");
        assert_eq!(relative_url("x/y/a.html", "x/b.html"), "../../x/b.html");
    }

    #[test]
    fn addresses_name_the_written_file() {
        assert_eq!(encode_path("a b?.html"), "a%20b%3F.html");
        assert_eq!(encode_path("100%.html"), "100%25.html");
        assert_eq!(encode_path("c#.html"), "c%23.html");
        assert_eq!(encode_path("d/é.html"), "d/%C3%A9.html");
        assert_eq!(encode_path("x:y.html"), "x%3Ay.html");
        assert_eq!(encode_path("plain-name_1.2.html"), "plain-name_1.2.html");
    }
}
