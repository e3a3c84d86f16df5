//! `[output.html.redirect]`: where the old addresses of a site go.
//!
//! Each old address that is no page of the site becomes a small page of its
//! own that sends the reader on; an old `#fragment` of an address (a page's
//! or a redirect's) goes where its entry says, as mdBook's redirects do. An
//! old address that the site already writes (a page, a generated file, the
//! theme) is an error at its line of book.toml, never an overwrite, and so is
//! one that would leave the site.

use std::collections::BTreeMap;

use super::Page;
use super::links::join;
use super::pages::unpublishable;
use crate::config::Redirect;
use crate::diag::Diagnostic;
use crate::load::summary::percent_decode;
use crate::parse::scheme;

/// The redirects of an edition, checked.
#[derive(Debug, Default)]
pub struct Redirects {
    /// A page for each old address that is not a page, by site-relative path.
    pub pages: BTreeMap<String, Moved>,
    /// Old fragments of real pages (`#old` → new address), by page output.
    pub anchors: BTreeMap<String, BTreeMap<String, String>>,
}

/// Where one old address went.
#[derive(Debug, Default, PartialEq)]
pub struct Moved {
    /// The new address, as written (relative to the old page, or absolute).
    pub to: String,
    /// Old fragments that went elsewhere (`#old` → new address).
    pub fragments: BTreeMap<String, String>,
}

/// Checks `redirects` against `outputs` (every file the site writes, by
/// lower-cased path, with what writes it) and the edition's `pages`.
pub(super) fn plan(
    redirects: &[Redirect],
    outputs: &BTreeMap<String, String>,
    pages: &[Page],
    diags: &mut Vec<Diagnostic>,
) -> Redirects {
    let mut out = Redirects::default();
    // Fragment entries of old addresses that are not pages, until every
    // redirect page is known.
    let mut fragments: Vec<(&Redirect, String, String)> = Vec::new();
    let mut taken: BTreeMap<String, &Redirect> = BTreeMap::new();
    // The entries that passed, with the old page's path.
    let mut accepted: Vec<(&Redirect, String)> = Vec::new();
    for r in redirects {
        let (address, fragment) = match r.from.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (r.from.as_str(), None),
        };
        let path = match site_path(address) {
            Ok(p) => p,
            Err(why) => {
                diags.push(
                    Diagnostic::error(format!("cannot redirect `{}`: {why}", r.from), r.span.clone())
                        .with_help("write the old address as a path in this site, from its root: `\"/old/page.html\" = \"../new/page.html\"`"),
                );
                continue;
            }
        };
        if let Some(problem) = bad_destination(&r.to) {
            diags.push(
                Diagnostic::error(format!("the redirect from `{}` {problem}", r.from), r.span.clone())
                    .with_help("give the new address, relative to the old page (`../new/page.html#part`) or absolute (`https://example.org/page.html`)"),
            );
            continue;
        }
        if let Some(fragment) = fragment {
            let key = format!("#{fragment}");
            match pages.iter().find(|p| p.output == path) {
                Some(page) => {
                    out.anchors
                        .entry(page.output.clone())
                        .or_default()
                        .insert(key, r.to.clone());
                    accepted.push((r, path));
                }
                None => fragments.push((r, path, key)),
            }
            continue;
        }
        let key = path.to_lowercase();
        if let Some(what) = collision(&key, outputs) {
            diags.push(
                Diagnostic::error(
                    format!(
                        "cannot redirect `{}`: the site already writes `{path}` {what}",
                        r.from
                    ),
                    r.span.clone(),
                )
                .with_help("remove the redirect, or rename what is written there"),
            );
            continue;
        }
        if let Some(first) = taken.get(&key) {
            diags.push(
                Diagnostic::error(
                    format!("`{}` and `{}` both redirect `{path}`", first.from, r.from),
                    r.span.clone(),
                )
                .with_help("keep one of them"),
            );
            continue;
        }
        taken.insert(key, r);
        accepted.push((r, path.clone()));
        out.pages.insert(
            path,
            Moved {
                to: r.to.clone(),
                fragments: BTreeMap::new(),
            },
        );
    }
    for (r, path, key) in fragments {
        match out.pages.get_mut(&path) {
            Some(moved) => {
                moved.fragments.insert(key, r.to.clone());
                accepted.push((r, path));
            }
            None => diags.push(
                Diagnostic::error(
                    format!(
                        "the redirect from `{}` has no page to start from: `{path}` is neither a page nor redirected",
                        r.from
                    ),
                    r.span.clone(),
                )
                .with_help(format!(
                    "add an entry for the old page itself (`\"/{path}\" = \"...\"`), where every other fragment goes"
                )),
            ),
        }
    }
    warn_unknown_targets(&out, &accepted, outputs, diags);
    out
}

