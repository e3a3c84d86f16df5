#!/usr/bin/env python3
"""Helpers for bench/run.sh.

    gen.py generate REPO OUT N
        Writes the same N chapters as a glossator edition (OUT/glossator), an
        mdBook book (OUT/mdbook), a Hugo site (OUT/hugo) and a Zola site
        (OUT/zola).

    gen.py measure --runs R [--timeout S] [--prepare CMD] [--log FILE] -- CMD...
        Runs CMD R times (CMD and --prepare go through no shell: --prepare is
        passed to `sh -c`), prints one JSON line: best wall seconds, peak RSS
        in MB (max over the runs, from wait4's ru_maxrss, the number GNU time
        reports as "Maximum resident set size"), exit codes, and whether a run
        hit the timeout. The first run's stdout+stderr go to --log.

    gen.py table RESULTS.jsonl
        Prints the Markdown table from the measure results run.sh collected:
        per tool and N, the median wall and CPU seconds and the peak RSS.

Standard library only.
"""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

# --------------------------------------------------------------------------
# generate

NOTE_LABEL_RE = re.compile(r"\[\^(\d+)\]")
NOTE_DEF_RE = re.compile(r"^\[\^(\d+)\]:", re.M)
NOTE_WORD_RE = re.compile(r"(?i)\b((?:see )?(?:foot)?note )(\d+)\b")
LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*?)\.md(#[^)\s]*)?\)")
PSEUDO_LINK_RE = re.compile(r"\[([^\]]*)\]\((?:art|nocite|cite):[^)]*\)")


def read_summary(repo):
    """The chapters of content/SUMMARY.md, in reading order, without instruments/."""
    out = []
    with open(os.path.join(repo, "content", "SUMMARY.md"), encoding="utf-8") as f:
        for line in f:
            m = re.search(r"\[([^\]]*)\]\(([^)]+\.md)\)", line)
            if not m:
                continue
            path = m.group(2)
            if path.startswith("instruments/"):
                continue
            out.append((m.group(1), path))
    return out


def split_front_matter(text):
    """(front matter lines without the +++ fences, body)."""
    if text.startswith("+++\n"):
        end = text.find("\n+++\n", 3)
        if end != -1:
            return text[4:end + 1], text[end + 5:]
    return "", text


def load_sources(repo):
    sources = []
    for title, path in read_summary(repo):
        with open(os.path.join(repo, "content", path), encoding="utf-8") as f:
            front, body = split_front_matter(f.read())
        stem = path[:-3]
        sources.append({"title": title, "stem": stem, "front": front,
                        "body": body.lstrip("\n")})
    return sources


def load_instruments(repo):
    """content/instruments/*.md: glossator reads them as the instruments the
    text cites (citations and ```compare blocks resolve against them); the
    other tools get the same text as ordinary pages."""
    folder = os.path.join(repo, "content", "instruments")
    out = []
    if not os.path.isdir(folder):
        return out
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            raw = f.read()
        front, body = split_front_matter(raw)
        m = re.search(r'^title\s*=\s*"(.*)"\s*$', front, re.M)
        out.append({"name": name, "raw": raw, "body": body.lstrip("\n"),
                    "title": m.group(1) if m else name[:-3]})
    return out


def note_span(sources):
    """The largest note number of the paper: each round of copies numbers its
    notes on from there, so the edition's notes run 1, 2, ... without a
    repeat or a gap, as one long paper's would."""
    return max((int(m) for s in sources for m in NOTE_LABEL_RE.findall(s["body"])), default=0)


def renumber_notes(body, shift):
    """The chapter's notes (references, definitions and "see note 28"
    cross-references) moved up by `shift`. A note the paper references but
    does not print (47 and 48) gets a definition saying so: the copies are
    meant to build without warnings, so that a benchmark of building does not
    measure a terminal."""
    defined = set(NOTE_DEF_RE.findall(body))
    missing = sorted({m for m in NOTE_LABEL_RE.findall(body)} - defined, key=int)
    if missing:
        body = body.rstrip("\n") + "\n" + "".join(
            "\n[^%s]: The paper prints no text for this note.\n" % m for m in missing)
    if shift == 0:
        return body
    body = NOTE_LABEL_RE.sub(lambda m: "[^%d]" % (int(m.group(1)) + shift), body)
    return NOTE_WORD_RE.sub(lambda m: "%s%d" % (m.group(1), int(m.group(2)) + shift), body)


def plan(sources, n):
    """File name and title of each of the n chapters, round-robin over sources."""
    k = len(sources)
    span = note_span(sources)
    chapters = []
    for i in range(n):
        src = sources[i % k]
        rnd = i // k
        name = "c%05d-%s.md" % (i + 1, src["stem"])
        title = src["title"] if rnd == 0 else "%s (%d)" % (src["title"], rnd + 1)
        chapters.append({"name": name, "title": title, "src": src, "round": rnd,
                         "shift": rnd * span})
    return chapters


def chapter_text(chapters, i, sources, plain):
    """The Markdown body of chapter i. The text is the same for every tool;
    with plain (mdBook, Hugo) glossator's own link schemes `art:` and
    `nocite:` are reduced to their link text, which is what glossator shows."""
    n = len(chapters)
    k = len(sources)
    ch = chapters[i]
    index_of = {s["stem"]: j for j, s in enumerate(sources)}

    def relink(m):
        text, target, frag = m.group(1), m.group(2), m.group(3) or ""
        j = index_of.get(target)
        if j is None:
            return text
        # the copy of that chapter in the same round, else the first copy
        for cand in (ch["round"] * k + j, j):
            if cand < n:
                return "[%s](%s%s)" % (text, chapters[cand]["name"], frag)
        return text  # that chapter is not in an edition this small

    body = renumber_notes(ch["src"]["body"], ch["shift"])
    # links to other chapters point at this edition's copies
    body = LINK_RE.sub(relink, body)
    if plain:
        body = PSEUDO_LINK_RE.sub(lambda m: m.group(1), body)
    nxt = chapters[(i + 1) % n]
    body = body.rstrip("\n") + "\n\nNext chapter: [%s](%s).\n" % (nxt["title"], nxt["name"])
    return body


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


HUGO_SINGLE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body>
<nav><a href="{{ "" | relURL }}">Contents</a>
{{ with .PrevInSection }} | <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }} | <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"""

HUGO_LIST = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ol>
{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol>
</body>
</html>
"""

