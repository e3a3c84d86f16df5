//! Helpers shared by the integration tests: fixture editions copied into
//! temporary folders, the `glossator` binary run on them, and built sites
//! read back (every file, every `href`/`src`, every `id`).
//!
//! Nothing here writes inside the repository: fixtures are copied out of
//! `tests/editions/` before anything is built.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_glossator");

/// The repository (the bundled edition is at its root).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh temporary folder.
pub fn tempdir() -> TempDir {
    tempfile::Builder::new()
        .prefix("glossator-it-")
        .tempdir()
        .expect("create a temporary folder")
}

// ---------------------------------------------------------------------------
// Editions
// ---------------------------------------------------------------------------

/// A copy of a fixture edition in a temporary folder of its own.
pub struct Edition {
    /// Holds the folder; dropped with the edition.
    pub tmp: TempDir,
    /// The edition folder (holding `book.toml`), `<tmp>/<fixture name>`.
    pub root: PathBuf,
}

impl Edition {
    /// Copies `tests/editions/<name>` into a new temporary folder.
    pub fn fixture(name: &str) -> Edition {
        let from = repo_root().join("tests/editions").join(name);
        assert!(from.is_dir(), "no fixture edition {}", from.display());
        let tmp = tempdir();
        let root = tmp.path().join(name);
        copy_tree(&from, &root);
        Edition { tmp, root }
    }

    /// An empty edition folder (nothing in it yet).
    pub fn empty(name: &str) -> Edition {
        let tmp = tempdir();
        let root = tmp.path().join(name);
        fs::create_dir_all(&root).unwrap();
        Edition { tmp, root }
    }

    /// `rel` inside the edition.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes `bytes` to `rel` (creating folders), replacing what was there.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        write_file(&self.path(rel), bytes);
        self
    }

    /// Removes the file `rel`.
    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
        self
    }

    /// A folder beside the edition (inside the same temporary folder) that
    /// does not exist yet: a place to build into.
    pub fn out(&self, name: &str) -> PathBuf {
        let p = self.tmp.path().join(name);
        assert!(!p.exists(), "{} exists", p.display());
        p
    }

    /// `glossator build <root> -d <out>`, run from the temporary folder.
    pub fn build_into(&self, out: &Path) -> Run {
        run(
            self.tmp.path(),
            [
                OsStr::new("build"),
                self.root.as_os_str(),
                OsStr::new("-d"),
                out.as_os_str(),
            ],
        )
    }

    /// `glossator build <root>` (into the edition's own build folder).
    pub fn build(&self) -> Run {
        run(
            self.tmp.path(),
            [OsStr::new("build"), self.root.as_os_str()],
        )
    }

    /// `glossator check <root> <extra...>`.
    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec![OsStr::new("check"), self.root.as_os_str()];
        args.extend(extra.iter().map(OsStr::new));
        run(self.tmp.path(), args)
    }

    /// Every file under the edition folder, with its bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.root)
    }
}

/// Copies the folder `from` to `to` (which must not exist), files only.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes `bytes` to `path`, creating its folder.
pub fn write_file(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// True when the file system at `dir` tells `A` and `a` apart.
pub fn case_sensitive(dir: &Path) -> bool {
    let probe = dir.join("CaseProbe");
    fs::write(&probe, "x").unwrap();
    let sensitive = !dir.join("caseprobe").exists();
    fs::remove_file(probe).unwrap();
    sensitive
}

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The arguments, for messages.
    pub args: Vec<String>,
    /// The exit code; `None` when the process was killed by a signal
    /// (a stack overflow, say).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error (the diagnostics).
    pub stderr: String,
}

/// Runs `glossator <args>` in `cwd` and waits for it.
pub fn run<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_via(&[], cwd, args)
}

/// [`run`] through `wrapper` (a program and its arguments, glossator's
/// path last, e.g. `setpriv … /path/to/glossator`); empty for no wrapper.
pub fn run_via<I, S>(wrapper: &[&OsStr], cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with(wrapper, &[], cwd, args)
}

/// [`run`] with the variables `env` set (name, value).
pub fn run_env<I, S>(env: &[(&str, &str)], cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with(&[], env, cwd, args)
}

