"""Deterministic Vietnamese articles for the search benchmark and tests (no network, no data files)."""

from __future__ import annotations

import random

# Words of a provincial digital-transformation news site; multi-syllable words are kept together so phrases recur.
VOCABULARY = """
chuyển đổi số|chính quyền số|kinh tế số|xã hội số|công dân số|dữ liệu|hạ tầng|nền tảng|ứng dụng|dịch vụ công
trực tuyến|một cửa|thủ tục|hành chính|người dân|doanh nghiệp|cán bộ|công chức|viên chức|tỉnh|huyện|xã|phường
thị trấn|thành phố|Đắk Nông|Gia Nghĩa|Đắk Mil|Đắk Song|Đắk R'lấp|Đắk Glong|Krông Nô|Cư Jút|Tuy Đức
Ủy ban nhân dân|Hội đồng nhân dân|Sở Thông tin và Truyền thông|Sở Nông nghiệp|Sở Y tế|Sở Giáo dục|sở|ban|ngành
đoàn thể|Đảng ủy|Mặt trận|đồng chí|chủ tịch|phó chủ tịch|giám đốc|trưởng phòng|lãnh đạo|chỉ đạo|điều hành
kế hoạch|chương trình|đề án|dự án|nhiệm vụ|giải pháp|mục tiêu|chỉ tiêu|kết quả|đánh giá|kiểm tra|giám sát
triển khai|thực hiện|hoàn thành|đẩy mạnh|tăng cường|nâng cao|phát triển|xây dựng|hội nghị|hội thảo|tập huấn
đào tạo|bồi dưỡng|kỹ năng|nhân lực|chất lượng|hiệu quả|minh bạch|công khai|an toàn|an ninh mạng|bảo mật
thông tin|truyền thông|báo chí|phát thanh|truyền hình|cổng thông tin|điện tử|internet|cáp quang|sóng|di động
điện thoại thông minh|máy tính|phần mềm|hệ thống|cơ sở dữ liệu|đồng bộ|kết nối|liên thông|chia sẻ|khai thác
định danh|xác thực|chữ ký số|thanh toán|không dùng tiền mặt|ngân hàng|ví điện tử|thương mại điện tử|sàn
nông sản|cà phê|hồ tiêu|sầu riêng|mắc ca|khoai lang|lúa|bơ|nông dân|hợp tác xã|trang trại|vùng trồng|mã số
truy xuất nguồn gốc|sản phẩm|OCOP|thị trường|xuất khẩu|tiêu thụ|giá|đầu tư|vốn|ngân sách|tài chính|thuế
y tế|bệnh viện|trạm y tế|khám chữa bệnh|hồ sơ sức khỏe|sức khoẻ|khỏe mạnh|khoẻ mạnh|bảo hiểm|giáo dục
trường học|học sinh|sinh viên|giáo viên|học trực tuyến|thư viện|văn hóa|văn hoá|du lịch|di sản|công viên địa chất
hòa bình|hoà bình|hòa nhập|hoà nhập|hòa giải|hoà giải|thủy lợi|thuỷ lợi|thủy sản|thuỷ sản|thủy điện|thuỷ điện
môi trường|tài nguyên|đất đai|rừng|nước|khí hậu|thiên tai|mưa|hạn hán|cháy rừng|bảo vệ|phòng chống
giao thông|đường|cầu|điện|nước sạch|nông thôn mới|đô thị|thông minh|camera|giám sát|trung tâm điều hành
đồng bào|dân tộc thiểu số|vùng sâu|vùng xa|biên giới|buôn|bon|thôn|bản|già làng|hộ nghèo|giảm nghèo|an sinh
việc làm|lao động|thu nhập|đời sống|cộng đồng|tổ công nghệ số cộng đồng|thanh niên|phụ nữ|hội|đoàn viên
năm|tháng|tuần|ngày|quý|giai đoạn|đến nay|hiện nay|thời gian tới|sắp tới|vừa qua|trước đó|sau đó|lần đầu
đã|đang|sẽ|được|bị|có|không|chưa|cần|phải|nên|có thể|tiếp tục|bắt đầu|hướng dẫn|hỗ trợ|giúp|tạo|đưa
của|và|với|cho|trong|trên|dưới|tại|về|từ|đến|theo|như|để|khi|nếu|thì|mà|là|các|những|nhiều|một|hai|ba|mọi
rất|hơn|nhất|cũng|vẫn|còn|chỉ|đều|luôn|ngay|mới|cùng|nhau|này|đó|nào|gì|ai|đâu|bao nhiêu|tất cả
số|số liệu|số lượng|con số|số hóa|số hoá|sổ|sổ sách|sở hữu|sợ|so sánh|sớm|quyết định|nghị định|thông tư
quyết liệt|đồng thời|đột phá|đổi mới|đóng góp|đội ngũ|đối tượng|địa phương|địa bàn|điểm|đề xuất|đề nghị
ý kiến|phản ánh|kiến nghị|góp ý|hỏi đáp|tiếp nhận|giải quyết|trả lời|đúng hạn|trễ hạn|tỷ lệ|phần trăm
tuyên truyền|nhận thức|thói quen|trải nghiệm|tiện lợi|nhanh chóng|dễ dàng|tiết kiệm|chi phí|thời gian
""".replace("\n", "|").split("|")
VOCABULARY = [w.strip() for w in VOCABULARY if w.strip()]

TITLE_WORDS = [w for w in VOCABULARY if len(w) > 3]


def _zipf_weights(n: int, s: float = 0.9) -> list[float]:
    return [1.0 / (rank + 1) ** s for rank in range(n)]


def articles(count: int, words_per_article: int = 400, seed: int = 2024) -> list[tuple[str, str]]:
    """``count`` (title, body) pairs, the same for the same arguments."""
    rng = random.Random(seed)
    vocab = VOCABULARY[:]
    rng.shuffle(vocab)
    weights = _zipf_weights(len(vocab))
    out = []
    for i in range(count):
        title_words = rng.sample(TITLE_WORDS, rng.randint(4, 8))
        title = " ".join(title_words)
        title = title[0].upper() + title[1:]
        body_words = rng.choices(vocab, weights=weights, k=words_per_article)
        sentences = []
        pos = 0
        while pos < len(body_words):
            n = rng.randint(8, 20)
            chunk = body_words[pos : pos + n]
            pos += n
            s = " ".join(chunk)
            sentences.append(s[0].upper() + s[1:] + rng.choice([".", ".", ".", ",", ";"]))
        out.append((title, " ".join(sentences)))
    return out
