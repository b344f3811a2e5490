"""What the XML parser, feedparser and the network stack say when a feed fails, in plain Vietnamese.

Their own messages are English ("undefined entity", "[Errno 111] Connection refused", "document declared as utf-8,
but parsed as windows-1252"); they end up on the source's line of `chuyentrang fetch` and in the source health
shown on the frequency log, read by editors and auditors. The common ones are said in Vietnamese here; a message
not listed is said generically, never passed through as it came.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
import xml.sax
from xml.parsers.expat import errors as expat

import feedparser

# expat's messages, by its own constants (the text it raises), said in Vietnamese
_XML = {
    expat.XML_ERROR_SYNTAX: "lỗi cú pháp",
    expat.XML_ERROR_NO_ELEMENTS: "không có phần tử nào (nội dung rỗng hoặc bị cắt cụt)",
    expat.XML_ERROR_INVALID_TOKEN: "có ký tự hoặc đoạn viết sai quy tắc XML",
    expat.XML_ERROR_UNCLOSED_TOKEN: "thẻ chưa được đóng (nội dung có thể bị cắt cụt)",
    expat.XML_ERROR_PARTIAL_CHAR: "ký tự bị cắt dở",
    expat.XML_ERROR_TAG_MISMATCH: "thẻ đóng không khớp với thẻ mở",
    expat.XML_ERROR_DUPLICATE_ATTRIBUTE: "một thuộc tính bị viết hai lần",
    expat.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "có nội dung thừa sau phần tử gốc",
    expat.XML_ERROR_UNDEFINED_ENTITY: "dùng ký hiệu thực thể chưa khai báo (như &nbsp; của HTML)",
    expat.XML_ERROR_RECURSIVE_ENTITY_REF: "thực thể tự tham chiếu chính nó",
    expat.XML_ERROR_UNCLOSED_CDATA_SECTION: "đoạn CDATA chưa được đóng",
    expat.XML_ERROR_MISPLACED_XML_PI: "khai báo <?xml …?> không nằm ở đầu nội dung",
    expat.XML_ERROR_UNKNOWN_ENCODING: "bảng mã khai báo không được hỗ trợ",
    expat.XML_ERROR_INCORRECT_ENCODING: "bảng mã khai báo trong <?xml …?> không đúng với nội dung",
    expat.XML_ERROR_UNBOUND_PREFIX: "dùng tiền tố namespace chưa khai báo",
    expat.XML_ERROR_BAD_CHAR_REF: "tham chiếu tới một ký tự không hợp lệ (&#…;)",
    expat.XML_ERROR_XML_DECL: "khai báo <?xml …?> viết sai",
    expat.XML_ERROR_NO_MEMORY: "nội dung quá lớn để đọc",
}
_DECLARED = re.compile(r"document declared as (.*?), but parsed as (\S+)")
_NOT_XML_TYPE = re.compile(r"(.*) is not an XML media type")
_NAMESPACE = re.compile(r"'([^']*)' is not associated with a namespace")


def xml_problem(exc: BaseException | None) -> str:
    """Why the feed is not valid XML, with its line and column when known."""
    if isinstance(exc, xml.sax.SAXParseException):
        where = ""
        line, column = exc.getLineNumber(), exc.getColumnNumber()
        if isinstance(line, int) and line > 0:
            where = f"dòng {line}, cột {(column or 0) + 1}: "
        return where + _XML.get(exc.getMessage(), "lỗi cú pháp XML")
    if isinstance(exc, feedparser.UndeclaredNamespace):
        match = _NAMESPACE.search(str(exc))
        return f"dùng tiền tố namespace «{match.group(1)}» chưa khai báo" if match else _XML[expat.XML_ERROR_UNBOUND_PREFIX]
    if isinstance(exc, feedparser.CharacterEncodingUnknown):
        return "không xác định được bảng mã của nội dung"
    return "lỗi cú pháp XML"


def reader_warning(exc: BaseException | None) -> str:
    """What feedparser put up with (a wrong encoding declaration, a content type that is not XML)."""
    text = str(exc or "")
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        match = _DECLARED.search(text)
        if match:
            declared = match.group(1) or "không rõ"
            return f"feed khai báo bảng mã «{declared}» nhưng nội dung không khớp: đã đọc theo {match.group(2)}"
        return "bảng mã feed khai báo không khớp với nội dung: đã đọc theo bảng mã khác"
    if isinstance(exc, feedparser.NonXMLContentType):
        match = _NOT_XML_TYPE.search(text)
        if match:
            return f"máy chủ gửi feed với kiểu nội dung «{match.group(1)}», không phải kiểu XML: vẫn đọc được"
        return "máy chủ không cho biết kiểu nội dung (Content-Type): vẫn đọc được"
    return "feed có chỗ không chuẩn nhưng vẫn đọc được"


def _causes(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


_ERRNO = {
    errno.ECONNREFUSED: "máy chủ từ chối kết nối (không có dịch vụ nào ở cổng này)",
    errno.ECONNRESET: "máy chủ cắt ngang kết nối",
    errno.EHOSTUNREACH: "không có đường mạng tới máy chủ",
    errno.ENETUNREACH: "mạng không tới được máy chủ",
    errno.ETIMEDOUT: "kết nối quá thời gian chờ",
    errno.EPIPE: "máy chủ đã đóng kết nối",
}


def network_problem(exc: BaseException, otherwise: str = "lỗi mạng") -> str:
    """Why a connection failed or broke, from the OS or TLS error underneath httpx's; ``otherwise`` when unknown."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = (cause.verify_message or "").lower()
            if "expired" in detail:
                return "chứng chỉ HTTPS của máy chủ đã hết hạn"
            if "self" in detail and "signed" in detail:
                return "chứng chỉ HTTPS của máy chủ là chứng chỉ tự ký, không được tin cậy"
            if "hostname" in detail or "ip address mismatch" in detail:
                return "chứng chỉ HTTPS của máy chủ không đúng tên miền"
            return "chứng chỉ HTTPS của máy chủ không hợp lệ"
        if isinstance(cause, ssl.SSLError):
            return "không thiết lập được kết nối bảo mật HTTPS (TLS)"
        if isinstance(cause, socket.gaierror):
            return "không tìm thấy tên miền (DNS): kiểm tra lại địa chỉ hoặc mạng"
        if isinstance(cause, OSError) and cause.errno in _ERRNO:
            return _ERRNO[cause.errno]
    text = str(exc).lower()
    if "disconnected" in text or "without sending" in text:
        return "máy chủ đóng kết nối mà không trả lời"
    if "peer closed" in text or "incomplete" in text:
        return "nội dung bị cắt ngang trước khi tải xong"
    return otherwise
