"""The MkDocs adapter: the only package that imports ``mkdocs`` or ``material``.

Everything else in ``generator`` is plain Python that loads, validates, judges and renders; this folder hands the
result to MkDocs (the plugin, the build driver, the page work on the other core, the theme overrides). Moving to
another generator means replacing this folder, nothing else (see the README, "Moving off MkDocs").
"""
