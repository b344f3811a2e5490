"""Question banks for the quiz "Tìm hiểu về chuyển đổi số": one file per bank, ``cau-hoi/<id>.yml`` beside
``mkdocs.yml``, read and validated with every problem at once (``cau-hoi/x.yml:line: message``).

The banks live outside ``content/`` on purpose: MkDocs copies every non-Markdown file of ``content/`` to the site as
it is, and a contest's answers must never be published. Only the pages made from a bank reach the site.

A bank::

    title: Tìm hiểu về chuyển đổi số
    description: ...                      # optional: one paragraph under the title
    mode: practice                        # practice (answers in the page, graded in the browser) | contest
    draw: 10                              # practice: questions drawn for each attempt (default: 10, at most all)
    campaign: ngay-chuyen-doi-so-quoc-gia-2026   # optional; required for a contest: its window is the contest's
    results: "Kết quả công bố ngày 20/10 trên chuyên trang"   # contest: how and when results are announced
    form_endpoint: https://...            # contest: where entries go; default: feedback.form_endpoint
    questions:
      - id: vneid-muc-2                   # unique in the bank, slug form
        question: "Tài khoản định danh điện tử mức 2 ..."
        options: ["...", "...", "..."]    # 2 to 6
        answer: B                         # the correct option's letter, or several: [A, C]
        explanation: "..."
        source: https://dichvucong.gov.vn/...   # where the explanation can be checked
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.core import yamlfile
from generator.core.config import SLUG_RE, SiteConfig
from generator.core.problems import Problem
from generator.core.schema import nfc as _text  # the one NFC-and-strip

FOLDER = "cau-hoi"
KEYS = ("title", "description", "mode", "draw", "campaign", "results", "form_endpoint", "questions")
QUESTION_KEYS = ("id", "question", "options", "answer", "explanation", "source")
LETTERS = "ABCDEF"
MIN_OPTIONS, MAX_OPTIONS = 2, 6
DEFAULT_DRAW = 10


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[str, ...]
    answer: tuple[int, ...]  # 0-based indexes of the correct options, ascending
    explanation: str
    source: str

    @property
    def multiple(self) -> bool:
        return len(self.answer) > 1

    @property
    def answer_letters(self) -> str:
        return "".join(LETTERS[i] for i in self.answer)


@dataclass(frozen=True)
class Bank:
    id: str
    path: str  # as editors see it: "cau-hoi/x.yml"
    title: str
    description: str
    mode: str  # "practice" | "contest"
    draw: int
    campaign: str  # a campaign id, or ""
    results: str
    form_endpoint: str
    questions: tuple[Question, ...]
    opens: date | None = None  # a contest's window (its campaign's), inclusive
    closes: date | None = None

    @property
    def url(self) -> str:
        return f"{INDEX}{self.id}/"

    @property
    def contest(self) -> bool:
        return self.mode == "contest"


INDEX = "thi-tim-hieu/"


def _same(text: str) -> str:
    """What makes two options "the same" to a reader: case, spacing and a final full stop do not count."""
    return " ".join(_text(text).casefold().split()).rstrip(".")


def _url_ok(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def bank_files(config: SiteConfig) -> list[Path]:
    base = config.root / FOLDER
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


def load_banks(config: SiteConfig, campaigns=(), form_endpoint: str = "") -> tuple[tuple[Bank, ...], list[Problem]]:
    """Every bank of ``cau-hoi/`` and every problem found in them. ``campaigns``: the configured campaigns (a bank
    may name one); ``form_endpoint``: the feedback form's, the default for a contest."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    by_campaign = {c.id: c for c in campaigns}
    for path in bank_files(config):
        rel = config.rel(path)
        bank = _read_bank(path, rel, by_campaign, form_endpoint, problems)
        if bank is not None:
            banks.append(bank)
    return tuple(banks), problems


