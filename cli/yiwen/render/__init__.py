"""Output: the only code that imports rich or writes HTML (terminal, JSON, HTML renderers)."""
