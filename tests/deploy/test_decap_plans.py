"""Decap CMS collections for quiz banks (cau-hoi/*.yml) and bulletin introductions (ban-tin/<yyyy>-<mm>.md): what
their forms write passes the build's validation, their choices match the site's config, and their patterns refuse
what the build refuses."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.core import bulletin, quiz
from generator.core.campaigns import campaign_problems
from generator.core.config import load_config

ROOT = Path(__file__).resolve().parents[2]


def _collections() -> dict[str, dict]:
    cfg = yaml.safe_load((ROOT / "content" / "admin" / "config.yml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in cfg["collections"]}


def _fields(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


QUIZ = _fields(_collections()["cau-hoi"]["fields"])
QUESTION = _fields(QUIZ["questions"]["fields"])
INTRO = _fields(_collections()["ban-tin"]["fields"])


def _site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "content").mkdir()
    return tmp_path


def _banks(root: Path):
    config = load_config(root / "mkdocs.yml")
    return quiz.load_banks(config, campaign_problems(config)[0], "")


# ------------------------------------------------------------------------------------------------ quiz banks

def test_quiz_collection_writes_where_the_build_reads_and_only_keys_it_knows():
    c = _collections()["cau-hoi"]
    assert (c["folder"], c["extension"], c["format"]) == (quiz.FOLDER, "yml", "yaml")
    assert list(QUIZ) == [k for k in quiz.KEYS if k in QUIZ] and set(QUIZ) == set(quiz.KEYS)
    assert set(QUESTION) == set(quiz.QUESTION_KEYS)
    required = {k for k, f in QUIZ.items() if f.get("required", True) is not False}
    assert required == {"title", "mode", "questions"}  # what a practice bank cannot do without
    assert {k for k, f in QUESTION.items() if f.get("required", True) is not False} == set(quiz.QUESTION_KEYS)


def test_quiz_choices_match_the_build():
    config = load_config(ROOT / "mkdocs.yml")
    campaigns, _ = campaign_problems(config)
    assert [(o["value"], o["label"]) for o in QUIZ["campaign"]["options"]] == [(c.id, c.name) for c in campaigns]
    assert [o["value"] for o in QUIZ["mode"]["options"]] == ["practice", "contest"]
    assert QUIZ["mode"]["default"] == "practice"
    assert QUESTION["answer"]["options"] == list(quiz.LETTERS) and QUESTION["answer"]["multiple"] is True
    opts = QUESTION["options"]
    assert (opts["min"], opts["max"]) == (quiz.MIN_OPTIONS, quiz.MAX_OPTIONS)
    assert QUESTION["answer"]["max"] == quiz.MAX_OPTIONS - 1  # every option right is refused
    assert QUIZ["draw"]["min"] == 1 and QUIZ["draw"]["value_type"] == "int"


@pytest.mark.parametrize("field, value, ok", [
    (QUESTION["id"], "vneid-muc-2", True), (QUESTION["id"], "VNeID", False), (QUESTION["id"], "muc 2", False),
    (QUESTION["source"], "https://dichvucong.gov.vn/p/home", True), (QUESTION["source"], "dichvucong.gov.vn", False),
    (QUESTION["source"], "ftp://x.vn/", False), (QUIZ["form_endpoint"], "", True),
    (QUIZ["form_endpoint"], "https://gopy.example.gov.vn/nop", True), (QUIZ["form_endpoint"], "gopy.vn", False),
])
def test_quiz_patterns(field, value, ok):
    assert bool(re.fullmatch(field["pattern"][0], value)) is ok


def _bank(mode: str, cleared: bool) -> dict:
    """A bank as Decap's form writes it: fields in the form's order, a multiple select as a list, optional fields
    the editor touched and cleared as ""."""
    questions = [{"id": f"cau-{n}", "question": f"Câu hỏi số {n} về chuyển đổi số?",
                  "options": ["Phương án một", "Phương án hai", "Phương án ba"], "answer": ["B"] if n else ["A", "C"],
                  "explanation": "Vì đó là quy định.", "source": "https://dx.gov.vn/"} for n in range(3)]
    data = {"title": "Tìm hiểu chữ ký số", "description": "" if cleared else "Ba câu hỏi.", "mode": mode,
            "draw": "" if cleared else 3, "campaign": "ngay-chuyen-doi-so-quoc-gia-2026" if mode == "contest" else "",
            "results": "Công bố ngày 20/10" if mode == "contest" else "",
            "form_endpoint": "https://gopy.example.gov.vn/nop" if mode == "contest" else "", "questions": questions}
    assert list(data) == list(QUIZ)
    for q in questions:
        assert list(q) == list(QUESTION)
    return data


@pytest.mark.parametrize("mode", ["practice", "contest"])
@pytest.mark.parametrize("cleared", [False, True], ids=["filled", "cleared"])
def test_what_the_quiz_form_writes_is_accepted(tmp_path, mode, cleared):
    root = _site(tmp_path)
    (root / "cau-hoi").mkdir()
    (root / "cau-hoi" / "tim-hieu-chu-ky-so.yml").write_text(
        yaml.safe_dump(_bank(mode, cleared), allow_unicode=True, sort_keys=False), encoding="utf-8")
    banks, problems = _banks(root)
    assert [str(p) for p in problems] == []
    b, = banks
    assert (b.id, b.mode, b.draw, len(b.questions)) == ("tim-hieu-chu-ky-so", mode, 3, 3)
    assert b.questions[0].answer_letters == "AC" and b.questions[1].answer_letters == "B"


def test_a_bank_the_form_cannot_catch_is_still_refused_by_the_build(tmp_path):
    """What a form cannot check across fields (an answer past the last option, a contest without its campaign)
    the build refuses with the file's line."""
    root = _site(tmp_path)
    bank = _bank("contest", cleared=False)
    bank["campaign"] = ""
    bank["questions"][1]["answer"] = ["F"]
    (root / "cau-hoi").mkdir()
    (root / "cau-hoi" / "sai.yml").write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    _, problems = _banks(root)
    text = "\n".join(str(p) for p in problems)
    assert "cần 'campaign'" in text and "đáp án F không có" in text and "cau-hoi/sai.yml:" in text


