#!/usr/bin/env bash
# Benchmark: glossator against Zola, mdBook and Hugo on the same generated text.
#
#   bench/run.sh [N ...]          default: 10 100 1000 5000
#
# Environment:
#   RUNS=5          runs per tool and N, interleaved (one run of each tool in
#                   turn, RUNS rounds), so that other work on the machine
#                   falls on every tool alike; medians are reported
#   ZOLA=PATH       the zola binary (default: `zola` on PATH)
#   BASELINE=PATH   another glossator binary (an older build) run in the same
#                   rounds as "glossator baseline (cold)", to compare two
#                   versions under the same load
#   TIMEOUT=300     seconds one run may take before it is killed ("timeout");
#                   a tool that timed out is not run for larger N
#   LONG=60         a tool whose run takes longer than this is run once only
#   BENCH_TMPDIR=D  where the generated editions and the outputs go; default
#                   /dev/shm when it is a writable tmpfs, else $TMPDIR or /tmp.
#                   On a disk the times also measure the disk (on ext4 with
#                   `discard`, creating files after deleting a big output is
#                   slow and noisy), which is not what this compares.
#   KEEP=1          keep the temporary folder (its path is printed)
#   NO_RESULTS=1    do not write bench/RESULTS.md (just print the table)
#
# It installs nothing: bench/install-peers.sh does. A missing peer is skipped
# with a note. See bench/README.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
GEN="$BENCH_DIR/gen.py"

RUNS="${RUNS:-5}"
TIMEOUT="${TIMEOUT:-300}"
LONG="${LONG:-60}"
if [ "$#" -gt 0 ]; then NS=("$@"); else NS=(10 100 1000 5000); fi

command -v python3 >/dev/null || { echo "run.sh: python3 is needed" >&2; exit 1; }

if [ -z "${BENCH_TMPDIR:-}" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
        BENCH_TMPDIR=/dev/shm
    else
        BENCH_TMPDIR="${TMPDIR:-/tmp}"
    fi
fi
TMP="$(mktemp -d "$BENCH_TMPDIR/glossator-bench.XXXXXX")"
TMPFS="$(stat -f -c %T "$TMP" 2>/dev/null || echo '?')"
echo "working in $TMP ($TMPFS)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${KEEP:-0}" = 1 ]; then
    echo "temporary folder (kept): $TMP"
else
    trap 'rm -rf "$TMP"' EXIT
fi

# --- glossator, built in release mode and copied, so that a rebuild of the
# repository during the run does not change the binary being measured
echo "== building glossator (cargo build --release)"
(cd "$REPO" && cargo build --release --quiet)
cp "$REPO/target/release/glossator" "$TMP/glossator"
GLOSSATOR="$TMP/glossator"

# --- peers
TOOLS=("glossator (cold)" "glossator (rebuild)")
have() { command -v "$1" >/dev/null 2>&1; }
if [ -n "${BASELINE:-}" ]; then
    [ -x "$BASELINE" ] || { echo "run.sh: BASELINE=$BASELINE is not an executable" >&2; exit 1; }
    cp "$BASELINE" "$TMP/glossator-baseline"
    TOOLS+=("glossator baseline (cold)")
fi
ZOLA="${ZOLA:-$(command -v zola || true)}"
if [ -n "$ZOLA" ] && [ -x "$ZOLA" ]; then TOOLS+=("zola"); else echo "note: zola not found, skipped (set ZOLA=path/to/zola)"; ZOLA=""; fi
if have mdbook; then TOOLS+=("mdbook"); else echo "note: mdbook not found, skipped (bench/install-peers.sh installs it)"; fi
if have hugo; then TOOLS+=("hugo"); else echo "note: hugo not found, skipped (bench/install-peers.sh installs it)"; fi

RESULTS="$TMP/results.jsonl"
NOTES="$TMP/notes.md"
: >"$RESULTS"
: >"$NOTES"
declare -A DEAD=()   # tool -> N at which it timed out
declare -A SLOW=()   # tool -> 1 when its first run of this N took over LONG s

record() { # tool n json: one run
    python3 - "$1" "$2" "$RUNS" "$TIMEOUT" "$3" >>"$RESULTS" <<'EOF'
import json, sys
tool, n, runs, limit, res = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), json.loads(sys.argv[5])
res.update(tool=tool, n=n, runs=runs, limit=limit)
res["failed"] = (not res["timeout"]) and any(c != 0 for c in res["codes"])
print(json.dumps(res))
EOF
}

measure() { # tool n round log prepare cmd...: one run of one tool
    local tool="$1" n="$2" round="$3" log="$4" prepare="$5"
    shift 5
    local out
    [ "$round" = 1 ] || log=/dev/null
    out="$(python3 "$GEN" measure --runs 1 --timeout "$TIMEOUT" --prepare "$prepare" --log "$log" -- "$@")"
    echo "   round $round, $tool: $out"
    record "$tool" "$n" "$out"
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if (r["timeout"] or r["codes"][-1]!=0 or r["seconds"]>float(sys.argv[2])) else 1)' "$out" "$LONG" && SLOW["$tool"]=1
    python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["timeout"] else 1)' "$out" && DEAD["$tool"]="$n"
    return 0
}

