// Reference distances from points to multi-segment lines and to polygons, computed by dense brute force with
// GeographicLib JS (Karney's own implementation): nothing here comes from Truce's C#.
// Usage: npm ci && node line-reference.mjs ../../tests/Truce.Tests/Geodesy/Reference   (about a minute)
//
// Edge models, as Truce defines them (src/Truce/Geodesy):
//   * Polyline: each segment is the shortest WGS84 geodesic between consecutive vertices. The oracle samples
//     every segment (GeographicLib InverseLine + Position), at least 64 points per segment and one every 1 km,
//     then refines every local minimum of the samples by golden-section search to 1e-7 m along the segment.
//   * PolygonSet (RFC 7946 §3.1.1): each edge is the straight line in longitude/latitude between its positions;
//     the oracle samples each edge in that parameterisation (one point every 1 km or finer, at least 64 per
//     edge), refines every local minimum the same way, and decides inside/outside with its own even-odd
//     crossing test in lon/lat (edges count as inside; a point in a hole is outside).
//
// Outputs (CSV, committed; the same seed gives the same bytes):
//   polylines.csv           line,vertex,lat,lon                      vertices of each reference line
//   polyline-distances.csv  line,kind,lat,lon,distance_m             exact distance from a probe to the line
//   polygons.csv            area,polygon,ring,vertex,lat,lon         rings (ring 0 exterior, then holes), closed
//   polygon-probes.csv      area,kind,lat,lon,inside,boundary_m      containment and distance to the nearest ring
// Probe kinds say why a probe is there: vertex, on-segment, on-edge, near, far-chunk, beyond-end, random, pole,
// antimeridian, antipodal, hole, outside, inside.
import geodesicPkg from "geographiclib-geodesic";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const geod = geodesicPkg.Geodesic.WGS84;
const DIST = geodesicPkg.Geodesic.DISTANCE;
const out = process.argv[2] ?? ".";

// Deterministic PRNG (mulberry32), as in geodesic-reference.mjs.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(20261126);
const uni = (lo, hi) => lo + (hi - lo) * r();
const pick = (a) => a[Math.floor(r() * a.length)];
const fmt = (x) => x.toPrecision(17);
const norm = (lon) => { let x = ((lon + 180) % 360 + 360) % 360 - 180; return x === -180 && lon > 0 ? 180 : x; };
const dist = (a, b) => geod.Inverse(a[0], a[1], b[0], b[1], DIST).s12;
const direct = (p, azi, s) => { const d = geod.Direct(p[0], p[1], azi, s); return [d.lat2, d.lon2]; };

// Minimises f over [0, len]: dense samples, then golden section around every local minimum of the samples that
// could still hold the answer. `lip` bounds how fast f changes (metres per unit of the parameter), so a local
// minimum more than lip * spacing above the best sample cannot beat it and is the only kind skipped.
function minimise(f, len, n, lip) {
  const xs = [], ys = [];
  for (let i = 0; i <= n; i++) { xs.push(len * i / n); ys.push(f(xs[i])); }
  let best = Math.min(...ys);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i <= n; i++) {
    const left = i === 0 ? Infinity : ys[i - 1], right = i === n ? Infinity : ys[i + 1];
    if (!(ys[i] <= left && ys[i] <= right)) continue;
    if (ys[i] - lip * len / n > best) continue;
    let lo = xs[Math.max(0, i - 1)], hi = xs[Math.min(n, i + 1)];
    let m1 = hi - phi * (hi - lo), m2 = lo + phi * (hi - lo), f1 = f(m1), f2 = f(m2);
    for (let k = 0; k < 200 && hi - lo > 1e-7; k++) {
      if (f1 < f2) { hi = m2; m2 = m1; f2 = f1; m1 = hi - phi * (hi - lo); f1 = f(m1); }
      else { lo = m1; m1 = m2; f1 = f2; m2 = lo + phi * (hi - lo); f2 = f(m2); }
    }
    best = Math.min(best, f1, f2, f((lo + hi) / 2));
  }
  return best;
}

