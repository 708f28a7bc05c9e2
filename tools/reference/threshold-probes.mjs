// Writes probe points at exact distances around zone thresholds, placed and measured with GeographicLib JS, for
// Truce's boundary tests (threshold - 1 mm, threshold, threshold + 1 mm, with and without a location radius).
// Usage: npm ci && node threshold-probes.mjs ../../tests/Truce.Tests/Verification/Reference
import geodesicPkg from "geographiclib-geodesic";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const geod = geodesicPkg.Geodesic.WGS84;
const out = process.argv[2] ?? ".";
const fmt = (x) => x.toPrecision(17);

// The feature: a point, and a single geodesic segment (its interior nearest points are perpendicular feet).
const P = [33.0, 36.0];
const A = [32.8, 35.9], B = [33.2, 35.95];
const line = geod.InverseLine(A[0], A[1], B[0], B[1]);
const mid = line.Position(line.s13 / 2);

// Distance from q to the segment AB by dense golden-section search along it (independent of the foot construction).
function toSegment(lat, lon) {
  let lo = 0, hi = line.s13;
  const f = (s) => { const p = line.Position(s); return geod.Inverse(lat, lon, p.lat2, p.lon2).s12; };
  for (let i = 0; i < 200; i++) {
    const m1 = lo + (hi - lo) * 0.381966, m2 = lo + (hi - lo) * 0.618034;
    if (f(m1) < f(m2)) hi = m2; else lo = m1;
  }
  return Math.min(f((lo + hi) / 2), f(0), f(line.s13));
}

const km = 1000, mm = 0.001;
const targets = [10 * km - mm, 10 * km, 10 * km + mm, 9 * km - mm, 9 * km + mm, 11 * km - mm, 11 * km, 11 * km + mm];
const rows = ["feature,lat,lon,placed_m,distance_m"];
for (const d of targets) {
  const p = geod.Direct(P[0], P[1], 60, d);
  rows.push(["point", p.lat2, p.lon2, d, geod.Inverse(P[0], P[1], p.lat2, p.lon2).s12].map((x) => (typeof x === "number" ? fmt(x) : x)).join(","));
}
for (const d of targets) {
  const p = geod.Direct(mid.lat2, mid.lon2, mid.azi2 + 90, d);
  rows.push(["line", p.lat2, p.lon2, d, toSegment(p.lat2, p.lon2)].map((x) => (typeof x === "number" ? fmt(x) : x)).join(","));
}
writeFileSync(join(out, "threshold-probes.csv"), rows.join("\n") + "\n");
console.error(`wrote ${rows.length - 1} probes`);
