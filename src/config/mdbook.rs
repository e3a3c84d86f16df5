//! mdBook's own `book.toml` keys that glossator does not read.
//!
//! An mdBook book must build unchanged and without false warnings, so a key
//! mdBook documents is accepted without a word even when glossator has no use
//! for it; `check -v` lists them, saying why each is left alone. Only a key
//! nobody knows is worth a "check the spelling" warning.

/// Why glossator leaves the mdBook key at `path` alone, when it is one.
///
/// `path` is the topmost key the configuration did not read (a whole table
/// such as `output.html.search` counts as one key).
pub fn unused_key(path: &[String]) -> Option<&'static str> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match path.as_slice() {
        ["rust", ..] => Some("Rust code is not compiled or tested by glossator"),
        ["preprocessor", ..] => Some("glossator does not run mdBook preprocessors"),
        ["output", renderer, ..] if *renderer != "html" => {
            Some("glossator writes its own HTML site and runs no other mdBook renderer")
        }
        ["book", "multilingual" | "text-direction"] => Some("mdBook itself does not use it"),
        ["build", "create-missing"] => {
            Some("a chapter missing from the content folder is always an error")
        }
        ["build", "extra-watch-dirs"] => {
            Some("`glossator serve` watches the whole book folder already")
        }
        ["output", "html", key, ..] => html_key(key),
        _ => None,
    }
}

/// Why an `[output.html]` key of mdBook's is left alone.
fn html_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "theme" | "default-theme" | "preferred-dark-theme" | "copy-fonts" => {
            "glossator has its own theme (see `theme/` in the README)"
        }
        "smart-punctuation" | "curly-quotes" => "glossator always uses smart punctuation",
        "mathjax-support" => "glossator does not load MathJax",
        "git-repository-url" | "git-repository-icon" | "edit-url-template" => {
            "glossator's pages have no repository or edit link"
        }
        "hash-files" => "glossator's file names are stable; a rebuild rewrites only what changed",
        "live-reload-endpoint" | "livereload-url" => "`glossator serve` reloads pages itself",
        "input-404" | "cname" | "sidebar-header-nav" => "not supported yet",
        "print" => "glossator always writes the print edition",
        "fold" => "glossator's table of contents shows every chapter",
        "playground" | "playpen" => "glossator runs no code playground",
        "search" => "glossator's search index has no settings",
        "redirect" => "redirects are not written yet",
        "code" => "code settings are not read yet",
        "google-analytics" => "glossator loads nothing from other sites",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(str::to_string).collect()
    }

    #[test]
    fn mdbooks_keys_are_known_and_typos_are_not() {
        for known in [
            "rust",
            "preprocessor.guide-helper",
            "output.linkcheck",
            "output.html.search",
            "output.html.git-repository-url",
            "output.html.playground",
            "build.extra-watch-dirs",
            "book.multilingual",
        ] {
            assert!(unused_key(&path(known)).is_some(), "{known}");
        }
        for typo in ["output.html.serch", "buld", "book.titel", "output.html"] {
            assert!(unused_key(&path(typo)).is_none(), "{typo}");
        }
    }
}
