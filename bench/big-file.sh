#!/usr/bin/env bash
# Verifies the shipped agreements against a generated UCDP GED file of about 1 GiB (3 million rows) and reports
# wall time and peak memory, next to the same command on the small example evidence: memory must not grow with
# the file. Needs /usr/bin/time (Debian package 'time') and ~1.1 GB of free disk in $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-3000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Truce.Cli -v quiet --nologo >/dev/null
dotnet run -c Release --project bench/Truce.Bench -- generate-ged "$rows" "$work/ged.csv"
ls -l "$work/ged.csv"
cli="dotnet src/Truce.Cli/bin/Release/net10.0/Truce.Cli.dll"
for evidence in examples/evidence "$work/ged.csv"; do
  /usr/bin/time -f "$evidence: %e s wall, %M KiB peak resident" \
    $cli verify examples/agreements --evidence "$evidence" --format json --out "$work/out.json" --quarantine "$work/q" >/dev/null
done
