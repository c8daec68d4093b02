"""Sections this app adds to the case page and the family page (see core/sections.py)."""
