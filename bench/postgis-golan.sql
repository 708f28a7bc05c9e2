-- Both readings of golan-85km-2018 (examples/agreements/golan-85km-2018.yaml) in PostGIS, for bench/postgis.sh.
--
-- Obligation keep-away: iranian-forces-and-proxies (registry class iran-aligned-forces, combat units and militia
-- included) must not be present in golan-buffer from 2018-08-01 (in force; no grace period, no end), where the zone is
--   reading 85km: within 85 km of israel-syria-line and inside syria
--   reading 15mi: within 15 mi (24.14016 km) of israel-syria-line and inside syria
-- with the line and Syria from examples/geo/natural-earth-levant.geojson.
--
-- The query follows Truce's rules as far as SQL can (docs/reading-rules.md; src/Truce/Verification), so that the
-- findings can be compared id for id. Judgements are 0 (no), 1 (uncertain), 2 (yes); "and" is LEAST.
--   actor:  a side named with a registry spelling of a class member (exact names below; Truce also matches case,
--           diacritics and punctuation variants and coalition sides, which these files do not need); presence is
--           shown (yes) when UCDP counts deaths on that side, or the side is the target of one-sided violence, and
--           otherwise uncertain (a side without deaths may have fired from afar).
--   time:   yes when date_start is in the window, uncertain when only date_end is.
--   place:  the coordinates with UCDP's where_prec as a radius (1: 2 km, 2: 25 km, 3: 50 km, 4-5: 150 km, 6-7:
--           unbounded); a term is yes when the whole disc satisfies it, no when none of it does. The adm_1
--           governorate (or, failing that, the country) named by the row settles a term the disc leaves open, and
--           makes a settled term uncertain when the unit says the opposite and the disc does not reach the unit
--           (the source contradicts itself). Unit judgements: the unit's boundary, densified to ~1 km, measured
--           against the line (yes when its farthest point is within the threshold, no when its nearest is beyond);
--           for "inside syria", each admin-1 polygon against Syria grown or shrunk by 1 km (the tolerance between
--           Natural Earth admin-0 and admin-1 borders).
--   confirmed: every judgement yes (UCDP's B grade and clarity 1-2 can always confirm); possible: none is no.
-- GeoJSON edges are straight in longitude/latitude, so boundaries with long edges are segmentized to 0.01 degree
-- before they become geography (the line's edges are ~3 km: a great-circle arc strays ~0.1 m from them, so it is
-- used as is). ST_Distance on geography is PostGIS's spheroid distance; the findings table is the result.
--
-- Run from the repository's root (the GeoJSON is read from examples/geo). psql variable: load_sql (a file that creates table ged, with its generated
-- geography column, and loads the CSV into it: written by bench/postgis.sh from the file's header).

\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS ged, findings;

-- The evidence, loaded as published; the point is a generated column, computed as each row is loaded.
\i :load_sql
\set levant `cat examples/geo/natural-earth-levant.geojson`
\set admin1 `cat examples/geo/admin1-levant.geojson`

-- Reference geometry.
CREATE TEMP TABLE ref AS
SELECT f->>'id' AS id, ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326) AS geom
FROM json_array_elements((:'levant')::json->'features') f
UNION ALL
SELECT f->>'id', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
FROM json_array_elements((:'admin1')::json->'features') f;

-- Names the sources give to administrative units (examples/places.yaml, UCDP spellings of the Syrian units).
CREATE TEMP TABLE unit_names (name text PRIMARY KEY, unit text NOT NULL, areas text[] NOT NULL);
INSERT INTO unit_names VALUES
  ('Al Hasakah Governorate', 'syria-al-hasakah', '{syria-al-hasakah}'),
  ('Aleppo Governorate', 'syria-aleppo', '{syria-aleppo}'),
  ('Ar Raqqah Governorate', 'syria-ar-raqqah', '{syria-ar-raqqah}'),
  ('As Suwayda Governorate', 'syria-as-suwayda', '{syria-as-suwayda}'),
  ('Damascus Governorate', 'syria-damascus', '{syria-damascus}'),
  ('Daraa Governorate', 'syria-daraa', '{syria-daraa}'),
  ('Deir ez Zor Governorate', 'syria-deir-ez-zor', '{syria-deir-ez-zor}'),
  ('Hamah Governorate', 'syria-hama', '{syria-hama}'),
  ('Homs Governorate', 'syria-homs', '{syria-homs}'),
  ('Idlib Governorate', 'syria-idlib', '{syria-idlib}'),
  ('Latakia Governorate', 'syria-latakia', '{syria-latakia}'),
  ('Quneitra Governorate', 'syria-quneitra', '{syria-quneitra,syria-undof}'),
  ('Rif Dimashq Governorate', 'syria-rif-dimashq', '{syria-rif-dimashq}'),
  ('Tartus Governorate', 'syria-tartus', '{syria-tartus}');
