//! `book.toml`: read as written (`RawConfig`), then checked and resolved into
//! the [`Config`] the pipeline uses.
//!
//! Key names follow mdBook's where the meaning is the same (`[book] src`,
//! `[build] build-dir`, `[output.html] site-url`), so an mdBook book builds
//! unchanged; glossator's own keys live under `[glossator]`.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Span};
use crate::i18n::{Given, Strings};
use crate::strict_toml::{self, Unused};

pub mod environment;
mod external;
pub mod mdbook;
mod works;

pub use works::{Style, Works};

/// The checked configuration of one edition.
#[derive(Debug, Clone)]
pub struct Config {
    /// The edition folder (where `book.toml` is).
    pub root: PathBuf,
    /// The Markdown folder (`[book] src`).
    pub src_dir: PathBuf,
    /// Where `build` writes the site.
    pub build_dir: PathBuf,
    /// Edition metadata shown on every page.
    pub book: BookMeta,
    /// `[output.html]` settings.
    pub html: HtmlConfig,
    /// `[glossator] trusted-html`: raw HTML in content is published as
    /// written, scripts and all (for editions whose authors are all trusted).
    pub trusted_html: bool,
    /// `[[glossator.external]]`: instruments the edition cites but does not
    /// hold.
    pub external: Vec<External>,
    /// `[glossator] numbering`: notes and marginal paragraphs numbered
    /// through the edition (the default) or afresh in each chapter.
    pub numbering: Numbering,
    /// `[glossator] print-instruments`: the print edition (and the single
    /// file) include the instruments' texts after the chapters.
    pub print_instruments: bool,
    /// `[glossator] paragraph-numbers`: the marginal paragraph numbers of
    /// a commentary (on by default in an edition, off in an mdBook book).
    pub paragraph_numbers: bool,
    /// `[glossator] heading-ids`: how a heading's anchor id is made.
    pub heading_ids: HeadingIds,
    /// `[glossator] abbreviation-expansions`: how the expansion of an
    /// abbreviation from the edition's list reaches the reader.
    pub abbreviation_expansions: AbbreviationExpansions,
    /// No `[glossator]` table and the chapters not in `content/`: an
    /// mdBook book, read with mdBook's defaults
    /// (its heading ids, its raw HTML as written, notes numbered per
    /// chapter, no paragraph numbers).
    pub mdbook: bool,
    /// Whether `{{#include}}` and mdBook's other link directives are
    /// expanded: as in mdBook, unless `[build] use-default-preprocessors =
    /// false` and no `[preprocessor.links]` table asks for them for html.
    pub links: bool,
    /// `[build] use-default-preprocessors`: mdBook's `links` and `index`
    /// run (for every renderer) without a table of their own.
    pub default_preprocessors: bool,
    /// The `[preprocessor.NAME]` tables to run, as book.toml lists them.
    pub preprocessors: Vec<mdbook::Preprocessor>,
    /// `[glossator] bibliography` and `citation-style`: the works the
    /// edition cites, formatted by a CSL style.
    pub works: Option<Works>,
    /// The interface strings in `[book] language`, with the edition's own
    /// `[glossator.translations]`: shared, since every page reads them.
    pub strings: Arc<Strings>,
}

/// How headings get their anchor ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    /// Letters and digits kept, every other run folded into one hyphen
    /// ("Article 2(2)" → `article-2-2`): readable for legal headings.
    #[default]
    Glossator,
    /// mdBook's rule, so that links into an mdBook book keep working:
    /// letters, digits, `_` and `-` kept, each space a hyphen, the rest
    /// dropped ("Article 2(2)" → `article-22`).
    Mdbook,
}

/// How an abbreviation's expansion is shown. It is the editors' gloss, never
/// the authors' words, so it is never printed as if it were part of their
/// sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AbbreviationExpansions {
    /// In a card, on hover, tap and focus (and in the list of
    /// abbreviations): the authors' text reads and copies as they wrote it.
    #[default]
    Card,
    /// As the card, and printed after the first use in each chapter as an
    /// editorial insertion: "UN [United Nations]", in square brackets and
    /// the editorial style.
    Inline,
}

/// Where note and paragraph numbers start again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// Through the whole edition, as the bundled paper numbers its notes.
    #[default]
    Edition,
    /// Afresh in each chapter, as commentaries number per article.
    Chapter,
}

