// scripts/build-map-outline.mjs: derive cms/static/map/outline.geojson, the land the portal's map
// draws when no tile server answers. Source: Natural Earth 1:10m admin-0 countries (public domain),
// as TopoJSON in the npm package world-atlas (ISC), converted with topojson-client (ISC).
// Run after `npm ci`: node scripts/build-map-outline.mjs. The derived file is committed, so the
// portal needs neither package at run time.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const atlas = JSON.parse(readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8"));

// Southern Vietnam and its neighbours: wide enough for every zoom the portal's maps open at.
const WEST = 100, EAST = 112, SOUTH = 7, NORTH = 17.5;
const STEP = 0.002; // about 200 m: finer than any zoom-9 pixel, much smaller than the source

// Sutherland–Hodgman: a ring clipped to the box stays a closed ring (possibly with edges on the box).
function clipRing(ring) {
  const edges = [
    (p) => p[0] >= WEST, (p) => p[0] <= EAST, (p) => p[1] >= SOUTH, (p) => p[1] <= NORTH,
  ];
  const cross = [
    (a, b) => [WEST, a[1] + ((b[1] - a[1]) * (WEST - a[0])) / (b[0] - a[0])],
    (a, b) => [EAST, a[1] + ((b[1] - a[1]) * (EAST - a[0])) / (b[0] - a[0])],
    (a, b) => [a[0] + ((b[0] - a[0]) * (SOUTH - a[1])) / (b[1] - a[1]), SOUTH],
    (a, b) => [a[0] + ((b[0] - a[0]) * (NORTH - a[1])) / (b[1] - a[1]), NORTH],
  ];
  let points = ring.slice(0, -1);
  for (let e = 0; e < 4 && points.length; e++) {
    const inside = edges[e], out = [];
    points.forEach((p, i) => {
      const prev = points[(i + points.length - 1) % points.length];
      if (inside(p)) {
        if (!inside(prev)) out.push(cross[e](prev, p));
        out.push(p);
      } else if (inside(prev)) out.push(cross[e](prev, p));
    });
    points = out;
  }
  const rounded = [];
  for (const p of points) {
    const q = [Math.round(p[0] / STEP) * STEP, Math.round(p[1] / STEP) * STEP].map((v) => Number(v.toFixed(3)));
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) rounded.push(q);
  }
  if (rounded.length < 3) return null;
  rounded.push(rounded[0]);
  return rounded;
}

// Only the countries on the mainland around southern Vietnam; offshore features that Natural Earth
// attributes elsewhere are left out rather than drawn under a disputed name.
const KEPT = new Set(["Vietnam", "Laos", "Cambodia", "Thailand"]);
const countries = feature(atlas, atlas.objects.countries).features.filter((c) => KEPT.has(c.properties.name));
const features = [];
for (const country of countries) {
  const geometry = country.geometry;
  if (!geometry) continue;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = [];
  for (const polygon of polygons) {
    const outer = clipRing(polygon[0]);
    if (!outer) continue;
    kept.push([outer, ...polygon.slice(1).map(clipRing).filter(Boolean)]);
  }
  if (!kept.length) continue;
  features.push({
    type: "Feature",
    properties: { name: country.properties.name, home: country.properties.name === "Vietnam" },
    geometry: { type: "MultiPolygon", coordinates: kept },
  });
}
const out = {
  type: "FeatureCollection",
  source: "Natural Earth 1:10m admin-0 countries (public domain), via world-atlas 2.0.2; clipped and rounded",
  features,
};
writeFileSync(new URL("../cms/static/map/outline.geojson", import.meta.url), JSON.stringify(out) + "\n");
console.log(features.map((f) => f.properties.name).join(", "));