INSERT INTO unit_names SELECT 'Syria', 'syria', array_agg(id ORDER BY id) FROM ref WHERE id LIKE 'syria-%';

CREATE TEMP TABLE readings (reading text, metres float8);
INSERT INTO readings VALUES ('85km', 85000), ('15mi', 15 * 1609.344);

-- What each unit says about each term, computed once.
CREATE TEMP TABLE unit_judgements AS
WITH u AS (
  SELECT n.unit, n.areas, ST_Union(r.geom) AS geom FROM unit_names n JOIN ref r ON r.id = ANY (n.areas) GROUP BY n.unit, n.areas
),
line AS (SELECT geom::geography AS g FROM ref WHERE id = 'israel-syria-line'),
measured AS (
  SELECT u.unit, u.geom, u.geom::geography AS geog,
         ST_Distance(u.geom::geography, line.g) AS near_m,
         -- the farthest point matters only for a unit that comes within the largest threshold
         CASE WHEN ST_DWithin(u.geom::geography, line.g, (SELECT max(metres) FROM readings))
              THEN (SELECT max(ST_Distance(p.geom::geography, line.g)) FROM ST_DumpPoints(ST_Segmentize(ST_Boundary(u.geom), 0.01)) p) END AS far_m,
         (SELECT CASE WHEN count(DISTINCT j) = 1 THEN min(j) ELSE 1 END FROM (
            SELECT CASE WHEN ST_Covers(ST_Buffer(s.geom, 1000 / 111000.0), a.geom) THEN 2
                        WHEN ST_Intersects(s.geom, CASE WHEN ST_IsEmpty(ST_Buffer(a.geom, -1000 / 111000.0)) THEN a.geom
                                                        ELSE ST_Buffer(a.geom, -1000 / 111000.0) END) THEN 1
                        ELSE 0 END AS j
            FROM ref a, ref s WHERE a.id = ANY (u.areas) AND s.id = 'syria') k) AS in_syria
  FROM u, line
)
SELECT m.unit, rd.reading, m.geog, m.in_syria,
       CASE WHEN m.far_m <= rd.metres THEN 2 WHEN m.near_m > rd.metres THEN 0 ELSE 1 END AS within_j
FROM measured m CROSS JOIN readings rd;

