"""Decap CMS (content/admin/): the front matter its fields write must pass the project's own article validator."""
from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator.core import articles

from generator.core import slugs

from generator.core import frontmatter
from generator.core.config import load_config
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ROOT / "content" / "admin"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WHEN = datetime(2026, 11, 22, 5, 30, tzinfo=TZ)


def decap_config() -> dict:
    return yaml.safe_load((ADMIN / "config.yml").read_text(encoding="utf-8"))


def collection(cfg: dict) -> dict:
    found = [c for c in cfg["collections"] if c.get("folder") == "content/bai-viet"]
    assert len(found) == 1, "one folder collection for content/bai-viet"
    return found[0]


def fields(cfg: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection(cfg)["fields"]}


# moment.js tokens (what Decap's datetime widget formats with) → what they print
_TOKENS = re.compile(r"\[[^\]]*\]|YYYY|MM|DD|HH|mm|ss|ZZ|Z|[A-Za-z]+|.")


def moment_format(fmt: str, moment: datetime) -> str:
    """Format ``moment`` as moment.js would with ``fmt``; an unsupported token fails the test."""
    offset = moment.strftime("%z")
    out = []
    for tok in _TOKENS.findall(fmt):
        if tok.startswith("["):
            out.append(tok[1:-1])
        elif tok in ("YYYY", "MM", "DD", "HH", "mm", "ss"):
            out.append(moment.strftime({"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}[tok]))
        elif tok == "Z":
            out.append(f"{offset[:3]}:{offset[3:]}")
        elif tok == "ZZ":
            out.append(offset)
        elif tok.isalpha():
            raise AssertionError(f"token {tok!r} in the Decap date format is not one this test knows")
        else:
            out.append(tok)
    return "".join(out)


def decap_values(cfg: dict, *, category: str, moment: datetime, fill_optional: bool, image: str) -> tuple[dict, str]:
    """The values Decap's widgets produce for one entry: (front matter dict in field order, body).

    Optional fields left empty are written the way Decap writes a cleared field: "" or [].
    """
    meta: dict = {}
    body = ""
    for name, f in fields(cfg).items():
        widget = f.get("widget", "string")
        if widget == "markdown":
            body = "Bài soạn trên Decap CMS.\n\n## Mục một\n\nNội dung có dấu: Đắk Nông, Lâm Đồng.\n"
            continue
        if widget == "datetime":
            meta[name] = moment_format(f["format"], moment)
        elif widget == "select":
            meta[name] = category
        elif widget == "boolean":
            meta[name] = f.get("default", False)
        elif widget == "list" and name == "redirect_from":
            meta[name] = ["nop-ho-so-cu", "/bai-viet/nop-ho-so-truoc-day/"] if fill_optional else []
        elif widget == "list":
            meta[name] = ["dich-vu-cong", "chuyển đổi số"] if fill_optional else []
        elif widget == "image":
            meta[name] = image if fill_optional else ""
        elif widget in ("string", "text"):
            if name == "title":
                meta[name] = "Đắk Nông: người dân nộp hồ sơ trực tuyến toàn trình"
            elif name == "slug":
                meta[name] = "nop-ho-so-truc-tuyen" if fill_optional else ""
            else:
                meta[name] = f"Giá trị của {f['label']}" if fill_optional else ""
        else:
            raise AssertionError(f"widget {widget!r} ({name}) is not one this test knows how to fill")
    return meta, body


def write_entry(path: Path, meta: dict, body: str, *, quote_date: bool) -> None:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    if not quote_date:  # Decap's YAML writer (yaml 1.2) leaves a date string unquoted: both forms must pass
        text = re.sub(r"^date: '(.*)'$", r"date: \1", text, flags=re.M)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{text}---\n\n{body}", encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    """A copy of the repository's site config with an empty content folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    return tmp_path


def load_site(site: Path):
    config = load_config(site / "mkdocs.yml")
    return config, articles.load_articles(config)


def media_file(site: Path, cfg: dict, name: str = "anh-dai-dien.png") -> str:
    """Put an uploaded image where Decap's media_folder puts it; return the path Decap writes (public_folder)."""
    (site / cfg["media_folder"]).mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), "white").save(site / cfg["media_folder"] / name, "PNG")  # a real picture
    return f"{cfg['public_folder'].rstrip('/')}/{name}"


# ------------------------------------------------------------------------------------------------ the contract

def test_category_options_are_exactly_the_configured_categories():
    config = load_config(ROOT / "mkdocs.yml")
    options = fields(decap_config())["category"]["options"]
    assert [o["value"] for o in options] == list(config.category_ids)
    assert [o["label"] for o in options] == [c.name for c in config.categories]


def test_required_front_matter_keys_are_required_fields_and_every_field_is_a_known_key():
    f = fields(decap_config())
    for key in frontmatter.REQUIRED:
        assert key in f, f"Decap has no field for required key {key!r}"
        assert f[key].get("required", True) is not False, f"{key} must be required in Decap"
    for name in f:
        assert name == "body" or name in frontmatter.KNOWN, f"Decap writes {name!r}, which the validator rejects"
    assert f["body"]["widget"] == "markdown"
    assert f["category"]["widget"] == "select"


@pytest.mark.parametrize("value", ["ten-cu", "/bai-viet/ten-cu/", "bai-viet/ten-cu", "/bai-viet/ten-cu/index.html",
                                   "Tên cũ", "ten_cu", "/tin-tuc/ten-cu/", "https://x.vn/bai-viet/a/", "ten--cu", ""])
def test_redirect_from_pattern_accepts_only_what_the_build_accepts(value):
    """The form refuses what the build would refuse, and takes the forms the README shows."""
    from generator.core.redirects import old_slug

    field = fields(decap_config())["redirect_from"]
    assert field["widget"] == "list" and field.get("required") is False
    pattern = field["field"]["pattern"][0]
    assert bool(re.fullmatch(pattern, value)) is (old_slug(value) is not None)


def test_date_format_writes_seconds_and_the_plus_0700_offset():
    fmt = fields(decap_config())["date"]["format"]
    text = moment_format(fmt, WHEN)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+07:00", text), text
    assert text == "2026-11-22 05:30:00+07:00"


def test_folders_are_inside_the_content_folder_that_mkdocs_publishes():
    cfg = decap_config()
    mk = yaml.safe_load(re.sub(r"!!?\S+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    docs_dir = mk.get("docs_dir", "docs")
    assert collection(cfg)["folder"].startswith(f"{docs_dir}/")
    assert cfg["media_folder"] == f"{docs_dir}{cfg['public_folder']}", "an uploaded image must be served where its link points"
    assert fields(cfg)["image"].get("choose_url") is False, "pictures from other hosts are third-party requests"


# ------------------------------------------------------------------------------------------------ generated entries

@pytest.mark.parametrize("category", ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "ha-tang-du-lieu-so",
                                      "an-toan-thong-tin", "ky-nang-so"])
@pytest.mark.parametrize("fill_optional", [True, False], ids=["all-fields", "required-only"])
@pytest.mark.parametrize("quote_date", [True, False], ids=["quoted-date", "plain-date"])
def test_an_entry_written_by_decap_passes_the_article_validator(site, category, fill_optional, quote_date):
    cfg = decap_config()
    image = media_file(site, cfg)
    meta, body = decap_values(cfg, category=category, moment=WHEN, fill_optional=fill_optional, image=image)
    write_entry(site / collection(cfg)["folder"] / "2026" / "nop-ho-so.md", meta, body, quote_date=quote_date)
    config, (found, problems) = load_site(site)
    assert [str(p) for p in problems] == []
    assert len(found) == 1
    a = found[0]
    assert a.title == meta["title"]
    assert a.date == WHEN and a.date.utcoffset() == timedelta(hours=7)
    assert a.category == category
    assert a.draft is False
    if fill_optional:
        assert a.slug == "nop-ho-so-truc-tuyen"
        assert a.image == image
        assert a.tags == ("dich-vu-cong", "chuyển đổi số")
        assert a.summary == meta["summary"]
        assert a.redirect_from == ("nop-ho-so-cu", "nop-ho-so-truoc-day")
    else:
        assert a.slug == slugs.article_slug(meta["title"])
        assert a.slug.isascii()


def test_an_entry_written_from_another_timezone_keeps_its_instant(site):
    """An editor whose computer is set to UTC writes +00:00: still a valid, exact time."""
    cfg = decap_config()
    moment = WHEN.astimezone(ZoneInfo("UTC"))
    meta, body = decap_values(cfg, category="ky-nang-so", moment=moment, fill_optional=False, image="")
    assert meta["date"].endswith("+00:00")
    write_entry(site / "content/bai-viet/2026/utc.md", meta, body, quote_date=False)
    _, (found, problems) = load_site(site)
    assert problems == [] and found[0].date == WHEN


def test_a_category_not_in_mkdocs_yml_is_caught(site):
    """The check above can fail: an option Decap would offer but the site does not know is rejected."""
    cfg = decap_config()
    meta, body = decap_values(cfg, category="the-thao", moment=WHEN, fill_optional=False, image="")
    write_entry(site / "content/bai-viet/2026/x.md", meta, body, quote_date=False)
    _, (found, problems) = load_site(site)
    assert found == [] and any("the-thao" in p.message for p in problems)


def test_a_date_format_without_the_offset_colon_is_caught():
    assert moment_format("YYYY-MM-DD HH:mm:ssZZ", WHEN) == "2026-11-22 05:30:00+0700"
    with pytest.raises(AssertionError):
        moment_format("DD/MM/YYYY hh:mm A", WHEN)


# ------------------------------------------------------------------------------------------------ the bundle

def test_admin_page_loads_decap_from_the_site_itself():
    html = (ADMIN / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert refs == ["decap/decap-cms.js", "preview.js"]  # the preview after Decap, which defines CMS
    assert (ADMIN / "decap" / "decap-cms.js").is_file()
    assert 'content="noindex' in html


def test_vendored_decap_files_are_complete_and_unmodified():
    sums = (ADMIN / "decap" / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    listed = {}
    for line in filter(None, sums):
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    assert "decap-cms.js" in listed and len(listed) > 50
    present = {p.name for p in (ADMIN / "decap").iterdir()} - {"SHA256SUMS", "VERSION"}
    assert present == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((ADMIN / "decap" / name).read_bytes()).hexdigest() == digest, name
    # every lazily loaded chunk the bundle may ask for is there
    main = (ADMIN / "decap" / "decap-cms.js").read_text(encoding="utf-8")
    assert 'e+".decap-cms.js"' in main
    chunks = {n for n in listed if n.endswith(".decap-cms.js")}
    for chunk in chunks:
        assert re.fullmatch(r"\d+\.decap-cms\.js", chunk)
    assert len(chunks) > 40