for n in "${NS[@]}"; do
    echo "== N = $n"
    E="$TMP/e$n"
    python3 "$GEN" generate "$REPO" "$E" "$n"
    O="$TMP/out$n"
    mkdir -p "$O"
    SLOW=()
    for round in $(seq 1 "$RUNS"); do
    for tool in "${TOOLS[@]}"; do
        if [ -n "${DEAD[$tool]:-}" ]; then
            [ "$round" = 1 ] || continue
            echo "   $tool: skipped (timed out at N = ${DEAD[$tool]})"
            echo "{\"tool\": \"$tool\", \"n\": $n, \"timeout\": true, \"limit\": $TIMEOUT, \"skipped\": true, \"codes\": []}" >>"$RESULTS"
            continue
        fi
        # a long run (or a failed one) is not repeated
        [ -n "${SLOW[$tool]:-}" ] && continue
        case "$tool" in
        "glossator (cold)")
            measure "$tool" "$n" "$round" "$O/glossator-cold.log" "rm -rf '$O/glossator'" \
                "$GLOSSATOR" build "$E/glossator" --dest-dir "$O/glossator" ;;
        "glossator (rebuild)")
            # into the folder the cold run just left: unchanged files are kept
            measure "$tool" "$n" "$round" "$O/glossator-rebuild.log" "true" \
                "$GLOSSATOR" build "$E/glossator" --dest-dir "$O/glossator" ;;
        "glossator baseline (cold)")
            measure "$tool" "$n" "$round" "$O/baseline-cold.log" "rm -rf '$O/baseline'" \
                "$TMP/glossator-baseline" build "$E/glossator" --dest-dir "$O/baseline" ;;
        zola)
            measure "$tool" "$n" "$round" "$O/zola.log" "rm -rf '$O/zola'" \
                "$ZOLA" --root "$E/zola" build --output-dir "$O/zola" ;;
        mdbook)
            measure "$tool" "$n" "$round" "$O/mdbook.log" "rm -rf '$O/mdbook'" \
                mdbook build -d "$O/mdbook" "$E/mdbook" ;;
        hugo)
            measure "$tool" "$n" "$round" "$O/hugo.log" "rm -rf '$O/hugo'" \
                hugo -s "$E/hugo" -d "$O/hugo" ;;
        esac
    done
    done

    # what glossator said, and what each tool wrote
    {
        log="$O/glossator-cold.log"
        w=$(grep -c ': warning' "$log" || true)
        e=$(grep -c ': error' "$log" || true)
        echo "- N = $n: glossator printed $w warning(s) and $e error(s); kinds of warning:"
        grep ': warning' "$log" | sed 's/.*warning: //; s/`[^`]*`/…/g; s/[0-9][0-9]*/#/g' \
            | sort | uniq -c | sort -rn | sed 's/^ *\([0-9]*\) \(.*\)/  - \1 × "\2"/'
        if [ "$e" != 0 ] || grep -q '"failed": true' <(grep "\"n\": $n," "$RESULTS" | grep glossator); then
            echo "  - glossator FAILED at N = $n; the end of its output:"
            echo '    ```'
            tail -n 30 "$log" | sed 's/^/    /'
            echo '    ```'
        fi
        rebuild_line=$(grep -o '([0-9]* files written, [0-9]* unchanged)' "$O/glossator-rebuild.log" || true)
        [ -n "$rebuild_line" ] && echo "  - rebuild into the existing folder: $rebuild_line"
        sizes=""
        for d in glossator zola mdbook hugo; do
            [ -d "$O/$d" ] || continue
            sizes="$sizes $d $(find "$O/$d" -type f | wc -l) files $(du -sm "$O/$d" | cut -f1) MB;"
        done
        echo "  - output:${sizes%;}"
    } >>"$NOTES"
    # the outputs of this N are no longer needed
    rm -rf "$O/glossator" "$O/baseline" "$O/zola" "$O/mdbook" "$O/hugo" "$E"
done

TABLE="$(python3 "$GEN" table "$RESULTS")"

versions() {
    echo "- glossator: $("$GLOSSATOR" --version), commit $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$( (cd "$REPO" && git diff --quiet HEAD -- src 2>/dev/null) || echo ' (with uncommitted changes in src/)'), $(rustc --version 2>/dev/null || echo 'rustc ?')"
    have mdbook && echo "- mdBook: $(mdbook --version)"
    have hugo && echo "- Hugo: $(hugo version | head -1)"
    if [ -n "$ZOLA" ]; then echo "- Zola: $("$ZOLA" --version)"; else echo "- Zola: not found"; fi
    if [ -n "${BASELINE:-}" ]; then echo "- glossator baseline: $("$TMP/glossator-baseline" --version)"; fi
}
machine() {
    local model mem
    model="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    mem="$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
    echo "$(nproc) CPU(s), ${model:-unknown model}, $mem RAM, $(uname -sr); files written to $TMPFS; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
}

REPORT="$(cat <<EOF
# Benchmark results

$(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/run.sh ${NS[*]}\` (median of $RUNS interleaved runs unless a run took over ${LONG} s; a run over ${TIMEOUT} s is killed).

Machine: $(machine).

$(versions)

$TABLE

"ratio" is the tool's time over glossator's cold build of the same N; "ms per chapter" is seconds
over N (each edition also holds the 8 instruments); "CPU seconds" is user + system time of the
median run (above the wall time when a tool uses both cores, and less disturbed than the wall
time by other work on the machine). Peak RSS is the largest resident set over the
runs (wait4's ru_maxrss, as \`/usr/bin/time -v\` reports it). "cold" builds into an empty folder;
"rebuild" builds the unchanged edition again into the folder the cold build left.

## What the tools wrote and said

$(cat "$NOTES")
EOF
)"

echo
echo "$TABLE"
echo
cat "$NOTES"
if [ "${NO_RESULTS:-0}" != 1 ]; then
    printf '%s\n' "$REPORT" >"$BENCH_DIR/RESULTS.md"
    echo
    echo "written: bench/RESULTS.md"
fi