def _read_bank(path: Path, rel: str, campaigns: dict, default_endpoint: str, problems: list[Problem]) -> Bank | None:
    before = len(problems)

    def err(line: int | None, message: str) -> None:
        problems.append(Problem(rel, line, message))

    bank_id = path.stem
    if not SLUG_RE.match(bank_id):
        err(None, f"tên tệp '{path.name}' là mã bộ câu hỏi, phải viết thường, không dấu, nối bằng '-' "
                  f"(ví dụ: cau-hoi/tim-hieu-chuyen-doi-so.yml)")
    try:
        data, lines = yamlfile.load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        err(None, "không đọc được tệp (cần văn bản UTF-8)")
        return None
    except yaml.YAMLError as exc:
        err(yamlfile.error_line(exc), yamlfile.error_message(exc))
        return None
    if not isinstance(data, dict):
        err(1, "bộ câu hỏi cần các dòng 'khóa: giá trị': title, mode, questions...")
        return None
    for key in data:
        if key not in KEYS:
            err(lines.of(key), f"khóa không được hỗ trợ: '{key}' (có thể dùng: {', '.join(KEYS)})")

    title = _text(data.get("title"))
    if not title:
        err(lines.of("title") or 1, "bộ câu hỏi cần 'title': tên cuộc thi hoặc bài luyện tập")
    mode = _text(data.get("mode") or "practice")
    if mode not in ("practice", "contest"):
        err(lines.of("mode"), f"mode phải là 'practice' (luyện tập) hoặc 'contest' (dự thi), không phải '{mode}'")

    campaign = _text(data.get("campaign"))
    opens = closes = None
    if campaign:
        c = campaigns.get(campaign)
        if c is None:
            known = ", ".join(campaigns) or "chưa khai báo chiến dịch nào"
            err(lines.of("campaign"), f"chiến dịch không có trong cấu hình: '{campaign}' (có: {known})")
        else:
            opens, closes = c.start, c.end
    results = _text(data.get("results"))
    endpoint = _text(data.get("form_endpoint"))
    if endpoint and not _url_ok(endpoint):
        err(lines.of("form_endpoint"), f"form_endpoint phải là địa chỉ http(s) đầy đủ, không phải '{endpoint}'")
    if mode == "contest":
        if not campaign:
            err(lines.of("mode"), "bài dự thi (mode: contest) cần 'campaign': thời gian thi là thời gian của chiến dịch")
        if not results:
            err(lines.of("mode"), "bài dự thi cần 'results': cách và thời điểm công bố kết quả, để người dự thi biết")
        if not endpoint and not default_endpoint:
            err(lines.of("mode"), "bài dự thi cần nơi nhận bài: 'form_endpoint' trong tệp này hoặc "
                                  "feedback: form_endpoint trong mkdocs.yml (trang tĩnh không tự chấm bài dự thi)")

    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        err(lines.of("questions") or 1, "bộ câu hỏi cần 'questions': danh sách ít nhất một câu hỏi")
        raw_questions = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, str] = {}
    for i, q in enumerate(raw_questions):
        question = _question(q, i, lines, err, seen_ids, seen_texts)
        if question is not None:
            questions.append(question)

    given_draw = data.get("draw") not in (None, "")  # Decap CMS writes a cleared number field as ""
    draw = data["draw"] if given_draw else DEFAULT_DRAW
    if isinstance(draw, bool) or not isinstance(draw, int) or draw < 1:
        err(lines.of("draw"), f"draw (số câu mỗi lượt làm bài) phải là số nguyên từ 1 trở lên, không phải '{draw}'")
        draw = DEFAULT_DRAW
    elif given_draw and raw_questions and draw > len(raw_questions):
        err(lines.of("draw"), f"draw là {draw} câu nhưng bộ chỉ có {len(raw_questions)} câu hỏi")

    if len(problems) > before:
        return None
    return Bank(bank_id, rel, title, _text(data.get("description")), mode, min(draw, len(questions)), campaign,
                results, endpoint or default_endpoint, tuple(questions), opens, closes)


