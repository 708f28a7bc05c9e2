#!/usr/bin/env bash
# Times `truce verify` of every shipped agreement on the real UCDP GED Syria file (../shared/data), and, with
# --against REV, the same command built from another commit, alternating runs so both see the same machine.
# Prints each run and the medians; the ratio is current / REV.
#
#   bash bench/real-data.sh                  # 5 runs of the current checkout
#   bash bench/real-data.sh --against f369298 --runs 7
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${TRUCE_REAL_DATA:-$here/../shared/data/ucdp-ged/ged_syria_652.1601.1911.csv}"
runs=5 against=""
while [ $# -gt 0 ]; do
  case "$1" in
    --against) against="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--against REV] [--runs N]" >&2; exit 2 ;;
  esac
done
[ -f "$data" ] || { echo "real-data: $data not found (set TRUCE_REAL_DATA)" >&2; exit 2; }

dotnet build "$here/src/Truce.Cli/Truce.Cli.csproj" -c Release --nologo -v quiet >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"; [ -n "$against" ] && git -C "$here" worktree remove --force "$tmp/base" >/dev/null 2>&1 || true' EXIT
if [ -n "$against" ]; then
  git -C "$here" worktree add --detach "$tmp/base" "$against" >/dev/null 2>&1
  dotnet build "$tmp/base/src/Truce.Cli/Truce.Cli.csproj" -c Release --nologo -v quiet >/dev/null
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
run() { # checkout -> seconds; runs from the checkout's root, where older builds looked for their registries
  local start end
  start=$(date +%s.%N)
  (cd "$1" && dotnet src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll verify examples/agreements --evidence "$data" --quarantine "$tmp/q" >/dev/null 2>&1) \
    || { echo "real-data: the run in $1 failed" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' 
}
: > "$tmp/cur"; : > "$tmp/base.t"
for i in $(seq 1 "$runs"); do
  c=$(run "$here"); echo "$c" >> "$tmp/cur"
  if [ -n "$against" ]; then
    b=$(run "$tmp/base"); echo "$b" >> "$tmp/base.t"
    printf 'run %d: current %.2f s, %s %.2f s\n' "$i" "$c" "$against" "$b"
  else
    printf 'run %d: current %.2f s\n' "$i" "$c"
  fi
done
mc=$(median < "$tmp/cur")
if [ -n "$against" ]; then
  mb=$(median < "$tmp/base.t")
  printf 'median: current %.2f s, %s %.2f s, ratio %.2f\n' "$mc" "$against" "$mb" "$(awk -v a="$mc" -v b="$mb" 'BEGIN { print a / b }')"
else
  printf 'median: current %.2f s\n' "$mc"
fi
