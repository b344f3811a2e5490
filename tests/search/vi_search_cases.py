"""A small corpus where each Vietnamese search case has a known answer. Used by the tests and by
benchmarks/search_size.py to judge Pagefind on the same cases."""

import unicodedata

# (url, title, text); the order is the doc id order (newest first).
DOCS = [
    ("bai-viet/chuyen-doi-so-dak-nong/", "Đắk Nông đẩy mạnh chuyển đổi số",
     "Tỉnh triển khai chuyển đổi số trong cơ quan nhà nước. Số liệu được cập nhật hằng tuần."),
    ("bai-viet/so-nong-nghiep/", "Sở Nông nghiệp kiểm tra sổ sách",
     "Chuyến công tác đổi lịch; sở giữ sổ sách và sổ tay. Sổ mới đã có ở sở."),
    ("bai-viet/hoa-giai-moi/", "Hoà giải ở cơ sở", "Tổ hoà giải thôn Bon Bu Prăng hoạt động hiệu quả."),
    ("bai-viet/hoa-giai-cu/", "Tập huấn hòa giải viên", "Lớp tập huấn hòa giải cho cán bộ xã."),
    ("bai-viet/khoe-moi/", "Sống khoẻ mỗi ngày", "Giữ sức khoẻ bằng thể dục buổi sáng."),
    ("bai-viet/khoe-cu/", "Khám sức khỏe định kỳ", "Người dân được khám sức khỏe miễn phí."),
    ("bai-viet/thuy-loi-moi/", "Công trình thuỷ lợi Đắk Mil", "Hồ thuỷ lợi được nâng cấp trước mùa khô."),
    ("bai-viet/thuy-loi-cu/", "Nâng cấp thủy lợi", "Kênh thủy lợi mới hoàn thành."),
    ("bai-viet/dong-bao/", "Đồng bào dân tộc thiểu số dùng điện thoại thông minh",
     "Đồng bào được hướng dẫn cài ứng dụng trên điện thoại."),
    ("bai-viet/ung-dung/", "Ứng dụng tra cứu lịch tiếp dân", "Người dân xem lịch trên điện thoại."),
    ("bai-viet/tin-khong-dau/", "Tin chuyen doi so khong dau", "Ban tin viet khong dau ve chuyen doi so."),
    ("bai-viet/mnong-1/", "Lễ hội của người M'Nông", "Đồng bào M'Nông ở Đắk R'Lấp giữ gìn cồng chiêng."),
    ("bai-viet/mnong-2/", "Nhà dài của người Mnông", "Người Mnông dựng nhà dài bằng gỗ và tre."),
    ("en/about/", "About us", "The province's site on digital transformation."),
]

NFD_QUERY = unicodedata.normalize("NFD", "chuyển đổi số")


def _u(slug: str) -> str:
    return f"bai-viet/{slug}/"