// ---------- Polylines: geodesic segments ----------
function segmentDistance(seg, p) {
  const L = seg.s13;
  if (L === 0) return dist([seg.lat1, seg.lon1], p);
  const n = Math.max(64, Math.ceil(L / 1000));
  return minimise((s) => { const q = seg.Position(s); return dist([q.lat2, q.lon2], p); }, L, n, 1);
}
function lineDistance(segs, vertices, p) {
  let best = Infinity;
  for (const v of vertices) best = Math.min(best, dist(v, p)); // the vertices are on the line, exactly
  for (const seg of segs) best = Math.min(best, segmentDistance(seg, p));
  return best;
}

const lineRows = ["line,vertex,lat,lon"];
const distRows = ["line,kind,lat,lon,distance_m"];
let lineId = 0;

function addLine(vertices, probes) {
  const id = lineId++;
  vertices.forEach((v, i) => lineRows.push([id, i, fmt(v[0]), fmt(v[1])].join(",")));
  const segs = [];
  for (let i = 0; i + 1 < vertices.length; i++) {
    const [a, b] = [vertices[i], vertices[i + 1]];
    segs.push(geod.InverseLine(a[0], a[1], b[0], b[1]));
  }
  for (const [kind, p] of probes(vertices, segs)) {
    const q = [p[0], norm(p[1])];
    distRows.push([id, kind, fmt(q[0]), fmt(q[1]), fmt(lineDistance(segs, vertices, q))].join(","));
  }
}

// A random walk: each step turns by up to `turn` degrees and runs a length drawn from [minLen, maxLen] metres.
function walk(start, azimuth, n, minLen, maxLen, turn) {
  const v = [start];
  let azi = azimuth;
  for (let i = 0; i < n; i++) {
    const d = geod.Direct(v[i][0], v[i][1], azi, uni(minLen, maxLen));
    v.push([d.lat2, d.lon2]);
    azi = d.azi2 + uni(-turn, turn);
  }
  return v;
}

const onSegment = (segs, i, t) => { const q = segs[i].Position(segs[i].s13 * t); return [q.lat2, q.lon2]; };
const offset = (segs, i, t, metres, side) => {
  const q = segs[i].Position(segs[i].s13 * t);
  return direct([q.lat2, q.lon2], q.azi2 + side * 90, metres);
};
const logUniform = (lo, hi) => Math.exp(uni(Math.log(lo), Math.log(hi)));

// The standard probe set: vertices (ends and interior), points on segments, offsets from the line at every
// scale, points near the last chunks of 16 segments (far from the first chunks in index order), beyond the
// ends, and scattered points.
function standardProbes(extra = () => []) {
  return (v, segs) => {
    const n = segs.length, probes = [];
    probes.push(["vertex", v[0]], ["vertex", v[v.length - 1]], ["vertex", v[1 + Math.floor(r() * (v.length - 2))]]);
    probes.push(["vertex", v[16 * Math.floor((n - 1) / 16)]]); // first vertex of the last chunk
    for (let k = 0; k < 2; k++) probes.push(["on-segment", onSegment(segs, Math.floor(r() * n), r())]);
    probes.push(["on-segment", onSegment(segs, n - 1, 1 - 1e-9)]);
    for (let k = 0; k < 6; k++) {
      probes.push(["near", offset(segs, Math.floor(r() * n), r(), logUniform(0.5, 300000), r() < 0.5 ? -1 : 1)]);
    }
    for (let k = 0; k < 3; k++) {
      const i = Math.max(0, n - 1 - Math.floor(r() * Math.min(n, 24)));
      probes.push(["far-chunk", offset(segs, i, pick([0, 1, r()]), logUniform(1, 50000), r() < 0.5 ? -1 : 1)]);
    }
    const last = segs[n - 1], first = segs[0];
    probes.push(["beyond-end", direct([last.Position(last.s13).lat2, last.Position(last.s13).lon2], last.Position(last.s13).azi2 + uni(-60, 60), logUniform(10, 200000))]);
    probes.push(["beyond-end", direct([first.lat1, first.lon1], first.azi1 + 180 + uni(-60, 60), logUniform(10, 200000))]);
    for (let k = 0; k < 2; k++) {
      const c = v[Math.floor(r() * v.length)];
      probes.push(["random", direct(c, uni(-180, 180), logUniform(1000, 2000000))]);
    }
    return probes.concat(extra(v, segs));
  };
}

