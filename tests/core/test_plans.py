"""Question banks, monthly bulletins and weekly radio bulletins through the CLI: problems with file and line,
bulletin entries in the frequency report, pages and feed built, audio cached by script."""
from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from sitefactory import run_cli

GOOD_QUESTION = """\
  - id: ngay-cds
    question: Ngày Chuyển đổi số quốc gia là ngày nào?
    options: ["Ngày 10 tháng 10", "Ngày 2 tháng 9"]
    answer: A
    explanation: Quyết định 505/QĐ-TTg.
    source: https://dx.gov.vn/
"""


def _problems(repo) -> list[str]:
    code, out, err = run_cli("check", "-f", repo.config)
    assert code == 2, (out, err)
    return err.splitlines()[1:]


def test_bank_problems_are_listed_with_their_lines(repo):
    repo.raw("cau-hoi/thu.yml", """\
        title: Thử
        questions:
          - id: ngay-cds
            question: Ngày Chuyển đổi số quốc gia là ngày nào?
            options: ["Ngày 10 tháng 10", "Ngày 2 tháng 9"]
            explanation: Quyết định 505/QĐ-TTg.
            source: https://dx.gov.vn/
          - id: ngay-cds
            question: Mã OTP?
            options:
              - Giữ kín
              - giữ kín.
            answer: E
            explanation: Giữ kín.
            source: dx.gov.vn
        """)
    problems = _problems(repo)
    assert "cau-hoi/thu.yml:3: câu 'ngay-cds': chưa có đáp án đúng (answer: chữ cái của phương án đúng, ví dụ " \
           "answer: B hoặc answer: [A, C])" in problems
    assert "cau-hoi/thu.yml:8: câu 2: id 'ngay-cds' trùng với câu 1" in problems
    assert "cau-hoi/thu.yml:12: câu 'ngay-cds': phương án B giống hệt phương án A: 'giữ kín.'" in problems
    assert "cau-hoi/thu.yml:13: câu 'ngay-cds': đáp án E không có: câu này chỉ có phương án A đến B" in problems
    assert "cau-hoi/thu.yml:15: câu 'ngay-cds': nguồn phải là địa chỉ http(s) đầy đủ, không phải 'dx.gov.vn'" \
           in problems


def test_a_contest_needs_a_campaign_results_and_somewhere_to_post(repo):
    repo.raw("cau-hoi/thi.yml", "title: Thi\nmode: contest\nquestions:\n" + GOOD_QUESTION)
    problems = _problems(repo)
    assert any(p.startswith("cau-hoi/thi.yml:2: bài dự thi (mode: contest) cần 'campaign'") for p in problems)
    assert any(p.startswith("cau-hoi/thi.yml:2: bài dự thi cần 'results'") for p in problems)
    assert any(p.startswith("cau-hoi/thi.yml:2: bài dự thi cần nơi nhận bài") for p in problems)


def test_practice_bank_builds_a_quiz_page_and_no_bank_file(repo, tmp_path):
    repo.article("a", "Bài một", "2024-01-03")
    repo.raw("cau-hoi/luyen-tap.yml", "title: Luyện tập\ndraw: 1\nquestions:\n" + GOOD_QUESTION)
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", repo.config, "-d", site, "--as-of", "2024-01-05")
    assert code == 0, err
    html = (site / "thi-tim-hieu" / "luyen-tap" / "index.html").read_text(encoding="utf-8")
    assert 'data-answer="A"' in html and "không phải bài thi" in html
    assert not list(site.rglob("*.yml"))


BULLETIN_CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: average, window: 1}
          since: 2024-01-01
        - id: ban-tin
          name: Bản tin tháng
          target: {per: month, min: 1, mode: every, window: 2}
          since: 2024-02-01
