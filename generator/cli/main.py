"""The `chuyentrang` command: build, check, serve, fetch, new, deploy, rollback, verify. Exit 0 ok, 1 target missed,
2 bad input, 3 the machine failed us (a full or read-only disk, no permission, another build running)."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from generator.cli.argparse_vi import ArgumentParser, vietnamese
from generator.support.exits import (  # noqa: F401
    EXIT_ENVIRONMENT,
    EXIT_INPUT,
    EXIT_MISSED,
    EXIT_OK,
    environment_line,
)
from generator.core.problems import InputError, Problem


def _parser() -> argparse.ArgumentParser:
    common = ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, metavar="TỆP",
                        help="tệp cấu hình (mặc định ./mkdocs.yml); content/ và feeds/ nằm cạnh tệp này")
    as_of = "thời điểm xét (ISO 8601, hoặc YYYY-MM-DD = cuối ngày); mặc định: bây giờ"
    p = ArgumentParser(prog="chuyentrang", description="Chuyên trang chuyển đổi số: kiểm tra và xuất bản.")
    sub = p.add_subparsers(dest="command", required=True, metavar="LỆNH", title="các lệnh")

    b = sub.add_parser("build", parents=[common], help="kiểm tra dữ liệu, chỉ tiêu tần suất rồi build trang",
                       description="Kiểm tra bài viết, tin báo, đài và chỉ tiêu tần suất rồi build trang vào site/.")
    b.add_argument("--as-of", metavar="T", help=as_of)
    b.add_argument("-d", "--site-dir", type=Path, metavar="THƯ_MỤC", help="thư mục kết quả (mặc định: site/ cạnh mkdocs.yml)")

    c = sub.add_parser("check", parents=[common], help="chỉ kiểm tra chỉ tiêu tần suất",
                       description="Kiểm tra chỉ tiêu tần suất, không build trang.")
    c.add_argument("--as-of", metavar="T", help=as_of)
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: báo cáo để đọc (mặc định); json: báo cáo theo định dạng máy đọc")

    s = sub.add_parser("serve", parents=[common], help="xem trước trang, tự tải lại khi lưu tệp (cả bản nháp, bài hẹn giờ)",
                       description="Xem trước trang trên máy mình: trang đang mở tự tải lại mỗi khi lưu tệp; bản nháp và bài hẹn giờ hiện kèm băng cảnh báo.")
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                   help="địa chỉ máy chủ xem trước (mặc định 127.0.0.1:8000)")
    s.add_argument("--as-of", metavar="T", help="thời điểm xét, như với build; mặc định: lúc mở máy chủ")

    f = sub.add_parser("fetch", parents=[common], help="lấy tin từ các nguồn RSS vào feeds/archive/",
                       description="Lấy tin từ các nguồn RSS khai báo trong feeds/sources.yml vào feeds/archive/.")
    f.add_argument("--source", metavar="ID", help="chỉ lấy một nguồn (mã nguồn trong feeds/sources.yml)")

    n = sub.add_parser("new", parents=[common], help="tạo khung bài viết mới",
                       description="Tạo khung bài viết mới (bản nháp) và in đường dẫn tệp.")
    n.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài viết, trong dấu nháy kép")
    # not required here: without it, the answer lists the categories (argparse would only say it is missing)
    n.add_argument("--category", metavar="ID",
                   help="chuyên mục: mã (ví dụ kinh-te-so) hoặc tên như trên trang (ví dụ \"Kinh tế số\")")
    n.add_argument("--slug", metavar="SLUG",
                   help="địa chỉ bài /bai-viet/<slug>/ (mặc định: làm từ tiêu đề); chữ thường không dấu, số và '-'")

    d = sub.add_parser("deploy", parents=[common], help="xuất bản site/ vào thư mục máy chủ web (đổi nguyên khối)",
                       description="Đưa bản build site/ vào thư mục máy chủ web, đổi nguyên khối.")
    d.add_argument("--to", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục của máy chủ web")
    d.add_argument("-d", "--site-dir", type=Path, metavar="THƯ_MỤC", help="bản build đưa lên (mặc định: site/ cạnh mkdocs.yml)")
    d.add_argument("--keep", type=int, default=5, metavar="N", help="số bản phát hành giữ lại (mặc định 5)")

    r = sub.add_parser("rollback", parents=[common], help="quay lại bản phát hành trước",
                       description="Quay trang đang chạy về bản phát hành trước.")
    r.add_argument("--to", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục của máy chủ web")

    v = sub.add_parser("verify", parents=[common], help="dựng lại báo cáo từ kho git ở commit ghi trong tệp và so sánh",
                       description="Dựng lại báo cáo từ kho git ở commit ghi trong tệp và so sánh.")
    v.add_argument("file", type=Path, metavar="TỆP", help="tệp báo cáo: bao-cao.json, hoặc JSON/PDF của báo cáo quý")
    return p


# What the problems stop, in the first line: an editor who ran `new` or `check` has built nothing
_STOPPED = {"build": "cần sửa trước khi build", "check": "cần sửa trước khi kiểm tra chỉ tiêu",
            "serve": "cần sửa trước khi mở trang xem trước", "new": "chưa tạo bài mới",
            "fetch": "cần sửa trước khi lấy tin", "verify": "cần sửa trước khi đối chiếu báo cáo"}


def _print_problems(exc: InputError, err, command: str = "build") -> int:
    err.write(f"Dữ liệu đầu vào có lỗi, {_STOPPED.get(command, 'cần sửa')}:\n")
    for problem in exc.problems or [Problem("chuyentrang", None, "dữ liệu đầu vào có lỗi nhưng không rõ ở đâu")]:
        err.write(f"{problem}\n")
    return EXIT_INPUT


class _Quiet:
    """A standard stream whose reader may go away (`chuyentrang check | head`): writes after that are dropped and
    the command finishes with its own exit code."""

    def __init__(self, stream):
        self.stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self.gone = True
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.gone = True

    def close_quietly(self) -> None:
        """Flush now; if the reader is gone, point the descriptor at /dev/null so that Python's own flush at exit
        has nothing to complain about."""
        self.flush()
        if self.gone:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self.stream.fileno())
                os.close(devnull)
            except (OSError, ValueError, AttributeError):
                pass


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    oneshot = argv is None  # run as a program (console script, python -m), not called from Python
    out = _Quiet(out or sys.stdout)
    err = _Quiet(err or sys.stderr)
    try:
        with vietnamese():
            args = _parser().parse_args(argv)
        try:
            return _dispatch(args, out, err, oneshot)
        except InputError as exc:
            return _print_problems(exc, err, args.command)
        except OSError as exc:
            output = getattr(args, "site_dir", None) or (args.config_file.parent / "site" if args.command == "build" else None)
            err.write(environment_line(exc, args.command, output))
            return EXIT_ENVIRONMENT
    finally:
        out.close_quietly()
        err.close_quietly()


def _end_now(code: int, out: _Quiet, err: _Quiet) -> None:
    """End this process now with ``code``, everything said: the loaded site's millions of objects go back to the
    system with the process's memory, instead of being freed one by one first (measured: benchmarks/RESULTS-scale.md,
    round 12). A failed write (a full disk) raises here, and is reported as any other."""
    out.flush()
    err.flush()
    out.close_quietly()
    err.close_quietly()
    os._exit(code)


def _config_problems(args) -> list[Problem]:
    """`-f` must name a file; rollback never reads it, and deploy only when it has no `-d`."""
    if args.command == "rollback" or (args.command == "deploy" and args.site_dir is not None):
        return []
    cfg: Path = args.config_file
    if cfg.is_dir():
        return [Problem(str(cfg), None, "đây là một thư mục; -f/--config-file cần đường dẫn tới tệp mkdocs.yml")]
    if not cfg.exists():
        return [Problem(str(cfg), None, "không tìm thấy tệp cấu hình (-f/--config-file, mặc định ./mkdocs.yml)")]
    return []


def _project_inputs(cfg_file: Path) -> list:
    """The project's input folders (output.py's list), which deploy may not write into: from the config when it
    reads, else the usual names beside it."""
    from generator.core.config import load_config
    from generator.publish.output import _inputs

    try:
        return _inputs(load_config(cfg_file))
    except (InputError, OSError):
        root = cfg_file.resolve().parent
        return [(root, "thư mục dự án (nơi có mkdocs.yml)", True)] + [
            ((root / name).resolve(), f"thư mục {name}/ của dự án", False)
            for name in ("content", "feeds", ".git", "mien-tru", "xuat-ban-khan")]


def _dispatch(args, out, err, oneshot: bool = False) -> int:
    from generator.reports import report

    cfg_file: Path = args.config_file
    problems = _config_problems(args)
    if problems:
        raise InputError(problems)
    if args.command in ("build", "check"):
        from generator.core.config import load_config
        from generator.support.parallel import Pool
        from generator.core.site import load_site

        config = load_config(cfg_file)
        from generator.mkdocs_adapter.messages import theme_problems

        # a misspelt theme is said by `check` too, and by `build` before the long load (MkDocs would say it after)
        problems = theme_problems(cfg_file, cfg_file.name)
        site_dir = None
        if args.command == "build":
            from generator.publish.output import output_problems

            site_dir = args.site_dir or config.root / "site"
            from generator.support import cache

            cache.use(config.root)  # work kept from the last build (.cache/chuyentrang/)
            from generator.cli.phases import Phases

            phases = Phases(err)
            phases.begin("Đọc và chấm dữ liệu")
            # the output folder's problems are reported with the content's, not after a long load
            problems += output_problems(config, site_dir)
        # This process ends after this command and the site stays loaded until then: loading makes millions of
        # objects that all stay, and no cycles, which the garbage collector would walk again and again (measured:
        # benchmarks/RESULTS-scale.md, round 10). Paused while loading, then told to leave them alone.
        paused = oneshot and gc.isenabled()
        if paused:
            gc.disable()
        try:
            # thousands of articles: read on every core (forking is safe here: no threads yet)
            site = load_site(config, args.as_of, summaries=args.command == "build", map=Pool())
        except InputError as exc:
            raise InputError([*problems, *exc.problems]) from None
        finally:
            if paused:
                gc.freeze()
                gc.enable()
        if problems:
            raise InputError(problems)
        if args.command == "build":
            phases.end(f"{len(site.articles)} bài viết, {len(site.feed_items)} tin báo, đài")
        if oneshot:
            # This process ends after this command and the site stays loaded until then: the garbage collector
            # need not walk its millions of objects again (measured: benchmarks/RESULTS-scale.md, round 10).
            gc.freeze()
        from generator.reports.progress import advice

        if args.command == "check":
            if args.format == "json":  # the report as the site publishes it, with the commit checked
                from generator.reports.handover.verify import published_json
                from generator.core.integrity import summary

                git = site.integrity.git if site.integrity else None
                out.write(published_json(site.report, summary(site.integrity), git)[0].decode("utf-8"))
            else:
                out.write(report.to_text(site.report))
            (err if args.format == "json" else out).write(advice(site))  # early warnings, integrity notices
            code = EXIT_OK if site.report.status == "pass" else EXIT_MISSED
            if oneshot:
                _end_now(code, out, err)
            return code
        if not site.report.may_publish:
            err.write(report.to_text(site.report) + advice(site))
            err.write("Build dừng lại: không có gì được xuất bản, thư mục site/ giữ nguyên.\n")
            return EXIT_MISSED
        if site.report.status == "fail":  # published anyway: an urgent publish is in force
            err.write(report.urgent_frame(site.report))
        err.write(advice(site))  # early warnings, integrity notices
        from generator.mkdocs_adapter.build import build_into

        build_into(site, site_dir, err, phases)
        out.write(f"Đã build {len(site.articles)} bài viết, {len(site.feed_items)} tin báo, đài vào {site_dir}\n")
        return EXIT_OK
    if args.command == "serve":
        from generator.mkdocs_adapter.serve import serve_command

        return serve_command(cfg_file, args.dev_addr, out, err, as_of=args.as_of)
    if args.command == "new":
        from generator.core.config import load_config
        from generator.cli.newarticle import new_article

        made = new_article(load_config(cfg_file), args.title, args.category, slug=args.slug)
        err.writelines(f"{note}\n" for note in made.notes)
        out.write(f"{made.path}\n")
        return EXIT_OK
    if args.command == "fetch":
        from generator.fetch.run import fetch_command

        return fetch_command(cfg_file, args.source, out=out)
    if args.command == "deploy":
        from generator.publish.deploy import deploy_command

        site_dir = args.site_dir or cfg_file.resolve().parent / "site"
        return deploy_command(site_dir, args.to, args.keep, out=out, err=err, inputs=_project_inputs(cfg_file))
    if args.command == "verify":
        from generator.reports.handover.verify_command import verify_command

        return verify_command(cfg_file, args.file, out, err)
    if args.command == "rollback":
        from generator.publish.deploy import rollback_command

        return rollback_command(args.to, out=out, err=err)
    raise AssertionError(args.command)
