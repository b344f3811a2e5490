"""Printing an article (Decree 42/2022: print and save on every article): the print button, and the block only the
printout shows (where it comes from, the address, the date written out, a QR code of the address)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import escape

from generator.core import timeutil
from generator.core.site import Site
from generator.render.qr import svg as qr_code_svg
from generator.render.social import absolute

if TYPE_CHECKING:
    from generator.render.citizen import Citizen


def qr_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG (scales with CSS; dark modules on white)."""
    svg = qr_code_svg(url)
    return svg.replace("<svg ", f'<svg role="img" aria-label="Mã QR dẫn tới {escape(url)}" ', 1)


def print_toolbar() -> str:
    """The "In / Lưu" button (shown once the page's script has wired it; without JavaScript it stays hidden)."""
    return ('<p class="ct-print-tools ct-no-print"><button type="button" class="md-button ct-print-button" '
            'data-ct-print hidden>In / Lưu bài viết</button></p>')


def published_text(local) -> str:
    """The publication time as printed: the date alone when the article gave none (``date: 2026-10-20`` is read as
    midnight; an article really published at 00:00 is shown the same way)."""
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return timeutil.format_date(local)
    return timeutil.format_datetime(local)


def print_block(page_url: str, site_url: str, published, tz, source: str = "") -> str:
    """What only the printout shows: where it comes from (site and agency), the article's address and date written
    out, and a QR code of the address."""
    address = absolute(site_url, page_url) or "/" + page_url
    local = published.astimezone(tz)
    qr = qr_svg(address) if "://" in address else ""
    origin = f'<p class="ct-print-source">Nguồn: {escape(source)}</p>' if source else ""
    return (f'<aside class="ct-print-only"><div class="ct-print-only__text">{origin}'
            f'<p>Địa chỉ bài viết: <span class="ct-print-url">{escape(address)}</span></p>'
            f'<p>Ngày đăng: {escape(published_text(local))}</p>'
            f'<p>Quét mã QR để đọc bài trên điện thoại.</p></div>'
            f'<div class="ct-qr">{qr}</div></aside>')


def print_source(site: Site, citizen: Citizen) -> str:
    """The printout's origin: the site's name and the agency that manages it."""
    name = site.config.site_name
    agency = citizen.agency.name if citizen.agency else ""
    return f"{name}, cơ quan quản lý: {agency}" if agency else name


def article_page(decorated: str, page_url: str, site_url: str, published, tz, source: str = "") -> str:
    """An article's decorated HTML with the print button before it and the print block after it."""
    return print_toolbar() + decorated + print_block(page_url, site_url, published, tz, source)