/// An instrument the edition cites without holding its text: its
/// citations are counted and, given a `url`, link to the official text.
#[derive(Debug, Clone, Default, Deserialize, Hash)]
#[serde(default)]
pub struct External {
    /// How the text names it: "Charter of Fundamental Rights", "TFEU".
    pub names: Vec<String>,
    /// Its full title, for `references.json`.
    pub title: Option<String>,
    /// Where its text is; `{article}` is replaced by the cited article's
    /// number ("https://eur-lex.europa.eu/eli/treaty/char_2012/oj#art_{article}").
    pub url: Option<String>,
}

/// `[book]` and `[glossator]` metadata, as templates see it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BookMeta {
    /// The edition's title.
    pub title: String,
    /// The authors of the work.
    pub authors: Vec<String>,
    /// One-paragraph description, used in `<meta name="description">`.
    pub description: String,
    /// BCP 47 language tag of the content.
    pub language: String,
    /// Publication date of the work edited (free text, e.g. "2017").
    pub date: String,
    /// The series the work appeared in.
    pub series: String,
    /// A persistent identifier of the work (handle or DOI URL).
    pub handle: String,
}

/// `[output.html]`.
#[derive(Debug, Clone, Default)]
pub struct HtmlConfig {
    /// The absolute address the site is published at (`https://…`, no
    /// trailing `/`), for canonical links, Open Graph and the sitemap; `None`
    /// when `site-url` is only a path, as mdBook's often is.
    pub site_url: Option<String>,
    /// `site-url` as the 404 page's `<base>`, which a server shows at any
    /// depth: the absolute address or the path (`/mdBook/`), ending in `/`.
    pub site_base: Option<String>,
    /// Hide chapter numbers ("1.2.") in navigation, as mdBook's key does.
    pub no_section_label: bool,
    /// Extra stylesheets, relative to the edition root, linked from every page.
    pub additional_css: Vec<String>,
    /// Extra scripts, relative to the edition root, loaded by every page.
    pub additional_js: Vec<String>,
    /// `[output.html.code.hidelines]`: the prefix that hides a line of code,
    /// by language (`python = "~"`), as mdBook 0.5 reads it. Rust's `# ` needs
    /// no entry.
    pub hidelines: BTreeMap<String, String>,
    /// `[output.html.redirect]`, in the order of their old addresses.
    pub redirect: Vec<Redirect>,
    /// The chapter that becomes `404.html`, relative to the content folder:
    /// `404.md` unless mdBook's `input-404` names another; the page glossator
    /// writes itself when the file does not exist.
    pub input_404: String,
    /// Where `input-404` is set in book.toml (a missing file it names is an
    /// error there); `None` for the default.
    pub input_404_span: Option<Span>,
    /// mdBook's `cname`: the domain written into the site's `CNAME` file,
    /// which GitHub Pages reads.
    pub cname: Option<String>,
    /// mdBook's `smart-punctuation = false` (or its older `curly-quotes`):
    /// straight quotes, `--` and `...` kept as written, not made “curly”,
    /// – and ….
    pub plain_punctuation: bool,
    /// mdBook's `definition-lists = false`.
    pub no_definition_lists: bool,
    /// mdBook's `admonitions = false`: `> [!NOTE]` and its kin are
    /// quotations.
    pub no_admonitions: bool,
}

