#!/usr/bin/env bash
# How verification cost grows with the number of obligation readings: generated specs for 1, 10, 100 and 1,000
# readings, sparse (a row can reach only a few) and a control (every reading holds every row), held against a
# generated UCDP GED file. Writes bench/results/readings-curve.md (the table) and readings-curve.png (the plot).
# About 1.5 minutes of CPU on 2 cores; options pass through (--rows, --readings, --runs, --work, --control-work, --out):
#
#   bash bench/readings-curve.sh
#   bash bench/readings-curve.sh --rows 50000 --runs 5
#   bash bench/readings-curve.sh --write-only /tmp/curve   # the specs and the file, to profile `truce verify` on them
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The label names the code measured: the last commit that changed src/, and whether src/ has changes beyond it.
commit="$(git -C "$here" log -1 --format=%h -- src 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$here" status --porcelain -- src 2>/dev/null)" ]; then commit="$commit plus uncommitted changes"; fi
dotnet build "$here/bench/Truce.Bench/Truce.Bench.csproj" -c Release --nologo -v quiet >/dev/null
dotnet "$here/bench/Truce.Bench/bin/Release/net10.0/Truce.Bench.dll" readings-curve --label "src/ at $commit" "$@"
