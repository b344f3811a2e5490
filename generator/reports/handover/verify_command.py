"""``chuyentrang verify FILE``: rebuild the report FILE claims from the repository at the commit it names, and
compare. Exit 0 it matches, 1 it differs, 2 bad input (or nothing to rebuild it from).

The commit's files are checked out into a temporary git worktree (``git worktree add --detach``): the user's own
working tree, index and branch are never touched, and the full history is there for the backdating check, as in a
build. The judging is done by the generator installed now, with the report's as-of time.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.core import timeutil
from generator.reports.handover.verify import BUILD_KEY, RANGE_KEY, differences, verification_code
from generator.reports.handover.xlsx import check_range
from generator.core.problems import InputError
from generator.support.exits import os_reason

EXIT_OK, EXIT_DIFFERS, EXIT_INPUT = 0, 1, 2
SCHEMA = "chuyentrang.frequency-report/1"
COMMIT_RE = re.compile(r"^[0-9a-f]{7,64}$")


class _Bad(Exception):
    """Nothing to compare: one line for the user, exit 2."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "-C", str(cwd), *args], capture_output=True,
                              env=env, check=False)
    except FileNotFoundError:
        raise _Bad("không tìm thấy lệnh git: cần cài git để dựng lại báo cáo") from None


def _not_json(name: str):
    raise ValueError(name)


def read_claim(file: Path) -> dict:
    """The report JSON in ``file``, checked enough to be rebuilt; raises _Bad with ``path:line: message``."""
    name = str(file)
    try:
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise _Bad(f"{name}: không đọc được tệp ({os_reason(exc)})") from None
    if raw.startswith(b"%PDF"):
        raw = _from_pdf(name, raw)
    try:
        d = json.loads(raw.decode("utf-8-sig"), parse_constant=_not_json)
    except UnicodeDecodeError:
        raise _Bad(f"{name}: tệp không phải văn bản UTF-8, không phải báo cáo JSON") from None
    except json.JSONDecodeError as exc:
        raise _Bad(f"{name}:{exc.lineno}: không phải JSON hợp lệ (sai từ cột {exc.colno})") from None  # exc.msg is English
    except ValueError as exc:  # NaN, Infinity: Python reads them, JSON has no such values
        raise _Bad(f"{name}: không phải JSON hợp lệ (có giá trị {exc}, JSON không có giá trị này)") from None
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        raise _Bad(f"{name}: không phải báo cáo tần suất (cần \"schema\": \"{SCHEMA}\")")
    if not isinstance(d.get("channels"), list):
        raise _Bad(f"{name}: báo cáo thiếu danh sách kênh (channels)")
    try:
        datetime_ok = isinstance(d.get("as_of"), str) and timeutil.parse_datetime(d["as_of"], timeutil.zone("UTC"))
    except ValueError:
        datetime_ok = False
    if not datetime_ok:
        raise _Bad(f"{name}: thời điểm xét (as_of) thiếu hoặc sai dạng: {d.get('as_of')!r}")
    build = d.get(BUILD_KEY)
    commit = build.get("commit") if isinstance(build, dict) else None
    if not commit:
        raise _Bad(f"{name}: báo cáo không ghi commit đã dùng để build (trường build.commit), không dựng lại được; "
                   "báo cáo này được build ngoài kho git hoặc bằng phiên bản cũ")
    if not isinstance(commit, str) or not COMMIT_RE.match(commit):
        raise _Bad(f"{name}: mã commit không hợp lệ: {commit!r}")
    span = d.get(RANGE_KEY)
    if span is not None:
        try:
            check_range(span["id"])
        except (ValueError, TypeError, KeyError):
            raise _Bad(f"{name}: kỳ báo cáo (range) không hợp lệ: {span!r}") from None
    return d


def _from_pdf(name: str, raw: bytes) -> bytes:
    """The report JSON a formal report's PDF carries as its attachment."""
    from generator.reports.handover.pdf import ATTACHMENT, attached_report

    try:
        found = attached_report(raw)
    except ImportError:
        raise _Bad("cần gói pypdf để đọc tệp PDF (pip install pypdf)") from None
    except Exception:  # pypdf raises many kinds for a broken file; each means the same to the user
        raise _Bad(f"{name}: không đọc được tệp PDF: tệp hỏng hoặc không phải PDF") from None  # pypdf says it in English
    if found is None:
        raise _Bad(f"{name}: tệp PDF không mang theo số liệu báo cáo ({ATTACHMENT}); chỉ kiểm tra được bản PDF "
                   "do chuyentrang tạo cho báo cáo quý")
    return found


def page_problems(raw: bytes, claim: dict) -> list[str]:
    """What the printed pages of a formal report's PDF say against its attachment: every page carries the
    attachment's verification code, the pages are numbered "Trang 1/N" … "N/N" with N the file's page count, and the
    title names the attachment's period. Pages swapped from another report or removed show here."""

    from pypdf import PdfReader

    from generator.reports.handover.pdf import pypdf_quiet
    from generator.reports.handover.words import period_short

    with pypdf_quiet():
        reader = PdfReader(io.BytesIO(raw))
        texts = [(p.extract_text() or "") for p in reader.pages]
    total, found = len(texts), []
    code = (claim.get(BUILD_KEY) or {}).get("verification_code")
    for n, text in enumerate(texts, 1):
        flat = " ".join(text.split())
        if code and f"Mã xác minh: {code}" not in flat:
            other = re.search(r"Mã xác minh: (\S+)", flat)
            found.append(f"trang {n} của tệp ghi mã xác minh {other.group(1) if other else '(không có)'}, "
                         f"khác mã của số liệu đính kèm {code}: trang này không thuộc báo cáo này")
        number = re.search(r"Trang (\d+)/(\d+)", flat)
        if not number:
            found.append(f"trang {n} của tệp không có số trang «Trang {n}/{total}»")
        elif (int(number.group(1)), int(number.group(2))) != (n, total):
            found.append(f"trang {n} của tệp in «Trang {number.group(1)}/{number.group(2)}», cần «Trang {n}/{total}»: "
                         "tệp đã bị bớt, thêm hoặc đổi chỗ trang")
    span = claim.get(RANGE_KEY)
    if span and texts:
        want = period_short(span["id"])
        first = " ".join(texts[0].split())
        if want.lower() not in first.lower():
            found.append(f"tiêu đề in trên trang 1 không ghi kỳ {want} của số liệu đính kèm")
    return found


