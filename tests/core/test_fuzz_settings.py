"""Property: whatever an editor (or an attacker) writes in the plugin's settings in mkdocs.yml, `chuyentrang check`
ends, in bounded time, with exit 0, 1 or 2 and a readable output; never an exception.

Generated settings: the real keys mostly (so that validation goes deep), misspelt and random keys, values of every
type at every key, nesting, strings with control characters, keys twice, anchors, aliases (some undefined), alias
bombs, and now and then text that is not YAML at all.

`CHUYENTRANG_FUZZ_EXAMPLES=10000 pytest tests/core/test_fuzz_settings.py` runs the long mode (random, not the same
cases every run); the default is a fixed set that fits a test run.
"""
from __future__ import annotations

import io
import json
import os
import re
import string
import time

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, given, settings, strategies as st  # noqa: E402

from generator.cli.main import main  # noqa: E402

LONG = int(os.environ.get("CHUYENTRANG_FUZZ_EXAMPLES", "0"))
EXAMPLES = LONG or 400
SECONDS_PER_CASE = 10  # one check of this one-article site takes a few hundredths of a second

TOP_KEYS = ["timezone", "default_channel", "as_of", "categories", "channels", "waivers", "page_size", "integrity",
            "campaigns", "feedback", "enabled"]
CHANNEL_KEYS = ["id", "name", "target", "since", "until"]
TARGET_KEYS = ["per", "min", "mode", "window"]
WAIVER_KEYS = ["channel", "period", "reason"]
CATEGORY_KEYS = ["id", "name", "description"]
CAMPAIGN_KEYS = ["id", "name", "start", "end", "slogan", "tag"]
FEEDBACK_KEYS = ["department", "address", "phone", "email", "form_endpoint"]
INTEGRITY_KEYS = ["backdate_tolerance_days", "count_backdated", "since"]
TYPOS = ["untill", "windw", "perr", "Min", "id ", "sinse", "reasn", "timezon", "", "0", "true", "null", "<<"]

PLAUSIBLE = ["chuyen-trang", "bao", "chinh-quyen-so", "week", "month", "every", "average", "1", "4", "0", "-1",
             "2024-01-01", "2024-05-06 08:30", "2024-W06", "2024-13", "2024-W54", "2024-02-30", "9999-12-31",
             "0001-01-01", "1999-12-31", "Asia/Ho_Chi_Minh", "UTC", "Mars/Olympus", "../../etc/passwd",
             "https://x.test/", "a@b.vn", "0263 3822 424", "true", "false", "null", "~", "''", '""', "[]", "{}",
             ".nan", ".inf", "-.inf", "1e400", "0x10", "0o7", "1_000", "2.5", "10000000000000000000000",
             "!ENV X", "!!python/name:os.system", "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]",
             "2024-01-01T00:00:00Z", "12:30:00", "Tuần 5", "Nghỉ Tết Nguyên đán"]

CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\u0085\u2028\u2029\ufeff\ud7ff"


def quoted(text: str) -> str:
    # JSON's escapes are YAML's double-quoted escapes
    return json.dumps(text, ensure_ascii=True)


scalar_text = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr).map(
        lambda r: {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(r, r)),
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=30)
    .map(quoted),
    st.text(alphabet=CONTROL + "ađươ:-#&*!|>'\"%@`{}[],? ", max_size=12).map(quoted),
    st.text(alphabet=string.ascii_letters + string.digits + "-_ :#&*!%@`'\"{}[],?|>\t", min_size=1, max_size=15),
)


careful_scalar_text = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=30)
    .map(quoted),
    st.text(alphabet=string.ascii_letters + string.digits + "-_ ", min_size=1, max_size=15).map(str.strip)
    .filter(bool),
)


