"""Fixtures for fetch tests: a real HTTP server on 127.0.0.1 and a throw-away site repository."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from .feedserver import FeedServer, Site


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 with nobody listening (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site")
