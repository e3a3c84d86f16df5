//! The seam between the resolved edition and an output format.
//!
//! As in mdBook, where each `[output.NAME]` is a `Renderer` handed a render
//! context, every format glossator writes is a [`Renderer`] over one
//! [`RenderContext`]: the resolved edition (what each reference means,
//! never an address), the files its diagnostics point into, and where the
//! files go as they are made. The site (with its print edition and, on
//! request, the single file) is [`Html`], the one renderer today; an EPUB or
//! Typst writer would be another, computing its own addresses from the same
//! destinations.

use super::{Cache, Output, Sink};
use crate::diag::{Diagnostic, SourceMap};
use crate::resolve::Edition;

/// What every renderer is given.
pub struct RenderContext<'a> {
    /// The resolved edition.
    pub edition: &'a Edition,
    /// The text of every file, for diagnostics.
    pub map: &'a SourceMap,
    /// Where files go as soon as they are made (a build's writer); `None`
    /// keeps them all in the [`Output`] (`serve`, `compile`).
    pub sink: Option<&'a dyn Sink>,
}

/// An output format.
pub trait Renderer {
    /// Renders the edition: the files not given to the context's sink, or
    /// `None` when the format could not be made (a template failed; the
    /// reason is in `diags`).
    fn render(&mut self, ctx: &RenderContext<'_>, diags: &mut Vec<Diagnostic>) -> Option<Output>;
}

/// The HTML site: a page per chapter and instrument, the generated pages,
/// the theme, the print edition, the search index, and with `single_file`
/// the whole edition as one file.
pub struct Html<'c> {
    /// Also make the single self-contained file.
    pub single_file: bool,
    /// Pages kept from the last build, reused when their inputs are the same.
    pub cache: &'c mut Cache,
}

impl Renderer for Html<'_> {
    fn render(&mut self, ctx: &RenderContext<'_>, diags: &mut Vec<Diagnostic>) -> Option<Output> {
        super::render(
            ctx.edition,
            ctx.map,
            self.single_file,
            self.cache,
            ctx.sink,
            diags,
        )
    }
}