fn run_with<I, S>(wrapper: &[&OsStr], env: &[(&str, &str)], cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let mut command = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest);
            c
        }
        None => Command::new(BIN),
    };
    let output = command
        .args(&args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .envs(env.iter().copied())
        .output()
        .expect("run the glossator binary");
    Run {
        args: args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Run {
    /// The command, its exit code and its output, for a failed assertion.
    pub fn describe(&self) -> String {
        format!(
            "glossator {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }

    /// Neither a panic nor a crash (signal, abort).
    #[track_caller]
    pub fn assert_no_crash(&self) -> &Self {
        assert!(
            self.code.is_some() && self.code != Some(101) && !self.stderr.contains("panicked"),
            "glossator crashed:\n{}",
            self.describe()
        );
        self
    }

    /// Exit status 0.
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        self.assert_no_crash();
        assert_eq!(self.code, Some(0), "expected success:\n{}", self.describe());
        self
    }

    /// A clean failure: non-zero exit, no panic.
    #[track_caller]
    pub fn assert_failure(&self) -> &Self {
        self.assert_no_crash();
        assert_ne!(self.code, Some(0), "expected failure:\n{}", self.describe());
        self
    }

    /// Standard error has a line starting with `prefix` (e.g.
    /// `content/SUMMARY.md:4:1: error: `) and containing every one of `words`.
    #[track_caller]
    pub fn assert_diag(&self, prefix: &str, words: &[&str]) -> &Self {
        let found = self
            .stderr
            .lines()
            .any(|l| l.starts_with(prefix) && words.iter().all(|w| l.contains(w)));
        assert!(
            found,
            "no diagnostic line starting with {prefix:?} containing {words:?}:\n{}",
            self.describe()
        );
        self
    }

    /// No line of standard error starts with `prefix`.
    #[track_caller]
    pub fn assert_no_diag(&self, prefix: &str) -> &Self {
        assert!(
            !self.stderr.lines().any(|l| l.starts_with(prefix)),
            "unexpected diagnostic starting with {prefix:?}:\n{}",
            self.describe()
        );
        self
    }

    /// Standard error contains `needle`.
    #[track_caller]
    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.describe()
        );
        self
    }

    /// The diagnostic header lines (`path:line:col: severity: message` or
    /// `path: severity: message`), without the excerpts under them.
    pub fn diag_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .filter(|l| !l.trim_start().starts_with('┌'))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Reading built sites
// ---------------------------------------------------------------------------

/// Every file under `dir` (hidden ones too), by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The names directly inside `dir`, sorted.
pub fn list_dir(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Reads `rel` in the built site `site` as text.
#[track_caller]
/// The text of some HTML as a reader sees it: tags dropped, entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

pub fn read_text(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel))
        .unwrap_or_else(|e| panic!("read {}: {e}", site.join(rel).display()))
}

/// Asserts two trees are equal, naming the first difference.
#[track_caller]
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let names_a: Vec<_> = a.keys().collect();
    let names_b: Vec<_> = b.keys().collect();
    assert_eq!(names_a, names_b, "{what}: the file lists differ");
    for (path, bytes) in a {
        if &b[path] != bytes {
            panic!(
                "{what}: `{path}` differs\n--- first ---\n{}\n--- second ---\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&b[path])
            );
        }
    }
}

/// One tag of an HTML page: its name and attributes (entities decoded).
#[derive(Debug, Clone)]
pub struct Tag {
    /// Lower-case tag name.
    pub name: String,
    /// Attributes in order, names lower-cased, values decoded.
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of `html`, skipping comments, end tags and the contents of
/// `<script>` and `<style>`.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = html[i..].find('<') {
        i += open;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if !next.is_ascii_alphabetic() {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        i += 1;
        let name_len = html[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - i);
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i] as char;
                    let end = html[i + 1..].find(quote).map_or(html.len(), |e| i + 1 + e);
                    value = decode_entities(&html[i + 1..end]);
                    i = (end + 1).min(html.len());
                } else {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[start..i]);
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            i += lower.find(&close).unwrap_or(lower.len());
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// Decodes the character references tera and pulldown-cmark write.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `href` and `src` of `html`.
pub fn urls(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| t.attrs.into_iter())
        .filter(|(n, _)| n == "href" || n == "src")
        .map(|(_, v)| v)
        .collect()
}

/// Every `id` of `html` (and `name` of `<a>`): what a `#fragment` may name.
pub fn ids(html: &str) -> BTreeSet<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| {
            let is_a = t.name == "a";
            t.attrs
                .into_iter()
                .filter(move |(n, _)| n == "id" || (is_a && n == "name"))
                .map(|(_, v)| v)
        })
        .collect()
}

/// The site-relative paths of every `.html` file under `site`.
pub fn html_pages(site: &Path) -> Vec<String> {
    read_tree(site)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// The links of the sidebar, from `toc.js` (relative to the site root).
pub fn toc_js_html(site: &Path) -> String {
    let js = read_text(site, "toc.js");
    let start = js
        .find("window.glossatorToc = ")
        .expect("toc.js sets glossatorToc")
        + "window.glossatorToc = ".len();
    let literal = js[start..].trim_end().trim_end_matches(';');
    serde_json::from_str::<String>(literal).expect("toc.js holds one JSON string")
}

/// `s` as a Markdown link would name the file: every byte but letters, digits and `./-_` as
/// `%XX`. Written by hand, like the decoder below, so the tests stay independent of the encoder
/// they check.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'/' | b'-' | b'_' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes of a URL path.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let Some(b) = escaped {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `url` names an absolute URL (has a scheme), and which.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let ok = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !url[..colon].contains('/');
    ok.then(|| s.to_ascii_lowercase())
}