/// One entry of `[output.html.redirect]`: an old address of the site
/// (`/old/page.html`, maybe with a `#fragment`) and where it moved (an
/// address relative to the old page, or absolute), as mdBook writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Redirect {
    /// The old address, as written.
    pub from: String,
    /// The new address, as written.
    pub to: String,
    /// The entry's key in book.toml, for diagnostics.
    pub span: Span,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawConfig {
    book: RawBook,
    build: RawBuild,
    output: RawOutput,
    glossator: Option<RawGlossator>,
    preprocessor: std::collections::BTreeMap<String, toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawBook {
    title: Option<String>,
    authors: Vec<String>,
    description: Option<String>,
    language: Option<toml::Spanned<String>>,
    src: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawBuild {
    build_dir: Option<String>,
    use_default_preprocessors: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawOutput {
    html: RawHtml,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawHtml {
    site_url: Option<String>,
    no_section_label: bool,
    additional_css: Vec<String>,
    additional_js: Vec<String>,
    redirect: std::collections::BTreeMap<String, toml::Spanned<String>>,
    code: RawCode,
    #[serde(rename = "input-404")]
    input_404: Option<String>,
    cname: Option<String>,
    smart_punctuation: Option<bool>,
    curly_quotes: Option<bool>,
    definition_lists: Option<bool>,
    admonitions: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawCode {
    hidelines: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawGlossator {
    date: Option<String>,
    series: Option<String>,
    handle: Option<String>,
    trusted_html: Option<bool>,
    external: Vec<External>,
    numbering: Option<Numbering>,
    print_instruments: bool,
    paragraph_numbers: Option<bool>,
    heading_ids: Option<HeadingIds>,
    abbreviation_expansions: Option<AbbreviationExpansions>,
    bibliography: Option<toml::Spanned<String>>,
    citation_style: Option<toml::Spanned<String>>,
    translations: BTreeMap<String, toml::Spanned<String>>,
}

impl Config {
    /// Parses `text` (the contents of `root/book.toml`, registered as `file`).
    ///
    /// `dest_override` is the `--dest-dir` given on the command line.
    pub fn parse(
        root: &Path,
        text: &str,
        file: FileId,
        dest_override: Option<&Path>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Config> {
        let (raw, unused_keys): (RawConfig, _) =
            strict_toml::parse_known(text, file, 0, mdbook::unused_key, diags)?;
        for Unused { key, why, span } in unused_keys {
            diags.push(Diagnostic::note(
                format!("`{key}` is an mdBook key glossator does not use: {why}"),
                span,
            ));
        }
        let preprocessors = mdbook::preprocessors(&raw.preprocessor, text, file, diags);
        let default_preprocessors = raw.build.use_default_preprocessors != Some(false);
        let has_glossator_table = configures_glossator(text);
        let glossator = raw.glossator.unwrap_or_default();
        // Absolute, so that it compares with an absolute --dest-dir.
        let root = normalize(&std::env::current_dir().unwrap_or_default().join(root));
        let src_dir = match &raw.book.src {
            Some(src) => root.join(src),
            // An mdBook book keeps its chapters in `src/`: build it unchanged.
            None if !root.join("content").exists() && root.join("src/SUMMARY.md").is_file() => {
                root.join("src")
            }
            None => root.join("content"),
        };
        let src_dir = normalize(&src_dir);
        // An mdBook book: chapters elsewhere than glossator's `content/`,
        // and nothing of glossator's own configured.
        let mdbook = !has_glossator_table && src_dir != root.join("content");
        let build_dir = match dest_override {
            Some(d) => normalize(&std::env::current_dir().unwrap_or_default().join(d)),
            // mdBook builds into `book/`, glossator into `site/`.
            None => normalize(
                &root.join(raw.build.build_dir.as_deref().unwrap_or(match mdbook {
                    true => "book",
                    false => "site",
                })),
            ),
        };
        let reads = inputs(
            &root,
            &src_dir,
            raw.output
                .html
                .additional_css
                .iter()
                .chain(&raw.output.html.additional_js),
        );
        let problem = unsafe_build_dir(&root, &reads, &build_dir).or_else(|| {
            build_dir
                .is_file()
                .then(|| "it is a file, not a folder".to_string())
        });
        if let Some(problem) = problem {
            let message = format!(
                "refusing to build into `{}`: {problem}",
                build_dir.display()
            );
            let help = "a folder of its own, outside the edition's sources, such as `site`";
            // The refusal points at what chose the folder: the command line or
            // the key in book.toml (the whole file when the default did).
            let diag = match dest_override {
                Some(_) => Diagnostic::file_error(message, "--dest-dir")
                    .with_help(format!("give --dest-dir {help}")),
                None => Diagnostic::error(
                    message,
                    key_span(text, file, "build-dir").unwrap_or(Span::new(file, 0..0)),
                )
                .with_help(format!("set `[build] build-dir` to {help}")),
            };
            diags.push(diag);
            return None;
        }
        let html = HtmlConfig {
            site_url: raw
                .output
                .html
                .site_url
                .as_deref()
                .filter(|u| is_absolute_url(u))
                .map(|u| u.trim_end_matches('/').to_string()),
            site_base: raw.output.html.site_url.as_deref().and_then(site_base),
            no_section_label: raw.output.html.no_section_label,
            additional_css: raw.output.html.additional_css,
            additional_js: raw.output.html.additional_js,
            hidelines: hidelines(raw.output.html.code.hidelines, text, file, diags),
            redirect: redirects(raw.output.html.redirect, text, file),
            input_404_span: raw
                .output
                .html
                .input_404
                .as_ref()
                .map(|_| key_span(text, file, "input-404").unwrap_or(Span::new(file, 0..0))),
            plain_punctuation: raw
                .output
                .html
                .smart_punctuation
                .or(raw.output.html.curly_quotes)
                == Some(false),
            no_definition_lists: raw.output.html.definition_lists == Some(false),
            no_admonitions: raw.output.html.admonitions == Some(false),
            cname: raw
                .output
                .html
                .cname
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            input_404: raw
                .output
                .html
                .input_404
                .map(|p| p.trim_start_matches("./").to_string())
                .unwrap_or_else(|| "404.md".to_string()),
        };
        let language_at = raw
            .book
            .language
            .as_ref()
            .map_or(Span::new(file, 0..0), |l| line_span(text, file, l.span()));
        let language = raw
            .book
            .language
            .map_or_else(|| "en".to_string(), toml::Spanned::into_inner);
        let given: Vec<Given> = glossator
            .translations
            .into_iter()
            .map(|(key, value)| Given {
                span: line_span(text, file, value.span()),
                key,
                value: value.into_inner(),
            })
            .collect();
        let strings = Strings::for_edition(&language, language_at, &given, diags);
        let book = BookMeta {
            title: raw.book.title.unwrap_or_else(|| strings.untitled.clone()),
            authors: raw.book.authors,
            description: raw.book.description.unwrap_or_default(),
            language,
            date: glossator.date.unwrap_or_default(),
            series: glossator.series.unwrap_or_default(),
            handle: glossator.handle.unwrap_or_default(),
        };
        Some(Config {
            root,
            src_dir,
            build_dir,
            book,
            html,
            // mdBook publishes a book's raw HTML as written.
            trusted_html: glossator.trusted_html.unwrap_or(mdbook),
            external: external::checked(glossator.external, text, file, diags),
            // mdBook books number their notes from 1 in each chapter.
            numbering: glossator.numbering.unwrap_or(if mdbook {
                Numbering::Chapter
            } else {
                Numbering::Edition
            }),
            print_instruments: glossator.print_instruments,
            paragraph_numbers: glossator.paragraph_numbers.unwrap_or(!mdbook),
            heading_ids: glossator.heading_ids.unwrap_or(if mdbook {
                HeadingIds::Mdbook
            } else {
                HeadingIds::Glossator
            }),
            abbreviation_expansions: glossator.abbreviation_expansions.unwrap_or_default(),
            works: works::checked(
                glossator.bibliography,
                glossator.citation_style,
                file,
                diags,
            ),
            mdbook,
            links: default_preprocessors
                || preprocessors
                    .iter()
                    .any(|p| p.builtin && p.name == "links" && p.runs_for_html()),
            default_preprocessors,
            preprocessors,
            strings: Arc::new(strings),
        })
    }
}

/// Whether book.toml's `[glossator]` table configures glossator: a table
/// that only translates the interface (`[glossator.translations]`) says
/// nothing of how the book is written, and leaves an mdBook book one.
fn configures_glossator(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text)
        .ok()
        .as_ref()
        .and_then(|t| t.get("glossator"))
    {
        Some(toml::Value::Table(t)) => t.is_empty() || t.keys().any(|k| k != "translations"),
        Some(_) => true,
        None => false,
    }
}

/// The span of the entry whose value is at `value` in book.toml: from the
/// start of its line (where its key is) to the end of the value.
fn line_span(text: &str, file: FileId, value: std::ops::Range<usize>) -> Span {
    let line = text[..value.start].rfind('\n').map_or(0, |i| i + 1);
    let start = line + (text[line..value.start].len() - text[line..value.start].trim_start().len());
    Span::new(file, start..value.end)
}

/// `[output.html.code.hidelines]` without the empty prefixes, which would
/// hide every line of their language.
fn hidelines(
    raw: BTreeMap<String, String>,
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    raw.into_iter()
        .filter(|(lang, prefix)| {
            if prefix.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        format!("the hidden-line prefix of `{lang}` is empty: ignored"),
                        key_span(text, file, lang).unwrap_or(Span::new(file, 0..0)),
                    )
                    .with_help(format!(
                        "give `{lang}` the characters that start a hidden line, such as \"~\""
                    )),
                );
            }
            !prefix.is_empty()
        })
        .collect()
}

/// True for an address with a scheme and a host (`https://example.org/ed`):
/// mdBook's `site-url` is often a path (`/mdBook/`), which a sitemap or a
/// canonical link cannot use.
fn is_absolute_url(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, rest)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.starts_with('/')
            && !rest.is_empty()
    })
}

