//! The interface in the edition's language: `[book] language` chooses a
//! strings table (`i18n/<language>.toml`), and `[glossator.translations]`
//! replaces its strings key by key. The French fixture edition
//! (`tests/editions/french`) is built and read as a reader meets it: no word
//! of glossator's English may be left in any page or script.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Edition, read_text, repo_root, strip_tags};

/// A strings table of the repository, key by key.
fn table(language: &str) -> BTreeMap<String, String> {
    let path = repo_root().join("i18n").join(format!("{language}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The longest run of an interface string without a placeholder: the words
/// a page holds wherever the string is used.
fn longest_literal(template: &str) -> &str {
    template
        .split(['{', '}'])
        .step_by(2)
        .max_by_key(|s| s.len())
        .unwrap_or("")
        .trim()
}

/// Every text file glossator wrote (pages and scripts), by path.
fn written(out: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "html" || x == "js" || x == "json")
        })
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            let text = std::fs::read_to_string(e.path()).unwrap();
            // A script's comments are for its readers, not the edition's.
            let text = match rel.ends_with(".js") {
                true => text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                false => text,
            };
            (rel, text)
        })
        .collect()
}

fn build_french() -> (Edition, std::path::PathBuf) {
    let edition = Edition::fixture("french");
    let out = edition.out("site");
    edition.build_into(&out).assert_success();
    (edition, out)
}

#[test]
fn a_french_edition_leaves_no_english_interface_word() {
    let (_edition, out) = build_french();
    let files = written(&out);
    let (en, fr) = (table("en"), table("fr"));
    // What a reader sees of each page: its text, without the markup whose
    // class names ("contents", "search") are English words too.
    let seen: BTreeMap<&String, String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, html)| (path, strip_tags(html)))
        .collect();
    let mut checked = 0;
    for (key, english) in &en {
        let words = longest_literal(english).trim_matches(|c: char| !c.is_alphanumeric());
        let count = words.split_whitespace().count();
        // Strings French shares with English ("Notes", "Important") or too
        // short to be told from the text around them say nothing.
        if fr.get(key).is_some_and(|f| f.contains(words)) || (count < 2 && words.len() < 5) {
            continue;
        }
        checked += 1;
        if count >= 2 {
            // A phrase: in no page, attribute or script.
            for (path, text) in &files {
                assert!(
                    !text.contains(words),
                    "{path} holds the English of `{key}`: {words:?}"
                );
            }
        } else {
            // One word: in no page's text, as a word.
            for (path, text) in &seen {
                let as_word = text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == words);
                assert!(!as_word, "{path} shows the English of `{key}`: {words:?}");
            }
        }
    }
    assert!(checked > 60, "only {checked} strings were checked");
}

#[test]
fn a_french_edition_is_written_in_french() {
    let (_edition, out) = build_french();
    let chapter = read_text(&out, "commentaire.html");
    for words in [
        "<html lang=\"fr-CH\"",
        "Aller au texte",
        "Table des matières",
        "Note des éditeurs",
        "Retour à l’appel de note 1",
        "Lien vers cette section",
        "Précédent",
    ] {
        assert!(chapter.contains(words), "commentaire.html lacks {words:?}");
    }
    let instrument = read_text(&out, "instruments/charte.html");
    assert!(instrument.contains("Cité dans"), "{instrument}");
    let admonitions = read_text(&out, "presentation.html");
    for title in ["Remarque", "Conseil", "Avertissement", "Attention"] {
        assert!(
            admonitions.contains(title),
            "presentation.html lacks {title}"
        );
    }
    // The scripts' words come from the page's strings, in French.
    let toc = read_text(&out, "toc.js");
    for words in ["Référence copiée", "Aperçu du texte cité"] {
        assert!(toc.contains(words), "toc.js lacks {words:?}");
    }
}

#[test]
fn translations_replace_strings_key_by_key_and_unknown_keys_are_named() {
    let edition = Edition::fixture("french");
    let book = std::fs::read_to_string(edition.path("book.toml")).unwrap();
    edition.write(
        "book.toml",
        format!("{book}\n[glossator.translations]\nprevious = \"Page d’avant\"\nprevous = \"x\"\n"),
    );
    let out = edition.out("site");
    let run = edition.build_into(&out);
    run.assert_success();
    let chapter = read_text(&out, "commentaire.html");
    assert!(chapter.contains("Page d’avant"), "{chapter}");
    assert!(!chapter.contains(">Précédent<"), "{chapter}");
    // The misspelt key is a warning at its place, naming the key meant.
    let line = book.lines().count() + 4;
    assert!(
        run.stderr.contains(&format!("book.toml:{line}:")) && run.stderr.contains("prevous"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("previous"), "{}", run.stderr);
}
