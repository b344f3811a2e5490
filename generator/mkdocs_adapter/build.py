"""`chuyentrang build`'s driver: judge first (done by the caller); only when the site may be published, run MkDocs
into a new build folder (``generator.publish.output`` gives it and swaps it in), check that the output carries the judged
report (``generator.publish.gate``), then swap. A missed target or any failure leaves the previous ``site/`` as it was."""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from generator.core.problems import InputError, Problem, raise_if_any
from generator.publish.gate import judged, verify_output
from generator.publish.output import (MARKER, MARKER_TEXT, Lock, builds_folder, clean_leftovers, live_build, new_build_id,
                              output_problems, place, remove, swap_in)
from generator.core.site import Site
from generator.mkdocs_adapter import messages

log = logging.getLogger("mkdocs")


class _Collect(logging.Handler):
    """MkDocs' warnings, kept until the build ends: printed after a build, dropped after an environment failure
    (whose one line says it all)."""

    def __init__(self, content: str = "content", withheld: frozenset[str] = frozenset()):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.content, self.withheld = content, withheld

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.ERROR and message.startswith("Config value '"):
            return  # said as a problem of mkdocs.yml (run_mkdocs)
        if record.levelno >= logging.ERROR and _PAGE_ERROR.match(message):
            return  # said as a problem of the page (run_mkdocs), or followed by the traceback of our own failure
        self.lines.append(messages.warning(message, self.content, self.withheld) + "\n")  # editors read Vietnamese


_PAGE_ERROR = re.compile(r"Error (?:reading|building) page '(?P<src>[^']*)'")


class _PageErrors(logging.Handler):
    """The page MkDocs names ("Error reading page 'x.md': ...") before it lets a Markdown extension's error through."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.pages: list[str] = []

    def emit(self, record):
        m = _PAGE_ERROR.match(record.getMessage())
        if m:
            self.pages.append(m["src"])


class _ConfigErrors(logging.Handler):
    """MkDocs' "Config value 'theme': ..." errors, logged before it aborts with only "Aborted with a configuration
    error!"."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def run_mkdocs(site: Site, site_dir: Path, phases=None) -> None:
    """Build with MkDocs into ``site_dir`` (which must not exist yet), reusing the already judged ``site``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, ConfigurationError

    name = site.config.rel(site.config.config_file)
    errors = _ConfigErrors()
    log.addHandler(errors)
    try:
        cfg = mkdocs_config(config_file=str(site.config.config_file), site_dir=str(site_dir))
    except (ConfigurationError, Abort) as exc:
        raise InputError(messages.config_errors(errors.messages, site.config.config_file, name)
                         or [Problem(name, None, f"MkDocs không đọc được cấu hình: {messages.ENGLISH}{exc}")]) from None
    finally:
        log.removeHandler(errors)
    plugin = cfg.plugins.get("chuyentrang")
    if plugin is None:
        raise InputError([Problem(name, None, "MkDocs không nạp plugin 'chuyentrang' khai báo trong mục plugins "
                                              "(plugin bị tắt bằng enabled: false, hoặc gói chuyentrang chưa được cài "
                                              "vào môi trường Python đang chạy)")])
    plugin.prepared = site
    plugin.phases = phases
    if phases is not None:
        phases.begin("Dựng trang tổng hợp, báo cáo")
    cfg.plugins.on_startup(command="build", dirty=False)
    failed = _PageErrors()
    log.addHandler(failed)
    try:
        build(cfg)
    except Abort as exc:
        raise InputError([Problem(name, None, f"MkDocs dừng build: {exc}")]) from None
    except Exception as exc:
        # A Markdown extension refusing a page (pymdownx.snippets: a file to paste that is not there) is the page's
        # problem, not a crash; an error of our own code (or of Python itself) stays a traceback to be fixed.
        if not failed.pages or type(exc).__module__.split(".")[0] in ("generator", "builtins"):
            raise
        page = site.config.content_dir / failed.pages[-1]
        raise InputError([messages.page_error(exc, page, site.config.rel(page))]) from None
    finally:
        log.removeHandler(failed)
        plugin.phases = None
        plugin.prepared = None  # MkDocs keeps plugin instances between loads of one config: never judge with a stale site
        cfg.plugins.on_shutdown()


# ------------------------------------------------------------------------------------------- where the output goes

def build_into(site: Site, site_dir: Path, err=sys.stderr, phases=None) -> None:
    """Build ``site`` and swap it in at ``site_dir``. Raises InputError when the folder may not be used (nothing
    written then) and lets OSError through (a full or read-only disk) after removing its own half-made build."""
    raise_if_any(output_problems(site.config, site_dir))
    out = place(site_dir)
    builds = builds_folder(out)
    builds.mkdir(parents=True, exist_ok=True)
    with Lock(builds):
        clean_leftovers(out, live_build(out))
        new = builds / new_build_id(builds)
        expected = judged(site)
        handler = _Collect(site.config.rel(site.config.content_dir), frozenset(a.src_uri for a in site.withheld))
        log.addHandler(handler)
        try:
            run_mkdocs(site, new, phases)
            verify_output(site, new, expected)  # the gate holds even if the generator skipped the plugin
            (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap_in(new, out)
        except BaseException as exc:
            if live_build(out) != new.name:  # not yet live: a half-made build is nobody's
                remove(new)
            if not isinstance(exc, OSError):
                err.writelines(handler.lines)
            raise
        finally:
            log.removeHandler(handler)
        err.writelines(handler.lines)
        clean_leftovers(out, new.name)
