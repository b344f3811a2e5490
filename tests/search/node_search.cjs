// Runs the real generator/search/assets/search.js in Node against an index folder on disk.
// usage: [CT_PREFIX=1] node node_search.cjs SEARCH_JS INDEX_DIR LIMIT QUERY...  (CT_PREFIX: last word being typed)
// Prints one JSON line per query: {query, terms, total, results: [...first LIMIT...], fetched: [paths]}.
// Each query gets a fresh searcher, so `fetched` is what a first search downloads.
"use strict";
const fs = require("fs");
const path = require("path");
const [searchJs, indexDir, limit, ...queries] = process.argv.slice(2);
const api = require(path.resolve(searchJs));

async function main() {
  for (const query of queries) {
    const fetched = [];
    const searcher = api.createSearcher({
      base: "idx/",
      fetchJson: async (url) => {
        const rel = url.slice("idx/".length).split("?")[0];
        fetched.push(rel);
        return JSON.parse(fs.readFileSync(path.join(indexDir, rel), "utf8"));
      },
    });
    const res = await searcher.search(query, { prefix: process.env.CT_PREFIX === "1" });
    const results = await searcher.describe(res.hits.slice(0, Number(limit)));
    process.stdout.write(JSON.stringify({ query, terms: res.terms, total: res.total, results, fetched }) + "\n");
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
