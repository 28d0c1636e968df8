"""yiwen: translate and edit bilingual Chinese-English hospital news from the terminal."""

__version__ = "0.1.0"
