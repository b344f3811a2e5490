"""An SVG under content/ that would run script when opened is refused before anything is published (exit 2, with
its path and line); ordinary drawings, the demo's among them, are published."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sitefactory import REPO, run_cli

PLAIN = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <title>Hình</title>
  <a href="https://example.test/"><rect width="10" height="10" fill="#0b5394"/></a>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""

HOSTILE = {
    "script": ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>', 2, "<script>"),
    "handler": ('<svg xmlns="http://www.w3.org/2000/svg">\n<g\n onload="alert(1)"/>\n</svg>', 2, "onload"),
    "handler-case": ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect ONCLICK="alert(1)"/></svg>', 2, "ONCLICK"),
    "namespaced-script": ('<s:svg xmlns:s="http://www.w3.org/2000/svg">\n\n<s:script href="x.js"/></s:svg>', 3,
                          "<script>"),
    "foreign-object": ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject>\n<iframe xmlns="http://www.w3.org/1999/'
                       'xhtml" src="https://example.test/"/></foreignObject></svg>', 1, "<foreignObject>"),
    "javascript-link": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                        '<a xlink:href=" jav&#x09;ascript:alert(1)"><text>x</text></a></svg>', 2, "javascript:"),
    "animated-link": ('<svg xmlns="http://www.w3.org/2000/svg"><a href="#"><set attributeName="href"\n'
                      ' to="javascript:alert(1)"/></a></svg>', 1, "javascript:"),
    "stylesheet": ('<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', 1,
                   "xml-stylesheet"),
    "entity": ('<!DOCTYPE svg [\n<!ENTITY a "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n'
               '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', 2, "ENTITY"),
    "broken": ('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</scrip></svg>', 2, "không đọc được"),
}


def _build(repo, tmp_path) -> tuple[int, str]:
    repo.article("mot", "Bài một", "2024-01-03", body="Nội dung.")
    code, out, err = run_cli("build", "-f", repo.config, "--as-of", "2024-01-05", "-d", tmp_path / "out")
    return code, out + err


@pytest.mark.parametrize("name", HOSTILE)
def test_svg_that_runs_script_is_refused_with_path_and_line(repo, tmp_path, name):
    text, line, shown = HOSTILE[name]
    (repo.root / "content" / "assets").mkdir()
    (repo.root / "content" / "assets" / "hinh.svg").write_text(text, encoding="utf-8")
    code, said = _build(repo, tmp_path)
    assert code == 2, said
    assert f"content/assets/hinh.svg:{line}: ảnh SVG" in said, said
    assert shown in said, said
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in said


def test_svgz_is_read_too(repo, tmp_path):
    (repo.root / "content" / "hinh.svgz").write_bytes(gzip.compress(HOSTILE["script"][0].encode()))
    code, said = _build(repo, tmp_path)
    assert code == 2 and "content/hinh.svgz:2: ảnh SVG chứa mã chạy được (thẻ <script>)" in said, said


def test_every_bad_svg_is_reported_at_once(repo, tmp_path):
    for n, name in enumerate(("script", "handler", "javascript-link")):
        (repo.root / "content" / f"h{n}.SVG").write_text(HOSTILE[name][0], encoding="utf-8")
    code, said = _build(repo, tmp_path)
    assert code == 2
    assert [f"content/h{n}.SVG:" in said for n in range(3)] == [True] * 3, said


def test_plain_drawings_are_published_as_they_are(repo, tmp_path):
    (repo.root / "content" / "assets").mkdir()
    (repo.root / "content" / "assets" / "hinh.svg").write_text(PLAIN, encoding="utf-8")
    for demo in sorted((REPO / "content" / "assets").glob("*.svg")):
        (repo.root / "content" / "assets" / demo.name).write_bytes(demo.read_bytes())
    code, said = _build(repo, tmp_path)
    assert code == 0, said
    assert (tmp_path / "out" / "assets" / "hinh.svg").read_text(encoding="utf-8") == PLAIN
    for demo in sorted((REPO / "content" / "assets").glob("*.svg")):
        assert (tmp_path / "out" / "assets" / demo.name).read_bytes() == demo.read_bytes()


def test_hidden_folders_are_not_checked(repo, tmp_path):
    """MkDocs publishes nothing from them (an editor's .git, a tool's cache)."""
    (repo.root / "content" / ".cache").mkdir()
    (repo.root / "content" / ".cache" / "x.svg").write_text(HOSTILE["script"][0], encoding="utf-8")
    code, said = _build(repo, tmp_path)
    assert code == 0, said
    assert not Path(tmp_path / "out" / ".cache").exists()


@pytest.mark.parametrize("where", ["assets/trang.html", "assets/uploads/mau.HTM", "bai-viet/a.xhtml", "assets/x.js",
                                   "assets/m.mjs", "trang/t.shtml", "assets/s.xsl", "assets/phim.swf"])
def test_web_pages_and_scripts_in_content_are_refused(repo, tmp_path, where):
    path = repo.root / "content" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(document.cookie)</script>", encoding="utf-8")
    code, said = _build(repo, tmp_path)
    assert code == 2, said
    assert f"content/{where}: tệp trang web hoặc mã chạy được" in said, said
    assert not (tmp_path / "out").exists()


def test_the_cms_admin_folder_is_the_projects_own(repo, tmp_path):
    admin = repo.root / "content" / "admin"
    admin.mkdir(parents=True)
    (admin / "index.html").write_text("<!doctype html><script src='decap-cms.js'></script>", encoding="utf-8")
    (admin / "decap-cms.js").write_text("console.log('cms')", encoding="utf-8")
    code, said = _build(repo, tmp_path)
    assert code == 0, said
    assert (tmp_path / "out" / "admin" / "index.html").is_file()


XML_NAMES = ["x.xml", "x.XML", "x.rdf", "x.atom", "x.rss", "x.xsd", "x.kml", "ten-la", "x.dat", "x.txt"]


@pytest.mark.parametrize("name", XML_NAMES)
@pytest.mark.parametrize("kind", ["script", "handler", "javascript-link", "stylesheet", "entity"])
def test_svg_saved_under_another_name_is_checked_by_its_content(repo, name, kind):
    """A browser renders a .xml (or any file served as XML) holding an <svg> root as SVG, and runs its script."""
    from generator.core.active_content import active_content_problems
    from generator.core.config import load_config

    text, line, shown = HOSTILE[kind]
    (repo.root / "content" / "assets").mkdir()
    (repo.root / "content" / "assets" / name).write_bytes(b"\xef\xbb\xbf\n" + text.encode() if name == "x.dat"
                                                          else text.encode())
    said = [str(p) for p in active_content_problems(load_config(repo.config))]
    assert len(said) == 1 and said[0].startswith(f"content/assets/{name}:"), said
    assert "tệp XML" in said[0] and shown in said[0], said


def test_plain_xml_and_other_files_are_published(repo, tmp_path):
    assets = repo.root / "content" / "assets"
    assets.mkdir()
    (assets / "so-lieu.xml").write_text('<?xml version="1.0"?>\n<bang><dong a="1">x</dong></bang>\n')
    (assets / "ghi-chu.txt").write_text("<khong phai xml & cung khong sao\n")  # not XML: no document a browser runs
    (assets / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"<script>" * 4)
    code, said = _build(repo, tmp_path)
    assert code == 0, said
    assert (tmp_path / "out" / "assets" / "so-lieu.xml").read_bytes() == (assets / "so-lieu.xml").read_bytes()


def test_an_svg_saved_as_xml_is_refused_by_the_build(repo, tmp_path):
    (repo.root / "content" / "x.xml").write_text(HOSTILE["script"][0])
    (repo.root / "content" / "y.rss").write_text('<rss version="2.0"\n><channel onload="alert(1)"/></rss>')
    (repo.root / "content" / "z.xml").write_text("<svg><script>alert(1)")  # not well-formed: refused for a .xml
    code, said = _build(repo, tmp_path)
    assert code == 2, said
    assert "content/x.xml:2: tệp XML chứa mã chạy được (thẻ <script>)" in said
    assert "content/y.rss:2: tệp XML" in said and "content/z.xml:1: tệp XML không đọc được" in said
    assert not (tmp_path / "out").exists()
