"""Tests that need a real program install it themselves from Debian's packages, as CI starts from a clean machine."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_tried: dict[str, str | None] = {}


def ensure_program(program: str, package: str, *candidates: str) -> str | None:
    """Path of ``program``; when missing, ``apt-get install -y package`` (as root) and look again. None if impossible."""
    if program in _tried:
        return _tried[program]

    def find() -> str | None:
        found = shutil.which(program)
        if found:
            return found
        return next((c for c in candidates if Path(c).exists()), None)

    path = find()
    if path is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]
        if subprocess.run(install, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(install, env=env, capture_output=True)
        path = find()
    _tried[program] = path
    return path