"""


@pytest.fixture
def bulletin_repo(repo):
    repo.write_config(channels=BULLETIN_CHANNELS)
    with repo.config.open("a", encoding="utf-8") as fh:
        fh.write("      bulletin: {agency: Sở Khoa học và Công nghệ, channel: ban-tin}\n")
    repo.article("a", "Bài tháng một", "2024-01-10")
    repo.article("b", "Bài tháng hai", "2024-02-12", category="kinh-te-so")
    repo.article("c", "Bài cuối tháng hai", "2024-02-28")
    repo.raw("ban-tin/2024-02.md", "---\ntitle: Thư tòa soạn\n---\nTháng Hai có **Tết**.\n")
    return repo


def test_each_closed_month_yields_a_bulletin_that_counts_for_its_channel(bulletin_repo, tmp_path):
    code, out, err = run_cli("check", "-f", bulletin_repo.config, "--as-of", "2024-03-10", "--format", "json")
    assert code == 0, out + err
    ch = next(c for c in json.loads(out)["channels"] if c["id"] == "ban-tin")
    periods = {p["period"]: p for p in ch["periods"]}
    # January's bulletin appears on 1 February, February's on 1 March; March is still open: no bulletin yet
    assert [i["title"] for i in periods["2024-02"]["items"]] == ["Bản tin chuyển đổi số tháng 1/2024 (số 1)"]
    item = periods["2024-03"]["items"][0]
    assert item["published"] == "2024-03-01T00:00:00+07:00" and item["source"] == "ban-tin"
    assert item["url"] == "https://example.test/ban-tin/2024-02/"
    assert periods["2024-02"]["status"] == "met" and periods["2024-03"]["status"] == "open"


def test_bulletin_pages_intro_and_feed(bulletin_repo, tmp_path):
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", bulletin_repo.config, "-d", site, "--as-of", "2024-03-10")
    assert code == 0, err
    html = (site / "ban-tin" / "2024-02" / "index.html").read_text(encoding="utf-8")
    assert "Số 2 · Tháng 2/2024" in html and "<strong>Tết</strong>" in html and "Thư tòa soạn" in html
    assert "Bài tháng hai" in html and "Bài tháng một" not in html and "Kinh tế số" in html
    assert not (site / "ban-tin" / "2024-03").exists()
    rss = ElementTree.parse(site / "ban-tin" / "feed.xml").getroot()
    assert [i.findtext("link") for i in rss.iter("item")] == ["https://example.test/ban-tin/2024-02/",
                                                              "https://example.test/ban-tin/2024-01/"]
    assert not (site / "bai-viet" / "2024-02").exists()  # the introduction is not an article



def test_bulletin_feed_describes_the_introduction_as_text_cut_at_a_word(bulletin_repo, tmp_path):
    """A feed reader shows the words of the editors' letter, not its Markdown (`**Tết**`, `[link](url)`), and a
    long letter ends on a whole word with "…"."""
    long_words = " ".join(["Bà con quét mã QR để đọc toàn văn bài viết trên điện thoại."] * 12)
    bulletin_repo.raw("ban-tin/2024-02.md", "---\ntitle: Thư tòa soạn\n---\nTháng Hai có **Tết**, xem "
                      "[lịch nghỉ](https://example.test/lich/).\n\n- Một việc _cần làm_\n\n" + long_words + "\n")
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", bulletin_repo.config, "-d", site, "--as-of", "2024-03-10")
    assert code == 0, err
    rss = ElementTree.parse(site / "ban-tin" / "feed.xml").getroot()
    text = next(rss.iter("item")).findtext("description")
    assert "Tháng Hai có Tết, xem lịch nghỉ. Một việc cần làm Bà con quét mã QR" in text, text
    assert not any(mark in text for mark in ("**", "](", "_cần", "- Một")), text
    assert text.endswith("…") and text[:-1].split()[-1] in long_words.split(), text


def test_bulletin_problems(bulletin_repo):
    text = bulletin_repo.config.read_text(encoding="utf-8").replace("channel: ban-tin}", "channel: khong-co, x: 1}")
    bulletin_repo.config.write_text(text, encoding="utf-8")
    bulletin_repo.raw("ban-tin/thang-hai.md", "Lời giới thiệu.\n")
    problems = _problems(bulletin_repo)
    assert any(p.startswith("mkdocs.yml:") and "bulletin: kênh không có trong cấu hình: 'khong-co'" in p
               for p in problems)
    assert any("khóa không được hỗ trợ trong bulletin: 'x'" in p for p in problems)


# ---- radio ----

def _radio_repo(repo, audio: str):
    with repo.config.open("a", encoding="utf-8") as fh:
        fh.write("      radio:\n        max_items: 2\n        opening: \"Bản tin tuần {tuan}.\"\n"
                 "        closing: \"Hết.\"\n" + audio)
    repo.article("a", "Xã Quảng Tín có 25 điểm phát wifi", "2024-01-10", summary="Người dân dùng miễn phí.")
    repo.article("z", "Tin đầu năm", "2024-01-02")
    return repo


def test_radio_audio_is_made_once_and_reused(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("CHUYENTRANG_CACHE_DIR", str(tmp_path / "cache"))
    _radio_repo(repo, "        audio: {weeks: 1}\n")
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", repo.config, "-d", site, "--as-of", "2024-01-12")
    assert code == 0, err
    mp3 = site / "truyen-thanh" / "2024-w02" / "ban-tin-2024-w02.mp3"
    assert mp3.read_bytes()[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    cached = list((tmp_path / "cache" / "truyen-thanh").glob("*.mp3"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    html = (site / "truyen-thanh" / "2024-w02" / "index.html").read_text(encoding="utf-8")
    assert "hai mươi lăm điểm phát" in html and 'src="ban-tin-2024-w02.mp3"' in html
    code, out, err = run_cli("build", "-f", repo.config, "-d", site, "--as-of", "2024-01-12")
    assert code == 0 and cached[0].stat().st_mtime_ns == stamp  # unchanged week: not read again
    repo.article("b", "Tin thứ hai của tuần", "2024-01-11")
    code, out, err = run_cli("build", "-f", repo.config, "-d", site, "--as-of", "2024-01-12")
    assert code == 0 and len(list((tmp_path / "cache" / "truyen-thanh").glob("*.mp3"))) == 2


def test_without_an_engine_the_build_says_so_once_and_goes_on(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("CHUYENTRANG_CACHE_DIR", str(tmp_path / "cache"))
    _radio_repo(repo, "        audio: {weeks: 4, command: [/khong/co/espeak, \"{text_file}\", \"{wav_file}\"]}\n")
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", repo.config, "-d", site, "--as-of", "2024-01-12")
    assert code == 0, err
    assert err.count("Chưa cài /khong/co/espeak") == 1
    assert (site / "truyen-thanh" / "2024-w01" / "index.html").is_file()
    assert not list(site.rglob("*.mp3"))