/// `site-url` ending in `/`, a path given a leading `/` (`mdBook` →
/// `/mdBook/`); `None` when empty.
fn site_base(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let mut base = match is_absolute_url(url) || url.starts_with('/') {
        true => url.to_string(),
        false => format!("/{url}"),
    };
    if !base.ends_with('/') {
        base.push('/');
    }
    Some(base)
}

/// `[output.html.redirect]` with each entry's span in book.toml: from the
/// start of its line (where the key is, unless an inline table spreads over
/// lines) to the end of the new address.
fn redirects(
    raw: std::collections::BTreeMap<String, toml::Spanned<String>>,
    text: &str,
    file: FileId,
) -> Vec<Redirect> {
    raw.into_iter()
        .map(|(from, to)| Redirect {
            span: line_span(text, file, to.span()),
            from,
            to: to.into_inner(),
        })
        .collect()
}

/// Where an `additional-css` or `additional-js` file is published, under the
/// site's `theme/`: a file of the edition's `theme/` folder (mdBook books
/// name `theme/custom.css`) under its name there, so that it is published
/// once, not a second time as `theme/theme/custom.css`; any other under its
/// path from book.toml.
pub fn theme_name(rel: &str) -> &str {
    let rel = rel.trim_start_matches("./");
    rel.strip_prefix("theme/")
        .filter(|name| !name.is_empty())
        .unwrap_or(rel)
}

