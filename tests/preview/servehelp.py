"""Run `chuyentrang serve` in a child process on a free port of 127.0.0.1, and read what it serves."""
from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Both sides stamp the same build time (the frequency log shows it), as reproducible builds do.
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795000000"}
ADDED = re.compile(r"<!--xem-truoc-->.*?<!--/xem-truoc-->", re.S)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, config: Path, *args: str, start_timeout: float = 120):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = config.parent / ".serve.log"
        self.proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-f", str(config),
                                      "-a", f"127.0.0.1:{self.port}", *args],
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT, cwd=config.parent,
                                     env=ENV)
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()
            try:
                self.version()
                if self.get("")[0] != 503:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.proc.kill()
        raise AssertionError("serve did not start:\n" + self.log.read_text())

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def version(self, seen: int = -1) -> int:
        return int(self.get(f".chuyentrang/doi?v={seen}")[1])

    def settle(self, before: int, quiet: float = 0.6, timeout: float = 60) -> int:
        """Wait until the preview has changed since ``before`` and then stayed unchanged for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        v = before
        while v == before and time.monotonic() < deadline:
            v = self.version(before)
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.version()
            if now == v:
                return v
            v = now
        raise AssertionError("serve did not settle:\n" + self.log.read_text())

    def wait_log(self, text: str, after: str = "", timeout: float = 60) -> str:
        """The log once ``text`` is in it (after the last ``after``, when given): serve writes what it says of a
        build just after the build is served, so a test that reads the log at once can miss it."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log.read_text(encoding="utf-8")
            if text in (log.split(after)[-1] if after else log) or time.monotonic() > deadline:
                return log
            time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def page_bytes(path: str, body: bytes) -> bytes:
    """What a served file is once the preview's additions are taken out (decompressed for .gz)."""
    if path.endswith(".gz"):
        return gzip.decompress(body)
    if path.endswith(".html"):
        return ADDED.sub("", body.decode("utf-8")).encode("utf-8")
    return body


def clean_build(config: Path, out: Path, *args: str) -> None:
    r = subprocess.run([sys.executable, "-m", "generator", "build", "-f", str(config), "-d", str(out), *args],
                       capture_output=True, text=True, env=ENV, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def built_files(site: Path) -> dict[str, Path]:
    """The site's files as a clean build wrote them, without the build's own marker of its output folder."""
    from generator.publish.output import MARKER

    site = site.resolve()  # the output folder is a link to the live build
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file() and p.name != MARKER}