/// `rel` resolved against the folder of the site file `from`; `None` when
/// it climbs out of the site.
pub fn join_url(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in rel.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// Checks one URL found in the site file `from` (site-relative). Returns a
/// description of the problem, if any. External `http(s):`, `mailto:` and
/// image `data:` URLs are not followed.
pub fn check_url(
    site: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    id_cache: &mut BTreeMap<String, BTreeSet<String>>,
    from: &str,
    url: &str,
) -> Option<String> {
    if let Some(s) = scheme(url) {
        return match s.as_str() {
            "http" | "https" | "mailto" | "data" => None,
            other => Some(format!("{from}: `{url}` has a `{other}:` address")),
        };
    }
    if url.starts_with("//") {
        return None;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        from.to_string()
    } else {
        match join_url(from, &percent_decode(path)) {
            Some(t) => t,
            None => return Some(format!("{from}: `{url}` climbs out of the site")),
        }
    };
    if !files.contains_key(&target) {
        let why = if site.join(&target).is_dir() {
            "is a folder (no index.html is opened from file://)"
        } else {
            "does not exist"
        };
        return Some(format!("{from}: `{url}` → `{target}` {why}"));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if !target.ends_with(".html") {
        return Some(format!(
            "{from}: `{url}` has a fragment into a non-HTML file"
        ));
    }
    let ids = id_cache
        .entry(target.clone())
        .or_insert_with(|| ids(&String::from_utf8_lossy(&files[&target])));
    let wanted = percent_decode(fragment);
    (!ids.contains(&wanted)).then(|| format!("{from}: `{url}` → no id `{wanted}` in `{target}`"))
}

/// Every `href` and `src` of every `.html` file of the built site at
/// `site`, as (page, URL), plus the sidebar links of `toc.js` (which are
/// relative to the site root, as `toc.js` is).
pub fn all_urls(site: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, bytes) in read_tree(site) {
        if path.ends_with(".html") {
            for url in urls(&String::from_utf8_lossy(&bytes)) {
                out.push((path.clone(), url));
            }
        }
    }
    if site.join("toc.js").is_file() {
        for url in urls(&toc_js_html(site)) {
            out.push(("toc.js".to_string(), url));
        }
    }
    out
}

/// Every broken relative link of the built site at `site` (see [`all_urls`]).
pub fn broken_links(site: &Path) -> Vec<String> {
    let files = read_tree(site);
    let mut cache = BTreeMap::new();
    let urls = all_urls(site);
    assert!(!urls.is_empty(), "no links at all in {}", site.display());
    urls.iter()
        .filter_map(|(page, url)| check_url(site, &files, &mut cache, page, url))
        .collect()
}

/// A test that cannot run here: says why and passes, unless every test is
/// required (`.ci/run` sets GLOSSATOR_REQUIRE_BROWSER=1), where it fails.
pub fn skip_or_fail(why: &str) {
    if std::env::var("GLOSSATOR_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("required but cannot run: {why}");
    }
    eprintln!("skipping: {why}");
}

/// How to run the binary without root's rights, for tests of permissions
/// (which do not bind root): as root, through `setpriv` (util-linux) as
/// `nobody`, on a copy of the binary in the edition's temporary folder, with
/// the edition opened to `nobody` (folders 0755, files 0644); as anyone else,
/// no wrapper at all. `None`, after saying why, when root's rights cannot be
/// dropped. Call it before taking any permission away.
#[cfg(unix)]
pub fn unprivileged(ed: &Edition) -> Option<Vec<std::ffi::OsString>> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let as_root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if !as_root {
        return Some(Vec::new());
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        skip_or_fail("setpriv (util-linux) is needed to drop root's rights");
        return None;
    }
    // `nobody` must be able to reach the edition and the binary.
    let binary = ed.tmp.path().join("glossator");
    // A hard link opens nothing for writing: a copy's open file, inherited
    // by a command another test thread forks at that moment, makes running
    // the copy fail with "Text file busy".
    if fs::hard_link(BIN, &binary).is_err() {
        fs::copy(BIN, &binary).unwrap();
    }
    for dir in [ed.tmp.path(), ed.root.as_path()] {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    for entry in walkdir::WalkDir::new(&ed.root) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
    let mut wrapper: Vec<std::ffi::OsString> = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ]
    .iter()
    .map(Into::into)
    .collect();
    wrapper.push(binary.into_os_string());
    Some(wrapper)
}