class Writer:
    """Draws YAML text: flow values with anchors and aliases, block mappings for the known structure."""

    def __init__(self, draw):
        self.draw = draw
        self.anchors = 0
        # careful: the required keys are there and few values are random, so that most cases get past validation
        # and are judged; careless: anything goes
        self.careful = draw(st.integers(0, 3)) > 0

    def chance(self, one_in: int) -> bool:
        return self.draw(st.integers(1, one_in)) == 1

    def anchored(self, text: str) -> str:
        if self.chance(10):
            self.anchors += 1
            return f"&a{self.anchors} {text}"
        return text

    def value(self, depth: int = 0) -> str:
        kind = self.draw(st.integers(0, 9 if depth < 4 else 5))
        if kind <= 5:
            return self.anchored(self.draw(careful_scalar_text if self.careful else scalar_text))
        if kind == 6:
            if self.careful and not self.anchors:
                return self.draw(careful_scalar_text)
            # careless: now and then the one past the last, undefined
            n = self.draw(st.integers(1, self.anchors + (0 if self.careful else 1)))
            return f"*a{n}"
        if kind == 7:
            items = [self.value(depth + 1) for _ in range(self.draw(st.integers(0, 4)))]
            return self.anchored("[" + ", ".join(items) + "]")
        keys = [self.key(TOP_KEYS + CHANNEL_KEYS + TARGET_KEYS) for _ in range(self.draw(st.integers(0, 4)))]
        return self.anchored("{" + ", ".join(f"{k}: {self.value(depth + 1)}" for k in keys) + "}")

    def key(self, known: list[str]) -> str:
        kind = self.draw(st.integers(0, 19))
        if kind <= 15:
            return self.draw(st.sampled_from(known))
        if kind <= 17:
            return quoted(self.draw(st.sampled_from(TYPOS)))
        return self.draw(st.text(alphabet=string.ascii_lowercase + "_-0123456789", min_size=1, max_size=8))

    def mapping(self, known: list[str], good: dict[str, st.SearchStrategy], indent: int, depth: int) -> str:
        """A block mapping: known keys with a good or a random value, sometimes a key twice, sometimes a typo."""
        keys = self.draw(st.lists(st.sampled_from(known), unique=True, max_size=len(known)))
        if self.careful:
            keys += [k for k in REQUIRED if k in known and k not in keys]
        if self.chance(40 if self.careful else 6):
            keys.append(self.key(known))  # a typo, a random key, or a key twice
        lines = [" " * indent + f"{key}: {self.member(key, good, indent, depth)}" for key in keys]
        return "\n" + "\n".join(lines) if lines else " {}"

    def member(self, key: str, good: dict, indent: int, depth: int) -> str:
        if depth < 3 and key in NESTED and (self.careful or not self.chance(4)):
            return NESTED[key](self, indent + 2, depth + 1)
        if key in good and not self.chance(12 if self.careful else 2):
            return self.draw(good[key])
        return self.value()

    def block_list(self, item, indent: int, depth: int) -> str:
        n = self.draw(st.integers(1 if self.careful else 0, 3))
        if n == 0:
            return "[]"
        out = []
        for _ in range(n):
            body = item(self, indent + 2, depth)
            out.append(" " * indent + "- " + (body.lstrip("\n").lstrip() if body.startswith("\n") else body))
        return "\n" + "\n".join(out)


GOOD = {
    "timezone": st.sampled_from(["Asia/Ho_Chi_Minh", "UTC", "Asia/Bangkok"]),
    "default_channel": st.sampled_from(["chuyen-trang", "bao"]),
    "as_of": st.sampled_from(["2024-05-21", "2024-05-21 09:00", "2026-11-20"]),
    "id": st.sampled_from(["chuyen-trang", "bao"]),
    "name": st.sampled_from(["Chuyên trang", "Báo", "Chính quyền số"]),
    "per": st.sampled_from(["week", "month"]),
    "mode": st.sampled_from(["every", "average"]),
    "min": st.sampled_from(["1", "2", "0.5"]),
    "window": st.sampled_from(["1", "4", "12"]),
    "since": st.sampled_from(["2024-01-01", "2024-05-06"]),
    "until": st.sampled_from(["2024-12-31", "2024-05-01"]),
    "channel": st.sampled_from(["chuyen-trang", "bao"]),
    "period": st.sampled_from(["2024-W10", "2024-05", "2024-W19"]),
    "reason": st.sampled_from(["Nghỉ Tết", '"Lý do: bảo trì"']),
    "page_size": st.sampled_from(["20", "1"]),
    "start": st.sampled_from(["2024-05-01"]), "end": st.sampled_from(["2024-05-31"]),
    "slogan": st.sampled_from(["Chuyển đổi số"]), "tag": st.sampled_from(["cds"]),
    "department": st.sampled_from(["Sở KH&CN"]), "email": st.sampled_from(["a@b.vn", "khong-phai-email"]),
    "backdate_tolerance_days": st.sampled_from(["2", "0", "1.0e+300", ".nan", "-.inf", ".inf"]),
    "count_backdated": st.sampled_from(["true", "false", "3"]),
}
REQUIRED = ["categories", "channels", "id", "name", "target", "since", "per", "min", "window", "channel", "period",
            "reason", "start", "end", "slogan", "tag", "department", "email"]
