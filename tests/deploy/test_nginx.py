"""The nginx server block documented in docs/trien-khai.md, run for real on 127.0.0.1 over a deployed folder:
what visitors get follows deploy and rollback at once."""
from __future__ import annotations

import grp
import io
import os
import pwd
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.publish import deploy as d
from system_packages import ensure_program

ROOT = Path(__file__).resolve().parents[2]
NGINX = ensure_program("nginx", "nginx-light", "/usr/sbin/nginx")
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx could not be installed (apt-get install nginx-light)")


def documented_server_block() -> str:
    text = (ROOT / "docs" / "trien-khai.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/trien-khai.md documents one nginx config"
    servers = re.findall(r"^server \{\n.*?^\}\n", blocks[0], re.S | re.M)
    https = [s for s in servers if "root " in s]
    assert len(https) == 1
    return https[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


def site(path: Path, version: str) -> None:
    files = {
        "index.html": f"<h1>Trang chủ bản {version}</h1>",
        "404.html": f"Không tìm thấy ({version})",
        "bai-viet/ngay-hoi/index.html": f"Ngày hội ({version})",
        "nhat-ky-tan-suat/bao-cao.json": f'{{"version": "{version}"}}',
        "assets/site.css": f"/* {version} */",
    }
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def server(tmp_path):
    target = tmp_path / "srv" / "chuyentrang"
    target.parent.mkdir()
    port = free_port()
    block = documented_server_block()
    block = re.sub(r"^\s*listen .*\n", "", block, flags=re.M)
    block = re.sub(r"^\s*(ssl_\S+|http2) .*\n", "", block, flags=re.M)
    block = block.replace("server {", f"server {{\n    listen 127.0.0.1:{port};", 1)
    block = block.replace("/srv/chuyentrang/current", f"{target}/current")
    conf = tmp_path / "nginx.conf"
    # workers run as the test's own user, so they can read pytest's private temp folder
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};" if os.geteuid() == 0 else ""
    conf.write_text(f"""
{user}
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy; fastcgi_temp_path {tmp_path}/fcgi;
    uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
{block}
}}
""", encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
                            stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield port, target
    proc.terminate()
    proc.wait(timeout=10)


def test_nginx_serves_current_and_follows_deploy_and_rollback(tmp_path, server):
    port, target = server
    for v in "AB":
        site(tmp_path / f"site-{v}", v)
    assert d.deploy_command(tmp_path / "site-A", target, 5, out=io.StringIO()) == 0
    status, body, headers = get(port, "/")
    assert status == 200 and "bản A" in body
    assert headers.get("Cache-Control") == "no-cache"
    assert get(port, "/bai-viet/ngay-hoi/")[1] == "Ngày hội (A)"

    assert d.deploy_command(tmp_path / "site-B", target, 5, out=io.StringIO()) == 0
    assert "bản B" in get(port, "/")[1], "the new release is served at once"
    status, body, headers = get(port, "/nhat-ky-tan-suat/bao-cao.json")
    assert status == 200 and '"B"' in body and headers["Content-Type"].startswith("application/json")
    status, body, _ = get(port, "/khong-co/")
    assert status == 404 and "(B)" in body

    assert d.rollback_command(target, out=io.StringIO()) == 0
    assert "bản A" in get(port, "/")[1], "rollback is served at once"
    # what deploy leaves beside the releases is never reachable
    assert get(port, "/.lock")[0] in (403, 404)
    assert get(port, "/../previous/index.html")[0] in (400, 403, 404)
