// Extracts Truce's reference geometry from Natural Earth 1:10m admin-0 boundaries (public domain),
// as redistributed in the npm package world-atlas@2.0.2 (countries-10m.json, TopoJSON, Natural Earth 4.1.0).
// Usage: npm ci && node natural-earth.mjs ../../examples/geo/natural-earth-levant.geojson
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as topojson from "topojson-client";

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8"));
const out = process.argv[2] ?? "natural-earth-levant.geojson";
const countries = topology.objects.countries;
const ISRAEL = "376", SYRIA = "760", JORDAN = "400", LEBANON = "422";

// Quantised TopoJSON positions carry float noise; 6 decimals (~0.1 m) is far below the ~336 m x 187 m grid.
const round = (c) => [Math.round(c[0] * 1e6) / 1e6, Math.round(c[1] * 1e6) / 1e6];

function sharedBorder(idA, idB) {
  const mesh = topojson.mesh(topology, countries, (a, b) =>
    (a.id === idA && b.id === idB) || (a.id === idB && b.id === idA));
  const lines = mesh.coordinates.map((l) => l.map(round));
  // The shared arcs come out as pieces; join pieces that meet end to end into the fewest lines.
  const joined = [];
  for (const piece of lines) {
    const hit = joined.find((l) => same(l[l.length - 1], piece[0]) || same(l[0], piece[piece.length - 1]));
    if (hit && same(hit[hit.length - 1], piece[0])) hit.push(...piece.slice(1));
    else if (hit) hit.unshift(...piece.slice(0, -1));
    else joined.push([...piece]);
  }
  // Orient every line south to north so "left" and "right" mean the same thing in every spec.
  for (const l of joined) if (l[0][1] > l[l.length - 1][1]) l.reverse();
  return joined.length === 1
    ? { type: "LineString", coordinates: joined[0] }
    : { type: "MultiLineString", coordinates: joined };
}
const same = (p, q) => p[0] === q[0] && p[1] === q[1];

function country(id) {
  const f = topojson.feature(topology, { type: "GeometryCollection", geometries: countries.geometries.filter((g) => g.id === id) });
  const g = f.features[0].geometry;
  const map = (rings) => rings.map((r) => r.map(round));
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: map(g.coordinates) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map(map) };
}

const provenance = {
  source: "Natural Earth 1:10m Admin 0 - Countries, v4.1.0, via npm world-atlas@2.0.2 countries-10m.json",
  licence: "public domain (Natural Earth terms of use)",
  resolution: "TopoJSON quantisation ~0.003 deg lon x 0.0017 deg lat (~336 m x 187 m at 33N)",
  extracted_by: "tools/reference/natural-earth.mjs",
};

const features = [
  {
    id: "israel-syria-line",
    properties: {
      ...provenance,
      name: "Israel-Syria line (Natural Earth shared boundary; the Golan lies inside Israel's polygon, so this is the de facto 1974 disengagement line)",
      caveat: "Natural Earth draws the line of de facto control, not the 1974 Alpha/Bravo lines of the Agreement on Disengagement; the UNDOF area of separation lies east of it.",
    },
    geometry: sharedBorder(ISRAEL, SYRIA),
  },
  {
    id: "jordan-syria-border",
    properties: { ...provenance, name: "Jordan-Syria border (Natural Earth shared boundary)" },
    geometry: sharedBorder(JORDAN, SYRIA),
  },
  {
    id: "lebanon-syria-border",
    properties: { ...provenance, name: "Lebanon-Syria border (Natural Earth shared boundary)" },
    geometry: sharedBorder(LEBANON, SYRIA),
  },
  {
    id: "syria",
    properties: { ...provenance, name: "Syria (Natural Earth admin-0 polygon; excludes the Israeli-held Golan)" },
    geometry: country(SYRIA),
  },
  {
    id: "israel",
    properties: { ...provenance, name: "Israel (Natural Earth admin-0 polygon; includes the Golan)" },
    geometry: country(ISRAEL),
  },
];
writeFileSync(out, JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", ...f })) }, null, 1) + "\n");
for (const f of features) {
  const g = f.geometry;
  const n = g.type === "LineString" ? g.coordinates.length
    : g.type === "MultiLineString" ? g.coordinates.map((l) => l.length).join("+")
    : g.type === "Polygon" ? g.coordinates.map((r) => r.length).join("+")
    : g.coordinates.map((p) => p.map((r) => r.length).join("+")).join(" | ");
  console.log(`${f.id}: ${g.type} ${n} positions`);
}
