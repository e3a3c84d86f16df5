//! Rendered pages kept between builds (by `serve`), so that a save
//! re-renders only the pages whose output can have changed.
//!
//! Rendering a page is a [`Step`]: a [`PageInput`] holds everything it
//! reads, namely the page (its document and everything resolve decided for
//! it: note and paragraph numbers, link and citation targets, its clause
//! panel), its neighbours' titles and addresses, its old fragments, the
//! "Cited in" marks of an instrument page and the previews of the units a
//! chapter cites, and, hashed once per build, the [`Shared`]: configuration,
//! templates and the pages of the print edition. A page whose input hashes
//! as before is not rendered again (see [`crate::memo`]).

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::instrument::{self, Marks};
use super::templates::Templates;
use super::{RenderedPage, address};
use crate::config::Config;
use crate::diag::{Diagnostic, SourceMap};
use crate::memo::{ByDebug, Keyed, Memo, Step};
use crate::resolve::{Edition, Page};

/// The last build's pages, by output path, under their keys.
pub type Cache = Memo<Arc<RenderedPage>>;

/// What every page's rendering reads from the edition as a whole, hashed
/// once per build (as a [`Keyed`]).
pub(super) struct Shared<'a> {
    pub config: &'a Config,
    /// Where every page is written, which the page's links are addresses of.
    pub addresses: address::Site<'a>,
    pub templates: &'a Templates,
    /// The pages in the print edition, whose links between them become
    /// anchors there.
    pub in_print: BTreeSet<&'a str>,
    /// Whether the single file is made, which needs every page's body.
    pub single_file: bool,
}

impl Hash for Shared<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let Shared {
            config,
            addresses,
            templates,
            in_print,
            single_file,
        } = self;
        (
            ByDebug(*config),
            addresses,
            templates,
            in_print,
            single_file,
        )
            .hash(h);
    }
}

/// A page next to the one rendered, as its links name it.
#[derive(Hash)]
pub(super) struct Neighbour<'a> {
    pub title: &'a str,
    pub output: &'a str,
}

/// Everything the rendering of one page reads, and so its key.
#[derive(Hash)]
pub(super) struct PageInput<'a> {
    pub site: &'a Keyed<Shared<'a>>,
    /// The page's index (its search entries' ids) and the page.
    pub index: usize,
    pub page: &'a Page,
    /// The page's file as diagnostics name it.
    pub name: &'a str,
    pub prev: Option<Neighbour<'a>>,
    pub next: Option<Neighbour<'a>>,
    /// Old fragments of the page and where they went
    /// (`[output.html.redirect]`).
    pub anchors: Option<&'a BTreeMap<String, String>>,
    pub marks: Marks,
    pub previews: String,
}

impl<'a> PageInput<'a> {
    /// The input of page `index`'s rendering, taken from the edition.
    pub fn new(
        site: &'a Keyed<Shared<'a>>,
        edition: &'a Edition,
        index: usize,
        map: &'a SourceMap,
    ) -> PageInput<'a> {
        let page = &edition.pages[index];
        let neighbour = |n: Option<usize>| {
            n.map(|n| Neighbour {
                title: &edition.pages[n].title,
                output: &edition.pages[n].output,
            })
        };
        PageInput {
            site,
            index,
            page,
            name: map.name(page.doc.file),
            prev: neighbour(page.prev),
            next: neighbour(page.next),
            anchors: edition.redirects.anchors.get(&page.output),
            marks: instrument::marks(edition, index),
            previews: instrument::previews(edition, index)
                + &super::case_table::previews(edition, index)
                + &super::bibliography::previews(edition, index),
        }
    }
}

impl Step for PageInput<'_> {
    const NAME: &'static str = "rendering";
    type Output = Arc<RenderedPage>;
    type Error = Diagnostic;
    fn run(&self) -> Result<Arc<RenderedPage>, Diagnostic> {
        let mut rendered = super::page::render_page(self)?;
        if !self.site.single_file {
            // Only the single file needs it: do not hold every page's text twice.
            rendered.body = String::new();
        }
        Ok(Arc::new(rendered))
    }
}