HUGO_INDEX = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body>
<h1>{{ .Site.Title }}</h1>
<ol>
{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol>
</body>
</html>
"""

# `other.md` links become the other page's address, as mdBook and glossator do
HUGO_RENDER_LINK = """{{- $u := .Destination -}}
{{- $frag := "" -}}
{{- if in $u "#" -}}{{- $parts := split $u "#" -}}{{- $u = index $parts 0 -}}{{- $frag = printf "#%s" (index $parts 1) -}}{{- end -}}
{{- if hasSuffix $u ".md" -}}{{- $u = printf "../%s/%s" (strings.TrimSuffix ".md" $u) $frag -}}{{- else -}}{{- $u = .Destination -}}{{- end -}}
<a href="{{ $u | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
"""


ZOLA_CONFIG = """base_url = "http://example.org"
title = %s
default_language = "en"
compile_sass = false
build_search_index = false
generate_feeds = false

[markdown]
render_emoji = false

[link_checker]
# the copies' anchors are checked as Zola does by default, but a missing one
# is reported, not fatal, as in the other tools
internal_level = "warn"
"""

ZOLA_BASE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>
<body>
{% block content %}{% endblock content %}
</body>
</html>
"""

ZOLA_INDEX = """{% extends "base.html" %}
{% block content %}
<h1>{{ config.title }}</h1>
<ol>
{% for page in section.pages %}<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a></li>
{% endfor %}</ol>
{% for s in section.subsections %}{% set sub = get_section(path=s) %}<h2>{{ sub.title }}</h2>
<ol>
{% for page in sub.pages %}<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a></li>
{% endfor %}</ol>
{% endfor %}
{% endblock content %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{{ section.title }} - {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ section.title }}</h1>
<ol>
{% for page in section.pages %}<li><a href="{{ page.permalink | safe }}">{{ page.title }}</a></li>
{% endfor %}</ol>
{% endblock content %}
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} - {{ config.title }}{% endblock title %}
{% block content %}
<nav><a href="{{ get_url(path='@/_index.md') | safe }}">Contents</a>
{% if page.lower %} | <a href="{{ page.lower.permalink | safe }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %} | <a href="{{ page.higher.permalink | safe }}">{{ page.higher.title }}</a>{% endif %}</nav>
<main>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</main>
{% endblock content %}
"""

ZOLA_LINK_RE = re.compile(r"\]\((c\d{5}-[^)\s#]*\.md)(#[^)\s]*)?\)")


def zola_text(body):
    """Links to other chapters as Zola writes them: `@/other.md`, which Zola
    resolves to the page's address (and checks)."""
    return ZOLA_LINK_RE.sub(lambda m: "](@/%s%s)" % (m.group(1), m.group(2) or ""), body)


def zola_page(title, weight, body):
    return "+++\ntitle = %s\nweight = %d\n+++\n\n%s" % (toml_str(title), weight, body)


def glossator_front(ch):
    """The source chapter's +++ front matter (instrument, clause, ...) with
    this copy's title."""
    lines = [l for l in ch["src"]["front"].splitlines() if not re.match(r"\s*title\s*=", l)]
    return "+++\ntitle = %s\n%s+++\n\n" % (
        toml_str(ch["title"]), "".join(l + "\n" for l in lines))


def generate(repo, out, n):
    sources = load_sources(repo)
    instruments = load_instruments(repo)
    if not sources:
        sys.exit("no chapters found in %s/content/SUMMARY.md" % repo)
    chapters = plan(sources, n)
    title = "Benchmark edition, %d chapters" % n
    summary = "# Summary\n\n" + "".join(
        "- [%s](%s)\n" % (c["title"], c["name"]) for c in chapters)
    # glossator finds content/instruments/ by itself; mdBook needs them listed
    md_summary = summary + "".join(
        "- [%s](instruments/%s)\n" % (t["title"], t["name"]) for t in instruments)

    g = os.path.join(out, "glossator")
    # The paper's bibliography comes along: its notes' `cite:` links are
    # glossator's work too.
    works = os.path.join(repo, "content", "works.bib")
    bibliography = ""
    if os.path.exists(works):
        with open(works, encoding="utf-8") as f:
            write(os.path.join(g, "content", "works.bib"), f.read())
        bibliography = "\n[glossator]\nbibliography = \"works.bib\"\n"
    write(os.path.join(g, "book.toml"),
          "[book]\ntitle = %s\nlanguage = \"en\"\nsrc = \"content\"\n\n"
          "[build]\nbuild-dir = \"site\"\n%s" % (toml_str(title), bibliography))
    write(os.path.join(g, "content", "SUMMARY.md"), summary)

    m = os.path.join(out, "mdbook")
    write(os.path.join(m, "book.toml"),
          "[book]\ntitle = %s\nlanguage = \"en\"\nsrc = \"src\"\n" % toml_str(title))
    write(os.path.join(m, "src", "SUMMARY.md"), md_summary)

    h = os.path.join(out, "hugo")
    write(os.path.join(h, "hugo.toml"),
          "baseURL = \"http://example.org/\"\n"
          "title = %s\n"
          "languageCode = \"en\"\n"
          "relativeURLs = true\n"
          "disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n"
          "[markup.goldmark.renderer]\nunsafe = true\n" % toml_str(title))
    write(os.path.join(h, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(h, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(h, "layouts", "index.html"), HUGO_INDEX)
    write(os.path.join(h, "layouts", "_default", "_markup", "render-link.html"), HUGO_RENDER_LINK)

    z = os.path.join(out, "zola")
    write(os.path.join(z, "config.toml"), ZOLA_CONFIG % toml_str(title))
    write(os.path.join(z, "templates", "base.html"), ZOLA_BASE)
    write(os.path.join(z, "templates", "index.html"), ZOLA_INDEX)
    write(os.path.join(z, "templates", "section.html"), ZOLA_SECTION)
    write(os.path.join(z, "templates", "page.html"), ZOLA_PAGE)
    write(os.path.join(z, "content", "_index.md"),
          "+++\ntitle = %s\nsort_by = \"weight\"\n+++\n" % toml_str(title))
    write(os.path.join(z, "content", "instruments", "_index.md"),
          "+++\ntitle = \"Instruments\"\nsort_by = \"weight\"\n+++\n")

    total = 0
    for i, c in enumerate(chapters):
        body = chapter_text(chapters, i, sources, plain=False)
        write(os.path.join(g, "content", c["name"]), glossator_front(c) + body)
        body = chapter_text(chapters, i, sources, plain=True)
        total += len(body.encode("utf-8"))
        write(os.path.join(m, "src", c["name"]), body)
        # the chapter's own "# Title" stays in the text; the layout's <h1> is
        # the front matter title, as mdBook and glossator also print it once
        # in navigation
        write(os.path.join(h, "content", c["name"]),
              "---\ntitle: %s\nweight: %d\n---\n\n%s" % (json.dumps(c["title"]), i + 1, body))
        write(os.path.join(z, "content", c["name"]), zola_page(c["title"], i + 1, zola_text(body)))
    for k, t in enumerate(instruments):
        write(os.path.join(g, "content", "instruments", t["name"]), t["raw"])
        write(os.path.join(m, "src", "instruments", t["name"]), t["body"])
        write(os.path.join(h, "content", "instruments", t["name"]),
              "---\ntitle: %s\nweight: %d\n---\n\n%s" % (json.dumps(t["title"]), k + 1, t["body"]))
        write(os.path.join(z, "content", "instruments", t["name"]),
              zola_page(t["title"], k + 1, t["body"]))
    print("generated %d chapters + %d instruments (%.1f MB of chapter Markdown) from %d source chapters"
          % (n, len(instruments), total / 1e6, len(sources)))


# --------------------------------------------------------------------------
# measure

def measure(argv):
    runs, timeout, prepare, log = 3, None, None, None
    while argv and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--runs":
            runs = int(argv.pop(0))
        elif opt == "--timeout":
            timeout = float(argv.pop(0))
        elif opt == "--prepare":
            prepare = argv.pop(0)
        elif opt == "--log":
            log = argv.pop(0)
        else:
            sys.exit("measure: unknown option %s" % opt)
    cmd = argv[1:]
    best, peak_kb, codes, timed_out, times, cpus = None, 0, [], False, [], []
    for r in range(runs):
        if prepare:
            subprocess.run(["sh", "-c", prepare], check=True)
        out = open(log if (log and r == 0) else os.devnull, "wb")
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                             start_new_session=True)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.close()
        peak_kb = max(peak_kb, ru.ru_maxrss)  # kilobytes on Linux
        codes.append(p.returncode)
        if killed:
            timed_out = True
            break
        times.append(elapsed)
        cpus.append(ru.ru_utime + ru.ru_stime)
        best = elapsed if best is None else min(best, elapsed)
        if p.returncode != 0:
            break
    print(json.dumps({"seconds": best, "times": times, "cpu": cpus, "rss_mb": peak_kb / 1024,
                      "codes": codes, "timeout": timed_out}))


# --------------------------------------------------------------------------
# table

def table(path):
    """One row per tool and N from the runs run.sh recorded (one JSON line
    each): the median wall time and CPU time, the largest peak RSS."""
    runs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    rows, order = {}, []
    for r in runs:
        key = (r["n"], r["tool"])
        if key not in rows:
            order.append(key)
            rows[key] = {"n": r["n"], "tool": r["tool"], "limit": r.get("limit"), "times": [],
                         "cpu": [], "rss_mb": 0, "timeout": False, "failed": False, "codes": []}
        row = rows[key]
        row["times"] += r.get("times", [])
        row["cpu"] += r.get("cpu", [])
        row["rss_mb"] = max(row["rss_mb"], r.get("rss_mb") or 0)
        row["timeout"] |= bool(r.get("timeout"))
        row["failed"] |= bool(r.get("failed"))
        row["codes"] += r.get("codes", [])
    order.sort(key=lambda k: k[0])  # by N, tools in the order they ran
    base = {}
    for key in order:
        r = rows[key]
        if r["tool"] == "glossator (cold)" and r["times"] and not r["failed"]:
            base[r["n"]] = statistics.median(r["times"])
    print("| N | tool | seconds (median) | ratio to glossator cold | peak RSS (MB) | ms per chapter | CPU seconds (median) | runs |")
    print("|--:|------|--------:|--------:|-------:|-------:|-------:|--:|")
    for key in order:
        r = rows[key]
        n = r["n"]
        if r["timeout"]:
            secs, ratio, per = "timeout (>%gs)" % r["limit"], "–", "–"
        elif r["failed"]:
            secs, ratio, per = "failed (exit %s)" % r["codes"][-1], "–", "–"
        else:
            s = statistics.median(r["times"])
            secs = "%.3f" % s
            ratio = "%.2f" % (s / base[n]) if n in base else "–"
            per = "%.3f" % (1000 * s / n)
        rss = "%.1f" % r["rss_mb"] if r["rss_mb"] else "–"
        cpu = "%.3f" % statistics.median(r["cpu"]) if r["cpu"] else "–"
        print("| %d | %s | %s | %s | %s | %s | %s | %d |" % (n, r["tool"], secs, ratio, rss, per, cpu, len(r["times"])))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "measure":
        measure(sys.argv[2:])
    elif cmd == "table":
        table(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
