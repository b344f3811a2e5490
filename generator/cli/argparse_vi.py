"""argparse in Vietnamese: its own words (usage, options, errors) through a gettext-like table.

argparse asks ``gettext`` for every word it prints, by the module's ``_`` and ``ngettext``; while a parser is made
and used inside ``vietnamese()``, those answer from the table below instead, and are put back after. The table
holds every message of Python 3.10–3.13's argparse an editor can meet; one not in it stays English (a test reads
every subcommand's ``--help`` and the usual mistakes for English words). An unknown choice gets the closest one."""
from __future__ import annotations

import argparse
import difflib
import re
import contextlib
import sys
import threading

VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "subcommands": "lệnh",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị sau tham số này",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ignored explicit argument %r": "giá trị %r không dùng được ở đây",
    "one of the arguments %s is required": "cần một trong các tham số: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (có: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
VI_PLURAL = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
}

_lock = threading.RLock()


def _gettext(message: str) -> str:
    return VI.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return VI_PLURAL.get((singular, plural), singular if n == 1 else plural)


@contextlib.contextmanager
def vietnamese():
    """argparse speaks Vietnamese inside this block (made parsers keep the words they were made with)."""
    with _lock:
        saved = argparse._, argparse.ngettext
        argparse._, argparse.ngettext = _gettext, _ngettext
        try:
            yield
        finally:
            argparse._, argparse.ngettext = saved


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Vietnamese when used inside ``vietnamese()``; its ``-h`` says
    so in Vietnamese even when made outside it."""

    def __init__(self, *args, **kwargs):
        with contextlib.ExitStack() as stack:
            if argparse._ is not _gettext:
                stack.enter_context(vietnamese())
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        self._args = list(sys.argv[1:] if args is None else args)  # for error(): which command an unknown option was for
        return super().parse_known_args(args, namespace)

    def error(self, message: str):
        """argparse's error, with the closest choice suggested for an unknown one ('buid': 'build') and the closest
        option for an unknown one ('--categry': '--category'), under the usage of the command it was given to."""
        m = _CHOICE_RE.search(message)
        if m:
            near = difflib.get_close_matches(m["value"], _QUOTED_RE.findall(m["choices"]), n=1)
            if near:
                message += f"; có phải ý bạn là '{near[0]}'?"
        elif message.startswith(VI["unrecognized arguments: %s"] % "") and "có phải ý bạn là" not in message:
            parser = self._command_parser()
            options = [o for a in parser._actions for o in a.option_strings]
            for word in message.split(": ", 1)[1].split():
                near = difflib.get_close_matches(word.split("=")[0], options, n=1) if word.startswith("-") else []
                if near:
                    message += f"; có phải ý bạn là '{near[0]}'?"
                    break
            if parser is not self:
                parser.error(message)
        super().error(message)

    def _command_parser(self) -> argparse.ArgumentParser:
        """The subcommand's parser named in the arguments last parsed, or this one."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for word in getattr(self, "_args", None) or ():
                    if word in action.choices:
                        return action.choices[word]
        return self


_CHOICE_RE = re.compile(r"không có lựa chọn '(?P<value>[^']*)' \(chọn một trong: (?P<choices>.*)\)")
_QUOTED_RE = re.compile(r"'([^']*)'")
