"""citegraph: turn a folder of scholarly and news documents into a citation graph.

The public API is imported lazily so that ``citegraph --help`` stays fast.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