# found: every one of these is in the results; first: the top result; above: (a, b) a ranks above b.
CASES = [
    {"name": "có dấu, một từ", "query": "số",
     "found": [_u("chuyen-doi-so-dak-nong"), _u("so-nong-nghiep"), _u("tin-khong-dau")],
     "first": _u("chuyen-doi-so-dak-nong"),
     "above": [(_u("chuyen-doi-so-dak-nong"), _u("so-nong-nghiep"))]},
    {"name": "có dấu, cụm từ", "query": "chuyển đổi số",
     "found": [_u("chuyen-doi-so-dak-nong"), _u("tin-khong-dau")],
     "first": _u("chuyen-doi-so-dak-nong"),
     "above": [(_u("chuyen-doi-so-dak-nong"), _u("tin-khong-dau"))]},
    {"name": "không dấu", "query": "chuyen doi so",
     "found": [_u("chuyen-doi-so-dak-nong"), _u("tin-khong-dau")], "first": None,
     "above": [(_u("chuyen-doi-so-dak-nong"), _u("so-nong-nghiep"))]},
    {"name": "NFD (macOS)", "query": NFD_QUERY,
     "found": [_u("chuyen-doi-so-dak-nong"), _u("tin-khong-dau")],
     "first": _u("chuyen-doi-so-dak-nong"), "above": []},
    {"name": "bỏ dấu kiểu mới: hoà", "query": "hoà giải",
     "found": [_u("hoa-giai-moi"), _u("hoa-giai-cu")], "first": None, "above": []},
    {"name": "bỏ dấu kiểu cũ: hòa", "query": "hòa giải",
     "found": [_u("hoa-giai-moi"), _u("hoa-giai-cu")], "first": None, "above": []},
    {"name": "khoẻ", "query": "khoẻ", "found": [_u("khoe-moi"), _u("khoe-cu")], "first": None, "above": []},
    {"name": "khỏe", "query": "khỏe", "found": [_u("khoe-moi"), _u("khoe-cu")], "first": None, "above": []},
    {"name": "thuỷ lợi", "query": "thuỷ lợi",
     "found": [_u("thuy-loi-moi"), _u("thuy-loi-cu")], "first": None, "above": []},
    {"name": "thủy lợi", "query": "thủy lợi",
     "found": [_u("thuy-loi-moi"), _u("thuy-loi-cu")], "first": None, "above": []},
    {"name": "đ: đồng bào", "query": "đồng bào", "found": [_u("dong-bao")], "first": _u("dong-bao"), "above": []},
    {"name": "đ gõ là d: dong bao", "query": "dong bao", "found": [_u("dong-bao")], "first": _u("dong-bao"),
     "above": []},
    {"name": "đ gõ là d: dong", "query": "dong", "found": [_u("dong-bao")], "first": _u("dong-bao"), "above": []},
    {"name": "đ gõ là d: dak", "query": "dak",
     "found": [_u("chuyen-doi-so-dak-nong"), _u("thuy-loi-moi")], "first": None, "above": []},
    {"name": "Ð (U+00D0, phông cũ) gõ cho Đ: ÐỒNG BÀO", "query": "\u00d0\u1ed2NG BÀO", "found": [_u("dong-bao")],
     "first": _u("dong-bao"), "above": []},
    {"name": "chữ hoa: ĐỒNG BÀO", "query": "ĐỒNG BÀO", "found": [_u("dong-bao")], "first": _u("dong-bao"),
     "above": []},
    # M'Nông is written with an apostrophe (straight or curly) or without: each finds both
    {"name": "M'Nông", "query": "M'Nông", "found": [_u("mnong-1"), _u("mnong-2")], "first": _u("mnong-1"),
     "above": []},
    {"name": "M’Nông (dấu nháy cong)", "query": "M’Nông", "found": [_u("mnong-1"), _u("mnong-2")],
     "first": _u("mnong-1"), "above": []},
    {"name": "mnong", "query": "mnong", "found": [_u("mnong-1"), _u("mnong-2")], "first": None, "above": []},
    {"name": "Đắk R'Lấp gõ không dấu nháy", "query": "dak rlap", "found": [_u("mnong-1")], "first": _u("mnong-1"),
     "above": []},
    {"name": "tiêu đề trên thân bài", "query": "ứng dụng",
     "found": [_u("ung-dung"), _u("dong-bao")], "first": _u("ung-dung"),
     "above": [(_u("ung-dung"), _u("dong-bao"))]},
]


def judge(case: dict, ranked_urls: list[str]) -> list[str]:
    """What is wrong with ``ranked_urls`` as the answer to ``case`` (empty when right)."""
    wrong = [f"thiếu {u}" for u in case["found"] if u not in ranked_urls]
    if case["first"] and (not ranked_urls or ranked_urls[0] != case["first"]):
        wrong.append(f"đứng đầu là {ranked_urls[0] if ranked_urls else 'không có'}, không phải {case['first']}")
    for a, b in case["above"]:
        if a in ranked_urls and b in ranked_urls and ranked_urls.index(a) > ranked_urls.index(b):
            wrong.append(f"{b} xếp trên {a}")
    return wrong
