"""Applicant fit: text processing, zero-shot scoring, features, explanation.

Serving modules (text, zero_shot, features, explain) are numpy-only; ``train``
imports torch and is loaded only by the trainer subprocess (``python -m ml.train fit``).
"""
