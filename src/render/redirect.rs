//! The pages `[output.html.redirect]` leaves at old addresses, and the
//! script that sends a real page's old fragments on.
//!
//! A redirect page refreshes to its new address at once (a `<meta>` refresh,
//! which needs no script and works from `file://`) and links to it for a
//! reader whose browser does not follow. A refresh drops the fragment the
//! reader came with, so a script in the head goes first when there is one:
//! to the address the fragment's own entry names, or to the new address
//! with the reader's fragment, as mdBook's redirects do.

use std::collections::BTreeMap;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::i18n::{self, Strings};
use crate::resolve::redirects::Moved;

/// The page left at an old address, in the edition's `language`.
pub fn page(moved: &Moved, language: &str, strings: &Strings) -> String {
    let mut href = String::new();
    let _ = escape_href(&mut href, &moved.to);
    let mut text = String::new();
    let _ = escape_html(&mut text, &moved.to);
    let mut lang = String::new();
    let _ = escape_html(&mut lang, language);
    let script = format!(
        "(function(){{var map={};var to={};var h=location.hash;if(!h)return;var t=map[h];var u=new URL(t||to,location.href);if(!t)u.hash=h;location.replace(u.href);}})();",
        json(&moved.fragments),
        json(&moved.to)
    );
    let title = i18n::html(&strings.moved_title);
    let link = format!("<a href=\"{href}\">{text}</a>");
    let moved = i18n::fill_html(&strings.moved_text, &[("link", &link)]);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<script>{script}</script>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>{moved}</p>\n</body>\n</html>\n"
    )
}

/// The script a real page carries when some of its old fragments went
/// elsewhere (`#old` → new address, relative to the page).
pub fn anchors(map: &BTreeMap<String, String>) -> String {
    format!(
        "<script>(function(){{var t={}[location.hash];if(t)location.replace(new URL(t,location.href).href);}})();</script>\n",
        json(map)
    )
}

/// `value` as a JavaScript literal that cannot close its `<script>`.
fn json(value: &impl serde::Serialize) -> String {
    crate::script_json::escape(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_refreshes_to_the_new_address_with_its_fragment() {
        let moved = Moved {
            to: "../new/page.html#part".into(),
            fragments: BTreeMap::new(),
        };
        let html = page(&moved, "en", &Strings::english());
        assert!(
            html.contains("<meta http-equiv=\"refresh\" content=\"0; url=../new/page.html#part\">")
        );
        assert!(html.contains("<a href=\"../new/page.html#part\">"));
    }

    #[test]
    fn nothing_written_breaks_out_of_its_context() {
        let moved = Moved {
            to: "x.html\"><script>alert(1)</script>".into(),
            fragments: [("#a".to_string(), "</script><b>".to_string())].into(),
        };
        let html = page(&moved, "en\"", &Strings::english());
        assert_eq!(html.matches("<script>").count(), 1, "{html}");
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html.contains("\"><"), "{html}");
        assert!(!anchors(&moved.fragments).contains("</script><"));
    }
}
