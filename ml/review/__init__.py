"""Performance reviews: sentence dimension, polarity and fair-language flags (plain Python, no Odoo)."""
