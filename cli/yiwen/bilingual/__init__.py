"""Bilingual checks: align a draft with its source; compare numbers, dates, names and terms."""
