"""Make the demo's pictures (content/assets/anh/*.jpg): simple drawn scenes, JPEG, a few tens of KB each. Run once;
the JPEGs are committed (the demo needs real raster pictures: share cards and srcset are made from them).

    .venv/bin/python scripts/demo_pictures.py
"""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "content" / "assets" / "anh"
W, H = 1200, 800


def _sky(draw, top, bottom):
    for y in range(H):
        t = y / H
        draw.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def _hills(draw, rng, colours, base):
    for n, colour in enumerate(colours):
        y0 = base + n * 90
        points = [(0, H)] + [(x, y0 + rng.randint(-60, 40)) for x in range(0, W + 150, 150)] + [(W, H)]
        draw.polygon(points, fill=colour)


def _qr(draw, x, y, size, rng):
    cell = size // 21
    draw.rectangle((x - 12, y - 12, x + size + 12, y + size + 12), fill="white")
    for i in range(21):
        for j in range(21):
            corner = (i < 7 and j < 7) or (i > 13 and j < 7) or (i < 7 and j > 13)
            on = (corner and (i % 6 == 0 or j % 6 == 0 or (2 <= i % 14 <= 4 and 2 <= j % 14 <= 4))) or \
                 (not corner and rng.random() < 0.45)
            if on:
                draw.rectangle((x + i * cell, y + j * cell, x + i * cell + cell - 1, y + j * cell + cell - 1), fill="#1b1b1b")


def _phone(draw, x, y, w, h, screen):
    draw.rounded_rectangle((x, y, x + w, y + h), radius=28, fill="#222831")
    draw.rounded_rectangle((x + 14, y + 40, x + w - 14, y + h - 40), radius=10, fill=screen)


def _tower(draw, x, base, height):
    draw.polygon([(x - 40, base), (x, base - height), (x + 40, base)], outline="#37474f", width=8)
    for k in range(1, 6):
        yy = base - height * k / 6
        half = 40 * (1 - k / 6)
        draw.line([(x - half, yy), (x + half, yy)], fill="#37474f", width=5)
    for r in (40, 75, 110):
        draw.arc((x - r, base - height - r, x + r, base - height + r), 200, 340, fill="#ffffff", width=6)


def picture(name, seed, sky, hills, motif):
    rng = random.Random(seed)
    im = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(im)
    _sky(draw, *sky)
    draw.ellipse((880, 90, 1010, 220), fill="#fff3c4")
    _hills(draw, rng, hills, 470)
    motif(draw, rng)
    im = im.filter(ImageFilter.SMOOTH)
    OUT.mkdir(parents=True, exist_ok=True)
    im.save(OUT / f"{name}.jpg", quality=70, optimize=True, progressive=True)


def coffee(draw, rng):
    for row in range(5):
        for k in range(9):
            x, y = 60 + k * 125 + row * 20, 560 + row * 48
            draw.ellipse((x, y, x + 70, y + 40), fill=("#2e7d32", "#388e3c", "#1b5e20")[(row + k) % 3])
            draw.ellipse((x + 25, y + 10, x + 40, y + 25), fill="#b71c1c")
    _qr(draw, 150, 150, 252, rng)


def services(draw, rng):
    _phone(draw, 470, 180, 260, 500, "#e3f2fd")
    for k in range(4):
        draw.rounded_rectangle((510, 260 + k * 90, 690, 320 + k * 90), radius=10, fill=("#1565c0", "#43a047", "#fb8c00", "#8e24aa")[k])
    draw.ellipse((120, 520, 280, 680), fill="#ffe082")


def towers(draw, rng):
    _tower(draw, 300, 560, 330)
    _tower(draw, 850, 600, 260)
    for k in range(6):
        x = 120 + k * 180
        draw.polygon([(x, 690), (x + 60, 640), (x + 120, 690)], fill="#6d4c41")
        draw.rectangle((x + 10, 690, x + 110, 760), fill="#8d6e63")


def festival(draw, rng):
    for k in range(14):
        x = 60 + k * 80
        draw.line([(x, 120), (x + 80, 150)], fill="#b71c1c", width=4)
        draw.polygon([(x + 10, 125), (x + 40, 135), (x + 25, 175)], fill=("#d32f2f", "#fbc02d")[k % 2])
    draw.rectangle((300, 300, 900, 470), fill="#c62828")
    draw.rectangle((330, 330, 870, 440), fill="#ffca28")
    for k in range(9):
        x = 140 + k * 110
        draw.ellipse((x, 560, x + 50, 610), fill="#4e342e")
        draw.rounded_rectangle((x - 10, 610, x + 60, 720), radius=20, fill=("#1e88e5", "#43a047", "#f4511e")[k % 3])


def village(draw, rng):
    for k in range(5):
        x = 90 + k * 220
        draw.polygon([(x, 560), (x + 90, 470), (x + 180, 560)], fill="#5d4037")
        draw.rectangle((x + 20, 560, x + 160, 660), fill="#a1887f")
        draw.rectangle((x + 70, 600, x + 110, 660), fill="#3e2723")
    draw.line([(0, 420), (W, 380)], fill="#263238", width=4)
    _tower(draw, 1050, 560, 200)


def youth(draw, rng):
    for k in range(4):
        x = 140 + k * 260
        draw.ellipse((x, 330, x + 90, 420), fill="#6d4c41")
        draw.rounded_rectangle((x - 20, 420, x + 110, 640), radius=30, fill="#1565c0" if k % 2 else "#2e7d32")
        _phone(draw, x + 120, 440, 90, 160, "#e8f5e9")


def shop(draw, rng):
    draw.rectangle((160, 260, 1040, 700), fill="#fff8e1")
    draw.rectangle((160, 220, 1040, 300), fill="#e53935")
    for k in range(8):
        draw.rectangle((180 + k * 110, 220, 230 + k * 110, 300), fill="#ffffff")
    draw.rectangle((420, 420, 780, 660), fill="#455a64")
    draw.rectangle((450, 450, 750, 560), fill="#b3e5fc")
    _qr(draw, 820, 430, 168, rng)


if __name__ == "__main__":
    blue = ((120, 180, 235), (230, 242, 250))
    picture("ca-phe-qr", 1, ((140, 200, 240), (250, 240, 210)), ("#7cb342", "#558b2f", "#33691e"), coffee)
    picture("dich-vu-cong", 2, blue, ("#81c784", "#66bb6a", "#43a047"), services)
    picture("phu-song", 3, ((100, 160, 220), (220, 235, 245)), ("#9ccc65", "#7cb342", "#689f38"), towers)
    picture("ngay-hoi", 4, ((255, 224, 178), (255, 248, 225)), ("#aed581", "#9ccc65", "#8bc34a"), festival)
    picture("thon-thong-minh", 5, ((129, 212, 250), (225, 245, 254)), ("#66bb6a", "#4caf50", "#388e3c"), village)
    picture("thanh-nien", 6, blue, ("#c5e1a5", "#aed581", "#9ccc65"), youth)
    picture("hoa-don", 7, ((255, 236, 179), (255, 253, 231)), ("#bcaaa4", "#a1887f", "#8d6e63"), shop)
