// Runs Pagefind's own pagefind.js in Node against a built bundle on disk, one fresh instance per query.
// usage: node pagefind_query.mjs BUNDLE_DIR LIMIT QUERY...
// Prints a JSON list: [{query, total, urls: [first LIMIT], fetched: [bundle-relative paths]}].
// Node has no Worker global, so Pagefind runs on the main thread here; a browser also loads pagefind-worker.js
// (benchmarks/search_size.py adds it to the byte count).
import fs from "fs";
import path from "path";
import { pathToFileURL } from "url";
const [bundle, limit, ...queries] = process.argv.slice(2);
const fetched = [];
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  const rel = decodeURIComponent(url.pathname).replace(/^.*\/pagefind\//, "");
  fetched.push(rel);
  const data = fs.readFileSync(path.join(bundle, rel));
  return new Response(data, { status: 200 });
};
const out = [];
for (const q of queries) {
  fetched.length = 0;
  const pf = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href + "?q=" + encodeURIComponent(q));
  await pf.options({ basePath: "http://127.0.0.1/pagefind/" });
  await pf.init();
  const res = await pf.search(q);
  const data = await Promise.all(res.results.slice(0, Number(limit)).map((r) => r.data()));
  out.push({ query: q, total: res.results.length, urls: data.map((d) => new URL(d.url, "http://127.0.0.1/").pathname), titles: data.map((d) => d.meta.title), fetched: [...fetched] });
  await pf.destroy?.();
}
console.log(JSON.stringify(out));
