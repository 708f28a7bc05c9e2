// GeographicLib JS 2.2.0 answers for the inputs where geodesic code goes wrong: the poles, the antimeridian, the
// equator, coincident and exactly antipodal points, near-antipodal pairs nudged by 1e-12 to 1e-1 degrees,
// meridional and nearly meridional lines, and lines a nanometre to a metre long. Deterministic (no randomness).
// Usage: npm ci && node edge-reference.mjs ../../tests/Truce.Tests/Geodesy/Reference
import geodesicPkg from "geographiclib-geodesic";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const geod = geodesicPkg.Geodesic.WGS84;
const out = process.argv[2] ?? ".";
const fmt = (x) => (Object.is(x, -0) ? "-0" : x.toPrecision(17));
const wrap = (lon) => { const x = ((lon + 180) % 360 + 360) % 360 - 180; return x === -180 && lon > 0 ? 180 : x; };

const inv = ["lat1,lon1,lat2,lon2,s12_m,azi1_deg,azi2_deg"];
const seen = new Set();
function add(lat1, lon1, lat2, lon2) {
  lat1 = Math.max(-90, Math.min(90, lat1)); lat2 = Math.max(-90, Math.min(90, lat2));
  lon1 = wrap(lon1); lon2 = wrap(lon2);
  const key = [lat1, lon1, lat2, lon2].map(fmt).join(",");
  if (seen.has(key)) return;
  seen.add(key);
  const g = geod.Inverse(lat1, lon1, lat2, lon2);
  inv.push([lat1, lon1, lat2, lon2, g.s12, g.azi1, g.azi2].map(fmt).join(","));
}

const lats = [90, -90, 89.9999999, -89.99999, 60, 0, -0, 1e-10, -1e-10, 33];
const lons = [0, 180, -180, 179.9999999, -179.9999999, 35.8];
const nudges = [0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, 1e-3, -1e-3, 1e-1];
for (const lat of lats) {
  for (const lon of lons) {
    add(lat, lon, lat, lon);                                  // coincident
    add(lat, lon, -lat, lon + 180);                           // exactly antipodal
    for (const d of nudges) {
      add(lat, lon, -lat + d, lon + 180);                     // near-antipodal, nudged in latitude
      add(lat, lon, -lat, lon + 180 + d);                     // ... and in longitude
      add(lat, lon, lat + d, lon);                            // meridional, very short to 11 km
      add(lat, lon, lat, lon + d);                            // along the parallel (or the equator)
    }
    for (const lat2 of [90, -90, 0, 45, -30]) {
      add(lat, lon, lat2, lon);                               // same meridian
      add(lat, lon, lat2, lon + 180);                         // opposite meridian (over a pole)
      add(lat, lon, lat2, lon + 90);
    }
  }
}
// Along the equator up to and past the point where the geodesic leaves it, (1 - f) * 180 degrees.
for (const lon12 of [1, 90, 179, 179.39, 179.3966, 179.3967, 179.4, 179.5, 179.9, 179.999999, 180]) {
  add(0, 0, 0, lon12);
  add(0, 10, 0, 10 - lon12);
  add(1e-9, 0, -1e-9, lon12);
}

const dir = ["lat1,lon1,azi1_deg,s12_m,lat2,lon2,azi2_deg"];
for (const lat of [90, -90, 89.99999, 0, -0, -45]) {
  for (const lon of [0, 180, -180, 179.999]) {
    for (const azi of [0, 90, 180, -180, -90, 45, 1e-12, -1e-12, 179.9999999]) {
      for (const s12 of [0, 1e-9, 1, 1e4, 1e7, 10001965.729313, 2e7, 4e7]) {
        const g = geod.Direct(lat, lon, azi, s12);
        dir.push([lat, lon, azi, s12, g.lat2, g.lon2, g.azi2].map(fmt).join(","));
      }
    }
  }
}

writeFileSync(join(out, "inverse-edges.csv"), inv.join("\n") + "\n");
writeFileSync(join(out, "direct-edges.csv"), dir.join("\n") + "\n");
console.log(`wrote ${inv.length - 1} inverse and ${dir.length - 1} direct edge-case rows to ${out}`);
