"""Reports: the frequency report (JSON, CSV, text), its Vietnamese wording, the auditor's documents."""
