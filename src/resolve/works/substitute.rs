//! CSL's shorthand `<names variable="editor"/>` in a `<substitute>` takes
//! the `<name>`, `<et-al>` and `<label>` of the names it stands in for
//! (CSL 1.0.2, "Substitute"), wherever in the substitute it stands.
//! hayagriva applies the rule to the substitute's own children but not to
//! names inside a `<choose>` or `<group>` in it, which is how Chicago's
//! 18th-edition styles write their editors: an edited book came out as
//! "L. Venturas." where citeproc-js and the Manual give "Venturas, Lina,
//! ed.". The style is rewritten once, when it is chosen, so that each such
//! shorthand carries what it inherits; hayagriva leaves names that have
//! their own children as they are, so nothing else changes.

use hayagriva::citationberg::{IndependentStyle, LayoutRenderingElement, Names, NamesChild};

/// Gives every shorthand names element inside a substitute of `style` what
/// it inherits from the names it substitutes for.
pub(super) fn inherit(style: &mut IndependentStyle) {
    walk(&mut style.citation.layout.elements);
    if let Some(b) = &mut style.bibliography {
        walk(&mut b.layout.elements);
    }
    for m in &mut style.macros {
        walk(&mut m.children);
    }
}

/// Finds the names elements with a substitute among `elements`, at any
/// depth.
fn walk(elements: &mut [LayoutRenderingElement]) {
    for e in elements {
        match e {
            LayoutRenderingElement::Names(names) => {
                let parent = names.clone();
                for child in &mut names.children {
                    if let NamesChild::Substitute(s) = child {
                        fill(&parent, &mut s.children);
                        walk(&mut s.children);
                    }
                }
            }
            LayoutRenderingElement::Group(g) => walk(&mut g.children),
            LayoutRenderingElement::Choose(c) => {
                for b in branches(c) {
                    walk(b);
                }
            }
            _ => {}
        }
    }
}

/// Gives the shorthands among `elements`, in a substitute of `parent`, and
/// those in its choices and groups, what they inherit from `parent`.
fn fill(parent: &Names, elements: &mut [LayoutRenderingElement]) {
    for e in elements {
        match e {
            LayoutRenderingElement::Names(child) => *child = parent.from_names_substitute(child),
            LayoutRenderingElement::Group(g) => fill(parent, &mut g.children),
            LayoutRenderingElement::Choose(c) => {
                for b in branches(c) {
                    fill(parent, b);
                }
            }
            _ => {}
        }
    }
}

/// The children of every branch of a choice, its `else` included.
fn branches(
    c: &mut hayagriva::citationberg::Choose,
) -> impl Iterator<Item = &mut Vec<LayoutRenderingElement>> {
    std::iter::once(&mut c.if_.children)
        .chain(c.else_if.iter_mut().map(|b| &mut b.children))
        .chain(c.otherwise.iter_mut().map(|b| &mut b.children))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayagriva::citationberg::Style;

    /// A names element's `<name>`'s sort order, as the style now says it.
    fn sort_orders(style: &IndependentStyle) -> Vec<String> {
        let xml = Style::Independent(style.clone()).to_xml().unwrap();
        xml.match_indices("name-as-sort-order=\"")
            .map(|(i, m)| xml[i + m.len()..].split('"').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_shorthand_in_a_choice_inherits_its_name() {
        let xml = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>T</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout>
    <names variable="author">
      <name name-as-sort-order="first"/><label form="short" prefix=", "/>
      <substitute>
        <choose><if type="book"><group><names variable="editor"/></group></if><else><names variable="translator"/></else></choose>
      </substitute>
    </names>
  </layout></citation>
</style>"#;
        let Style::Independent(mut style) = Style::from_xml(xml).unwrap() else {
            panic!("an independent style")
        };
        assert_eq!(sort_orders(&style), ["first"]);
        inherit(&mut style);
        assert_eq!(sort_orders(&style), ["first", "first", "first"]);
        let xml = Style::Independent(style).to_xml().unwrap();
        assert_eq!(xml.matches("<label form=\"short\"").count(), 3, "{xml}");
    }
}
