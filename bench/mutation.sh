#!/usr/bin/env bash
# Mutation testing of src/Truce with Stryker.NET (the version pinned in .config/dotnet-tools.json). Not part of CI.
#
#   bash bench/mutation.sh                      # every file of src/Truce (long: an hour or more on 2 cores)
#   bash bench/mutation.sh 'Geodesy/**/*.cs'    # one folder (globs are relative to src/Truce)
#   bash bench/mutation.sh 'Geodesy/Polyline.cs' 'Geodesy/PolygonSet.cs'
#   MUTATION_TEST_FILTER='FullyQualifiedName~Truce.Tests.Geodesy' bash bench/mutation.sh 'Geodesy/**/*.cs'
#
# MUTATION_TEST_FILTER (a dotnet test --filter expression) runs only some tests against each mutant: much faster
# for one folder, and the score it gives is a lower bound (tests elsewhere might kill more).
# MUTATION_CONCURRENCY (default 1) runs that many test sessions at once; the machine is shared, so 2 at most.
# Stryker builds the tests in Release: do not build or test in Release while it runs (it swaps Truce.dll there).
#
# Runs Stryker on src/Truce with the tests of tests/Truce.Tests, one mutant at a time (the machine is shared),
# then prints the mutation score per file and per folder from Stryker's JSON report, and the wall time.
# Reports (JSON and HTML, listing every surviving mutant) go to artifacts/mutation/<timestamp>/reports/.
# Score = (killed + timed out) / (killed + timed out + survived + no coverage); compile errors and ignored
# mutants do not count. Surviving mutants that are equivalent are listed, with the reason, in docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

globs=("$@")
if [ ${#globs[@]} -eq 0 ]; then
  globs=('**/*.cs')
fi

# Stryker matches --mutate against paths under the project folder; accept globs written relative to src/Truce.
mutate_args=()
for g in "${globs[@]}"; do
  case "$g" in
    '!'*) g="!**/${g#!}" ;;
    '**/'*) ;;
    *) g="**/$g" ;;
  esac
  mutate_args+=(--mutate "$g")
done

dotnet tool restore >/dev/null
out="$root/artifacts/mutation/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "mutation: ${globs[*]}${MUTATION_TEST_FILTER:+ (tests: $MUTATION_TEST_FILTER)} -> $out"

start=$(date +%s)
(
  cd tests/Truce.Tests
  dotnet dotnet-stryker \
    --project Truce.csproj \
    "${mutate_args[@]}" \
    --concurrency "${MUTATION_CONCURRENCY:-1}" \
    --configuration Release \
    --reporter Dots --reporter Json --reporter Html \
    --output "$out" \
    --skip-version-check \
    ${MUTATION_TEST_FILTER:+--test-case-filter "$MUTATION_TEST_FILTER"}
)
end=$(date +%s)

report="$out/reports/mutation-report.json"
if [ ! -f "$report" ]; then
  echo "mutation: no JSON report at $report" >&2
  exit 1
fi

python3 - "$report" "$root/src/Truce" <<'PY'
import json, os, sys
from collections import defaultdict

report_path, project = sys.argv[1], sys.argv[2]
with open(report_path, encoding="utf-8") as f:
    report = json.load(f)

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}

def tally(mutants):
    c = defaultdict(int)
    for m in mutants:
        c[m["status"]] += 1
    return c

def score(c):
    detected = sum(c[s] for s in DETECTED)
    valid = detected + sum(c[s] for s in UNDETECTED)
    return (100.0 * detected / valid) if valid else float("nan"), detected, valid

def row(name, c):
    s, detected, valid = score(c)
    return (f"{name:<48} {s:6.2f}%  {c['Killed']:6} {c['Timeout']:7} {c['Survived']:8} {c['NoCoverage']:6}"
            f" {c['CompileError'] + c['RuntimeError']:6} {c['Ignored']:7}")

header = f"{'':<48} {'score':>7}  {'killed':>6} {'timeout':>7} {'survived':>8} {'nocov':>6} {'error':>6} {'ignored':>7}"
files = {}
for path, data in report["files"].items():
    rel = os.path.relpath(path, project) if os.path.isabs(path) else path
    files[rel.replace(os.sep, "/")] = tally(data["mutants"])

folders = defaultdict(lambda: defaultdict(int))
total = defaultdict(int)
for rel, c in files.items():
    folder = os.path.dirname(rel) or "."
    for k, v in c.items():
        folders[folder][k] += v
        total[k] += v

print("\nPer file")
print(header)
for rel in sorted(files):
    if score(files[rel])[2] > 0:
        print(row(rel, files[rel]))
print("\nPer folder")
print(header)
for folder in sorted(folders):
    if score(folders[folder])[2] > 0:
        print(row(folder + "/", folders[folder]))
print(row("all mutated files", total))

survivors = [(rel, m) for path, data in sorted(report["files"].items())
             for rel in [os.path.relpath(path, project) if os.path.isabs(path) else path]
             for m in data["mutants"] if m["status"] in UNDETECTED]
if survivors:
    print(f"\nUndetected mutants ({len(survivors)})")
    for rel, m in sorted(survivors, key=lambda t: (t[0], t[1]["location"]["start"]["line"], t[1]["location"]["start"]["column"])):
        loc = m["location"]["start"]
        print(f"  {rel}:{loc['line']}:{loc['column']}  {m['status']:<10} {m['mutatorName']}: {m.get('replacement', '')!r}")
PY

echo
echo "mutation: wall time $(( (end - start) / 60 )) min $(( (end - start) % 60 )) s; reports in $out/reports"
