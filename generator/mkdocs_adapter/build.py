"""`chuyentrang build`: judge first; only when every target is met, run MkDocs into a temporary folder and swap it
in. A missed target or any failure leaves the previous ``site/`` exactly as it was."""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from generator.gate import verify_output
from generator.problems import InputError
from generator.site import Site

log = logging.getLogger("mkdocs")


class _Collect(logging.Handler):
    def __init__(self, out):
        super().__init__(logging.WARNING)
        self.out = out

    def emit(self, record):
        self.out.write(f"{record.levelname}: {record.getMessage()}\n")


def run_mkdocs(site: Site, site_dir: Path) -> None:
    """Build with MkDocs into ``site_dir`` (which must not exist yet), reusing the already judged ``site``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    cfg = mkdocs_config(config_file=str(site.config.config_file), site_dir=str(site_dir))
    plugin = cfg.plugins.get("chuyentrang")
    if plugin is None:
        raise InputError([])
    plugin.prepared = site
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def swap_in(new: Path, final: Path) -> None:
    """Put the complete build ``new`` where ``final`` is, keeping the old one until the new one is in place."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        os.rename(final, old)
    try:
        os.rename(new, final)
    except BaseException:
        if old.exists() and not final.exists():
            os.rename(old, final)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build_into(site: Site, site_dir: Path, err=sys.stderr) -> None:
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    handler = _Collect(err)
    log.addHandler(handler)
    try:
        run_mkdocs(site, tmp)
        verify_output(site, tmp)  # the gate holds even if the generator skipped the plugin
        swap_in(tmp, site_dir)
    finally:
        log.removeHandler(handler)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
