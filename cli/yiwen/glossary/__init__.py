"""The hospital glossary: model, TOML loader, import/export, matcher and Chinese names."""