/// Every path a build reads, with what it is: `build` and
/// `--single-file` may write into none of them.
pub fn inputs<'a>(
    root: &Path,
    src: &Path,
    extra: impl Iterator<Item = &'a String>,
) -> Vec<(PathBuf, String)> {
    let mut out = vec![
        (root.join("book.toml"), "book.toml".to_string()),
        (src.to_path_buf(), "the content folder".to_string()),
        (root.join("templates"), "the templates folder".to_string()),
        (root.join("theme"), "the theme folder".to_string()),
    ];
    for rel in extra {
        out.push((
            normalize(&root.join(rel)),
            format!("`{rel}` (in [output.html])"),
        ));
    }
    out
}

impl Config {
    /// [`inputs`] of this edition.
    pub fn inputs(&self) -> Vec<(PathBuf, String)> {
        let extra = self
            .html
            .additional_css
            .iter()
            .chain(&self.html.additional_js);
        inputs(&self.root, &self.src_dir, extra)
    }
}

/// Why writing to `build` could destroy the edition or feed the build its
/// own output, if it could. `reads` are the [`inputs`]; paths are compared
/// as written and, where they exist, with symbolic links resolved.
fn unsafe_build_dir(root: &Path, reads: &[(PathBuf, String)], build: &Path) -> Option<String> {
    if build.parent().is_none() {
        return Some("it is the root of the file system".into());
    }
    let real = |p: &Path| real_path(p);
    let (build_real, root_real) = (real(build), real(root));
    if build == root || build_real == root_real {
        return Some("it is the edition folder itself".into());
    }
    if root.starts_with(build) || root_real.starts_with(&build_real) {
        return Some("it holds the edition folder".into());
    }
    for (path, what) in reads {
        let path_real = real(path);
        if build == path || build_real == path_real {
            return Some(format!("it is {what}"));
        }
        if build.starts_with(path) || build_real.starts_with(&path_real) {
            return Some(format!("it is inside {what}"));
        }
        if path.starts_with(build) || path_real.starts_with(&build_real) {
            return Some(format!("it holds {what}"));
        }
    }
    None
}

/// `path` with symbolic links resolved as far as it exists: the nearest
/// existing folder is resolved and the rest appended as written.
pub fn real_path(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut at = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return missing.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                at = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The span of the first `key =` in `text`, for errors about a key's value.
fn key_span(text: &str, file: FileId, key: &str) -> Option<Span> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            let start = offset + (line.len() - trimmed.len());
            return Some(Span::new(file, start..start + key.len()));
        }
        offset += line.len();
    }
    None
}

