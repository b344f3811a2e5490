"""The pieces of HTML repeated for every feed item and article, written in Python: a feed item's card (the week pages
show every item, 20,000 cards at 2,000 articles), an article's card (on its week page, its category's and its month's
listings) and a period of the frequency log's evidence pages (heading, dates, table rows). As Jinja macros, with
their nested calls, they took most of the time spent rendering the generated pages. Same HTML as the templates they
replace; every text escaped, summaries sanitized again (the archive is hand-editable), links http(s) only."""
from __future__ import annotations

from typing import Callable, Iterable

from markupsafe import Markup

from generator.core import timeutil
from generator.core.archive import FeedItem
from generator.core.judge import Entry
from generator.render import urls
from generator.render.article import tag_links
from generator.render.html import clean_feed_html, escape_text, safe_url
from generator.render.pictures import img_html
from generator.reports.report import STATUS_VI, num

NO_TITLE = "(không có tiêu đề)"
THUMB_SIZES = "(min-width: 45em) 10rem, 7rem"  # as .ct-card__pic in chuyentrang.css
FLAGGED = ' class="ct-row--flagged"'


def feed_cards_function(tz) -> Callable[..., Markup]:
    """``feed_cards(items, heading='h3')`` for the templates: the cards of the feed items, one after another, dates
    shown in ``tz``. One call for a list of cards, not one a card: a Jinja call costs as much as the card."""
    sources: dict[str, str] = {}  # source name -> escaped, the same few on every page
    iso, format_date = timeutil.iso, timeutil.format_date

    def feed_cards(items: Iterable[FeedItem], heading: str = "h3") -> Markup:
        h = escape_text(heading)
        opening = f'<article class="ct-card ct-card--feed">\n  <{h} class="ct-card__title">'
        meta = f'</{h}>\n  <p class="ct-meta"><span class="ct-source">'
        # The pieces of every card in one list, joined once: a summary is copied once into the page, not once more
        # into its card.
        out: list[str] = []
        put = out.extend
        for i in items:
            url = safe_url(i.link)
            t = i.title
            title = escape_text(t) if t else NO_TITLE
            source = sources.get(i.source_name)
            if source is None:
                source = sources[i.source_name] = escape_text(i.source_name)
            if url:
                href = escape_text(url)
                put((opening, '<a href="', href, '" rel="noopener nofollow external">', title, "</a>", meta, source,
                     "</span> ·\n"))
            else:
                put((opening, title, meta, source, "</span> ·\n"))
            if i.published:  # iso() and format_date() give digits and -:+/T only: nothing to escape
                local = i.published.astimezone(tz)
                put(('<time datetime="', iso(local), '">', format_date(local), "</time></p>\n"))
            else:
                out.append("<span>chưa rõ ngày đăng</span></p>\n")
            if i.summary:
                put(('<div class="ct-card__summary">', clean_feed_html(i.summary), "</div>"))
            if url:
                put(('<p class="ct-card__more"><a href="', href, '" rel="noopener nofollow external">Đọc bài gốc trên ',
                     source, '<span class="ct-sr"> (', title if t else "", ")</span></a></p>"))
            out.append("</article>")
        return Markup("".join(out))

    return feed_cards


def article_cards_function(tz, cats: dict[str, str], default_channel: str | None,
                           channel_names: dict[str, str], tag_names: dict[str, str] | None = None,
                           pictures: dict | None = None) -> Callable[..., Markup]:
    """``article_cards(articles, here, heading='h3')`` for the templates: the cards of the articles on the page at
    ``here`` (links relative to it), dates shown in ``tz``, category names from ``cats``, each tag linked to its page
    under its name in ``tag_names``, its picture from ``pictures`` (``generator.render.pictures``) beside it: loaded
    at once for the first ``eager`` cards (the top of the page), when scrolled to for the others."""
    names = {k: escape_text(v) for k, v in cats.items()}
    tag_names = tag_names or {}
    pictures = pictures or {}

    def card(a, link, h: str, lazy: bool) -> str:
        local = a.date.astimezone(tz)
        pic = pictures.get(a.image) if a.image else None
        out = ['<article class="ct-card ct-card--article">\n  ']
        if pic is not None:
            out[0] = '<article class="ct-card ct-card--article ct-card--pic">\n  '
            out.append(img_html(pic, link, THUMB_SIZES, "ct-card__pic", lazy))
        out += ['<', h, ' class="ct-card__title"><a href="',
               escape_text(link(a.url)), '">', escape_text(a.title), "</a></", h,
               '>\n  <p class="ct-meta"><time datetime="', timeutil.iso(local), '">',
               timeutil.format_date(local), '</time>\n    · <a href="',
               escape_text(link(urls.category(a.category))), '">', names[a.category], "</a>"]
        if a.channel != default_channel:
            out += [" · ", escape_text(channel_names.get(a.channel, a.channel))]
        out.append("</p>\n")
        if a.summary:
            out += ['<p class="ct-card__summary">', escape_text(a.summary), "</p>"]
        if a.tags:
            out.append(tag_links(a.tags, link, tag_names))
        out.append("</article>")
        return "".join(out)

    def article_cards(articles, here: str, heading: str = "h3", eager: int = 0) -> Markup:
        h = escape_text(heading)
        link = urls.linker(here)
        return Markup("".join([card(a, link, h, n >= eager) for n, a in enumerate(articles)]))

    return article_cards


