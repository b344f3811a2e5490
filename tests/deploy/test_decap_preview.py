"""Decap CMS's preview shows an article as the site will (issue 18): content/admin/preview.js registers the stylesheet
the site publishes and a template with the article page's frame. Decap itself needs a git backend to open an entry,
so the script is run under Node with the few globals Decap gives it (CMS, h, createClass) and its output read."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.core.config import load_config

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ROOT / "content" / "admin"
SCRIPT = (ADMIN / "preview.js").read_text(encoding="utf-8")


def _const(name: str) -> str:
    m = re.search(rf'var {name} = "([^"]+)";', SCRIPT)
    assert m, name
    return m[1]


def test_admin_page_loads_the_preview_after_decap():
    html = (ADMIN / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["decap/decap-cms.js", "preview.js"]


def test_preview_uses_the_stylesheet_the_site_publishes():
    from generator.mkdocs_adapter import plugin

    # admin/ is one level below the site's root: "../" + the path every published page links
    assert _const("SITE_CSS") == "../" + plugin.CSS
    assert (plugin.STATIC / Path(plugin.CSS).name).is_file()
    assert "CMS.registerPreviewStyle(SITE_CSS)" in SCRIPT


def test_preview_names_the_article_collection_and_the_site_timezone():
    cfg = yaml.safe_load((ADMIN / "config.yml").read_text(encoding="utf-8"))
    articles = [c["name"] for c in cfg["collections"] if c.get("folder") == "content/bai-viet"]
    assert [_const("COLLECTION")] == articles
    assert "CMS.registerPreviewTemplate(COLLECTION, ArticlePreview)" in SCRIPT
    assert _const("TIMEZONE") == load_config(ROOT / "mkdocs.yml").timezone


RUN = r"""
const vm = require("vm");
const registered = {styles: [], templates: {}};
function el(tag, props, ...children) {
  return {tag, props: props || {}, children: children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)};
}
function text(node) { return typeof node === "string" ? node : node.children.map(text).join(""); }
function find(node, cls) {
  if (typeof node === "string") return null;
  if ((node.props.className || "").split(" ").includes(cls)) return node;
  for (const c of node.children) { const f = find(c, cls); if (f) return f; }
  return null;
}
// Immutable.js-like values, as Decap hands them to a template
function imm(v) {
  if (Array.isArray(v)) { const a = v.map(imm); a.toJS = () => v; a.get = i => a[i]; return a; }
  if (v && typeof v === "object") {
    return {get: k => imm(v[k]), getIn: ks => ks.reduce((o, k) => o && o.get(k), imm(v)),
            forEach: f => Object.values(v).forEach(x => f(imm(x))), toJS: () => v};
  }
  return v;
}
const input = JSON.parse(process.argv[1]);
const ctx = {
  CMS: {registerPreviewStyle: s => registered.styles.push(s), registerPreviewTemplate: (n, t) => registered.templates[n] = t},
  window: {}, h: el, createClass: spec => spec, Intl, Date, String, Array, isNaN, console,
};
vm.runInNewContext(input.script, ctx);
const tpl = registered.templates[input.collection];
const out = tpl.render.call({props: {
  entry: imm({data: input.data}), collection: imm(input.collection_config),
  widgetFor: name => el("div", {className: "widget-" + name}, "<nội dung>"),
}});
console.log(JSON.stringify({
  styles: registered.styles, all: text(out), h1: text(find(out, "md-typeset").children.find(c => c.tag === "h1")),
  meta: text(find(out, "ct-article-meta")), summary: find(out, "ct-preview-summary") ? text(find(out, "ct-preview-summary")) : null,
  body: !!find(out, "widget-body"), tags: find(out, "ct-tags") ? text(find(out, "ct-tags")) : null,
}));
"""


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if not path:
        pytest.skip("cần Node.js để chạy content/admin/preview.js")
    return path


def _render(node: str, data: dict) -> dict:
    cfg = yaml.safe_load((ADMIN / "config.yml").read_text(encoding="utf-8"))
    articles = next(c for c in cfg["collections"] if c["name"] == "bai-viet")
    arg = json.dumps({"script": SCRIPT, "collection": "bai-viet", "collection_config": articles, "data": data},
                     ensure_ascii=False)
    r = subprocess.run([node, "-e", RUN, arg], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_preview_shows_title_date_category_summary_and_body_like_the_article_page(node):
    out = _render(node, {"title": "Đắk Nông: nộp hồ sơ trực tuyến", "date": "2026-11-22 05:30:00+07:00",
                         "category": "ky-nang-so", "summary": "Người dân nộp hồ sơ tại nhà.", "author": "Hồng Nhung",
                         "tags": ["dich-vu-cong", "vneid"], "body": "x"})
    assert out["styles"] == ["../assets/chuyentrang/chuyentrang.css"]
    assert out["h1"] == "Đắk Nông: nộp hồ sơ trực tuyến"
    assert out["meta"] == "Đăng ngày 22/11/2026 · Kỹ năng số cho người dân · Hồng Nhung"
    assert out["summary"].endswith("Người dân nộp hồ sơ tại nhà.")
    assert out["body"] is True
    assert out["tags"] == "Từ khóa: dich-vu-cong, vneid"


def test_the_preview_date_is_the_sites_day_whatever_the_editors_timezone(node):
    """An editor whose computer is set to UTC writes 21/11 18:30 +00:00: on the site that is 22/11 in Việt Nam."""
    out = _render(node, {"title": "T", "date": "2026-11-21 18:30:00+00:00", "category": "kinh-te-so", "body": "x"})
    assert out["meta"] == "Đăng ngày 22/11/2026 · Kinh tế số"
    assert out["summary"] is None and out["tags"] is None