-- The findings of both readings.
CREATE UNLOGGED TABLE findings AS
WITH geo AS (
  SELECT l.geom::geography AS line,
         s.geom AS syria,
         ST_Segmentize(ST_Boundary(s.geom), 0.01)::geography AS syria_edge
  FROM ref l, ref s WHERE l.id = 'israel-syria-line' AND s.id = 'syria'
),
members (name) AS (VALUES
  -- iran-aligned-forces in examples/actors.yaml: iran, irgc, hezbollah (from 2012), liwa-fatemiyoun (2013),
  -- liwa-zainebiyoun (2014), harakat-al-nujaba (2013), by name and alias; all joined before the 2018 window.
  ('Iranian armed forces'), ('Government of Iran'), ('Military Forces of Iran (1989-)'), ('Iranian forces'), ('Iran'),
  ('Islamic Revolutionary Guard Corps'), ('IRGC'), ('Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps'),
  ('Iranian Revolutionary Guard Corps'), ('Quds Force'),
  ('Hezbollah'), ('Hizballah'), ('Hizbollah'), ('Hezbollah (Lebanon)'), ('Lebanese Hezbollah'), ('Hezbollah (Syria)'),
  ('Liwa Fatemiyoun'), ('Fatemiyoun Division'), ('Fatemiyoun Brigade'), ('Liwa al-Fatemiyoun'), ('Liwa Fatemiyoun (Afghan)'),
  ('Liwa Zainebiyoun'), ('Zainebiyoun Brigade'), ('Liwa al-Zainebiyoun'),
  ('Harakat Hezbollah al-Nujaba'), ('Harakat al-Nujaba'), ('al-Nujaba'), ('Nujaba Movement')
),
measured AS MATERIALIZED (
  -- Screening first (window, actors), then one distance to the line per event, shared by both readings.
  SELECT g.id, g.geog,
         CASE g.where_prec WHEN 1 THEN 2000 WHEN 2 THEN 25000 WHEN 3 THEN 50000 WHEN 4 THEN 150000 WHEN 5 THEN 150000 END AS radius,
         GREATEST(
           CASE WHEN g.side_a IN (SELECT name FROM members) THEN CASE WHEN g.deaths_a > 0 THEN 2 ELSE 1 END ELSE 0 END,
           CASE WHEN g.side_b IN (SELECT name FROM members) THEN CASE WHEN g.deaths_b > 0 OR g.type_of_violence = 3 THEN 2 ELSE 1 END ELSE 0 END) AS actor_j,
         CASE WHEN g.date_start >= DATE '2018-08-01' THEN 2 ELSE 1 END AS time_j,
         coalesce(n.unit, CASE WHEN g.country = 'Syria' THEN 'syria' END) AS unit,
         ST_Distance(g.geog, geo.line) AS line_m
  FROM ged g
  CROSS JOIN geo
  LEFT JOIN unit_names n ON n.name = g.adm_1 AND n.unit <> 'syria'
  WHERE g.date_end >= DATE '2018-08-01'
    AND (g.side_a IN (SELECT name FROM members) OR g.side_b IN (SELECT name FROM members))
),
judged AS MATERIALIZED (
  SELECT m.id, rd.reading, m.actor_j, m.time_j, m.radius, m.geog, m.unit, u.within_j AS unit_within, u.in_syria AS unit_in_syria, u.geog AS unit_geog,
         CASE WHEN m.radius IS NULL THEN 1
              WHEN m.line_m + m.radius <= rd.metres THEN 2
              WHEN m.line_m - m.radius > rd.metres THEN 0
              ELSE 1 END AS within_disc
  FROM measured m CROSS JOIN readings rd
  LEFT JOIN unit_judgements u ON u.unit = m.unit AND u.reading = rd.reading
),
within_term AS MATERIALIZED (
  SELECT j.*,
         CASE WHEN j.unit IS NULL THEN j.within_disc
              WHEN j.within_disc = 1 THEN j.unit_within
              WHEN j.unit_within <> 1 AND j.unit_within <> j.within_disc
                   AND NOT ST_DWithin(j.geog, j.unit_geog, j.radius + 1000) THEN 1
              ELSE j.within_disc END AS within_j
  FROM judged j
),
area_disc AS MATERIALIZED (
  -- "and" stops at the first no: Syria is looked at only where the distance term allows it.
  SELECT w.*,
         CASE WHEN w.within_j = 0 THEN NULL
              WHEN w.radius IS NULL THEN 1
              WHEN ST_DWithin(w.geog, geo.syria_edge, w.radius) THEN 1
              WHEN ST_Intersects(geo.syria, w.geog::geometry) THEN 2
              ELSE 0 END AS area_disc
  FROM within_term w CROSS JOIN geo
),
zoned AS (
  SELECT a.id, a.reading, a.actor_j, a.time_j,
         CASE WHEN a.within_j = 0 THEN 0 ELSE LEAST(a.within_j,
           CASE WHEN a.unit IS NULL THEN a.area_disc
                WHEN a.area_disc = 1 THEN a.unit_in_syria
                WHEN a.unit_in_syria <> 1 AND a.unit_in_syria <> a.area_disc
                     AND NOT ST_DWithin(a.geog, a.unit_geog, a.radius + 1000) THEN 1
                ELSE a.area_disc END) END AS zone_j
  FROM area_disc a
)
SELECT reading, id, CASE WHEN LEAST(actor_j, time_j, zone_j) = 2 THEN 'confirmed' ELSE 'possible' END AS kind
FROM zoned
WHERE LEAST(actor_j, time_j, zone_j) > 0;