// Border-like lines in the Levant: short segments, 17 to 200 of them.
for (const n of [17, 31, 64, 120, 200]) {
  addLine(walk([uni(30, 36), uni(34, 42)], uni(-180, 180), n, 300, 8000, 40), standardProbes());
}
// Long segments (200 to 3000 km), anywhere.
for (const n of [17, 24, 40]) {
  addLine(walk([uni(-50, 50), uni(-180, 180)], uni(-180, 180), n, 200000, 3000000, 70), standardProbes());
}
// Mixed scales: a tight zigzag of 16 short segments (one chunk with a near centre) followed by long segments
// whose far ends pass close to probes, so a lower bound that forgot a chunk's radius would prune the answer.
{
  const start = [33, 36];
  const zig = walk(start, 0, 16, 200, 2000, 170);
  const tail = walk(zig[zig.length - 1], 90, 20, 60000, 120000, 25).slice(1);
  addLine(zig.concat(tail), standardProbes((v, segs) => {
    const probes = [];
    for (let i = 16; i < segs.length; i += 3) {
      probes.push(["far-chunk", offset(segs, i, pick([0.02, 0.5, 0.98]), logUniform(100, 20000), r() < 0.5 ? -1 : 1)]);
    }
    return probes;
  }));
}
// A line that doubles back on itself: the nearest part is many chunks away in index order.
{
  const out1 = walk([31, 35], 45, 100, 2000, 6000, 10);
  const back = walk(direct(out1[out1.length - 1], 135, 15000), -135, 98, 2000, 6000, 10);
  addLine(out1.concat(back), standardProbes((v, segs) => {
    const probes = [];
    for (let k = 0; k < 6; k++) {
      probes.push(["far-chunk", offset(segs, Math.floor(uni(100, 200)), r(), uni(500, 7000), r() < 0.5 ? -1 : 1)]);
    }
    return probes;
  }));
}
// Near the poles: lines around 85-89.9 degrees, one through a pole, with the pole itself as a probe.
for (const [sign, n] of [[1, 17], [-1, 33]]) {
  const v = [];
  for (let i = 0; i <= n; i++) v.push([sign * uni(85, 89.9), -180 + (360 * i) / n * 0.95 + uni(0, 5)]);
  addLine(v, standardProbes(() => [["pole", [sign * 90, 0]], ["pole", [sign * 89.9999, uni(-180, 180)]], ["pole", [sign * 80, uni(-180, 180)]]]));
}
{
  const v = walk([80, -170], 0, 17, 50000, 150000, 15); // crosses the North Pole region
  v.splice(9, 0, [90, 0]);
  addLine(v, standardProbes(() => [["pole", [90, 0]], ["pole", [89.99999, 123]], ["pole", [89, -45]]]));
}
// Across and along the antimeridian, with vertices exactly on +180 and -180.
{
  const v = [];
  for (let i = 0; i <= 24; i++) v.push([-20 + i * 1.5, i % 2 === 0 ? uni(177, 180) : uni(-180, -177)]);
  v[4] = [v[4][0], 180]; v[5] = [v[5][0], -180]; v[10] = [v[10][0], -180];
  addLine(v, standardProbes(() => [
    ["antimeridian", [uni(-20, 16), 180]], ["antimeridian", [uni(-20, 16), -180]],
    ["antimeridian", [uni(-20, 16), 179.9999999]], ["antimeridian", [uni(-20, 16), -179.9999999]],
  ]));
}
{
  const v = walk([60, 170], 90, 40, 20000, 90000, 30); // a high-latitude line crossing +-180 at a slant
  addLine(v, standardProbes(() => [["antimeridian", [uni(58, 66), 180]], ["antimeridian", [uni(58, 66), -179.5]]]));
}
// Near-antipodal: probes near the antipodes of a line's vertices.
{
  const v = walk([10, 20], 60, 20, 50000, 200000, 30);
  addLine(v, standardProbes((vv) => [0, 7, 20].map((i) => ["near", [-vv[i][0] + uni(-0.5, 0.5), vv[i][1] + 180 + uni(-0.5, 0.5)]])));
}

