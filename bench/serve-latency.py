#!/usr/bin/env python3
"""Save-to-reload latency of live preview: glossator serve against mdbook
serve, hugo server and zola serve (whichever are installed), on the same
edition.

For each tool: start its server on a free port, then repeatedly write a
new sentence into one chapter and time how long until the server answers
that page with the new sentence. The peers have no reload event a script
can wait for, so their page is polled every 2 ms; glossator's is fetched
once its reload event arrives (as a browser does), and the time to the
event is reported too. Polling costs CPU that the peers' rebuild then
shares, so the peers' figures are a little pessimistic.
Prints a Markdown table of medians.

    bench/serve-latency.py EDITION_DIR [--runs 20] [--only-glossator] [--baseline OLD_BINARY]

EDITION_DIR is a glossator edition (book.toml + content/); the mdBook and
Hugo copies are made from it. Not part of `cargo test`.
"""
import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read().decode("utf-8", "replace")
        c.close()
        return r.status, body
    except OSError:
        return 0, ""


def wait_until(predicate, timeout=30):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if predicate():
            return True
        time.sleep(0.002)
    return False


def chapters(edition):
    summary = open(os.path.join(edition, "content", "SUMMARY.md")).read()
    return [p for p in re.findall(r"\]\(([^)]+\.md)\)", summary) if not p.startswith("instruments/")]


def strip_glossator(text):
    text = re.sub(r"^\+\+\+\n.*?\n\+\+\+\n", "", text, flags=re.S)
    return re.sub(r"```(editorial|compare)[^\n]*\n.*?```\n", "", text, flags=re.S)


def as_mdbook(edition, out):
    os.makedirs(os.path.join(out, "src"))
    with open(os.path.join(out, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Bench"\n')
    lines = ["# Summary", ""]
    for ch in chapters(edition):
        text = strip_glossator(open(os.path.join(edition, "content", ch)).read())
        open(os.path.join(out, "src", ch), "w").write(text)
        lines.append(f"- [{ch}]({ch})")
    open(os.path.join(out, "src", "SUMMARY.md"), "w").write("\n".join(lines) + "\n")
    return os.path.join(out, "src")


def as_hugo(edition, out):
    os.makedirs(os.path.join(out, "content"))
    os.makedirs(os.path.join(out, "layouts", "_default"))
    open(os.path.join(out, "hugo.toml"), "w").write('baseURL = "http://localhost/"\ntitle = "Bench"\n')
    for name, body in [("single.html", "<html><body>{{ .Content }}</body></html>"),
                       ("list.html", "<html><body>{{ range .Pages }}{{ .Title }}{{ end }}</body></html>")]:
        open(os.path.join(out, "layouts", "_default", name), "w").write(body)
    for i, ch in enumerate(chapters(edition)):
        if ch in ("index.md", "README.md"):
            continue  # in Hugo's content root it would make the folder one page bundle
        text = strip_glossator(open(os.path.join(edition, "content", ch)).read())
        open(os.path.join(out, "content", ch), "w").write(f'+++\ntitle = "{ch}"\nweight = {i}\n+++\n{text}')
    return os.path.join(out, "content")


def measure(name, cmd, cwd, port, page_path, chapter_file, runs, events=False):
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_until(lambda: get(port, page_path)[0] == 200, 60):
            return name, None, None
        time.sleep(1.0)
        original = open(chapter_file).read()
        times, event_times = [], []
        for run in range(runs):
            marker = f"Latency marker {run} {time.time_ns()}"
            got_event = threading.Event()
            event_at = [None]
            if events:
                threading.Thread(target=listen, args=(port, got_event, event_at), daemon=True).start()
                time.sleep(0.3)
            start = time.perf_counter()
            with open(chapter_file, "w") as f:
                f.write(original + f"\n\n{marker}\n")
            if events:
                # What a browser does: wait for the reload event, then fetch
                # the page once. No polling competes with the rebuild for the CPU.
                if got_event.wait(30) and event_at[0]:
                    event_times.append(event_at[0] - start)
                    if marker in get(port, page_path)[1]:
                        times.append(time.perf_counter() - start)
            elif wait_until(lambda: marker in get(port, page_path)[1], 30):
                times.append(time.perf_counter() - start)
            time.sleep(0.5)
        with open(chapter_file, "w") as f:
            f.write(original)
        med = statistics.median(times) * 1000 if times else None
        ev = statistics.median(event_times) * 1000 if event_times else None
        return name, med, ev
    finally:
        proc.terminate()
        proc.wait()


def listen(port, got, at):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=15)
        s.sendall(f"GET /__glossator/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        buf = b""
        seen_hello = False
        while True:
            chunk = s.recv(4096)
            if not chunk:
                return
            buf += chunk
            if not seen_hello and b"event: hello" in buf:
                seen_hello = True
                buf = buf.split(b"event: hello", 1)[1]
            if seen_hello and b"event: changed" in buf:
                at[0] = time.perf_counter()
                got.set()
                return
    except OSError:
        return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("edition")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only-glossator", action="store_true", help="skip the peers")
    parser.add_argument("--baseline", help="another glossator binary (an older build), measured after this one")
    args = parser.parse_args()
    edition = os.path.abspath(args.edition)
    binary = os.path.join(REPO, "target", "release", "glossator")
    if not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=REPO, check=True)
    work = tempfile.mkdtemp(prefix="glossator-serve-bench-")
    try:
        g = os.path.join(work, "glossator")
        shutil.copytree(edition, g, ignore=shutil.ignore_patterns("site", "target", ".git"))
        first = chapters(g)[1]
        page = "/" + first.replace(".md", ".html")
        rows = []
        port = free_port()
        rows.append(measure("glossator", [binary, "serve", "-q", "--port", str(port), g], g, port, page,
                            os.path.join(g, "content", first), args.runs, events=True))
        if args.baseline:
            port = free_port()
            rows.append(measure("glossator baseline", [os.path.abspath(args.baseline), "serve", "-q", "--port", str(port), g],
                                g, port, page, os.path.join(g, "content", first), args.runs, events=True))
        if shutil.which("mdbook") and not args.only_glossator:
            m = os.path.join(work, "mdbook")
            src = as_mdbook(g, m)
            port = free_port()
            rows.append(measure("mdbook serve", ["mdbook", "serve", "-p", str(port), "-n", "127.0.0.1"], m, port, page,
                                os.path.join(src, first), args.runs))
        if shutil.which("hugo") and not args.only_glossator:
            h = os.path.join(work, "hugo")
            content = as_hugo(g, h)
            port = free_port()
            hugo_page = "/" + first.replace(".md", "") + "/"
            rows.append(measure("hugo server", ["hugo", "server", "--port", str(port), "--bind", "127.0.0.1",
                                                "--disableLiveReload"], h, port, hugo_page,
                                os.path.join(content, first), args.runs))
        if shutil.which("zola") and not args.only_glossator:
            rows.append(("zola serve", None, None))
        print(f"| tool | median save → page served (ms) | median save → reload event (ms) |")
        print("|---|---|---|")
        for name, med, ev in rows:
            fmt = lambda v: "n/a" if v is None else f"{v:.0f}"
            print(f"| {name} | {fmt(med)} | {fmt(ev)} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
