"""Backdated articles: front-matter date earlier than the commit that first added the file, in a real git repo."""
from __future__ import annotations

import io
import json

import pytest

from gitrepo import commit, git, init
from generator.reports import report
from generator.cli.main import main
from generator.core.gitlog import first_added
from generator.core.problems import InputError
from generator.render import render_site
from generator.core.site import load_site

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-04-29
"""


def configure(repo, integrity: str | None = None):
    repo.write_config(channels=WEEKLY)
    if integrity is not None:
        text = repo.config.read_text(encoding="utf-8")
        repo.config.write_text(text.replace("      waivers:", f"      integrity: {integrity}\n      waivers:"),
                               encoding="utf-8")


def two_weeks(repo, late_commit="2024-05-20T09:00:00+07:00"):
    """W19 article committed the next day (honest); W20 article committed a week after its date (backdated)."""
    init(repo.root)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-08 08:00")
    commit(repo.root, "2024-05-09T10:00:00+07:00")
    repo.article("tuan-20", "Bài tuần 20 đăng lùi", "2024-05-13 08:00")
    commit(repo.root, late_commit)


def check(repo, *extra):
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "-f", str(repo.config), "--as-of", "2024-05-21", *extra], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_backdated_article_is_flagged_and_not_counted_by_default(repo):
    configure(repo)
    two_weeks(repo)
    site = load_site(repo.config, "2024-05-21")
    ch = site.report.channels[0]
    honest, = ch.period("2024-W19").items
    late, = ch.period("2024-W20").items
    assert honest.flags == () and honest.counts
    assert late.flags == ("backdated",) and not late.counts
    assert ch.period("2024-W20").count == 0 and ch.period("2024-W20").status == "missed"
    assert site.report.status == "fail"
    # the report item says so; the CLI names the article and why
    periods = {p["period"]: p for p in json.loads(report.to_json(site.report))["channels"][0]["periods"]}
    item, = periods["2024-W20"]["items"]
    assert item["flags"] == ["backdated"] and item["counted"] is False
    code, out, _ = check(repo)
    assert code == 1
    assert "1 bài viết đăng lùi ngày" in out


def test_the_log_page_shows_the_flag_and_the_commit_evidence(repo):
    configure(repo)
    two_weeks(repo)
    pages = {p.url: p for p in render_site(load_site(repo.config, "2024-05-21")).pages}
    log = pages["nhat-ky-tan-suat/"].html
    assert "đăng lùi ngày" in log
    assert "Bài tuần 20 đăng lùi" in log
    assert "content/bai-viet/tuan-20.md chỉ được commit lần đầu lúc 20/05/2024 09:00" in log
    evidence = pages["nhat-ky-tan-suat/kenh/chuyen-trang/2024/"].html
    assert "đăng lùi ngày" in evidence and "không tính" in evidence


def test_within_tolerance_is_not_flagged_and_tolerance_is_configurable(repo):
    configure(repo)
    two_weeks(repo, late_commit="2024-05-15T07:59:00+07:00")  # 1 day 23:59 after its date: inside 2 days
    assert load_site(repo.config, "2024-05-21").report.status == "pass"
    configure(repo, "{backdate_tolerance_days: 1}")
    site = load_site(repo.config, "2024-05-21")
    assert site.report.channels[0].period("2024-W20").items[0].flags == ("backdated",)


def test_count_backdated_true_counts_them_but_keeps_the_flag_visible(repo):
    configure(repo, "{count_backdated: true}")
    two_weeks(repo)
    site = load_site(repo.config, "2024-05-21")
    late, = site.report.channels[0].period("2024-W20").items
    assert late.flags == ("backdated",) and late.counts
    assert site.report.status == "pass"
    code, out, _ = check(repo)
    assert code == 0 and "vẫn được tính nhưng bị gắn cờ" in out and "integrity" not in out


def test_since_leaves_imported_history_unchecked_and_says_so(repo):
    configure(repo, "{since: 2024-05-25}")
    two_weeks(repo)  # both commits before 25/05: the import of an older site
    site = load_site(repo.config, "2024-05-21")
    assert all(not e.flags for e in site.entries)
    assert site.integrity.before_since == 2
    _, out, _ = check(repo)
    assert "2 bài viết cũ, đưa vào kho trước ngày 25/05/2024 (từ trước khi bắt đầu kiểm tra ngày đăng)" in out
    assert "integrity" not in out  # plain words, no settings' names
    # an article first committed after `since` is checked again
    repo.article("tuan-21", "Bài mới đăng lùi", "2024-05-20 08:00")
    commit(repo.root, "2024-05-27T09:00:00+07:00")
    site = load_site(repo.config, "2024-05-27")
    assert [e.title for e in site.entries if e.flags] == ["Bài mới đăng lùi"]


def test_a_renamed_file_keeps_the_date_it_was_first_added(repo):
    configure(repo)
    two_weeks(repo, late_commit="2024-05-13T09:00:00+07:00")
    git(repo.root, "mv", "content/bai-viet/tuan-20.md", "content/bai-viet/tuan-20-moi.md")
    commit(repo.root, "2024-05-30T09:00:00+07:00")
    added = first_added(repo.root / "content", load_site(repo.config, "2024-05-31").config.tz)
    assert added["bai-viet/tuan-20-moi.md"][0].isoformat() == "2024-05-13T09:00:00+07:00"
    assert not any(e.flags for e in load_site(repo.config, "2024-05-31").entries)


def test_an_uncommitted_article_is_reported_not_silently_trusted(repo):
    configure(repo)
    two_weeks(repo, late_commit="2024-05-13T09:00:00+07:00")
    repo.article("chua-commit", "Bài chưa commit", "2024-05-14 08:00")
    site = load_site(repo.config, "2024-05-21")
    assert site.integrity.uncommitted == ("content/bai-viet/chua-commit.md",)
    _, out, _ = check(repo)
    assert "1 bài viết chưa được commit vào git" in out and "chua-commit.md" in out


def test_outside_git_the_check_says_it_could_not_run(repo):
    configure(repo)
    repo.article("tuan-20", "Bài tuần 20", "2024-05-13 08:00")
    site = load_site(repo.config, "2024-05-21")
    assert site.integrity.git.state == "not-a-repo"
    _, out, _ = check(repo)
    assert "không nằm trong kho git" in out
    log = {p.url: p for p in render_site(site).pages}["nhat-ky-tan-suat/"].html
    assert "không nằm trong kho git" in log


@pytest.mark.parametrize("setting, line_text", [
    ("{backdate_tolerance_days: -1}", "backdate_tolerance_days phải là số ngày"),
    ("{count_backdated: maybe}", "count_backdated chỉ nhận true hoặc false"),
    ("{since: 2024-13-01}", "since"),
    ("{tolerance: 2}", "khóa không được hỗ trợ trong integrity: 'tolerance'"),
])
def test_bad_integrity_settings_are_reported_with_their_line(repo, setting, line_text):
    configure(repo, setting)
    line = next(n for n, text in enumerate(repo.config.read_text(encoding="utf-8").splitlines(), 1)
                if "integrity:" in text)
    with pytest.raises(InputError) as exc:
        load_site(repo.config, "2024-05-21")
    messages = [str(p) for p in exc.value.problems]
    assert any(m.startswith(f"mkdocs.yml:{line}: ") and line_text in m for m in messages), messages
