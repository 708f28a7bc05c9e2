#!/usr/bin/env bash
# Plants each of the 14 bugs that issue "Tests that catch bugs" listed, one at a time, in a throwaway worktree, and
# runs the test suite without the approved snapshots (a snapshot regenerated from the code proves nothing). Prints
# which test caught each bug. Not part of CI: about 20-30 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)/seeded"
git -C "$here" worktree add --detach "$work" HEAD >/dev/null 2>&1
trap 'git -C "$here" worktree remove --force "$work" >/dev/null 2>&1 || true' EXIT
cd "$work"
ln -s "$here/../shared" "$work/../shared" 2>/dev/null || true

# name ~ file ~ exact text ~ replacement (a tilde separates: the texts hold | and &)
bugs=(
  "zone distance far <= threshold became <~src/Truce/Verification/CompiledZone.cs~return far <= threshold.Metres ? Judgement.Yes~return far < threshold.Metres ? Judgement.Yes"
  "obligation window end off by one day~src/Truce/Agreements/Agreement.cs~new ValidityPeriod(start, Until)~new ValidityPeriod(start, Until?.AddDays(1))"
  "UCDP fatalities read from high instead of best~src/Truce/Evidence/Import/UcdpGedImporter.cs~fatalities: best,~fatalities: high,"
  "ACLED latitude accepted up to 180~src/Truce/Evidence/Import/AcledImporter.cs~Coordinate(r[\"latitude\"], -90, 90~Coordinate(r[\"latitude\"], -180, 180"
  "polyline chunk pruning drops the segment radius~src/Truce/Geodesy/Polyline.cs~geodesic.DistanceBetween(center, segmentCaps[i].Center).Metres + segmentCaps[i].Radius~geodesic.DistanceBetween(center, segmentCaps[i].Center).Metres"
  "location precision radius ignored~src/Truce/Verification/Verifier.cs~zone.Evaluate(evidence.Location, precision.Radius, cache, measures, unitClue)~zone.Evaluate(evidence.Location, Distance.Zero, cache, measures, unitClue)"
  "ACLED latitude and longitude swapped~src/Truce/Evidence/Import/AcledImporter.cs~location: new GeoPoint(lat, lon),~location: new GeoPoint(lon, lat),"
  "coverage counted regardless of area~src/Truce/Verification/Verifier.cs~!c.Area.Intersects(zoneBox) || ~"
  "UCDP event_clarity 2 read as probably true~src/Truce/Evidence/Import/UcdpGedImporter.cs~clarity == 1 ? Credibility.ProbablyTrue : Credibility.PossiblyTrue~Credibility.ProbablyTrue"
  "grace period dropped~src/Truce/Agreements/Agreement.cs~(long)f.DayNumber + GraceDays,~(long)f.DayNumber + 0,"
  "UCDP sides swapped~src/Truce/Evidence/Import/UcdpGedImporter.cs~var sideA = r[\"side_a\"];~var sideA = r[\"side_b\"];"
  "F-rated source confirming~src/Truce/Evidence/Reliability.cs~Reliability <= Reliability.C &&~Reliability <= Reliability.F &&"
  "WGS84 flattening changed~src/Truce/Geodesy/Geodesic.cs~new(6378137, 1 / 298.257223563)~new(6378137, 1 / 298.257)"
  "alias match case-sensitive~src/Truce/Actors/ActorRegistry.cs~_ => char.ToLowerInvariant(ch),~_ => ch,"
)

caught=0
for entry in "${bugs[@]}"; do
  IFS='~' read -r name file from to <<< "$entry"
  git checkout -q -- .
  if ! grep -qF -- "$from" "$file"; then
    echo "NOT PLANTED  $name (text not found in $file)"; continue
  fi
  python3 - "$file" "$from" "$to" <<'PY'
import sys
p, a, b = sys.argv[1:4]
s = open(p).read()
open(p, "w").write(s.replace(a, b, 1))
PY
  if ! dotnet build tests/Truce.Tests -c Release --nologo -v quiet >/dev/null 2>&1; then
    echo "CAUGHT       $name (does not compile)"; caught=$((caught + 1)); continue
  fi
  out="$(dotnet test tests/Truce.Tests -c Release --no-build --filter 'FullyQualifiedName!~Approved' 2>&1 || true)"
  failed="$(echo "$out" | grep -E '^\s+Failed ' | sed -E 's/^\s+Failed ([^ ]+).*/\1/' | head -3 | tr '\n' ' ')"
  if [ -n "$failed" ]; then
    echo "CAUGHT       $name by $failed"; caught=$((caught + 1))
  else
    echo "MISSED       $name"
  fi
done
git checkout -q -- .
echo "$caught of ${#bugs[@]} planted bugs caught without the approved snapshots"
