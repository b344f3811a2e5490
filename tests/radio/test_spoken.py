"""What the announcer says for what the editors wrote: each row is a phrase from real Vietnamese news copy."""
from __future__ import annotations

import unicodedata

import pytest

from generator.radio import spoken
from generator.radio.spoken import read_number, speak, syllables

NUMBERS = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1000, "một nghìn"),
    (1005, "một nghìn không trăm linh năm"),
    (1050, "một nghìn không trăm năm mươi"),
    (2026, "hai nghìn không trăm hai mươi sáu"),
    (10_000, "mười nghìn"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (2_000_500, "hai triệu năm trăm"),
    (5_020_000, "năm triệu không trăm hai mươi nghìn"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize("n, words", NUMBERS, ids=[str(n) for n, _ in NUMBERS])
def test_numbers_read_by_vietnamese_rules(n, words):
    assert read_number(n) == words


CASES = [
    # dates
    ("10/10/2026", "ngày mười tháng mười năm hai nghìn không trăm hai mươi sáu"),
    ("Ngày 10/10/2026 là Ngày Chuyển đổi số quốc gia.",
     "Ngày mười tháng mười năm hai nghìn không trăm hai mươi sáu là Ngày Chuyển đổi số quốc gia."),
    ("hạn chót 05/01/2027", "hạn chót ngày năm tháng một năm hai nghìn không trăm hai mươi bảy"),
    ("từ 1/7 đến 15/7", "từ ngày một tháng bảy đến ngày mười lăm tháng bảy"),
    ("dịp 10/10 hằng năm", "dịp ngày mười tháng mười hằng năm"),
    ("trong tháng 4/2026", "trong tháng tư năm hai nghìn không trăm hai mươi sáu"),
    ("từ ngày 10-12/10/2026",
     "từ ngày mười đến ngày mười hai tháng mười năm hai nghìn không trăm hai mươi sáu"),
    ("ngày 2026-10-10", "ngày mười tháng mười năm hai nghìn không trăm hai mươi sáu"),
    ("hạn 31/4/2026", "hạn ngày ba mươi mốt tháng tư năm hai nghìn không trăm hai mươi sáu"),  # read as written
    # document numbers: "số", the number, "năm" and the year, then the filing code spelled as announcers say it
    ("Quyết định số 749/QĐ-TTg ngày 3/6/2020",
     "Quyết định số bảy trăm bốn mươi chín qui đê tê tê gờ ngày ba tháng sáu năm hai nghìn không trăm hai mươi"),
    ("Nghị định 42/2022/NĐ-CP", "Nghị định số bốn mươi hai năm hai nghìn không trăm hai mươi hai nờ đê xê pê"),
    ("Nghị định 30/2020/NĐ-CP về công tác văn thư",
     "Nghị định số ba mươi năm hai nghìn không trăm hai mươi nờ đê xê pê về công tác văn thư"),
    ("Kế hoạch 125/KH-UBND", "Kế hoạch số một trăm hai mươi lăm ca hát u bê nờ dê"),
    ("tháng 4 năm nay", "tháng tư năm nay"),
    # times
    ("họp lúc 08:30", "họp lúc tám giờ ba mươi phút"),
    ("từ 8h30 đến 11h", "từ tám giờ ba mươi phút đến mười một giờ"),
    ("khai mạc 14:00", "khai mạc mười bốn giờ"),
    ("lúc 7g15 sáng", "lúc bảy giờ mười lăm phút sáng"),
    # percentages, decimals, thousands
    ("đạt 12,5% dân số", "đạt mười hai phẩy năm phần trăm dân số"),
    ("tăng 50%", "tăng năm mươi phần trăm"),
    ("tăng 10-15%", "tăng mười đến mười lăm phần trăm"),
    ("1.250 hộ dân", "một nghìn hai trăm năm mươi hộ dân"),
    ("3,5 triệu lượt", "ba phẩy năm triệu lượt"),
    ("0,05 điểm", "không phẩy không năm điểm"),
    ("12,25 tỷ", "mười hai phẩy hai mươi lăm tỷ"),
    ("1.000.000 người", "một triệu người"),
    ("Công nghiệp 4.0", "Công nghiệp bốn chấm không"),
    ("1/2 số hộ và 3/4 số xã", "một phần hai số hộ và ba phần tư số xã"),
    # a quantity per unit after a number: "X/Y" read "X một Y"; other slashes between words stay a pause
    ("hỗ trợ 50.000 đồng/hộ", "hỗ trợ năm mươi nghìn đồng một hộ"),
    ("đăng 2 tin bài/tuần", "đăng hai tin bài một tuần"),
    ("cán bộ cấp xã/phường", "cán bộ cấp xã phường"),
    ("và/hoặc", "và hoặc"),
    ("ngày 1/7 có 1/2 số hộ", "ngày một tháng bảy có một phần hai số hộ"),
    # money
    ("phí 50.000 đồng", "phí năm mươi nghìn đồng"),
    ("giá 50.000đ", "giá năm mươi nghìn đồng"),
    ("tổng vốn 2 tỷ đồng", "tổng vốn hai tỷ đồng"),
    ("200.000 VNĐ mỗi tháng", "hai trăm nghìn đồng mỗi tháng"),
    ("1,5 tỷ đồng", "một phẩy năm tỷ đồng"),
    ("gói cước $5", "gói cước năm đô la"),
    ("10 USD", "mười đô la Mỹ"),
    # phone numbers, digit by digit in groups
    ("gọi 0912 345 678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
    ("gọi 0912345678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
    ("gọi 0912.345.678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
    ("Đường dây nóng: 1022", "Đường dây nóng: một không hai hai"),
    # 1800/1900 hotlines are dialled, never thousands, with or without a word saying it is a phone number
    ("Gọi 1900 1234 để được hỗ trợ", "Gọi một chín không không, một hai ba bốn để được hỗ trợ"),
    ("tổng đài 1800.1567", "tổng đài một tám không không, một năm sáu bảy"),
    ("năm 1900 có 1234 người", "năm một nghìn chín trăm có một nghìn hai trăm ba mươi tư người"),
    ("điện thoại 0261 3812 345", "điện thoại không hai sáu một, ba tám một hai, ba bốn năm"),
    ("số +84 912 345 678", "số cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám"),
    # ordinals and Roman numerals
    ("Thứ 2 tuần sau", "Thứ hai tuần sau"),
    ("thứ 4 hằng tuần", "thứ tư hằng tuần"),
    ("lần thứ 1", "lần thứ nhất"),
    ("xếp thứ 14 cả nước", "xếp thứ mười bốn cả nước"),
    ("trong quý IV", "trong quý bốn"),
    ("quý I năm 2027", "quý một năm hai nghìn không trăm hai mươi bảy"),
    ("trong quý IV/2026", "trong quý bốn năm hai nghìn không trăm hai mươi sáu"),
    ("kết quả quý 4/2026", "kết quả quý bốn năm hai nghìn không trăm hai mươi sáu"),  # a quarter, not April
    ("trong tháng 4/2026 và quý I/2027", "trong tháng tư năm hai nghìn không trăm hai mươi sáu và quý một năm "
     "hai nghìn không trăm hai mươi bảy"),
    ("Đại hội XIII của Đảng", "Đại hội mười ba của Đảng"),
    ("Quốc hội khóa XV", "Quốc hội khóa mười lăm"),
    ("lần thứ IV", "lần thứ tư"),
    # abbreviations
    ("CĐS cấp xã", "chuyển đổi số cấp xã"),
    ("UBND tỉnh", "ủy ban nhân dân tỉnh"),
    ("HĐND huyện", "hội đồng nhân dân huyện"),
    ("Sở TT&TT", "Sở thông tin và truyền thông"),
    ("TP. Gia Nghĩa", "thành phố Gia Nghĩa"),
    ("phát triển KT-XH", "phát triển kinh tế, xã hội"),
    ("tổ CNSCĐ thôn 3", "tổ công nghệ số cộng đồng thôn ba"),
    ("chỉ số DTI", "chỉ số dê tê i"),
    # English names
    ("cài VNeID", "cài vê en ê ai đi"),
    ("nhóm Zalo của thôn", "nhóm da lô của thôn"),
    ("trang Facebook của xã", "trang phây búc của xã"),
    ("phủ sóng 4G và 5G", "phủ sóng bốn gờ và năm gờ"),
    ("ứng dụng AI và IoT", "ứng dụng ây ai và ai ô ti"),
    ("quét mã QR", "quét mã qui a"),
    ("Ai cũng cài được", "Ai cũng cài được"),  # the Vietnamese word "ai" is not the English AI
    ("THÔNG BÁO KHẨN", "THÔNG BÁO KHẨN"),  # a headline in capitals is not spelled letter by letter
    # units
    ("diện tích 1.250 m²", "diện tích một nghìn hai trăm năm mươi mét vuông"),
    ("trồng 3,5 ha cà phê", "trồng ba phẩy năm héc ta cà phê"),
    ("kéo 12 km cáp quang", "kéo mười hai ki lô mét cáp quang"),
    ("tốc độ 100 MB/s", "tốc độ một trăm mê ga bai một giây"),
    ("dung lượng 64 GB", "dung lượng sáu mươi tư gi ga bai"),
    ("nhiệt độ -5°C", "nhiệt độ âm năm độ xê"),
    ("đường truyền 300 Mbps", "đường truyền ba trăm mê ga bít một giây"),
    ("điện mặt trời 2 MW", "điện mặt trời hai mê ga oát"),
    # ranges
    ("giai đoạn 2020-2025",
     "giai đoạn hai nghìn không trăm hai mươi đến hai nghìn không trăm hai mươi lăm"),
    ("giai đoạn 2021 – 2025",
     "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"),
    ("từ 5-7 người", "từ năm đến bảy người"),
    # URLs and e-mail addresses dropped
    ("truy cập https://dichvucong.gov.vn để nộp hồ sơ", "truy cập để nộp hồ sơ"),
    ("Cổng dịch vụ công (dichvucong.gov.vn) đã mở", "Cổng dịch vụ công đã mở"),
    ("xem www.daknong.gov.vn/tin-tuc?id=5.", "xem."),
    ("gửi thư về sotttt@daknong.gov.vn.", "gửi thư về."),
    # punctuation a reader does not say
    ("“Bình dân học vụ số” ra mắt", "Bình dân học vụ số ra mắt"),
    ("xã/phường", "xã phường"),
]


@pytest.mark.parametrize("written, said", CASES, ids=[w for w, _ in CASES])
def test_written_vietnamese_is_spelled_out_for_reading(written, said):
    assert speak(written) == said


def test_at_least_sixty_real_cases():
    assert len(CASES) >= 60


def test_nfd_input_reads_like_nfc():
    text = "Ngày 10/10/2026, CĐS cấp xã đạt 12,5%"
    assert speak(unicodedata.normalize("NFD", text)) == speak(text)


def test_a_province_extends_and_overrides_the_reading_table():
    readings = spoken.DEFAULT.with_words({"iGov": "ai gớp", "VNeID": "vê nê ích", "Sở KH&CN": "sở khoa học"})
    assert speak("Cài VNeID và iGov; gặp Sở KH&CN", readings) == "Cài vê nê ích và ai gớp; gặp sở khoa học"
    assert speak("Cài VNeID") == "Cài vê en ê ai đi"  # the default table is unchanged


def test_southern_number_words_are_a_setting():
    south = spoken.Readings(zero_tens="lẻ", thousand="ngàn")
    assert read_number(1005, south) == "một ngàn không trăm lẻ năm"
    assert speak("105 hộ", south) == "một trăm lẻ năm hộ"


def test_same_text_same_words_and_syllables_counted_per_word():
    text = "Từ 8h30 ngày 10/10/2026, 1.250 hộ dùng VNeID."
    assert speak(text) == speak(text)
    assert syllables("ngày mười tháng mười") == 4
    assert syllables(speak("CĐS")) == 3