/// Lexically removes `.` and `..` so paths can be compared without touching
/// the disk (the build folder may not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let c = Config::parse(Path::new("/ed"), text, FileId(0), None, &mut d);
        (c, d)
    }

    #[test]
    fn additional_files_in_theme_are_published_under_their_theme_name() {
        assert_eq!(theme_name("theme/custom.css"), "custom.css");
        assert_eq!(theme_name("./theme/css/a.css"), "css/a.css");
        assert_eq!(theme_name("custom.css"), "custom.css");
        assert_eq!(theme_name("styles/theme/a.css"), "styles/theme/a.css");
    }

    #[test]
    fn defaults_follow_mdbook_names() {
        let (c, d) = parse("[book]\ntitle = \"T\"\nauthors = [\"A\"]\n");
        let c = c.unwrap();
        assert!(d.is_empty());
        assert_eq!(c.book.title, "T");
        assert_eq!(c.build_dir, PathBuf::from("/ed/site"));
        assert_eq!(c.src_dir, PathBuf::from("/ed/content"));
    }

    #[test]
    fn site_url_is_an_address_or_a_path() {
        let site = |u: &str| {
            let (c, d) = parse(&format!("[output.html]\nsite-url = \"{u}\"\n"));
            assert!(d.is_empty(), "{d:?}");
            let html = c.unwrap().html;
            (html.site_url, html.site_base)
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            site("https://example.org/ed/"),
            (
                some("https://example.org/ed"),
                some("https://example.org/ed/")
            )
        );
        assert_eq!(site("/mdBook/"), (None, some("/mdBook/")));
        assert_eq!(site("/"), (None, some("/")));
        assert_eq!(site("docs"), (None, some("/docs/")));
        assert_eq!(site("//example.org/ed"), (None, some("//example.org/ed/")));
        assert_eq!(site(""), (None, None));
    }

    #[test]
    fn redirects_keep_the_line_of_their_key() {
        let text = "[output.html.redirect]\n\"/old.html\" = \"new.html#part\"\n'/a/b.html' = \"https://example.org/\"\n";
        let (c, d) = parse(text);
        assert!(d.is_empty(), "{d:?}");
        let r = c.unwrap().html.redirect;
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].from.as_str(), r[0].to.as_str()),
            ("/a/b.html", "https://example.org/")
        );
        assert_eq!(
            &text[r[1].span.range.clone()],
            "\"/old.html\" = \"new.html#part\""
        );
        assert_eq!(
            &text[r[0].span.range.clone()],
            "'/a/b.html' = \"https://example.org/\""
        );
        let (c, _) = parse("[output.html]\nredirect = { \"/x.html\" = \"y.html\" }\n");
        assert_eq!(c.unwrap().html.redirect[0].to, "y.html");
    }

    #[test]
    fn translating_the_interface_leaves_an_mdbook_book_one() {
        let (c, d) = parse(
            "[book]\nsrc = \"src\"\nlanguage = \"fr\"\n[glossator.translations]\nprevious = \"Avant\"\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert!(c.mdbook, "only translations: still an mdBook book");
        assert_eq!(c.strings.previous, "Avant");
        assert_eq!(c.strings.next, "Suivant", "the rest from the French table");
        for glossator in [
            "[glossator]\n",
            "[glossator]\ndate = \"2020\"\n[glossator.translations]\nnext = \"N\"\n",
        ] {
            let (c, _) = parse(&format!("[book]\nsrc = \"src\"\n{glossator}"));
            assert!(!c.unwrap().mdbook, "{glossator}");
        }
    }

    #[test]
    fn a_language_without_strings_is_warned_at_its_line() {
        let text = "[book]\ntitle = \"T\"\nlanguage = \"de-AT\"\n";
        let (c, d) = parse(text);
        assert_eq!(d.len(), 1, "{d:?}");
        let span = d[0].span.clone().unwrap();
        assert_eq!(&text[span.range], "language = \"de-AT\"");
        let c = c.unwrap();
        assert_eq!(
            c.book.language, "de-AT",
            "the pages' lang is still the book's"
        );
        assert_eq!(c.strings.previous, "Previous");
        let text = "[book]\ntitle = \"T\"\n[glossator.translations]\n  nxet = \"After\"\n";
        let (_, d) = parse(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.clone().unwrap().range], "nxet = \"After\"");
        assert_eq!(d[0].help.as_deref(), Some("did you mean `next`?"));
    }

    #[test]
    fn an_untitled_edition_is_named_in_its_language() {
        let (c, _) = parse("[book]\nlanguage = \"fr\"\n");
        assert_eq!(c.unwrap().book.title, "Édition sans titre");
    }

    #[test]
    fn dangerous_build_dirs_are_refused() {
        for dir in [
            ".",
            "content",
            "content/out",
            "..",
            "/",
            "templates",
            "theme/site",
            "book.toml",
        ] {
            let (c, d) = parse(&format!("[build]\nbuild-dir = \"{dir}\"\n"));
            assert!(c.is_none(), "{dir} accepted");
            assert!(d[0].message.contains("refusing"), "{dir}");
        }
    }
}
