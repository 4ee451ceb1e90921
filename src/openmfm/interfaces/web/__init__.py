"""The clinician web app at ``/``: Ask, Audit, Knowledge and De-identify pages in Chinese or English.

Server-rendered pages and one small script, every asset shipped in the package (``data/web``),
no build step. The pages are shells: the script calls the same /v1 routes as any API client, so
the gate, the permission checks and the audit log are the API's own.
"""

from .pages import PAGES, STATIC, mount

__all__ = ["PAGES", "STATIC", "mount"]
