#!/usr/bin/env bash
# Truce against PostGIS on the same UCDP GED file (issue 8: truce verify of every shipped agreement should be at
# least 6x faster than PostgreSQL + PostGIS loading the file and answering the two Golan readings).
#
# PostGIS side, end to end: COPY of the CSV into an unlogged table whose geography point is a generated column,
# then bench/postgis-golan.sql's findings for both readings of golan-85km-2018 (85 km and 15 mi of the
# israel-syria-line, inside Syria; ST_Distance / ST_DWithin on geography, no index). Truce side: `truce verify` of
# every shipped agreement (a larger job: 9 agreements, 13 readings). Medians of RUNS (default 3) wall-clock runs,
# interleaved. Then the findings of the two Golan readings are compared id for id with
# `truce verify golan-85km-2018.yaml --format json` (all of them when Truce lists all; otherwise the totals and
# every finding Truce lists, which is at most 200 of each kind).
#
# The cluster is a throwaway: initdb in a temporary directory, 127.0.0.1 on a free port, stopped and removed at
# exit. It is tuned for speed (fsync and synchronous_commit off, 1 GB shared buffers, parallel workers as the cores
# allow, no JIT: LLVM spent seconds compiling the findings query), which only makes the comparison harder for Truce. PostgreSQL and PostGIS are installed with apt
# (as root, per ../shared/PACKAGES.md) when they are missing. Exit status 1 when the findings differ.
#
#   bash bench/postgis.sh               # a generated file of 3,000,000 rows (~1.06 GB in $TMPDIR)
#   bash bench/postgis.sh 300000        # a quick run
#   bash bench/postgis.sh --file ../shared/data/ucdp-ged/ged_syria_652.1601.1911.csv   # any UCDP GED CSV
set -euo pipefail
cd "$(dirname "$0")/.."
rows=3000000 csv=""
case "${1:-}" in
  --file) csv="$(realpath "$2")"; [ -f "$csv" ] || { echo "postgis: $2 not found" >&2; exit 2; } ;;
  '') ;;
  *[!0-9]*) echo "usage: $0 [ROWS | --file CSV]" >&2; exit 2 ;;
  *) rows="$1" ;;
esac
runs="${RUNS:-3}"

# PostgreSQL with PostGIS (and jq, for Truce's JSON): install what is missing.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
has_postgis() { local b; b="$(pg_bin)"; [ -n "$b" ] && [ -f "/usr/share/postgresql/$(basename "$(dirname "$b")")/extension/postgis.control" ]; }
pkgs=()
if ! has_postgis; then
  if [ -z "$(pg_bin)" ]; then pkgs+=(postgresql postgresql-15-postgis-3); else pkgs+=("postgresql-$(basename "$(dirname "$(pg_bin)")")-postgis-3"); fi
fi
command -v jq >/dev/null || pkgs+=(jq)
if [ ${#pkgs[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "postgis: missing ${pkgs[*]}; run as root to install them with apt" >&2; exit 2; }
  echo "postgis: installing ${pkgs[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  has_postgis || { echo "postgis: PostGIS is still missing after apt-get install" >&2; exit 1; }
fi
bin="$(pg_bin)"
# The server refuses to run as root: as root, run it as the 'postgres' account the Debian package creates.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "postgis: no 'postgres' account to run the server as" >&2; exit 2; }
  as_pg=(runuser -u postgres --)
fi

work="$(mktemp -d)"
chmod 755 "$work"
port=""
cleanup() {
  if [ -n "$port" ]; then
    "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$csv" ]; then
  need=$(( rows * 360 * 3 + 256 * 1024 * 1024 )) # the file, the table and its WAL-free heap, with room
  avail=$(df --output=avail -B1 "$work" | tail -1 | tr -d ' ')
  [ "$avail" -ge "$need" ] || { echo "postgis: $rows rows need about $((need / 1000000)) MB in $work; $((avail / 1000000)) MB free" >&2; exit 1; }
fi

dotnet build -c Release src/Truce.Cli -v quiet --nologo >/dev/null
cli=(dotnet src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll)
if [ -z "$csv" ]; then
  dotnet build -c Release bench/Truce.Bench -v quiet --nologo >/dev/null
  csv="$work/ged.csv"
  dotnet bench/Truce.Bench/bin/Release/net10.0/Truce.Bench.dll generate-ged "$rows" "$csv"
  chmod 644 "$csv"
fi

# A free port on 127.0.0.1, and the cluster.
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "postgis: no free port found" >&2; exit 1; }
mkdir "$work/pg" "$work/sock"
[ ${#as_pg[@]} -eq 0 ] || chown postgres "$work/pg" "$work/sock"
"${as_pg[@]}" "$bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
workers=$(nproc)
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/sock/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $work/sock \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB -c work_mem=256MB \
  -c maintenance_work_mem=512MB -c max_wal_size=8GB -c max_parallel_workers_per_gather=$workers -c jit=off" start >/dev/null
psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
"${psql[@]}" -c "CREATE EXTENSION postgis" >/dev/null
postgis_version=$("${psql[@]}" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
server_version=$("${psql[@]}" -At -c "SHOW server_version")

# The table from the file's header (either UCDP layout), typed where the query needs it.
header=$(head -1 "$csv" | tr -d '\r')
IFS=, read -r -a names <<< "$header"
defs=()
for c in "${names[@]}"; do
  case "$c" in
    latitude | longitude) defs+=("$c float8") ;;
    date_start | date_end) defs+=("$c date") ;;
    where_prec | type_of_violence | event_clarity | date_prec | deaths_a | deaths_b) defs+=("$c integer") ;;
    *) defs+=("$c text") ;;
  esac