def _question(q: object, i: int, lines, err, seen_ids: dict, seen_texts: dict) -> Question | None:
    where = f"câu {i + 1}"
    line = lines.of("questions", i)
    if not isinstance(q, dict):
        err(line, f"{where}: mỗi câu hỏi cần id, question, options, answer, explanation, source")
        return None
    ok = True

    def bad(key: str | None, message: str) -> None:
        nonlocal ok
        ok = False
        err(lines.of("questions", i, key) if key and key in q else line, message)

    for key in q:
        if key not in QUESTION_KEYS:
            bad(key, f"{where}: khóa không được hỗ trợ: '{key}' (có thể dùng: {', '.join(QUESTION_KEYS)})")
    qid = _text(q.get("id"))
    if not qid or not SLUG_RE.match(qid):
        bad("id", f"{where}: id '{qid}' phải viết thường, không dấu, nối bằng '-' (ví dụ: vneid-muc-2)")
    elif qid in seen_ids:
        bad("id", f"{where}: id '{qid}' trùng với câu {seen_ids[qid]}")
    else:
        seen_ids[qid] = i + 1
    if qid:
        where = f"câu '{qid}'"
    text = _text(q.get("question"))
    if not text:
        bad("question", f"{where}: thiếu nội dung câu hỏi (question)")
    elif _same(text) in seen_texts:
        bad("question", f"{where}: nội dung câu hỏi trùng với {seen_texts[_same(text)]}")
    else:
        seen_texts[_same(text)] = where

    raw_options = q.get("options")
    options: list[str] = []
    if not isinstance(raw_options, list):
        bad("options", f"{where}: options phải là danh sách {MIN_OPTIONS} đến {MAX_OPTIONS} phương án")
    else:
        if not MIN_OPTIONS <= len(raw_options) <= MAX_OPTIONS:
            bad("options", f"{where}: cần {MIN_OPTIONS} đến {MAX_OPTIONS} phương án, đang có {len(raw_options)}")
        seen: dict[str, int] = {}
        for n, o in enumerate(raw_options):
            letter = LETTERS[n] if n < len(LETTERS) else str(n + 1)
            t = _text(o) if isinstance(o, (str, int, float)) and not isinstance(o, bool) else ""
            if not t:
                ok = False
                err(lines.of("questions", i, "options", n) or line, f"{where}: phương án {letter} để trống")
            elif _same(t) in seen:
                ok = False
                err(lines.of("questions", i, "options", n) or line,
                    f"{where}: phương án {letter} giống hệt phương án {LETTERS[seen[_same(t)]]}: '{t}'")
            else:
                seen[_same(t)] = n
            options.append(t)

    answer: list[int] = []
    raw_answer = q.get("answer")
    given = raw_answer if isinstance(raw_answer, list) else [raw_answer] if raw_answer not in (None, "") else []
    if not given:
        bad("answer", f"{where}: chưa có đáp án đúng (answer: chữ cái của phương án đúng, ví dụ answer: B "
                      f"hoặc answer: [A, C])")
    for a in given:
        letter = _text(a).upper()
        if len(letter) != 1 or letter not in LETTERS:
            bad("answer", f"{where}: đáp án '{_text(a)}' phải là một chữ cái A đến {LETTERS[-1]}")
        elif options and LETTERS.index(letter) >= len(options):
            bad("answer", f"{where}: đáp án {letter} không có: câu này chỉ có phương án A đến "
                          f"{LETTERS[len(options) - 1]}")
        elif LETTERS.index(letter) in answer:
            bad("answer", f"{where}: đáp án {letter} ghi hai lần")
        else:
            answer.append(LETTERS.index(letter))
    if options and answer and len(answer) == len(options):
        bad("answer", f"{where}: mọi phương án đều đúng: câu hỏi không phân biệt được ai hiểu bài")

    explanation = _text(q.get("explanation"))
    if not explanation:
        bad("explanation", f"{where}: thiếu lời giải thích (explanation): người học cần biết vì sao đáp án đúng")
    source = _text(q.get("source"))
    if not source:
        bad("source", f"{where}: thiếu nguồn (source): địa chỉ trang chính thức để kiểm chứng đáp án")
    elif not _url_ok(source):
        bad("source", f"{where}: nguồn phải là địa chỉ http(s) đầy đủ, không phải '{source}'")
    if not ok:
        return None
    return Question(qid, text, tuple(options), tuple(sorted(answer)), explanation, source)


def contest_state(bank: Bank, today: date) -> str:
    """``before``, ``open`` or ``closed`` for a contest on ``today`` (the build's day, site timezone); practice
    quizzes are always ``open``."""
    if not bank.contest or bank.opens is None:
        return "open"
    if today < bank.opens:
        return "before"
    return "open" if today <= bank.closes else "closed"


def active_banks(banks, today: date) -> tuple[Bank, ...]:
    """The banks tied to a campaign whose window holds ``today``: shown on the home page and the campaign page."""
    return tuple(b for b in banks if b.opens is not None and b.opens <= today <= b.closes)
