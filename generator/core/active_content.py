"""Files of ``content/`` that would run script on the site's own address: refused before anything is published.

Web pages and scripts (``.html``, ``.js`` …) are never an editor's to publish: an article is Markdown, and its HTML is
sanitized. Such a file under ``content/`` is an input problem, except in ``admin/``, the department's own Decap CMS
page (its files come with the project, not from an editor).

MkDocs copies every file of ``content/`` as it is. An SVG is a document, not only a picture: opened on its own (a
reader following the link to the picture), its ``<script>``, its ``onload=…`` and its ``javascript:`` links run on the
site's own address. No well-kept SVG sanitizer exists for Python, so such a file is an input problem (exit 2) that
names the file and the line; the editor exports the picture again without it, or uses PNG or JPG. Pictures that
``<img>`` shows never run script: only the ones opened directly do, which is why every SVG is checked.
"""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from xml.parsers import expat

from generator.core.config import SiteConfig
from generator.core.problems import Problem

MAX_SVGZ = 20 * 1024 * 1024  # bytes an .svgz may hold unpacked: past that it is refused, not unpacked further
FIX = "hãy xuất lại ảnh không có mã, hoặc dùng ảnh PNG/JPG"
# Elements that run script or hold a document that can: SVG's own, SVG Tiny's, and HTML's inside foreignObject.
RUNNING = {"script", "handler", "foreignobject", "iframe", "embed", "object", "frame", "frameset"}
# A javascript: (or vbscript:) address in any attribute (href, xlink:href, the values an <animate>/<set> gives one):
# browsers ignore tabs, line ends and control characters inside the scheme, so they are dropped before looking.
_SCRIPT_URL = re.compile(r"(?:java|vb)script:", re.IGNORECASE)
_IGNORED = re.compile(r"[\x00-\x20]+")


# Files a browser runs as a document with script, or as script, when opened from the site.
ACTIVE = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xsl", ".xslt", ".swf")
# Names web servers give an XML type: a browser opening one renders the XML, and an <svg> root inside runs its script
# as an .svg would. These are checked like SVGs; a file of any other name is checked too when it starts like XML.
XML_NAMES = (".xml", ".rdf", ".atom", ".rss", ".xsd", ".dtd", ".mml", ".kml", ".gpx", ".opf", ".xlf", ".xliff",
             ".wsdl", ".xbl", ".xul", ".plist")
SNIFF = 512  # bytes read to see whether a file of another name starts like XML
XML_FIX = "hãy bỏ phần mã đó, hoặc đăng tài liệu dạng PDF"
CMS_FOLDER = "admin"  # Decap CMS: content/admin/ is the project's own, shipped with it


def active_content_problems(config: SiteConfig) -> list[Problem]:
    """Every SVG (and .svgz) under ``content/`` that holds script, one problem per file and reason; every web page
    or script file outside ``content/admin/``."""
    problems: list[Problem] = []
    root = config.content_dir
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # MkDocs publishes no hidden folder
        top = Path(folder).relative_to(root).parts[:1]
        for name in sorted(names):
            low = name.lower()
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if low.endswith((".svg", ".svgz")):
                problems += [Problem(config.rel(path), line, message) for line, message in check_svg(path)]
            elif top == (CMS_FOLDER,) or low.endswith(".md"):
                continue
            elif low.endswith(ACTIVE):
                problems.append(Problem(config.rel(path), None,
                                        "tệp trang web hoặc mã chạy được không được đăng từ content/ (trình duyệt sẽ "
                                        "chạy nó trên địa chỉ của trang): hãy viết nội dung thành bài Markdown (.md), "
                                        "hoặc đăng tài liệu dạng PDF"))
            else:
                problems += [Problem(config.rel(path), line, message) for line, message in check_xml(path)]
    return problems


def check_xml(path: Path) -> list[tuple[int | None, str]]:
    """What an SVG is checked for, in a file named as XML (``.xml``, ``.rss`` …) or starting like XML (``<``): none
    for any other file. A file of another name that is not well-formed XML is no document a browser runs."""
    named = path.name.lower().endswith(XML_NAMES)
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF)
            if not named and not _looks_xml(head):
                return []
            data = head + f.read()
    except OSError as exc:
        return [(None, f"không đọc được tệp: {exc}")] if named else []
    found = check_svg_bytes(data, noun="tệp XML", opened="tệp", fix=XML_FIX)
    if not named:
        found = [(line, message) for line, message in found if not message.startswith("tệp XML không đọc được")]
    return found


def _looks_xml(head: bytes) -> bool:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("utf-8")
            break
    return head.lstrip(b" \t\r\n").startswith(b"<")


def check_svg(path: Path) -> list[tuple[int | None, str]]:
    """``(line, message)`` for each reason the SVG at ``path`` may not be published (none: it may)."""
    try:
        if path.name.lower().endswith(".svgz"):
            with gzip.open(path, "rb") as f:
                data = f.read(MAX_SVGZ + 1)
            if len(data) > MAX_SVGZ:
                return [(None, "ảnh SVG nén (.svgz) quá lớn để kiểm tra: hãy dùng tệp .svg, hoặc ảnh PNG/JPG")]
        else:
            data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return [(None, f"không đọc được ảnh SVG: {exc}")]
    return check_svg_bytes(data)


def check_svg_bytes(data: bytes, noun: str = "ảnh SVG", opened: str = "ảnh",
                    fix: str = FIX) -> list[tuple[int | None, str]]:
    found: dict[str, tuple[int | None, str]] = {}  # one problem per reason, at its first line

    parser = expat.ParserCreate(namespace_separator=" ")

    def add(reason: str, message: str) -> None:
        found.setdefault(reason, (parser.CurrentLineNumber, message))

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local.lower() in RUNNING:
            add(local.lower(), f"{noun} chứa mã chạy được (thẻ <{local}>): trình duyệt chạy nó khi mở {opened}; {fix}")
        for attr, value in attrs.items():
            a = attr.rsplit(" ", 1)[-1]
            if a.lower().startswith("on"):
                add("on", f'{noun} chứa mã chạy được (thuộc tính {a}="…"): trình duyệt chạy nó khi mở {opened}; {fix}')
            elif _SCRIPT_URL.search(_IGNORED.sub("", value)):
                add("url", f"{noun} chứa mã chạy được (địa chỉ javascript: trong {a}=\"…\"); {fix}")

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            add("pi", f"{noun} gắn một bảng định dạng (<?xml-stylesheet?>), có thể sinh ra mã chạy được; {fix}")

    def entity(name, *_rest) -> None:
        add("entity", f"{noun} khai báo thực thể XML (<!ENTITY {name}>), có thể che giấu mã chạy được; {fix}")
        raise _Stop

    parser.StartElementHandler = start
    parser.ProcessingInstructionHandler = instruction
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        found.setdefault("xml", (exc.lineno, f"{noun} không đọc được ({expat.ErrorString(exc.code)}): trình duyệt "
                                             f"cũng không hiện được {opened} này; hãy xuất lại {opened}"))
    return sorted(found.values(), key=lambda p: p[0] or 0)


class _Stop(Exception):
    """An entity declaration: nothing after it is read (its expansion is what could hide a script)."""
