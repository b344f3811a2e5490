"""The pieces of HTML repeated for every feed item and article, written in Python: a feed item's card (the week pages
show every item, 20,000 cards at 2,000 articles), an article's card (on its week page, its category's and its month's
listings) and a row of the frequency log's evidence tables. As Jinja macros, with their nested calls, they took most
of the time spent rendering the generated pages. Same HTML as the templates they replace; every text escaped,
summaries sanitized again (the archive is hand-editable), links http(s) only."""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup, escape

from generator import timeutil
from generator.archive import FeedItem
from generator.judge import Entry
from generator.render import urls
from generator.render.html import clean_feed_html, safe_url

NO_TITLE = "(không có tiêu đề)"
FLAGGED = ' class="ct-row--flagged"'


def feed_card_function(tz) -> Callable[..., Markup]:
    """``feed_card(item, heading='h3')`` for the templates, dates shown in ``tz``."""

    def feed_card(i: FeedItem, heading: str = "h3") -> Markup:
        url = safe_url(i.link)
        title = escape(i.title or NO_TITLE)
        source = escape(i.source_name)
        h = escape(heading)
        out = ['<article class="ct-card ct-card--feed">\n  <', h, ' class="ct-card__title">']
        if url:
            href = escape(url)
            out += ['<a href="', href, '" rel="noopener nofollow external">', title, "</a>"]
        else:
            out.append(title)
        out += ["</", h, '>\n  <p class="ct-meta"><span class="ct-source">', source, "</span> ·\n"]
        if i.published:
            local = i.published.astimezone(tz)
            out += ['<time datetime="', escape(timeutil.iso(local)), '">', escape(timeutil.format_date(local)),
                    "</time>"]
        else:
            out.append("<span>chưa rõ ngày đăng</span>")
        out.append("</p>\n")
        if i.summary:
            out += ['<div class="ct-card__summary">', clean_feed_html(i.summary), "</div>"]
        if url:
            out += ['<p class="ct-card__more"><a href="', href, '" rel="noopener nofollow external">Đọc bài gốc trên ',
                    source, '<span class="ct-sr"> (', escape(i.title), ")</span></a></p>"]
        out.append("</article>")
        return Markup("".join(out))

    return feed_card


def article_card_function(tz, cats: dict[str, str], default_channel: str | None,
                          channel_names: dict[str, str]) -> Callable[..., Markup]:
    """``article_card(a, here, heading='h3')`` for the templates: the card of article ``a`` on the page at ``here``
    (links relative to it), dates shown in ``tz``, category names from ``cats``."""
    names = {k: escape(v) for k, v in cats.items()}

    def article_card(a, here: str, heading: str = "h3") -> Markup:
        h = escape(heading)
        local = a.date.astimezone(tz)
        out = ['<article class="ct-card ct-card--article">\n  <', h, ' class="ct-card__title"><a href="',
               escape(urls.relative(here, f"bai-viet/{a.slug}/")), '">', escape(a.title), "</a></", h,
               '>\n  <p class="ct-meta"><time datetime="', escape(timeutil.iso(local)), '">',
               escape(timeutil.format_date(local)), '</time>\n    · <a href="',
               escape(urls.relative(here, f"chuyen-muc/{a.category}/")), '">', names[a.category], "</a>"]
        if a.channel != default_channel:
            out += [" · ", escape(channel_names.get(a.channel, a.channel))]
        out.append("</p>\n")
        if a.summary:
            out += ['<p class="ct-card__summary">', escape(a.summary), "</p>"]
        out.append("</article>")
        return Markup("".join(out))

    return article_card


def evidence_rows_function(tz) -> Callable[..., Markup]:
    """``evidence_rows(entries, names, why, flag_vi)``: the ``<tr>`` rows of an evidence table, each line ended."""

    def evidence_rows(entries: tuple[Entry, ...], names: dict, why: dict, flag_vi: dict) -> Markup:
        out: list[str] = []
        for n, e in enumerate(entries, 1):
            local = e.published.astimezone(tz)
            url = safe_url(e.url)
            link = (f'<a href="{escape(url)}" rel="noopener nofollow">{escape(e.url)}</a>' if url
                    else escape(e.url or "không có liên kết"))
            flags = "".join(f'<span class="ct-flag">{escape(flag_vi.get(f, f))}</span> ' for f in e.flags)
            if not e.counts:
                flags += '<span class="ct-flag ct-flag--nocount">không tính</span>'
            note = why.get((e.source, e.id))
            if note:
                flags += f"<br><small>{escape(note)}</small>"
            out.append(
                f"    <tr{FLAGGED if e.flags else ''}>\n"
                f"      <td>{n}</td>\n"
                f"      <td>{escape(e.title or NO_TITLE)}</td>\n"
                f'      <td><time datetime="{escape(timeutil.iso(local))}">{escape(timeutil.format_datetime(local))}</time></td>\n'
                f"      <td>{escape(names.get(e.source, e.source))}</td>\n"
                f'      <td class="ct-url">{link}</td>\n'
                f"      <td>{flags}</td>\n"
                "    </tr>\n")
        if not out:
            out.append('    <tr><td colspan="6">Không có tin bài nào trong kỳ này.</td></tr>\n')
        return Markup("".join(out))

    return evidence_rows
