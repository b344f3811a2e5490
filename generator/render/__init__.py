"""Render: a judged ``Site`` -> the generated pages (HTML fragments) and files. Plain Python, no MkDocs."""
from generator.render.pages import GeneratedPage, Rendered, StaticFile, render_site

__all__ = ["GeneratedPage", "Rendered", "StaticFile", "render_site"]
