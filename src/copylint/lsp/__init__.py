"""The editor server (``copylint lsp``); needs the ``lsp`` extra (pygls)."""
