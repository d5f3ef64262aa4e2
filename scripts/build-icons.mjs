// scripts/build-icons.mjs: build cms/static/icons/sprite.svg, the portal's icons for the kinds of
// record, the strategic technologies and a few actions, as one SVG sprite of <symbol>s. Source:
// Lucide (npm package lucide-static, ISC licence), pinned in package.json.
// Run after `npm ci`: node scripts/build-icons.mjs. The built sprite is committed, so the portal
// needs no npm at run time. Templates use it through {% icon "name" %} (cms/templatetags/portal.py).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const lucide = JSON.parse(readFileSync(require.resolve("lucide-static/package.json"), "utf8"));

// The portal's name for an icon -> the Lucide icon drawn for it.
const ICONS = {
  // Kinds of record
  "kind-zone": "factory",
  "kind-plot": "land-plot",
  "kind-enterprise": "building-2",
  "kind-rd_organisation": "flask-conical",
  "kind-incubator": "rocket",
  "kind-landmark": "map-pin",
  "kind-challenge": "target",
  "kind-expert": "graduation-cap",
  // Strategic technologies (taxonomy root codes)
  "tech-semiconductor": "cpu",
  "tech-data_centre": "server",
  "tech-ai": "brain-circuit",
  "tech-iot": "radio-tower",
  "tech-big_data": "database",
  "tech-cloud": "cloud",
  "tech-blockchain": "blocks",
  "tech-other": "circuit-board",
  // Actions and states
  search: "search",
  menu: "menu",
  finder: "compass",
  compare: "git-compare-arrows",
  map: "map",
  arrow: "arrow-right",
  empty: "inbox",
  leader: "globe",
};

function symbol(id, name) {
  const svg = readFileSync(require.resolve(`lucide-static/icons/${name}.svg`), "utf8");
  const body = svg.slice(svg.indexOf(">", svg.indexOf("<svg")) + 1, svg.lastIndexOf("</svg>"));
  const shapes = body.split("\n").map((line) => line.trim()).filter(Boolean).join("");
  return `<symbol id="${id}" viewBox="0 0 24 24">${shapes}</symbol>`;
}

const symbols = Object.entries(ICONS).map(([id, name]) => symbol(id, name));
const sprite = [
  `<!-- Icons from Lucide ${lucide.version} (https://lucide.dev), ISC licence (LICENSE.txt beside this file); built by scripts/build-icons.mjs. -->`,
  '<svg xmlns="http://www.w3.org/2000/svg">',
  ...symbols,
  "</svg>",
  "",
].join("\n");
writeFileSync(new URL("../cms/static/icons/sprite.svg", import.meta.url), sprite);
// The licence travels with the copies, as it asks.
writeFileSync(
  new URL("../cms/static/icons/LICENSE.txt", import.meta.url),
  readFileSync(require.resolve("lucide-static/LICENSE"), "utf8"),
);
console.log(`${symbols.length} icons`);
