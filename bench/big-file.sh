#!/usr/bin/env bash
# Issue 8's measurement on a generated UCDP GED file (default 3,000,000 rows, about 1 GiB), all on the same file in
# the same script, runs interleaved so each command sees the same machine:
#   - `wc -l`, the byte-level parse floor (`Truce.Bench parse-floor`: latitude, longitude, dates and sides split by
#     hand over UTF-8 bytes) and `truce verify` of every shipped agreement, medians of RUNS (default 3) wall-clock
#     runs, and the ratio verify / parse floor (target: at most 2);
#   - peak resident memory of `truce verify` on the first 100,000 rows against the full file (target: flat), and on
#     the five small example files for reference.
# Wall clock is process start to exit for every command; the parse floor also prints its in-process time.
#
#   bash bench/big-file.sh              # 3,000,000 rows (~1.06 GB in $TMPDIR)
#   bash bench/big-file.sh 300000       # a quick run
#   RUNS=5 bash bench/big-file.sh
#
# Needs /usr/bin/time (Debian package 'time') and free disk in $TMPDIR of about 360 bytes per row.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-3000000}"
runs="${RUNS:-3}"
small=100000
case "$rows" in '' | *[!0-9]*) echo "usage: $0 [ROWS]" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "big-file: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
need=$(( rows * 360 + (rows > small ? small * 360 : 0) + 64 * 1024 * 1024 ))
avail=$(df --output=avail -B1 "$work" | tail -1 | tr -d ' ')
if [ "$avail" -lt "$need" ]; then
  echo "big-file: $rows rows need about $((need / 1000000)) MB in $work; $((avail / 1000000)) MB free" >&2
  exit 1
fi

dotnet build -c Release src/Truce.Cli -v quiet --nologo >/dev/null
dotnet build -c Release bench/Truce.Bench -v quiet --nologo >/dev/null
cli=(dotnet src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll)
bench=(dotnet bench/Truce.Bench/bin/Release/net10.0/Truce.Bench.dll)
agreements=$(ls examples/agreements/*.yaml | wc -l)

"${bench[@]}" generate-ged "$rows" "$work/ged.csv"
if [ "$rows" -gt "$small" ]; then
  head -n $((small + 1)) "$work/ged.csv" > "$work/ged-small.csv" # the generator is seeded: the same rows as a small file would hold
fi
cat "$work/ged.csv" > /dev/null # into the page cache, so the first run does not pay for the disk

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# verify FILE -> "seconds peak-KiB"; exit 3 (some rows rejected) still wrote the report.
verify() {
  local t0 rc=0
  t0=$(now)
  /usr/bin/time -f "%M" -o "$work/rss" "${cli[@]}" verify examples/agreements --evidence "$1" \
    --format json --out "$work/out.json" --quarantine "$work/q" >/dev/null 2>"$work/verify.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    echo "big-file: truce verify of $1 exited $rc:" >&2
    cat "$work/verify.err" >&2
    exit 1
  fi
  echo "$(since "$t0") $(tail -1 "$work/rss")"
}

bytes=$(stat -c %s "$work/ged.csv")
echo "file: $rows rows, $bytes bytes; $(nproc) cores, load average $(load) at start; $runs runs"
: > "$work/wc.t"; : > "$work/floor.t"; : > "$work/floor-in.t"; : > "$work/verify.t"; : > "$work/verify.rss"
for i in $(seq 1 "$runs"); do
  t0=$(now); lines=$(wc -l < "$work/ged.csv"); w=$(since "$t0")
  t0=$(now); "${bench[@]}" parse-floor "$work/ged.csv" > "$work/floor.out"; f=$(since "$t0")
  fin=$(awk '/^parse-floor seconds/ {print $3}' "$work/floor.out")
  parsed=$(awk '/^parse floor:/ {gsub(",", "", $3); print $3}' "$work/floor.out")
  [ "$parsed" = "$rows" ] && [ "$lines" = "$((rows + 1))" ] \
    || { echo "big-file: parse floor read $parsed rows and wc $lines lines of $rows" >&2; cat "$work/floor.out" >&2; exit 1; }
  read -r v rss <<< "$(verify "$work/ged.csv")"
  echo "$w" >> "$work/wc.t"; echo "$f" >> "$work/floor.t"; echo "$fin" >> "$work/floor-in.t"
  echo "$v" >> "$work/verify.t"; echo "$rss" >> "$work/verify.rss"
  printf 'run %d: wc -l %.2f s, parse floor %.2f s (in process %.2f s), truce verify %.2f s (peak %d MB)\n' \
    "$i" "$w" "$f" "$fin" "$v" "$((rss / 1024))"
done
mw=$(median < "$work/wc.t"); mf=$(median < "$work/floor.t"); mfin=$(median < "$work/floor-in.t"); mv=$(median < "$work/verify.t")
peak_full=$(sort -n "$work/verify.rss" | tail -1)
echo "medians of $runs on $rows rows:"
row() { printf '  %-42s %8s%s\n' "$1" "$2" "${3:+ $3}"; }
row "wc -l" "$(printf '%.2f s' "$mw")"
row "parse floor (byte-level split)" "$(printf '%.2f s' "$mf")" "$(printf '(in process %.2f s)' "$mfin")"
row "truce verify, all $agreements shipped agreements" "$(printf '%.2f s' "$mv")" "$(printf '(%.0f rows/s)' "$(awk -v r="$rows" -v t="$mv" 'BEGIN { print r / t }')")"
row "verify / parse floor" "$(printf '%.1fx' "$(awk -v a="$mv" -v b="$mf" 'BEGIN { print a / b }')")" \
  "$(printf '(target <= 2x; against the in-process floor %.1fx)' "$(awk -v a="$mv" -v b="$mfin" 'BEGIN { print a / b }')")"

echo "peak resident memory of truce verify (flat memory target):"
read -r _ rss_examples <<< "$(verify examples/evidence)"
row "examples/evidence (5 small files)" "$((rss_examples / 1024)) MB"
if [ "$rows" -gt "$small" ]; then
  read -r _ rss_small <<< "$(verify "$work/ged-small.csv")"
  row "$small rows" "$((rss_small / 1024)) MB"
fi
row "$rows rows" "$((peak_full / 1024)) MB" "(highest of $runs runs)"
if [ "$rows" -gt "$small" ]; then
  row "$rows rows / $small rows" "$(printf '%.2fx' "$(awk -v a="$peak_full" -v b="$rss_small" 'BEGIN { print a / b }')")"
fi
echo "load average $(load) at end"
