/* Tìm kiếm tiếng Việt cho chuyên trang: đọc chỉ mục chia mảnh do generator/search/index.py tạo ra.
   Vietnamese site search. Same text rules as generator/search/text.py (keep both in step). No dependency. */
(function (root) {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f";
  var L = "[\\p{L}\\p{N}" + MARKS + "]+", WORD_RE = new RegExp(L + "(?:['’ʼ]" + L + ")*", "gu");
  var COMBINING_RE = new RegExp("[" + MARKS + "]", "g");
  var TONED_A_E = { "à": "òa", "á": "óa", "ả": "ỏa", "ã": "õa", "ạ": "ọa",
    "è": "òe", "é": "óe", "ẻ": "ỏe", "ẽ": "õe", "ẹ": "ọe" };
  var TONED_Y = { "ỳ": "ùy", "ý": "úy", "ỷ": "ủy", "ỹ": "ũy", "ỵ": "ụy" };
  var OA_OE_RE = /o([àáảãạèéẻẽẹ])$/;
  var UY_RE = /(^|[^q])u([ỳýỷỹỵ])$/;
  var MAX_TERMS = 10;
  var PREFIX_CHARS = 5, COMPLETIONS = 5; /* as in index.py; completions of a last word */

  function normaliseWord(w) {
    var m = OA_OE_RE.exec(w);
    if (m) return w.slice(0, m.index) + TONED_A_E[m[1]];
    m = UY_RE.exec(w);
    if (m) return w.slice(0, m.index) + m[1] + TONED_Y[m[2]];
    return w;
  }

  function fold(w) {
    return w.toLowerCase().normalize("NFD").replace(COMBINING_RE, "").replace(/[đðɖ]/g, "d").replace(/['’ʼ]/g, "");
  }

  function words(text) {
    var found = String(text).normalize("NFC").toLowerCase().replace(/[’ʼ]/g, "'").match(WORD_RE) || [];
    return found.map(normaliseWord);
  }

  function bucketOf(key, n) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (n - 1);
  }

  function decodeIds(s) {
    var ids = [], i, d;
    if (s.charAt(0) === "~") {
      for (i = 1; i < s.length; i++) {
        d = ALPHABET.indexOf(s.charAt(i));
        for (var bit = 0; bit < 6; bit++) if (d >> bit & 1) ids.push(6 * (i - 1) + bit);
      }
      return ids;
    }
    var prev = 0, v = 0, shift = 0;
    for (i = 0; i < s.length; i++) {
      d = ALPHABET.indexOf(s.charAt(i));
      if (d >= 32) { v += (d - 32) * Math.pow(2, shift); shift += 5; }
      else { prev += v + d * Math.pow(2, shift); ids.push(prev); v = 0; shift = 0; }
    }
    return ids;
  }

  function weightAt(s, i) {
    var c = ALPHABET.indexOf(s.charAt(i >> 1));
    return i & 1 ? c & 7 : c >> 3;
  }

  function parseQuery(query) {
    var all = words(query).slice(0, MAX_TERMS);
    var terms = [], seen = {};
    all.forEach(function (form) {
      if (!seen[form]) { seen[form] = true; terms.push({ form: form, key: fold(form), accented: fold(form) !== form }); }
    });
    var pairs = [];
    for (var i = 0; i + 1 < all.length; i++) {
      var p = fold(all[i]) + " " + fold(all[i + 1]);
      if (pairs.indexOf(p) < 0) pairs.push(p);
    }
    return { terms: terms, pairs: pairs, last: all.length ? fold(all[all.length - 1]) : "" };
  }

  /* Telex/VNI keys, no Vietnamese keyboard: "chuyeenr ddooir soos", "so61" -> "chuyen doi so"; else "" */
  var TONE_KEY = /^(.*[aeiouy])[sfrxjz]?(ch|nh|ng|c|m|n|p|t)?[sfrxjz]?$/;
  function plainFromKeys(query) {
    var changed = 0, out = query.trim().toLowerCase().split(/\s+/).map(function (w) {
      var v = /^[a-z]+\d[a-z\d]*$/.test(w) ? w.replace(/\d/g, "") : /^[a-z]+$/.test(w) ? w.replace(/dd/g, "d")
        .replace(/([aeo])\1/g, "$1").replace(/([aeiouy][a-z]*?)w/g, "$1").replace(/w/g, "u")
        .replace(TONE_KEY, "$1$2") : w;
      changed |= v !== w;
      return v;
    });
    return changed ? out.join(" ") : "";
  }

  /* opts.base: the index folder's URL (ending "/"); opts.fetchJson(url) -> Promise of the JSON. */
  function createSearcher(opts) {
    var cache = {};
    var manifest = null;

    function load(path) {
      if (!cache[path]) {
        var url = opts.base + path + (manifest ? "?v=" + manifest.id : "");
        cache[path] = opts.fetchJson(url).catch(function (err) { delete cache[path]; throw err; });
      }
      return cache[path];
    }

    function getManifest() {
      return load("manifest.json").then(function (m) { manifest = m; return m; });
    }

    /* more: the entries of the words completing the last word typed (a doc found by one only counts less) */
    function rank(q, m, shards, phraseShards, more) {
      var perTerm = [];
      for (var t = 0; t < q.terms.length; t++) {
        var entry = shards[t][q.terms[t].key], docs = new Map();
        var entries = (entry ? [[entry, true]] : []).concat(q.terms[t].key === q.last ? more : []);
        if (!entries.length) return [];
        entries.forEach(function (pair) {
          Object.keys(pair[0]).forEach(function (form) {
            var ids = decodeIds(pair[0][form][0]), weights = pair[0][form][1];
            for (var i = 0; i < ids.length; i++) {
              var w = weightAt(weights, i);
              var rec = docs.get(ids[i]);
              if (!rec) { rec = { tf: 0, title: false, exact: false, whole: false }; docs.set(ids[i], rec); }
              rec.tf += w & 3;
              if (w & 4) rec.title = true;
              if (pair[1]) rec.whole = true;
              if (pair[1] && form === q.terms[t].form) rec.exact = true;
            }
          });
        });
        perTerm.push(docs);
      }
      var phrases = q.pairs.map(function (p, i) {
        var entry = phraseShards[i][p], docs = new Map();
        if (entry) {
          decodeIds(entry[0]).forEach(function (id) { docs.set(id, false); });
          decodeIds(entry[1]).forEach(function (id) { docs.set(id, true); });
        }
        return docs;
      });
      var order = perTerm.map(function (d, i) { return i; }).sort(function (a, b) { return perTerm[a].size - perTerm[b].size; });
      var idf = perTerm.map(function (d) { return Math.log(1 + m.docs / d.size); });
      var hits = [];
      perTerm[order[0]].forEach(function (_, id) {
        var exactTerms = 0, score = 0, whole = 1;
        for (var k = 0; k < order.length; k++) {
          var t = order[k], rec = perTerm[t].get(id);
          if (!rec) return;
          if (q.terms[t].accented && rec.exact) exactTerms++;
          if (!rec.whole) whole = 0;
          score += idf[t] * (1 + Math.log(1 + rec.tf) + (rec.title ? 4 : 0)) * (rec.whole ? 1 : 0.5);
        }
        var inPhrase = 0;
        phrases.forEach(function (docs) {
          if (docs.has(id)) { inPhrase++; score += docs.get(id) ? 8 : 3; }
        });
        hits.push({ id: id, exactTerms: exactTerms, phrases: inPhrase, score: score, whole: whole });
      });
      hits.sort(function (a, b) {
        return (b.whole - a.whole) || (b.exactTerms - a.exactTerms) || (b.score - a.score) || (a.id - b.id);
      });
      return hits;
    }

    /* The words completing the last word ``key``: [[entry, false]] each, once loaded. */
    function completions(key, m) {
      if (!m.pb || !key) return Promise.resolve([]);
      var head = key.slice(0, PREFIX_CHARS);
      return load("p/" + bucketOf(head, m.pb) + ".json").then(function (shard) {
        var found = (shard[head] || []).filter(function (w) { return w !== key && w.indexOf(key) === 0; })
          .slice(0, COMPLETIONS);
        return Promise.all(found.map(function (w) {
          return load("u/" + bucketOf(w, m.ub) + ".json").then(function (s) { return s[w] ? [[s[w], false]] : []; });
        }));
      }).then(function (lists) { return [].concat.apply([], lists); });
    }

    /* Resolves to {terms: [forms], total, hits: [{id, exactTerms, phrases, score}]} (all hits, ranked).
       opts.prefix: the last word is still being typed, and words it begins count too ("chuyen doi s"). */
    function search(query, opts) {
      var q = parseQuery(query);
      if (!q.terms.length) return Promise.resolve({ terms: [], total: 0, hits: [] });
      if (!(opts && opts.prefix)) q.last = "";
      return getManifest().then(function (m) {
        var shardP = q.terms.map(function (t) { return load("u/" + bucketOf(t.key, m.ub) + ".json"); });
        var phraseP = q.pairs.map(function (p) { return load("b/" + bucketOf(p, m.bb) + ".json"); });
        return Promise.all([Promise.all(shardP), Promise.all(phraseP), completions(q.last, m)]).then(function (loaded) {
          var hits = rank(q, m, loaded[0], loaded[1], loaded[2]);
          return { terms: q.terms.map(function (t) { return t.form; }), total: hits.length, hits: hits };
        });
      });
    }

    /* Metadata of some hits: [{id, url, title, date, kind, excerpt, exactTerms}]. */
    function describe(hits) {
      if (!hits.length) return Promise.resolve([]);
      return getManifest().then(function (m) {
        return Promise.all(hits.map(function (h) { return load("m/" + Math.floor(h.id / m.chunk) + ".json"); }))
          .then(function (chunks) {
            return hits.map(function (h, i) {
              var row = chunks[i][h.id % m.chunk];
              return { id: h.id, url: row[0], title: row[1], date: row[2], kind: row[3], excerpt: row[4],
                exactTerms: h.exactTerms, phrases: h.phrases, score: h.score };
            });
          });
      });
    }

    return { search: search, describe: describe };
  }

  /* ---- the /tim-kiem/ page ---- */

  var PAGE_SIZE = 10;

  function highlight(el, title, keys, begun) {
    var last = 0, m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(title)) !== null) {
      var key = fold(normaliseWord(m[0].normalize("NFC").toLowerCase()));
      if (keys.indexOf(key) >= 0 || (begun && key.indexOf(begun) === 0)) {
        el.appendChild(document.createTextNode(title.slice(last, m.index)));
        var mark = tag("mark");
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    el.appendChild(document.createTextNode(title.slice(last)));
  }

  function tag(name) { return document.createElement(name); }

  function hrefOf(url, siteRoot) {
    return /^(\/|[a-z][a-z0-9+.-]*:)/i.test(url) ? url : siteRoot + url;
  }

  function initPage(box) {
    var el = function (sel) { return box.querySelector(sel); };
    var form = el("form"), input = el("input[type=search]"), status = el("[data-search-status]"),
      suggest = el("[data-search-suggest]"), list = el("[data-search-results]"), more = el("[data-search-more]");
    var siteRoot = box.getAttribute("data-site-root") || "../";
    var searcher = createSearcher({
      base: new URL(box.getAttribute("data-search-index") || "index/", document.baseURI).href,
      fetchJson: function (url) {
        return fetch(url).then(function (r) {
          if (!r.ok) throw new Error(url + ": " + r.status);
          return r.json();
        });
      }
    });
    var seq = 0, current = null, shown = 0, timer = null, begun = "";
    box.classList.add("ct-search--ready");

    function say(text) { status.textContent = text; }

    function showMore() {
      var mine = seq, page = current.hits.slice(shown, shown + PAGE_SIZE);
      var keys = current.terms.map(fold);
      return searcher.describe(page).then(function (rows) {
        if (mine !== seq) return;
        rows.forEach(function (r) {
          var li = tag("li"), h = tag("h2"), a = tag("a");
          a.href = hrefOf(r.url, siteRoot);
          highlight(a, r.title, keys, begun);
          h.appendChild(a);
          li.appendChild(h);
          if (r.date || r.kind) {
            var meta = tag("p");
            meta.className = "ct-search__meta";
            meta.textContent = [r.kind, r.date].filter(Boolean).join(" · ");
            li.appendChild(meta);
          }
          if (r.excerpt) {
            var p = tag("p");
            p.textContent = r.excerpt;
            li.appendChild(p);
          }
          list.appendChild(li);
        });
        shown += rows.length;
        more.hidden = shown >= current.total;
      });
    }

    /* Nothing found: the words without diacritics, or with one word fewer, that find something. */
    function suggestFor(query, mine) {
      var w = query.split(/\s+/), tries = [plainFromKeys(query)].filter(Boolean);
      if (fold(query) !== query.toLowerCase()) tries.push(fold(query));
      for (var i = w.length - 1; w.length > 1 && i >= 0; i--) tries.push(w.slice(0, i).concat(w.slice(i + 1)).join(" "));
      return Promise.all(tries.map(function (t) { return searcher.search(t).catch(function () { return { total: 0 }; }); }))
        .then(function (res) {
          if (mine !== seq) return;
          var good = tries.filter(function (t, i) { return res[i].total > 0; }).slice(0, 3);
          if (!good.length) {
            suggest.textContent = "Hãy thử ít từ hơn, hoặc một từ khác cùng nghĩa.";
            return;
          }
          suggest.textContent = "Thử tìm: ";
          good.forEach(function (t, i) {
            var a = tag("a");
            a.href = "?q=" + encodeURIComponent(t);
            a.textContent = t;
            a.addEventListener("click", function (e) { e.preventDefault(); input.value = t; run(t, true); });
            if (i) suggest.appendChild(document.createTextNode(" · "));
            suggest.appendChild(a);
          });
        });
    }

    /* typing: the query comes from a key just pressed; its last word may be half typed (not after a space) */
    function run(query, push, typing) {
      var mine = ++seq;
      typing = typing && !/\s$/.test(query);
      query = query.trim();
      suggest.textContent = "";
      if (push && window.history && history.replaceState) {
        var u = new URL(location.href);
        if (query) u.searchParams.set("q", query); else u.searchParams.delete("q");
        history.replaceState(null, "", u.href);
      }
      list.textContent = "";
      more.hidden = true;
      shown = 0;
      if (!query) { say("Nhập từ cần tìm, có dấu hoặc không dấu."); return; }
      say("Đang tìm…");
      var q = parseQuery(query);
      begun = typing ? q.last : "";
      searcher.search(query, { prefix: typing }).then(function (res) {
        if (mine !== seq) return;
        current = res;
        if (!res.total) {
          say("Không tìm thấy bài viết nào có đủ các từ “" + query + "”.");
          return suggestFor(query, mine);
        }
        say("Tìm thấy " + res.total.toLocaleString("vi-VN") + " kết quả cho “" + query + "”.");
        return showMore();
      }).catch(function () {
        if (mine === seq) say("Không tải được dữ liệu tìm kiếm. Vui lòng thử lại sau.");
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value, true);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, true, true); }, 300);
    });
    more.addEventListener("click", function () { /* focus the first new result: the button may go */
      var n = shown;
      showMore().then(function () { var li = list.children[n]; if (li) li.querySelector("a").focus(); });
    });
    var q = new URL(location.href).searchParams.get("q");
    if (q) { input.value = q; run(q, false); }
  }

  var api = { normaliseWord: normaliseWord, fold: fold, words: words, bucketOf: bucketOf, decodeIds: decodeIds,
    parseQuery: parseQuery, plainFromKeys: plainFromKeys, createSearcher: createSearcher, initPage: initPage };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.ChuyentrangSearch = api;

  if (typeof document !== "undefined") {
    var start = function () {
      var boxes = document.querySelectorAll("[data-search-index]");
      for (var i = 0; i < boxes.length; i++) initPage(boxes[i]);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(this);
