//! Raw HTML in content: what editors write is published as written, what
//! could run a script is removed with a warning at its line and column, and
//! `[glossator] trusted-html = true` publishes it all as written.

use crate::util::{Edition, decode_entities, read_tree, tags};

const CHAPTER: &str = "# Chapter

<details open
ontoggle=alert(1)>
<summary>More</summary>

Inside the details.

</details>

A <a href=\"javascript&#58;alert(2)\">link</a> and a <a href=\"jav&#x09;ascript:alert(3)\">tab</a>,
<span class=\"k\" onmouseover=alert(4)>hover</span> and [md](javascript&#58;alert(5)).

<script>alert(6)</script>

<table class=\"cmp\">
<tr><th scope=\"col\">A</th><td colspan=\"2\">B<sup>1</sup><sub>2</sub></td></tr>
</table>

An <abbr title=\"International Organization for Migration\">IOM</abbr> <img src=\"map.png\" alt=\"Map\"> and <span id=\"s1\" class=\"x\">span</span>.
";

/// Script-bearing markup left in `html`: an `on…` attribute, a script, an
/// address with a scheme other than http(s) or mailto.
fn active(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attrs {
            let compact: String = decode_entities(value)
                .chars()
                .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.starts_with("on") || compact.starts_with("javascript:") {
                found.push(format!("<{} {name}={value:?}>", tag.name));
            }
        }
    }
    if html.contains("alert(6)") {
        found.push("the script".into());
    }
    found
}

fn edition(trusted: bool) -> Edition {
    let ed = Edition::fixture("minimal");
    ed.write(
        "book.toml",
        format!(
            "[book]\ntitle = \"Raw\"\n{}",
            if trusted {
                "\n[glossator]\ntrusted-html = true\n"
            } else {
                ""
            }
        ),
    );
    ed.write("content/chapter.md", CHAPTER);
    ed.write("content/map.png", b"\x89PNG\r\n");
    ed
}

#[test]
fn raw_html_keeps_what_editors_write_and_removes_scripts() {
    let ed = edition(false);
    let site = ed.out("site");
    let run = ed.build_into(&site);
    run.assert_success()
        .assert_diag(
            "content/chapter.md:3:1: warning: raw HTML: removed `ontoggle` of <details>",
            &[],
        )
        .assert_diag(
            "content/chapter.md:11:3: warning: raw HTML: removed `href` of <a>",
            &[],
        )
        .assert_diag(
            "content/chapter.md:12:1: warning: raw HTML: removed `onmouseover`",
            &[],
        )
        .assert_diag(
            "content/chapter.md:14:1: warning: raw HTML: removed <script> and its content",
            &[],
        )
        .assert_stderr_contains("trusted-html");
    let tree = read_tree(&site);
    for path in ["chapter.html", "print.html"] {
        let html = String::from_utf8_lossy(&tree[path]).into_owned();
        assert_eq!(active(&html), Vec::<String>::new(), "{path}");
        for kept in [
            "<details open=\"\">\n<summary>More</summary>",
            "Inside the details.",
            "<table class=\"cmp\">",
            "<th scope=\"col\">A</th><td colspan=\"2\">B<sup>1</sup><sub>2</sub></td>",
            "<abbr title=\"International Organization for Migration\">IOM</abbr>",
            "alt=\"Map\">",
            "class=\"x\">span</span>",
            "<span class=\"k\">hover</span>",
        ] {
            assert!(html.contains(kept), "{path} lost {kept:?}:\n{html}");
        }
    }
}

#[test]
fn trusted_html_is_published_as_written() {
    let ed = edition(true);
    let site = ed.out("site");
    ed.build_into(&site)
        .assert_success()
        .assert_no_diag("content/chapter.md:3:1: warning: raw HTML");
    let html = String::from_utf8_lossy(&read_tree(&site)["chapter.html"]).into_owned();
    assert!(html.contains("<details open\nontoggle=alert(1)>"), "{html}");
    assert!(html.contains("<script>alert(6)</script>"), "{html}");
}
