//! One walk over a page's nodes that knows where it is: inside a link, a
//! code block, a heading, a note, an editorial note, how deep in blocks.
//!
//! Every stage that reads a page's events (numbering paragraphs, finding
//! citations and cross-references, the search index, rendering) asks the
//! same questions of each event: are these words a link's text? code? a
//! note's? the editors'? A [`Cursor`] keeps that state once, so the stages
//! agree at the edges (a citation inside an editors' mark, a link inside a
//! note inside an editorial note) instead of each counting for itself.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::node::{Ext, ExtEnd, Node};

/// Where in a page a node stands. For a start, the context it opens in; for
/// an end, the one it closes back to; so a node and its end see the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Links around the node: Markdown links and the extensions written as
    /// links (unit links, `nocite:`, editors' marks).
    pub links: u16,
    /// Inside a code block.
    pub code: bool,
    /// Inside a heading.
    pub heading: bool,
    /// Inside a footnote definition.
    pub note: bool,
    /// Editorial notes around the node.
    pub editorial: u16,
    /// Inside an editors' mark (`[sic](ed:)`): the editors' words.
    pub editors_mark: bool,
    /// Blocks around the node that take it out of the text's body: list
    /// items, quotations, notes, tables, definition lists, editorial notes.
    pub nesting: u16,
}

impl Context {
    /// Whether the node's words are running text that may be read for
    /// citations and cross-references: not a link's, not code.
    pub fn is_prose(&self) -> bool {
        self.links == 0 && !self.code
    }

    /// The context inside `node`, which starts or ends here, or stands
    /// where it is.
    fn step(&mut self, node: &Node) {
        match node {
            Node::Md(Event::Start(tag)) => match tag {
                Tag::Link { .. } => self.links += 1,
                Tag::CodeBlock(_) => self.code = true,
                Tag::Heading { .. } => self.heading = true,
                Tag::FootnoteDefinition(_) => {
                    self.note = true;
                    self.nesting += 1;
                }
                Tag::Item | Tag::BlockQuote(_) | Tag::Table(_) | Tag::DefinitionList => {
                    self.nesting += 1
                }
                _ => {}
            },
            Node::Md(Event::End(tag)) => match tag {
                TagEnd::Link => self.links = self.links.saturating_sub(1),
                TagEnd::CodeBlock => self.code = false,
                TagEnd::Heading(_) => self.heading = false,
                TagEnd::FootnoteDefinition => {
                    self.note = false;
                    self.nesting = self.nesting.saturating_sub(1);
                }
                TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::DefinitionList => {
                    self.nesting = self.nesting.saturating_sub(1)
                }
                _ => {}
            },
            Node::Start(ext) => {
                if ext.is_link() {
                    self.links += 1;
                }
                match ext {
                    Ext::EditorialNote => {
                        self.editorial += 1;
                        self.nesting += 1;
                    }
                    Ext::EditorsMark { .. } => self.editors_mark = true,
                    Ext::UnitLink { .. } | Ext::NoCite | Ext::WorkLink { .. } => {}
                }
            }
            Node::End(end) => {
                if end.is_link() {
                    self.links = self.links.saturating_sub(1);
                }
                match end {
                    ExtEnd::EditorialNote => {
                        self.editorial = self.editorial.saturating_sub(1);
                        self.nesting = self.nesting.saturating_sub(1);
                    }
                    ExtEnd::EditorsMark => self.editors_mark = false,
                    ExtEnd::UnitLink | ExtEnd::NoCite | ExtEnd::WorkLink => {}
                }
            }
            Node::Md(_) => {}
        }
    }
}

/// One node of a walk, with its index, its bytes in the file and its
/// [`Context`].
pub struct Visit<'a> {
    pub index: usize,
    pub node: &'a Node,
    pub range: &'a Range<usize>,
    pub context: Context,
}

/// A walk over `nodes` in order.
pub struct Cursor<'a> {
    nodes: std::iter::Enumerate<std::slice::Iter<'a, (Node, Range<usize>)>>,
    context: Context,
}

impl<'a> Cursor<'a> {
    pub fn new(nodes: &'a [(Node, Range<usize>)]) -> Cursor<'a> {
        Cursor {
            nodes: nodes.iter().enumerate(),
            context: Context::default(),
        }
    }
}

impl<'a> Iterator for Cursor<'a> {
    type Item = Visit<'a>;

    fn next(&mut self) -> Option<Visit<'a>> {
        let (index, (node, range)) = self.nodes.next()?;
        let before = self.context;
        self.context.step(node);
        // A start is in the context before it, an end in the one after it.
        let is_end = matches!(node, Node::End(_) | Node::Md(Event::End(_)));
        let context = if is_end { self.context } else { before };
        Some(Visit {
            index,
            node,
            range,
            context,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contexts(nodes: Vec<Node>) -> Vec<Context> {
        let nodes: Vec<_> = nodes.into_iter().map(|n| (n, 0..0)).collect();
        Cursor::new(&nodes).map(|s| s.context).collect()
    }

    #[test]
    fn a_start_and_its_end_stand_outside_what_they_open() {
        let link = Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: "x.md".into(),
            title: "".into(),
            id: "".into(),
        };
        let seen = contexts(vec![
            Node::Md(Event::Start(link)),
            Node::Md(Event::Text("words".into())),
            Node::Md(Event::End(TagEnd::Link)),
            Node::Md(Event::Text("after".into())),
        ]);
        assert_eq!(seen[0].links, 0);
        assert_eq!(seen[1].links, 1);
        assert!(!seen[1].is_prose());
        assert_eq!(seen[2].links, 0);
        assert!(seen[3].is_prose());
    }

    #[test]
    fn extensions_written_as_links_count_as_links() {
        let seen = contexts(vec![
            Node::Start(Ext::EditorialNote),
            Node::Start(Ext::EditorsMark { why: "".into() }),
            Node::Md(Event::Text("sic".into())),
            Node::End(ExtEnd::EditorsMark),
            Node::Md(Event::Text("note".into())),
            Node::End(ExtEnd::EditorialNote),
        ]);
        assert_eq!(seen[0].editorial, 0);
        assert_eq!((seen[1].editorial, seen[1].nesting), (1, 1));
        assert!(seen[2].editors_mark && seen[2].links == 1);
        assert!(seen[4].is_prose() && !seen[4].editors_mark);
        assert_eq!(seen[5], Context::default());
    }
}
