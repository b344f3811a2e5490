"""The network, and only the network: one GET with limits, redirects checked by hand, retries, conditional GET.

httpx gives separate connect and read timeouts and a streaming body, so a slow or endless answer is cut off
and a body is never held past the size cap (counted after gzip decoding, so a gzip bomb is cut too).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from . import reasons

ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
          "text/xml;q=0.9, */*;q=0.1")
REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 90.0  # per attempt, so a server dripping one byte per read cannot hold us forever
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # attempts after the first, on timeouts, dropped connections, 429 and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time (with jitter), at most 30 s


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    attempts: int = 1
    permanent_redirect: str | None = None  # the new address when the feed answered 301/308
    notes: tuple[str, ...] = field(default=())

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A source could not be fetched; `message` is Vietnamese, for the per-source report."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self):
        return type(self), (self.kind, self.message)


class _Retry(Exception):
    def __init__(self, error: FetchError, wait: float | None = None):
        super().__init__(error.message)
        self.error = error
        self.wait = wait

    def __reduce__(self):
        return type(self), (self.error, self.wait)


def make_client(user_agent: str, limits: Limits) -> httpx.Client:
    """One client for a whole run (connection pool shared by the worker threads)."""
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout, write=limits.read_timeout,
                            pool=limits.total_timeout)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
        trust_env=False,
    )


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


# What each status means, in Vietnamese: the server's own reason phrase is English (or whatever it chose to send)
_STATUS_MEANING = {
    400: "yêu cầu không hợp lệ", 401: "cần đăng nhập", 403: "bị cấm truy cập", 405: "không cho phép cách tải này",
    406: "không có định dạng phù hợp", 408: "hết thời gian chờ yêu cầu", 429: "tải quá nhiều lần, cần chờ",
    451: "bị chặn vì lý do pháp lý", 500: "lỗi nội bộ của máy chủ", 502: "máy chủ trung gian nhận trả lời hỏng",
    503: "máy chủ tạm thời không phục vụ", 504: "máy chủ trung gian hết thời gian chờ",
}


def _status_error(status: int) -> FetchError:
    if status == 404:
        return FetchError("http-404", "máy chủ trả về 404 (không tìm thấy): địa chỉ feed không còn đúng")
    if status == 410:
        return FetchError("http-410", "máy chủ trả về 410 (đã gỡ vĩnh viễn): nguồn này đã ngừng, nên bỏ khỏi sources.yml")
    meaning = _STATUS_MEANING.get(status)
    code = f"{status}: {meaning}" if meaning else str(status)
    if status in (401, 403, 451):
        return FetchError(f"http-{status}", f"máy chủ từ chối truy cập ({code})")
    if status >= 500:
        return FetchError(f"http-{status}", f"máy chủ gặp lỗi ({code})")
    return FetchError(f"http-{status}", f"máy chủ trả về mã {code}")


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _timeout(limits: Limits, left: float | None) -> httpx.Timeout:
    """This request's timeouts: the configured ones, none longer than what is left of the source's deadline."""
    cap = (lambda t: t) if left is None else (lambda t: max(0.001, min(t, left)))
    return httpx.Timeout(connect=cap(limits.connect_timeout), read=cap(limits.read_timeout),
                         write=cap(limits.read_timeout), pool=cap(limits.total_timeout))


class _PastDeadline(Exception):
    pass


def _one_request(client: httpx.Client, url: str, headers: dict[str, str], limits: Limits,
                 until: float | None = None) -> Response:
    """One request, no redirect followed. Raises _Retry for what is worth retrying, FetchError for the rest,
    _PastDeadline when `until` (a time.monotonic() value) came first."""
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers,
                           timeout=_timeout(limits, None if until is None else until - started)) as answer:
            status = answer.status_code
            lower = {k.lower(): v for k, v in answer.headers.items()}
            if status in REDIRECTS or status == 304:
                return Response(str(answer.url), status, lower, b"")
            if status in RETRY_STATUSES:
                raise _Retry(_status_error(status), _retry_after(lower.get("retry-after")))
            if status != 200:
                raise _status_error(status)
            declared = lower.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise FetchError("too-large", f"nội dung {_mb(int(declared))} vượt giới hạn {_mb(limits.max_bytes)}")
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError("too-large", f"nội dung vượt giới hạn {_mb(limits.max_bytes)}: đã ngừng tải")
                if until is not None and time.monotonic() >= until:
                    raise _PastDeadline()
                if time.monotonic() - started > limits.total_timeout:
                    raise _Retry(FetchError("timeout", f"tải quá {_num(limits.total_timeout)} giây: đã ngừng"))
                chunks.append(chunk)
            return Response(str(answer.url), status, lower, b"".join(chunks))
    except httpx.TimeoutException as exc:
        if until is not None and time.monotonic() >= until - 0.01:
            raise _PastDeadline() from None
        what = "kết nối" if isinstance(exc, httpx.ConnectTimeout) else "phản hồi"
        seconds = limits.connect_timeout if isinstance(exc, httpx.ConnectTimeout) else limits.read_timeout
        raise _Retry(FetchError("timeout", f"hết thời gian chờ {what} ({_num(seconds)} giây)")) from None
    except httpx.ConnectError as exc:
        raise FetchError("connect", f"không kết nối được tới máy chủ ({reasons.network_problem(exc)})") from None
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise _Retry(FetchError("connection-lost", _lost(exc))) from None
    except httpx.DecodingError:
        raise FetchError("decoding", "nội dung nén (gzip/deflate) bị hỏng, không giải nén được") from None
    except httpx.HTTPError as exc:
        raise FetchError("http", reasons.network_problem(exc, "máy chủ trả lời sai giao thức HTTP")) from None


def _lost(exc: Exception) -> str:
    why = reasons.network_problem(exc, "")
    return f"máy chủ ngắt kết nối giữa chừng ({why})" if why else "máy chủ ngắt kết nối giữa chừng"


def deadline_error(seconds: float, attempts: int, last: FetchError | None = None) -> FetchError:
    """The source took longer than its deadline: what is said, whichever side noticed it first."""
    tried = f"đã thử {attempts} lần" if attempts else "chưa tải xong lần nào"
    because = f"; lần trước: {last.message}" if last else ""
    return FetchError("deadline", f"quá thời hạn {_num(seconds)} giây dành cho nguồn này, đã dừng ({tried}{because})")


def fetch(client: httpx.Client, url: str, *, etag: str | None = None, last_modified: str | None = None,
          limits: Limits = Limits(), sleep=time.sleep, deadline: float | None = None) -> Response:
    """GET `url` as a feed reader should. Returns the final 200 or 304 answer; raises FetchError otherwise.

    `deadline`: seconds for the whole of it, retries, waits and redirects included (a server that accepts and never
    answers would otherwise hold the source for a read timeout per attempt).
    """
    until = None if deadline is None else time.monotonic() + deadline
    attempts = 0
    current = url
    visited = [url]
    all_permanent = True
    last: FetchError | None = None
    while True:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(limits.retries + 1):
            if until is not None and time.monotonic() >= until:
                raise deadline_error(deadline, attempts, last)
            attempts += 1
            try:
                answer = _one_request(client, current, headers, limits, until)
                break
            except _PastDeadline:
                raise deadline_error(deadline, attempts, last) from None
            except _Retry as retry:
                last = retry.error
                if attempt == limits.retries:
                    error = retry.error
                    raise FetchError(error.kind, f"{error.message}; đã thử {attempt + 1} lần") from None
                wait = min(30.0, limits.backoff * (2 ** attempt)) * (0.75 + random.random() / 2)
                if retry.wait is not None:
                    wait = min(max(wait, retry.wait), 30.0)
                if until is not None and time.monotonic() + wait >= until:
                    raise deadline_error(deadline, attempts, last) from None
                sleep(wait)
        if answer.status not in REDIRECTS:
            permanent = current if len(visited) > 1 and all_permanent else None
            return Response(answer.url, answer.status, answer.headers, answer.body, attempts, permanent)
        location = answer.headers.get("location", "").strip()
        if not location:
            raise FetchError("redirect", f"máy chủ chuyển hướng ({answer.status}) mà không cho địa chỉ mới")
        target = urljoin(current, location)
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError("redirect", f"chuyển hướng tới địa chỉ không phải http(s): {target}")
        if target in visited:
            chain = " → ".join(visited[visited.index(target):] + [target])
            raise FetchError("redirect-loop", f"chuyển hướng vòng lặp: {chain}")
        if len(visited) > limits.max_redirects:
            raise FetchError("redirect", f"quá {limits.max_redirects} lần chuyển hướng")
        visited.append(target)
        all_permanent = all_permanent and answer.status in (301, 308)
        current = target
