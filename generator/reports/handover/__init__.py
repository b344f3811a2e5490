"""What an auditor is handed: the report as an Excel workbook, a verification code that ties a report to the git
commit it was built from, and ``chuyentrang verify`` that rebuilds a report from that commit and compares.

Takes the judged ``generator.core.judge.Report`` (or the report JSON) as it is; changes nothing upstream."""