# ------------------------------------------------------------------------------------------------ bulletin intros

def test_bulletin_collection_writes_where_the_build_reads():
    c = _collections()["ban-tin"]
    assert (c["folder"], c["extension"], c["format"]) == (bulletin.FOLDER, "md", "yaml-frontmatter")
    assert c["slug"] == "{{fields.month}}"  # the file is named after the month field
    assert set(INTRO) - {"body"} == set(bulletin.INTRO_KEYS)
    assert INTRO["body"]["widget"] == "markdown" and INTRO["body"].get("required", True) is not False
    assert INTRO["title"]["required"] is False and INTRO["month"].get("required", True) is not False


@pytest.mark.parametrize("month, ok", [("2026-10", True), ("2026-1", False), ("2026-13", False),
                                       ("10/2026", False), ("2026-W40", False)])
def test_bulletin_month_pattern(month, ok):
    assert bool(re.fullmatch(INTRO["month"]["pattern"][0], month)) is ok


def _intro(root: Path, name: str, meta: dict, body: str) -> None:
    folder = root / "ban-tin"
    folder.mkdir(exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    (folder / name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


@pytest.mark.parametrize("title", ["Thư của Ban biên tập", ""])
def test_what_the_bulletin_form_writes_is_accepted(tmp_path, title):
    root = _site(tmp_path)
    _intro(root, "2026-10.md", {"month": "2026-10", "title": title}, "Tháng Mười, cả tỉnh hưởng ứng Ngày 10/10.\n")
    intros, problems = bulletin.read_intros(load_config(root / "mkdocs.yml"))
    assert problems == []
    assert intros["2026-10"].title == (title or "Lời giới thiệu")
    assert intros["2026-10"].markdown.startswith("Tháng Mười")


def test_a_month_field_that_differs_from_the_file_name_is_refused(tmp_path):
    root = _site(tmp_path)
    _intro(root, "2026-11.md", {"month": "2026-10", "title": "Thư"}, "Nội dung.\n")
    intros, problems = bulletin.read_intros(load_config(root / "mkdocs.yml"))
    assert intros == {}
    assert [(p.path, p.line) for p in problems] == [("ban-tin/2026-11.md", 2)]
    assert "khác tháng của tên tệp" in problems[0].message
