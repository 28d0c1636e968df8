"""Review: apply fixes, diff two versions of an article, and the interactive review loop."""
