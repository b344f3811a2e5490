"""A share of the articles is read, converted and written by a forked child (generator/pagework.py): the site is the
same bytes as when this process builds every page, and what the child logs reaches the build's log."""
from __future__ import annotations

import io
import re

import pytest

from generator.support import parallel
from generator.cli.main import main
from generator.mkdocs_adapter import pagework

_ELAPSED = re.compile(r"^\[\s*[\d.,]+ giây\] ")


def _said(err: str) -> list[str]:
    """What a build printed, in order-free form, without the progress lines' elapsed times."""
    return sorted(_ELAPSED.sub("", line) for line in err.splitlines())


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _site(repo):
    repo.write_config()
    for i in range(12):
        body = (f"Đoạn mở đầu bài {i}.\n\n## Mục một\n\nNội dung chuyển đổi số.\n\n## Mục hai\n\n"
                f"Xem [bài trước](bai-{max(i - 1, 0)}.md) và [mục một](#muc-mot).\n")
        if i == 9:  # the last one in MkDocs' order (bai-0, bai-1, bai-10, bai-11, bai-2, ...): the child's
            # a link MkDocs warns of while it renders the page (a draft is left out of the site); a link to a file
            # that is not there at all is an input problem, found before any page is built
            body += "\nLiên kết tới bản nháp: [bản nháp](bai-nhap.md).\n"
        repo.article(f"bai-{i}", f"Bài số {i} về chuyển đổi số", f"2024-03-{1 + 2 * i:02d} 09:00", body=body)
    repo.article("bai-nhap", "Bài còn nháp", "2024-03-02 09:00", draft="true")
    repo.feed_items("bao", "chuyen-trang", [
        {"id": f"tin-{i}", "title": f"Tin {i}", "link": f"https://bao.example.vn/{i}.html",
         "published": f"2024-03-{1 + i:02d}T09:00:00+07:00", "summary": f"<p>Tóm tắt {i}</p>"} for i in range(5)])


def _record_starts(monkeypatch):
    started = []
    real = pagework.PageShare.start.__func__
    monkeypatch.setattr(pagework.PageShare, "start",
                        classmethod(lambda cls, *a, **k: started.append(real(cls, *a, **k)) or started[-1]))
    return started


def _build(repo, out):
    err = io.StringIO()
    code = main(["build", "-f", str(repo.config), "--as-of", "2024-03-25", "-d", str(out)], out=io.StringIO(), err=err)
    return code, err.getvalue()


# the build's time, printed to the minute (pages' dates, the formal reports' "time the page was made"): two builds
# may fall on either side of a minute
_BUILD_TIME = re.compile(rb'<time datetime="[^"]*">[^<]*</time>|'
                         + "<dt>Thời điểm tạo trang</dt><dd>[^<]*</dd>".encode())


def test_pages_built_by_the_child_are_the_ones_built_here(repo, tmp_path, monkeypatch, forkable):
    _site(repo)
    started = _record_starts(monkeypatch)
    code, err_beside = _build(repo, tmp_path / "a")
    assert code == 0 and started and started[0] is not None and len(started[0].owned) == 4
    assert "bai-viet/bai-9.md" in started[0].owned
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    code, err_here = _build(repo, tmp_path / "b")
    assert code == 0
    beside, here = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert beside.keys() == here.keys()
    differ = [name for name in here if _BUILD_TIME.sub(b"", beside[name]) != _BUILD_TIME.sub(b"", here[name])]
    assert differ == []
    # MkDocs' warning, in an article the child built
    said = "bai-9.md: liên kết 'bai-nhap.md' trỏ tới bài content/bai-viet/bai-nhap.md, bài này chưa được xuất bản"
    assert said in err_here
    assert _said(err_beside) == _said(err_here)


@pytest.mark.parametrize("fails", ["reading", "writing"])
def test_a_failed_child_leaves_its_pages_to_this_process(repo, tmp_path, monkeypatch, fails, forkable):
    _site(repo)
    real = pagework.PageShare._child
    if fails == "reading":
        child = lambda self, *a: (_ for _ in ()).throw(RuntimeError("hỏng"))
    else:  # sends the articles' text, then never says it wrote its pages
        child = lambda self, send, *a: real(self, lambda m: send(m) if m[0] == "read" else None, *a)
    monkeypatch.setattr(pagework.PageShare, "_child", child)
    code, err = _build(repo, tmp_path / "a")
    monkeypatch.undo()
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    code2, err2 = _build(repo, tmp_path / "b")
    assert code == code2 == 0
    assert _said(err) == _said(err2)
    beside, here = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert {k: _BUILD_TIME.sub(b"", v) for k, v in beside.items()} == {k: _BUILD_TIME.sub(b"", v) for k, v in here.items()}


def test_strict_build_fails_on_a_warning_logged_in_the_child(repo, tmp_path, monkeypatch, forkable):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from generator.core.site import load_site

    _site(repo)
    started = _record_starts(monkeypatch)
    cfg = load_config(config_file=str(repo.config), site_dir=str(tmp_path / "out"), strict=True)
    plugin = cfg.plugins["chuyentrang"]
    plugin.prepared = load_site(repo.config, as_of="2024-03-25")
    cfg.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort, match="1 warning"):
        build(cfg)
    assert started and "bai-viet/bai-9.md" in started[0].owned