def rebuild(cfg_file: Path, commit: str, as_of: str, span: str | None = None) -> dict:
    """The report as the repository's files at ``commit`` give it at ``as_of``, as a dict (``report.to_dict``);
    ``span``: a quarter or month (``2026-Q4``, ``2026-11``), for a formal report's JSON."""
    from generator.support.parallel import Pool
    from generator.reports.report import to_dict
    from generator.core.site import load_site

    cfg = Path(cfg_file).resolve()
    r = _git(cfg.parent, "rev-parse", "--show-toplevel")
    if r.returncode != 0:
        raise _Bad(f"{cfg_file}: thư mục của tệp cấu hình không nằm trong kho git, không dựng lại được báo cáo")
    top = Path(r.stdout.decode().strip()).resolve()
    rel = cfg.relative_to(top)
    if _git(top, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        raise _Bad(f"commit {commit} không có trong kho {top} (kho thiếu lịch sử? chạy 'git fetch --unshallow' "
                   "hoặc lấy kho đầy đủ)")
    tmp = Path(tempfile.mkdtemp(prefix="chuyentrang-verify-"))
    tree = tmp / "kho"
    try:
        added = _git(top, "worktree", "add", "--detach", "--quiet", str(tree), commit)
        if added.returncode != 0:
            raise _Bad(f"không lấy được dữ liệu của commit {commit}: "
                       f"{added.stderr.decode('utf-8', 'replace').strip()[:300]}")
        if not (tree / rel).is_file():
            raise _Bad(f"commit {commit} không có tệp cấu hình {rel.as_posix()}")
        try:
            site = load_site(tree / rel, as_of, summaries=False, map=Pool())
        except InputError as exc:
            lines = "\n".join(str(p).replace(str(tree) + os.sep, "") for p in exc.problems)
            raise _Bad(f"dữ liệu ở commit {commit} có lỗi, không dựng lại được báo cáo:\n{lines}") from None
        if span is not None:
            from generator.reports.handover.formal import range_dict

            return range_dict(site.report, span)
        return to_dict(site.report)
    finally:
        if tree.exists():
            _git(top, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(tmp, ignore_errors=True)
        _git(top, "worktree", "prune")


def verify_command(cfg_file: Path, file: Path, out, err) -> int:
    try:
        claim = read_claim(Path(file))
        build = claim[BUILD_KEY]
        commit = build["commit"]
        span = claim.get(RANGE_KEY)
        rebuilt = rebuild(Path(cfg_file), commit, claim["as_of"], span["id"] if span else None)
    except _Bad as exc:
        err.write(f"{exc}\n")
        return EXIT_INPUT
    if Path(file).read_bytes()[:4] == b"%PDF":
        pages = page_problems(Path(file).read_bytes(), claim)
    else:
        pages = []
    stated = build.get("verification_code")
    own = verification_code(claim, commit)
    fresh = verification_code(rebuilt, commit)
    found = pages + differences(claim, rebuilt)
    if not stated:
        # every report built from a commit carries its code (verify.build_record): one without it was edited
        found.insert(0, f"tệp không ghi mã xác minh (build.verification_code) dù ghi commit; mã đúng của nội dung tệp "
                        f"là {own}: tệp đã bị sửa sau khi build")
    elif stated != own:
        found.insert(0, f"mã xác minh ghi trong tệp {stated} không khớp với nội dung tệp ({own}): tệp đã bị sửa "
                        "sau khi build")
    when = timeutil.format_datetime(timeutil.parse_datetime(claim["as_of"], _zone(claim.get("timezone"))))
    if build.get("dirty"):
        out.write("Lưu ý: báo cáo được build khi kho có thay đổi chưa commit, nên có thể không khớp với commit.\n")
    if not found:
        out.write(f"KHỚP: báo cáo đúng với dữ liệu của kho ở commit {commit[:12]}, thời điểm xét {when}.\n"
                  f"Mã xác minh: {fresh}\n")
        return EXIT_OK
    out.write(f"KHÔNG KHỚP: báo cáo khác với dữ liệu của kho ở commit {commit[:12]}, thời điểm xét {when}: "
              f"{len(found)} chỗ khác (ghi trong báo cáo ≠ dựng lại từ kho):\n")
    for line in found:
        out.write(f"  - {line}\n")
    out.write(f"Mã xác minh đúng của báo cáo dựng lại: {fresh}\n")
    return EXIT_DIFFERS


def _zone(name):
    """The report's timezone, to show its as-of time as it was written; UTC when it names none."""
    try:
        return timeutil.zone(str(name))
    except ValueError:
        return timeutil.zone("UTC")
