"""A build makes each quarterly PDF in a child process while MkDocs writes the pages (``parallel.Elsewhere``): the
site is the same bytes as when the build makes it itself; a child that fails leaves the PDF to the build, which then
fails, or not, exactly as it would have alone: same messages, same exit code, the previous site kept."""
from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import pytest

from generator.reports.handover import pdf
from generator.support import parallel
from sitefactory import record_pdf_printers, run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "audit"))
from test_log_pages import demo  # noqa: E402

AS_OF = "2024-05-24"
Q2 = "nhat-ky-tan-suat/bao-cao/2024-q2/bao-cao.pdf"
_ELAPSED = re.compile(r"^\[\s*[\d.,]+ giây\] .*$", re.M)  # progress lines: which phases ended before a failure


@pytest.fixture
def site(repo, tmp_path, monkeypatch):
    """The small log demo (one quarter with a PDF), a fixed build time, an empty build cache for each build, and a
    record of the processes that ran WeasyPrint (a child's memory is not seen here)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    demo(repo, AS_OF)
    printed_by = tmp_path / "printed-by"
    printed_by.write_text("")
    record_pdf_printers(monkeypatch, printed_by)
    return repo, printed_by


def _build(repo, out: Path, cache_dir: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("CHUYENTRANG_CACHE_DIR", str(cache_dir))
    code, stdout, stderr = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", out)
    return code, (stdout + stderr).replace(str(out), "OUT")


def _files(root: Path) -> dict[str, bytes]:
    root = root.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_pdf_made_by_a_child_is_the_one_made_here_and_kept_for_the_next_build(site, tmp_path, monkeypatch,
                                                                                   forkable):
    repo, printed_by = site
    code, said = _build(repo, tmp_path / "beside", tmp_path / "cache-a", monkeypatch)
    assert code == 0, said
    children = printed_by.read_text().split()
    assert len(children) == 1 and children[0] != str(os.getpid())
    beside = _files(tmp_path / "beside")
    assert beside[Q2].startswith(b"%PDF-") and pdf.attached_report(beside[Q2]) == beside[Q2[:-3] + "json"]

    # the cache the child filled: the next build reads the PDF, prints nothing, writes the same bytes
    code, _ = _build(repo, tmp_path / "again", tmp_path / "cache-a", monkeypatch)
    assert code == 0 and printed_by.read_text().split() == children
    assert _files(tmp_path / "again") == beside

    with monkeypatch.context() as m:
        m.setattr(parallel, "can_fork", lambda: False)
        code, said_here = _build(repo, tmp_path / "here", tmp_path / "cache-b", monkeypatch)
    assert code == 0
    assert printed_by.read_text().split() == children + [str(os.getpid())]
    assert _files(tmp_path / "here") == beside
    assert _ELAPSED.sub("", said_here) == _ELAPSED.sub("", said)


def test_a_child_that_fails_leaves_the_pdf_to_the_build_which_says_nothing_of_it(site, tmp_path, monkeypatch,
                                                                                 capfd, forkable):
    repo, printed_by = site
    with monkeypatch.context() as m:
        m.setattr(parallel, "can_fork", lambda: False)
        code, said_here = _build(repo, tmp_path / "here", tmp_path / "cache-a", monkeypatch)
    assert code == 0
    made_here = pdf.pdf_bytes
    parent = os.getpid()

    def crashes_in_a_child(*args):
        if os.getpid() != parent:
            raise RuntimeError("hỏng trong tiến trình con")
        return made_here(*args)

    monkeypatch.setattr(pdf, "pdf_bytes", crashes_in_a_child)
    capfd.readouterr()
    code, said = _build(repo, tmp_path / "beside", tmp_path / "cache-b", monkeypatch)
    assert code == 0, said
    assert "hỏng" not in said + "".join(capfd.readouterr())  # the child's failure is not the user's to read
    assert printed_by.read_text().split() == [str(parent)] * 2  # the one here, and the one the child left
    assert _files(tmp_path / "beside") == _files(tmp_path / "here")
    assert _ELAPSED.sub("", said) == _ELAPSED.sub("", said_here)


def test_a_pdf_that_cannot_be_made_fails_the_build_as_it_would_alone_and_keeps_the_site(site, tmp_path, monkeypatch,
                                                                                        forkable):
    repo, _ = site
    out = tmp_path / "site"
    code, _ = _build(repo, out, tmp_path / "cache-0", monkeypatch)
    assert code == 0
    published = _files(out)

    def no_memory(*args):
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(pdf, "pdf_bytes", no_memory)
    code, said = _build(repo, out, tmp_path / "cache-a", monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(parallel, "can_fork", lambda: False)
        code_here, said_here = _build(repo, out, tmp_path / "cache-b", monkeypatch)
    assert code == code_here == 3
    assert "không đủ bộ nhớ" in said and "Thư mục kết quả giữ nguyên như trước." in said
    assert _ELAPSED.sub("", said) == _ELAPSED.sub("", said_here)
    assert _files(out) == published  # no half-made site: the one published before is still there, whole
