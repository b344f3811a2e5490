"""`chuyentrang serve`: the preview. Plain Python here (which files changed, the site loaded again from only those,
the HTTP server with live reload, the pages the editor sees around the site's own); the MkDocs side, which renders
the affected pages, is ``generator.mkdocs_adapter.preview``."""