// A very long last segment (60 to 170 degrees of arc) after 16 short ones, with probes near the antipodes of its
// start and of points along it: the distance along such a segment rises to a maximum inside it and falls again,
// so its far end can be nearer than its start.
for (const [arc, azi] of [[170, 90], [120, 30], [60, -120]]) {
  const v = walk([uni(-30, 30), uni(-180, 180)], uni(-180, 180), 16, 20000, 80000, 30);
  v.push(direct(v[16], azi, arc * 111000));
  const anti = (p) => [-p[0], norm(p[1] + 180)];
  addLine(v, standardProbes((vv, segs) => {
    const last = segs[16], probes = [];
    for (const f of [0, 0.05, 0.2, 0.5]) {
      const q = last.Position(last.s13 * f);
      probes.push(["antipodal", anti([q.lat2, q.lon2])]);
      probes.push(["antipodal", direct(anti([q.lat2, q.lon2]), uni(-180, 180), logUniform(100, 500000))]);
    }
    return probes;
  }));
}

writeFileSync(join(out, "polylines.csv"), lineRows.join("\n") + "\n");
writeFileSync(join(out, "polyline-distances.csv"), distRows.join("\n") + "\n");

// ---------- Polygons: RFC 7946 straight lon/lat edges ----------
function edgeDistance(a, b, p) {
  const dlat = b[0] - a[0], dlon = b[1] - a[1];
  // Upper bound of the edge's length on the ground: at most 111.7 km per degree of latitude, and per degree of
  // longitude 111.7 km times the cosine of the lowest latitude the edge reaches.
  const lowest = a[0] * b[0] <= 0 ? 0 : Math.min(Math.abs(a[0]), Math.abs(b[0]));
  const length = Math.hypot(dlat * 111700, dlon * 111700 * Math.cos(lowest * Math.PI / 180));
  const n = Math.max(64, Math.ceil(length / 1000));
  return minimise((t) => dist([a[0] + dlat * t, a[1] + dlon * t], p), 1, n, length);
}
function boundaryDistance(polygons, p) {
  let best = Infinity;
  for (const v of polygons.flat(2)) best = Math.min(best, dist(v, p));
  for (const poly of polygons) for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, edgeDistance(ring[i], ring[i + 1], p));
  return best;
}
function crossings(ring, p) {
  // Even-odd rule in (lon, lat): count edges crossed by the ray east of the point.
  let odd = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [y1, x1] = ring[i], [y2, x2] = ring[i + 1];
    if ((y1 <= p[0] && y2 > p[0]) || (y2 <= p[0] && y1 > p[0])) {
      const x = x1 + (p[0] - y1) / (y2 - y1) * (x2 - x1);
      if (x > p[1]) odd = !odd;
    }
  }
  return odd;
}
const inArea = (polygons, p) => polygons.some((poly) => crossings(poly[0], p) && !poly.slice(1).some((h) => crossings(h, p)));

const polyRows = ["area,polygon,ring,vertex,lat,lon"];
const probeRows = ["area,kind,lat,lon,inside,boundary_m"];
let areaId = 0;
function addArea(polygons, extra = []) {
  const id = areaId++;
  polygons.forEach((poly, pi) => poly.forEach((ring, ri) => ring.forEach((v, vi) => polyRows.push([id, pi, ri, vi, fmt(v[0]), fmt(v[1])].join(",")))));
  const rings = polygons.flat();
  const all = rings.flat();
  const s = Math.min(...all.map((v) => v[0])), nn = Math.max(...all.map((v) => v[0]));
  const w = Math.min(...all.map((v) => v[1])), e = Math.max(...all.map((v) => v[1]));
  const probes = [];
  for (let k = 0; k < 3; k++) { const ring = pick(rings); probes.push(["vertex", ring[Math.floor(r() * (ring.length - 1))], 1]); }
  for (let k = 0; k < 4; k++) {
    const ring = pick(rings), i = Math.floor(r() * (ring.length - 1)), t = r();
    const [a, b] = [ring[i], ring[i + 1]];
    probes.push(["on-edge", [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], 1]);
  }
  for (let k = 0; k < 24; k++) {
    const p = [uni(Math.max(-90, s - (nn - s) * 0.2), Math.min(90, nn + (nn - s) * 0.2)), uni(Math.max(-180, w - (e - w) * 0.2), Math.min(180, e + (e - w) * 0.2))];
    probes.push([inArea(polygons, p) ? "inside" : "outside", p, null]);
  }
  for (let k = 0; k < 8; k++) {
    // Just either side of an edge: metres to a few km from a point on an edge, across it in lon/lat.
    const ring = pick(rings), i = Math.floor(r() * (ring.length - 1)), t = uni(0.05, 0.95);
    const [a, b] = [ring[i], ring[i + 1]];
    const q = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    const dlat = b[0] - a[0], dlon = (b[1] - a[1]) * Math.cos(q[0] * Math.PI / 180);
    const h = Math.hypot(dlat, dlon), step = logUniform(2, 5000) / 111000 * (r() < 0.5 ? -1 : 1);
    probes.push(["near", [q[0] + (dlon / h) * step, q[1] - (dlat / h) * step / Math.cos(q[0] * Math.PI / 180)], null]);
  }
  for (const [kind, p] of extra) probes.push([kind, p, null]);
  for (const [kind, p, inside] of probes) {
    const d = boundaryDistance(polygons, p);
    const ins = inside ?? (inArea(polygons, p) ? 1 : 0);
    // A point this close to an edge is on it as far as containment goes; such probes are kept only for distance.
    const flag = d < 0.01 && kind !== "vertex" && kind !== "on-edge" ? -1 : (ins === true || ins === 1 ? 1 : 0);
    const label = kind === "inside" || kind === "outside" ? (flag === 1 ? "inside" : "outside") : kind;
    probeRows.push([id, label, fmt(p[0]), fmt(p[1]), flag, fmt(d)].join(","));
  }
}

