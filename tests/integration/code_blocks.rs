//! Code blocks as an mdBook book writes them: attributes after the language
//! (`rust,ignore`), languages syntect lacks (TOML, shell sessions), and
//! hidden lines (`# ` in Rust, `[output.html.code.hidelines]` elsewhere).

use crate::util::{Edition, read_text, strip_tags as text};

const CHAPTER: &str = r#"# Chapter 1

```rust,ignore,does_not_compile
# fn main() {
let s: &str = "x";
## not hidden
#[derive(Debug)]
struct S;
# }
```

```toml
[package]
name = "demo" # a comment
```

```console
$ cargo run
   Compiling demo v0.1.0
```

```python
~import os
print("shown")
```

```python,hidelines=!!!
!!!import sys
~print("shown")
```

```rust editable noplayground
let x = 1;
```

```text
$ not a prompt
```
"#;

/// The blocks of a page: (the classes of `<code>`, its inner HTML).
fn blocks(html: &str) -> Vec<(String, String)> {
    html.split("<pre><code")
        .skip(1)
        .map(|rest| {
            let (open, body) = rest.split_once('>').unwrap();
            let class = open
                .strip_prefix(" class=\"")
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or("");
            let body = &body[..body.find("</code></pre>").unwrap()];
            (class.to_string(), body.to_string())
        })
        .collect()
}

/// The text a reader sees: `<span class="boring">` and all inside it
/// dropped, the other tags stripped.
fn visible(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("<span class=\"boring\">") {
        out.push_str(&rest[..start]);
        let mut depth = 0;
        let mut i = start;
        loop {
            let open = rest[i..].find("<span").map(|o| i + o);
            let close = rest[i..].find("</span>").map(|c| i + c).unwrap();
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    i = o + 5;
                }
                _ => {
                    depth -= 1;
                    i = close + 7;
                    if depth == 0 {
                        break;
                    }
                }
            }
        }
        rest = &rest[i..];
    }
    out.push_str(rest);
    text(&out)
}

#[test]
fn code_blocks_read_as_in_mdbook() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html.code.hidelines]\npython = \"~\"\n",
    );
    ed.write("src/chapter_1.md", CHAPTER);
    let run = ed.build();
    run.assert_success();
    assert!(run.diag_lines().is_empty(), "{}", run.stderr);
    let page = read_text(&ed.path("book"), "chapter_1.html");
    let blocks = blocks(&page);
    let classes: Vec<&str> = blocks.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        classes,
        [
            "language-rust ignore does_not_compile",
            "language-toml",
            "language-console",
            "language-python",
            "language-python hidelines=!!!",
            "language-rust editable noplayground",
            "language-text",
        ]
    );

    // Rust with attributes: highlighted as Rust, the `# ` lines hidden.
    let (_, rust) = &blocks[0];
    assert!(rust.contains("hl-source hl-rust"), "{rust}");
    assert_eq!(rust.matches("<span class=\"boring\">").count(), 2, "{rust}");
    assert_eq!(
        visible(rust),
        "let s: &str = \"x\";\n# not hidden\n#[derive(Debug)]\nstruct S;\n"
    );
    assert!(text(rust).contains("fn main() {\n"), "hidden, not removed");
    assert!(!text(rust).contains("# fn"), "the prefix is gone");

    // TOML and a shell session.
    let (_, toml) = &blocks[1];
    assert!(
        toml.contains("hl-entity hl-name hl-class hl-table"),
        "{toml}"
    );
    assert!(toml.contains("hl-variable hl-other hl-key"), "{toml}");
    assert!(toml.contains("hl-comment"), "{toml}");
    let (_, console) = &blocks[2];
    assert!(
        console.starts_with("<span class=\"hl-prompt\">$ </span><span class=\"hl-source hl-shell"),
        "{console}"
    );
    assert!(
        console.ends_with("</span>   Compiling demo v0.1.0\n"),
        "{console}"
    );

    // Other languages: the configured prefix, or the block's own.
    assert_eq!(visible(&blocks[3].1), "print(\"shown\")\n");
    assert_eq!(visible(&blocks[4].1), "~print(\"shown\")\n");
    assert!(
        blocks[4].1.contains("hl-source hl-python"),
        "{}",
        blocks[4].1
    );

    // mdBook's playground attributes are classes only: no `fn main` added.
    assert_eq!(visible(&blocks[5].1), "let x = 1;\n");
    assert!(!blocks[5].1.contains("boring"));
    // Plain text stays plain.
    assert_eq!(blocks[6].1, "$ not a prompt\n");

    // The print edition carries the same blocks.
    let print = read_text(&ed.path("book"), "print.html");
    assert!(print.contains("<span class=\"boring\">"), "{print}");
}

#[test]
fn an_empty_hidden_line_prefix_is_a_warning() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html.code.hidelines]\npython = \"\"\n",
    );
    ed.write("src/chapter_1.md", "# Chapter 1\n\n```python\nx = 1\n```\n");
    let run = ed.build();
    run.assert_success();
    run.assert_diag("book.toml:5:1: warning: ", &["`python`", "empty"]);
    let page = read_text(&ed.path("book"), "chapter_1.html");
    assert!(!page.contains("boring"), "nothing hidden");
}

/// The search index holds what the reader sees of a block: its hidden lines
/// are not found.
#[test]
fn hidden_lines_are_not_indexed_for_search() {
    let ed = Edition::fixture("mdbook");
    ed.write(
        "book.toml",
        "[book]\ntitle = \"An mdBook book\"\n\n[output.html.code.hidelines]\npython = \"~\"\n",
    );
    ed.write(
        "src/chapter_1.md",
        "# Chapter 1\n\n```rust\n# fn secret_setup() {}\nlet shown_word = 1;\n## literal_hash\n```\n\n```python\n~hidden_python()\nvisible_python()\n```\n\n```text\n# plain_hash_line\n```\n",
    );
    let out = ed.out("out");
    ed.build_into(&out).assert_success();
    let index = read_text(&out, "search-index.js");
    for shown in [
        "shown_word",
        "# literal_hash",
        "visible_python",
        "# plain_hash_line",
    ] {
        assert!(index.contains(shown), "{shown}: {index}");
    }
    for hidden in ["secret_setup", "hidden_python"] {
        assert!(!index.contains(hidden), "{hidden}: {index}");
    }
}
