//! Marginal paragraph numbers, as legal commentaries print them: every
//! paragraph of the text's body, numbered continuously through the edition,
//! so that a reader can cite "para 12" as precisely as a page.
//!
//! Only top-level paragraphs of chapters count: not notes, list items,
//! quotations, tables or editorial notes, and not chapters whose front matter
//! says `paragraph-numbers = false` (an editors' page such as "About").

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Page, Target};
use crate::parse::{EDITORIAL_CLOSE, EDITORIAL_OPEN};

/// Numbers the paragraphs of every chapter, through the edition or afresh
/// in each chapter (`per_chapter`); returns how many there are.
pub(super) fn number(pages: &mut [Page], per_chapter: bool) -> u32 {
    let mut n = 0;
    let mut total = 0;
    for page in pages.iter_mut() {
        if page.doc.instrument.is_some() || page.doc.front.paragraph_numbers == Some(false) {
            continue;
        }
        if per_chapter {
            total += n;
            n = 0;
        }
        let mut depth = 0usize;
        let mut targets = Vec::new();
        for (i, (event, _)) in page.doc.events.iter().enumerate() {
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => {
                    n += 1;
                    targets.push((i, Target::Paragraph(n)));
                }
                Event::Start(
                    Tag::Item
                    | Tag::BlockQuote(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)
                    | Tag::DefinitionList,
                ) => depth += 1,
                Event::End(
                    TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition
                    | TagEnd::Table
                    | TagEnd::DefinitionList,
                ) => depth = depth.saturating_sub(1),
                Event::Html(html) if html.as_ref() == EDITORIAL_OPEN => depth += 1,
                Event::Html(html) if html.as_ref() == EDITORIAL_CLOSE => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
        }
        page.targets.extend(targets);
    }
    total + n
}