/// The file an old address names, relative to the site root; why not, if
/// it cannot name one.
fn site_path(address: &str) -> Result<String, String> {
    if address.starts_with("//") || scheme(address).is_some() {
        return Err("it is an address of another site".into());
    }
    if address.contains('?') {
        return Err("a query (`?`) is not part of a file's address".into());
    }
    let decoded = percent_decode(address);
    let mut parts: Vec<&str> = Vec::new();
    for c in decoded.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("it leaves the site (`..` above its root)".into());
                }
            }
            c => parts.push(c),
        }
    }
    // A folder's address is served by the `index.html` in it.
    if decoded.is_empty() || decoded.ends_with('/') || parts.is_empty() {
        parts.push("index.html");
    }
    let path = parts.join("/");
    match unpublishable(&path) {
        Some(why) => Err(why.to_string()),
        None => Ok(path),
    }
}

/// What is wrong with a new address, if anything.
fn bad_destination(to: &str) -> Option<String> {
    if to.trim().is_empty() {
        return Some("has no new address".into());
    }
    match scheme(to).as_deref() {
        Some(s @ ("javascript" | "vbscript" | "data" | "file")) => {
            Some(format!("goes to a `{s}:` address, which is not published"))
        }
        _ => None,
    }
}

/// What the site writes at `key` (a lower-cased path), or at a folder of
/// it, or under it as a folder: the three ways a page there cannot be.
fn collision(key: &str, outputs: &BTreeMap<String, String>) -> Option<String> {
    let shown = |what: &String| match what.starts_with('(') {
        true => what.clone(),
        false => format!("(from `{what}`)"),
    };
    if let Some(what) = outputs.get(key) {
        return Some(shown(what));
    }
    let mut folder = key;
    while let Some((parent, _)) = folder.rsplit_once('/') {
        if let Some(what) = outputs.get(parent) {
            return Some(format!("as a file where it needs a folder {}", shown(what)));
        }
        folder = parent;
    }
    let under = format!("{key}/");
    outputs
        .range(under.clone()..)
        .next()
        .filter(|(k, _)| k.starts_with(&under))
        .map(|(k, what)| format!("as a folder, `{k}` {}", shown(what)))
}

/// A warning for each new address, relative to the site, that names no
/// file of it: it is read from the old page's folder, which is easy to
/// forget.
fn warn_unknown_targets(
    out: &Redirects,
    accepted: &[(&Redirect, String)],
    outputs: &BTreeMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let exists = |path: &str| {
        let key = path.to_lowercase();
        outputs.contains_key(&key) || out.pages.keys().any(|p| p.to_lowercase() == key)
    };
    for (r, from) in accepted {
        let to = r.to.trim();
        if to.starts_with(['/', '#', '?']) || scheme(to).is_some() {
            continue;
        }
        let file = to.split(['#', '?']).next().unwrap_or_default();
        // Above the site's root (`../../../cargo/index.html` from a book
        // served beside others): another site's page, not this one's to check.
        let Some(target) = join(from, &percent_decode(file)) else {
            continue;
        };
        let target = Some(target).map(|mut t| {
            if t.is_empty() || file.ends_with('/') {
                if !t.is_empty() {
                    t.push('/');
                }
                t.push_str("index.html");
            }
            t
        });
        if !target.as_deref().is_some_and(exists) {
            diags.push(
                Diagnostic::warning(
                    format!(
                        "the redirect from `{}` goes to `{to}`, which is no file of the site",
                        r.from
                    ),
                    r.span.clone(),
                )
                .with_help("a relative new address is read from the old page's folder, as a browser reads it; write it from there (`../new/page.html`), or as an absolute address"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_files_of_the_site() {
        assert_eq!(site_path("/old/page.html").unwrap(), "old/page.html");
        assert_eq!(site_path("old.html").unwrap(), "old.html");
        assert_eq!(site_path("/a%20b.html").unwrap(), "a b.html");
        assert_eq!(site_path("/guide/").unwrap(), "guide/index.html");
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("/a/./b/../c.html").unwrap(), "a/c.html");
        for bad in [
            "/../x.html",
            "/a/../../x.html",
            "/%2e%2e/x.html",
            "https://old.example/x.html",
            "//old.example/x.html",
            "/x.html?page=2",
            "/a\\b.html",
        ] {
            assert!(site_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn new_addresses_are_published_ones() {
        assert!(bad_destination("../new.html#part").is_none());
        assert!(bad_destination("https://example.org/").is_none());
        assert!(bad_destination(" ").is_some());
        assert!(bad_destination("JavaScript:alert(1)").is_some());
    }

    #[test]
    fn collisions_with_files_and_folders() {
        let outputs: BTreeMap<String, String> = [
            ("chapter.html", "content/chapter.md"),
            (
                "theme/glossator.css",
                "(the built-in theme's glossator.css)",
            ),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into_iter()
        .collect();
        assert!(collision("chapter.html", &outputs).is_some());
        assert!(collision("chapter.html/x.html", &outputs).is_some());
        assert!(collision("theme", &outputs).is_some());
        assert!(collision("them", &outputs).is_none());
        assert!(collision("old.html", &outputs).is_none());
    }
}
