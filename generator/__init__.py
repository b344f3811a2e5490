"""chuyentrang: the provincial digital-transformation microsite generator.

Data flows one way: sources -> load/validate -> group/judge -> render -> MkDocs.
"""

__version__ = "0.1.0"
