"""The interfaces beyond the terminal: the HTTP API (OpenAI-compatible and native routes) and the
MCP server, thin shells over the Python API behind the one gate, one permission check and one
audit log (``services``). ``create_app`` builds the FastAPI app; ``serving`` runs it.
"""