CATEGORY = {**GOOD, "id": st.sampled_from(["chinh-quyen-so", "kinh-te-so"])}
CAMPAIGN = {**GOOD, "id": st.sampled_from(["ngay-cds", "ngay-tinh"])}
NESTED = {
    "channels": lambda w, i, d: w.block_list(lambda w, i, d: w.mapping(CHANNEL_KEYS, GOOD, i, d), i, d),
    "target": lambda w, i, d: w.mapping(TARGET_KEYS, GOOD, i, d),
    "categories": lambda w, i, d: w.block_list(lambda w, i, d: w.mapping(CATEGORY_KEYS, CATEGORY, i, d), i, d),
    "waivers": lambda w, i, d: w.block_list(lambda w, i, d: w.mapping(WAIVER_KEYS, GOOD, i, d), i, d),
    "campaigns": lambda w, i, d: w.block_list(lambda w, i, d: w.mapping(CAMPAIGN_KEYS, CAMPAIGN, i, d), i, d),
    "feedback": lambda w, i, d: w.mapping(FEEDBACK_KEYS, GOOD, i, d),
    "integrity": lambda w, i, d: w.mapping(INTEGRITY_KEYS, GOOD, i, d),
}


def bomb(indent: int, levels: int, width: int) -> str:
    pad = " " * indent
    lines = [f"{pad}b0: &b0 [{', '.join(['x'] * width)}]"]
    lines += [f"{pad}b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n" + "\n".join(lines)


def valid_settings() -> list:
    """Settings that pass, as a tree a mutation can change: a mapping is a list of [key, value] pairs, a list is a
    tuple, a scalar is its YAML text."""
    def m(**kw):
        return [[k, v] for k, v in kw.items()]
    return m(
        timezone="Asia/Ho_Chi_Minh", default_channel="chuyen-trang", as_of="2024-05-21",
        categories=(m(id="chinh-quyen-so", name="Chính quyền số"), m(id="kinh-te-so", name="Kinh tế số")),
        channels=(m(id="chuyen-trang", name="Chuyên trang", target=m(per="week", min="1", mode="every", window="4"),
                    since="2024-05-06"),
                  m(id="bao", name="Báo", target=m(per="month", min="0.5", mode="average", window="3"),
                    since="2024-01-01", until="2024-12-31")),
        waivers=(m(channel="chuyen-trang", period="2024-W20", reason="Nghỉ lễ"),
                 m(channel="bao", period="2024-02", reason='"Tết: nghỉ"')),
        campaigns=(m(id="ngay-cds", name="Ngày CĐS", start="2024-05-01", end="2024-05-31", slogan="Số hóa",
                     tag="cds"),),
        feedback=m(department="Sở KH&CN", email="a@b.vn"),
        integrity=m(backdate_tolerance_days="2", count_backdated="false"),
        page_size="20",
    )


def render(node, indent: int) -> str:
    """The text after `key:` (or `-`): a scalar on the same line, a mapping or a list on the lines below."""
    pad = " " * indent
    if isinstance(node, str):
        return " " + node
    if isinstance(node, tuple):
        if not node:
            return " []"
        items = []
        for item in node:
            body = render(item, indent + 2)
            items.append(pad + "-" + (" " + body.lstrip("\n").lstrip() if body.startswith("\n") else body))
        return "\n" + "\n".join(items)
    if not node:
        return " {}"
    return "\n" + "\n".join(f"{pad}{key}:{render(value, indent + 2)}" for key, value in node)


def places(node, out: list) -> list:
    """Every mapping in the tree, in the order of the text: [(mapping, index of a pair), ...] for each pair."""
    if isinstance(node, list):
        for i, (_key, value) in enumerate(node):
            out.append((node, i))
            places(value, out)
    elif isinstance(node, tuple):
        for item in node:
            places(item, out)
    return out


def mutate(w: "Writer", tree: list) -> None:
    """One careless edit of valid settings: a value of another type or form, a key gone, misspelt or twice, an
    alias."""
    spots = places(tree, [])
    mapping, i = spots[w.draw(st.integers(0, len(spots) - 1))]
    kind = w.draw(st.integers(0, 5))
    if kind <= 1:  # a value of another type or form; for a key with plausible values, often one of them
        key = mapping[i][0]
        mapping[i][1] = w.draw(GOOD[key]) if key in GOOD and w.chance(2) else w.value()
    elif kind == 2:
        del mapping[i]
    elif kind == 3:
        mapping.insert(i + 1, [w.key([k for k, _ in mapping] + TOP_KEYS), w.value()])
    elif kind == 4:
        mapping.append(list(mapping[i]))  # a key twice
    else:
        later = spots[w.draw(st.integers(spots.index((mapping, i)), len(spots) - 1))]
        if isinstance(mapping[i][1], str) and later != (mapping, i):
            w.anchors += 1
            mapping[i][1] = f"&m{w.anchors} {mapping[i][1]}"
            later[0][later[1]][1] = f"*m{w.anchors}"


@st.composite
def mkdocs_yml(draw) -> str:
    w = Writer(draw)
    if draw(st.integers(0, 2)) > 0:  # valid settings with a few careless edits: most reach the judge
        tree = valid_settings()
        for _ in range(draw(st.integers(0, 2))):
            mutate(w, tree)
        return f"site_name: T\ndocs_dir: content\nplugins:\n  - search\n  - chuyentrang:{render(tree, 6)}\n"
    settings_text = w.mapping(TOP_KEYS, GOOD, 6, 0)
    kind = draw(st.integers(0, 19))
    if kind == 0:
        settings_text = settings_text.replace(" {}", "") + bomb(6, draw(st.integers(2, 12)), draw(st.integers(2, 12)))
    elif kind == 1:  # a value on the line of the plugin's name, a list, a scalar
        return f"site_name: T\ndocs_dir: content\nplugins:\n  - chuyentrang: {w.value()}\n"
    elif kind == 2:
        return f"site_name: T\ndocs_dir: content\nplugins: {w.value()}\n"
    elif kind == 3:  # not YAML, or YAML of the wrong shape
        return draw(st.text(max_size=80))
    return f"site_name: T\ndocs_dir: content\nplugins:\n  - search\n  - chuyentrang:{settings_text}\n"


PROBLEM = re.compile(r"^[^\n:]+(?::\d+)?: \S")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-site")
    article = root / "content" / "bai-viet" / "bai.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: Bài\ndate: 2024-05-07 09:00\ncategory: chinh-quyen-so\n---\n\nNội dung.\n",
                       encoding="utf-8")
    return root


# No shrinking: the failing case is printed as found, and shrinking one takes minutes here.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(text=mkdocs_yml(), as_of=st.sampled_from([None, "2024-05-21", "2026-11-20"]), json_format=st.booleans())
def test_any_plugin_settings_end_in_exit_0_1_or_2_with_output(site, text, as_of, json_format):
    config = site / "mkdocs.yml"
    config.write_text(text, encoding="utf-8", errors="surrogatepass")
    argv = ["check", "-f", str(config)] + (["--as-of", as_of] if as_of else []) + (["--format", "json"] if json_format
                                                                                   else [])
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    code = main(argv, out=out, err=err)
    assert time.monotonic() - start < SECONDS_PER_CASE
    hypothesis.event(f"exit {code}")
    assert code in (0, 1, 2)
    if code == 2:
        problems = err.getvalue().splitlines()[1:]
        assert problems and all(PROBLEM.match(p) for p in problems), err.getvalue()
        assert out.getvalue() == ""
    elif json_format:
        # strict JSON: NaN or Infinity would be refused by other readers of the report
        json.loads(out.getvalue(), parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    else:
        assert "ĐẠT" in out.getvalue()