def evidence_periods_function(tz) -> Callable[..., Markup]:
    """``evidence_periods(periods, c, here, names, why, flag_vi, week_urls)``: a section for each period of channel
    ``c`` on its evidence page at ``here``: its heading, its dates, and the table of its items (``names``: source
    names; ``why``: the integrity finding of a flagged item; ``week_urls``: the week pages)."""
    iso, format_when, format_date = timeutil.iso, timeutil.format_when, timeutil.format_date

    def rows(entries: tuple[Entry, ...], names: dict, why: dict, flag_vi: dict, out: list[str]) -> None:
        sources: dict[str, str] = {}  # source id -> its name, escaped
        for n, e in enumerate(entries, 1):
            local = e.published.astimezone(tz)
            url = safe_url(e.url)
            if url:
                href = escape_text(url)
                link = f'<a href="{href}" rel="noopener nofollow">{href if url == e.url else escape_text(e.url)}</a>'
            else:
                link = escape_text(e.url or "không có liên kết")
            flags = "".join(f'<span class="ct-flag">{escape_text(flag_vi.get(f, f))}</span> '
                            for f in e.flags) if e.flags else ""
            if not e.counts:
                flags += '<span class="ct-flag ct-flag--nocount">không tính</span>'
            note = why.get((e.source, e.id)) if why else None
            if note:
                flags += f"<br><small>{escape_text(note)}</small>"
            source = sources.get(e.source)
            if source is None:
                source = sources[e.source] = escape_text(names.get(e.source, e.source))
            out.append(  # iso() and format_when() give digits and -:+/T only: nothing to escape
                f"    <tr{FLAGGED if e.flags else ''}>\n"
                f"      <td>{n}</td>\n"
                f"      <td>{escape_text(e.title or NO_TITLE)}</td>\n"
                f'      <td><time datetime="{iso(local)}">{format_when(local)}</time></td>\n'
                f"      <td>{source}</td>\n"
                f'      <td class="ct-url">{link}</td>\n'
                f"      <td>{flags}</td>\n"
                "    </tr>\n")

    def evidence_periods(periods, c, here: str, names: dict, why: dict, flag_vi: dict, week_urls: dict) -> Markup:
        out: list[str] = []
        target = escape_text(str(num(c.channel.target.min)))
        window = set(c.window)
        for p in periods:
            pid = p.period
            out.append(f'<section class="ct-period">\n  <h2 id="{escape_text(urls.period_anchor(pid))}" '
                       f'class="ct-period-head">{escape_text(timeutil.describe_period(pid))}: <span class="ct-status '
                       f'ct-status--{escape_text(p.status)}">{escape_text(STATUS_VI[p.status])}</span>, {p.count} '
                       f"tin bài (chỉ tiêu: {target})")
            if p.waiver:
                out.append(f" · miễn trừ: {escape_text(p.waiver.reason)}")
            out.append(f'</h2>\n  <p class="ct-meta">{format_date(p.start)}–{format_date(p.end)}')
            if pid in window:
                out.append(" · trong cửa sổ đánh giá")
            if pid in week_urls:
                out.append(f' · <a href="{escape_text(urls.relative(here, week_urls[pid]))}">chuyên trang tuần này</a>')
            out.append("</p>\n")
            if p.items:
                out.append(f'<table class="ct-table ct-evidence">\n  <caption>Tin bài {escape_text(pid)}</caption>\n'
                           f"{_EVIDENCE_HEAD}")
                rows(p.items, names, why, flag_vi, out)
                out.append("  </tbody>\n</table>")
            else:
                out.append("<p>Không có tin bài nào trong kỳ này.</p>")
            out.append("</section>\n")
        return Markup("".join(out))

    return evidence_periods


_EVIDENCE_HEAD = ('  <thead><tr><th scope="col">#</th><th scope="col">Tiêu đề</th><th scope="col">Ngày đăng</th>'
                  '<th scope="col">Nguồn</th><th scope="col">Liên kết</th><th scope="col">Ghi chú</th></tr></thead>\n'
                  "  <tbody>\n")
