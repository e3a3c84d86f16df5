//! Marginal paragraph numbers, as legal commentaries print them: every
//! paragraph of the text's body, numbered continuously through the edition,
//! so that a reader can cite "para 12" as precisely as a page.
//!
//! Only top-level paragraphs of chapters count: not notes, list items,
//! quotations, tables or editorial notes, and not chapters whose front matter
//! says `paragraph-numbers = false` (an editors' page such as "About").

use pulldown_cmark::{Event, Tag};

use super::{Page, Target};
use crate::parse::{Cursor, Node};

/// Numbers the paragraphs of every chapter, through the edition or afresh
/// in each chapter (`per_chapter`).
pub(super) fn number(pages: &mut [Page], per_chapter: bool) {
    let mut n = 0;
    for page in pages.iter_mut() {
        if page.doc.instrument.is_some() || page.doc.front.paragraph_numbers == Some(false) {
            continue;
        }
        if per_chapter {
            n = 0;
        }
        let mut targets = Vec::new();
        for step in Cursor::new(&page.doc.events) {
            if let Node::Md(Event::Start(Tag::Paragraph)) = step.node
                && step.context.nesting == 0
            {
                n += 1;
                targets.push((step.index, Target::Paragraph(n)));
            }
        }
        page.targets.extend(targets);
    }
}