done
defs+=("geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography) STORED")
{
  echo "CREATE UNLOGGED TABLE ged ($(IFS=,; echo "${defs[*]}"));"
  if [ ${#as_pg[@]} -eq 0 ] || "${as_pg[@]}" test -r "$csv"; then
    echo "COPY ged ($header) FROM '${csv//\'/\'\'}' WITH (FORMAT csv, HEADER true);"
  else # the server cannot read the file: psql sends it
    echo "\\copy ged ($header) FROM '${csv//\'/\'\'}' WITH (FORMAT csv, HEADER true)"
  fi
} > "$work/load.sql"
chmod 644 "$work/load.sql"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
postgis_run() {
  "${psql[@]}" -v load_sql="$work/load.sql" -f bench/postgis-golan.sql
}
truce_run() {
  local rc=0
  "${cli[@]}" verify examples/agreements --evidence "$csv" --quarantine "$work/q" >/dev/null 2>"$work/verify.err" || rc=$?
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "postgis: truce verify exited $rc" >&2; cat "$work/verify.err" >&2; exit 1; }
}

cat "$csv" > /dev/null # into the page cache for both
echo "file: $csv, $(stat -c %s "$csv") bytes; PostgreSQL $server_version, PostGIS $postgis_version on 127.0.0.1:$port"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $runs runs"
: > "$work/pg.t"; : > "$work/truce.t"
for i in $(seq 1 "$runs"); do
  t0=$(now); postgis_run > /dev/null; pg=$(since "$t0")
  t0=$(now); truce_run; tr=$(since "$t0")
  echo "$pg" >> "$work/pg.t"; echo "$tr" >> "$work/truce.t"
  printf 'run %d: PostGIS COPY + both Golan readings %.2f s, truce verify of all shipped agreements %.2f s\n' "$i" "$pg" "$tr"
done
mp=$(median < "$work/pg.t"); mt=$(median < "$work/truce.t")
rows=$("${psql[@]}" -At -c "SELECT count(*) FROM ged")
echo "medians of $runs on $rows rows:"
row() { printf '  %-46s %8s%s\n' "$1" "$2" "${3:+ $3}"; }
row "PostGIS: COPY, geography, both Golan readings" "$(printf '%.2f s' "$mp")"
row "truce verify, all $(ls examples/agreements/*.yaml | wc -l) shipped agreements" "$(printf '%.2f s' "$mt")"
row "PostGIS / truce" "$(printf '%.2fx' "$(awk -v a="$mp" -v b="$mt" 'BEGIN { print a / b }')")" "(target >= 6x)"

# Findings, id for id (the tables of the last run are still there).
"${psql[@]}" -At -F ' ' -c "SELECT reading, kind, id FROM findings ORDER BY 1, 2, 3" > "$work/pg.findings"
"${cli[@]}" verify examples/agreements/golan-85km-2018.yaml --evidence "$csv" --format json --out "$work/golan.json" >/dev/null 2>&1 || true
jq -r '.agreements[0].verdicts[] | .reading as $r | ((.confirmed[] | "\($r) confirmed \(.evidence)"), (.possible[] | "\($r) possible \(.evidence)"))' \
  "$work/golan.json" | sed 's/ ucdp-ged:/ /' | sort > "$work/truce.findings"
echo "findings of golan-85km-2018, PostGIS against Truce:"
differences=0 partial=0
for reading in 85km 15mi; do
  for kind in confirmed possible; do
    total=$(jq -r --arg r "$reading" --arg k "${kind}_total" '.agreements[0].verdicts[] | select(.reading == $r) | .[$k]' "$work/golan.json")
    listed=$(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/truce.findings" | wc -l)
    ours=$(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/pg.findings" | wc -l)
    # Every finding Truce lists must be a PostGIS finding of the same kind; when Truce lists them all, the reverse too.
    missing=$(comm -23 <(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/truce.findings") \
                       <(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/pg.findings" | sort))
    extra=""
    if [ "$listed" -eq "$total" ]; then
      extra=$(comm -13 <(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/truce.findings") \
                       <(awk -v r="$reading" -v k="$kind" '$1 == r && $2 == k' "$work/pg.findings" | sort))
    fi
    verdict="same"
    if [ "$ours" -ne "$total" ] || [ -n "$missing" ] || [ -n "$extra" ]; then verdict="DIFFERENT"; differences=1; fi
    [ "$listed" -eq "$total" ] || partial=1
    printf '  %-4s %-9s  truce %6d (%d listed)  postgis %6d  %s\n' "$reading" "$kind" "$total" "$listed" "$ours" "$verdict"
    [ -z "$missing" ] || echo "$missing" | head -10 | sed 's/^/    only truce:   /'
    [ -z "$extra" ] || echo "$extra" | head -10 | sed 's/^/    only postgis: /'
  done
done
[ "$partial" -eq 0 ] || echo "  (Truce lists at most 200 findings of each kind: beyond them, totals are compared)"
[ "$differences" -eq 0 ] || echo "  the findings differ (exit status 1)"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
exit "$differences"
