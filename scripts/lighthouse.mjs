// scripts/lighthouse.mjs: run Lighthouse (npm, pinned in package.json) on Debian's Chromium.
//   node scripts/lighthouse.mjs --out DIR [--runs N] [--categories a,b,...] name=url ...
// One Chromium (CHROMIUM_PATH, else `chromium`) serves every run; Lighthouse's default mobile
// preset (simulated slow 4G, 4× CPU slowdown, a phone-sized screen). Each run's full report is
// written to DIR/<name>-<run>.json; one JSON line per run goes to stdout with the category
// scores (0–100) and the audits that lost points, for bench/lighthouse.py and the browser test.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: "string" },
    runs: { type: "string", default: "1" },
    categories: { type: "string", default: "performance,accessibility,best-practices,seo" },
  },
});
if (!values.out || !positionals.length) {
  console.error("usage: node scripts/lighthouse.mjs --out DIR [--runs N] [--categories a,b] name=url ...");
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const categories = values.categories.split(",");

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || "chromium",
  // Containers and CI run as root without a usable /dev/shm.
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
});
let status = 0;
try {
  for (const target of positionals) {
    const [name, url] = [target.slice(0, target.indexOf("=")), target.slice(target.indexOf("=") + 1)];
    for (let run = 1; run <= Number(values.runs); run++) {
      // On a busy machine a trace now and then lacks its navigation start (NO_NAVSTART): such a
      // run measured nothing, so it is tried once more before it counts as failed.
      let result;
      for (let attempt = 1; attempt <= 2; attempt++) {
        result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: categories,
        });
        if (!result.lhr.runtimeError) break;
      }
      const lhr = result.lhr;
      writeFileSync(join(values.out, `${name}-${run}.json`), result.report);
      const scores = {};
      const lost = {};
      for (const [id, category] of Object.entries(lhr.categories)) {
        scores[id] = category.score === null ? null : Math.round(category.score * 100);
        lost[id] = category.auditRefs
          .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
          .map((ref) => ref.id);
      }
      const metrics = {};
      for (const id of ["largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
        "first-contentful-paint", "speed-index"]) {
        if (lhr.audits[id]) metrics[id] = lhr.audits[id].numericValue;
      }
      if (lhr.runtimeError) status = 1;
      console.log(JSON.stringify({
        name, url, run, scores, lost, metrics,
        final_url: lhr.finalDisplayedUrl, error: lhr.runtimeError?.message ?? null,
        lighthouse: lhr.lighthouseVersion, benchmark_index: lhr.environment.benchmarkIndex,
      }));
    }
  }
} finally {
  await chrome.kill();
}
process.exit(status);
