#!/usr/bin/env python3
"""Helpers for bench/run.sh.

    gen.py generate REPO OUT N
        Writes the same N chapters as a glossator edition (OUT/glossator), an
        mdBook book (OUT/mdbook) and a Hugo site (OUT/hugo).

    gen.py measure --runs R [--timeout S] [--prepare CMD] [--log FILE] -- CMD...
        Runs CMD R times (CMD and --prepare go through no shell: --prepare is
        passed to `sh -c`), prints one JSON line: best wall seconds, peak RSS
        in MB (max over the runs, from wait4's ru_maxrss, the number GNU time
        reports as "Maximum resident set size"), exit codes, and whether a run
        hit the timeout. The first run's stdout+stderr go to --log.

    gen.py table RESULTS.jsonl
        Prints the Markdown table from the measure results run.sh collected.

Standard library only.
"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

# --------------------------------------------------------------------------
# generate

LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*?)\.md(#[^)\s]*)?\)")
PSEUDO_LINK_RE = re.compile(r"\[([^\]]*)\]\((?:art|nocite):[^)]*\)")


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


def plan(sources, n):
    """File name and title of each of the n chapters, round-robin over sources."""
    k = len(sources)
    chapters = []
    for i in range(n):
        src = sources[i % k]
        rnd = i // k
        name = "c%05d-%s.md" % (i + 1, src["stem"])
        title = src["title"] if rnd == 0 else "%s (%d)" % (src["title"], rnd + 1)
        chapters.append({"name": name, "title": title, "src": src, "round": rnd})
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

    body = ch["src"]["body"]
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
    write(os.path.join(g, "book.toml"),
          "[book]\ntitle = %s\nlanguage = \"en\"\nsrc = \"content\"\n\n"
          "[build]\nbuild-dir = \"site\"\n" % toml_str(title))
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
    for k, t in enumerate(instruments):
        write(os.path.join(g, "content", "instruments", t["name"]), t["raw"])
        write(os.path.join(m, "src", "instruments", t["name"]), t["body"])
        write(os.path.join(h, "content", "instruments", t["name"]),
              "---\ntitle: %s\nweight: %d\n---\n\n%s" % (json.dumps(t["title"]), k + 1, t["body"]))
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
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    base = {}
    for r in rows:
        if r["tool"] == "glossator (cold)" and r.get("seconds") and not r.get("failed"):
            base[r["n"]] = r["seconds"]
    print("| N | tool | seconds (best of %s) | ratio to glossator cold | peak RSS (MB) | ms per chapter | CPU seconds |"
          % (rows[0].get("runs", 3) if rows else 3))
    print("|--:|------|--------:|--------:|-------:|-------:|-------:|")
    for r in rows:
        n = r["n"]
        if r.get("timeout"):
            secs, ratio, per = "timeout (>%gs)" % r["limit"], "–", "–"
        elif r.get("failed"):
            secs, ratio, per = "failed (exit %s)" % r["codes"][-1], "–", "–"
        else:
            s = r["seconds"]
            secs = "%.3f" % s
            if len(r.get("times", [])) < r.get("runs", 1):
                secs += " (%d run%s)" % (len(r["times"]), "" if len(r["times"]) == 1 else "s")
            ratio = "%.2f" % (s / base[n]) if n in base else "–"
            per = "%.3f" % (1000 * s / n)
        rss = "%.1f" % r["rss_mb"] if r.get("rss_mb") else "–"
        cpu = "%.3f" % min(r["cpu"]) if r.get("cpu") else "–"
        print("| %d | %s | %s | %s | %s | %s | %s |" % (n, r["tool"], secs, ratio, rss, per, cpu))


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
