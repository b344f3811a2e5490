"""The `chuyentrang` command line: arguments in Vietnamese, exit codes, progress lines, `new`."""
