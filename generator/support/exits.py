"""What the command's exit codes mean, and the one line that says a failure was the machine's, not the input's.

0 done; 1 only ever means a frequency target was missed; 2 input the user can fix (printed as ``path:line:
message``); 3 the environment failed (a full or read-only disk, no permission, another build running).
"""
from __future__ import annotations

import errno

EXIT_OK, EXIT_MISSED, EXIT_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3

_ERRNO_VI = {
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EDQUOT: "vượt hạn mức dung lượng đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không ghi được",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép thao tác",
    errno.EIO: "lỗi đọc/ghi của thiết bị",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ thống mở quá nhiều tệp cùng lúc",
    errno.ENOMEM: "không đủ bộ nhớ",
    errno.EAGAIN: "đang bị một tiến trình khác giữ (một lần build khác đang chạy vào cùng thư mục?)",
    errno.ELOOP: "là một liên kết (symlink), không đi theo nó",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ENOENT: "không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "là một thư mục",
    errno.EADDRINUSE: "địa chỉ đang được một chương trình khác dùng",
    errno.EADDRNOTAVAIL: "máy này không có địa chỉ đó",
    errno.EEXIST: "đã có",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.EBUSY: "đang bị dùng",
    errno.EXDEV: "nằm trên ổ đĩa khác",
    errno.ENOEXEC: "không chạy được (không phải chương trình)",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese. The system's own words (``strerror``) are English ("No such file or
    directory"); an error this table does not know is named by its code (``ENOTSUP``), never by those words."""
    known = _ERRNO_VI.get(exc.errno) if exc.errno is not None else None
    if known:
        return known
    if exc.errno is not None:
        return f"lỗi hệ thống {errno.errorcode.get(exc.errno, exc.errno)}"
    return "lỗi hệ thống"


_KEPT = {"build": " Thư mục kết quả giữ nguyên như trước.", "deploy": " Trang đang chạy giữ nguyên.",
         "rollback": " Trang đang chạy giữ nguyên."}


FULL = (errno.ENOSPC, errno.EDQUOT)


def environment_line(exc: OSError, command: str = "", output: object = None) -> str:
    """One Vietnamese line for a failure of the machine (disk, permissions), not of the input. A full disk is named
    by the folder being written (``output``): the file the error names may be the one being copied from."""
    reason = os_reason(exc)
    if exc.errno in FULL and output is not None:
        where = str(output)
    else:
        where = exc.filename if exc.filename is not None else "chuyentrang"
    return f"{where}: {reason}. Lỗi môi trường, không phải lỗi dữ liệu.{_KEPT.get(command, '')}\n"