const closed = (ring) => ring.concat([ring[0]]);
// A star-shaped Levant polygon of 30 vertices with a hole.
{
  const c = [33.2, 36.4], ring = [], hole = [];
  for (let i = 0; i < 30; i++) { const a = -i * 12; ring.push(direct(c, a, uni(40000, 120000))); }
  for (let i = 0; i < 8; i++) { const a = i * 45; hole.push(direct(c, a, uni(10000, 20000))); }
  addArea([[closed(ring), closed(hole)]], [["hole", c], ["hole", direct(c, 10, 5000)]]);
}
// Two polygons (a MultiPolygon), the first with two holes; squares in lon/lat.
addArea([
  [closed([[32, 35], [32, 37], [34, 37], [34, 35]]), closed([[32.5, 35.5], [32.5, 36], [33, 36], [33, 35.5]]), closed([[33.2, 36.2], [33.2, 36.8], [33.8, 36.8], [33.8, 36.2]])],
  [closed([[35, 38], [35, 40], [36.5, 39]])],
], [["hole", [32.75, 35.75]], ["hole", [33.5, 36.5]], ["hole", [32.5000001, 35.75]]]);
// Long edges at mid-latitude, where the straight lon/lat edge is far from the geodesic between its ends.
addArea([[closed([[40, -10], [40, 30], [55, 30], [55, -10]])]], [["near", [55.3, 10]], ["near", [54.8, 10]], ["inside", [55 - 1e-6, 10]]]);
// Southern hemisphere, next to the antimeridian without crossing it.
addArea([[closed([[-45, 170], [-45, 180], [-35, 180], [-38, 175], [-35, 170]])]], [["antimeridian", [-40, -179.9]], ["antimeridian", [-40, 180]], ["antimeridian", [-30, -180]]]);
// Near the North Pole, with long east-west edges along parallels.
addArea([[closed([[80, -60], [80, 60], [86, 60], [86, -60]])]], [["pole", [90, 0]], ["pole", [86.2, 0]], ["pole", [85.8, 0]], ["pole", [86, 30]]]);
// Closer still: edges along the parallels 88 and 89.6 spanning 300 degrees of longitude, where the straight edge
// and the geodesic between its ends are kilometres apart and a 1 km geodesic piece sags metres off the edge.
addArea([[closed([[88, -150], [88, 150], [89.6, 150], [89.6, -150]])]], [
  ["pole", [90, 0]], ["pole", [89.7, 0]], ["pole", [89.6 - 1e-5, 0]], ["pole", [89.6 + 1e-5, 100]], ["pole", [89.59, -120]],
  ["pole", [89.61, 45]], ["pole", [89.8, -170]], ["pole", [88.01, 10]], ["pole", [87.99, -90]], ["pole", [89, 179]],
]);

writeFileSync(join(out, "polygons.csv"), polyRows.join("\n") + "\n");
writeFileSync(join(out, "polygon-probes.csv"), probeRows.join("\n") + "\n");
console.log(`wrote ${lineId} lines (${lineRows.length - 1} vertices, ${distRows.length - 1} probes) and ${areaId} areas (${polyRows.length - 1} positions, ${probeRows.length - 1} probes) to ${out}`);
