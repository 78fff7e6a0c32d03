from odoo import fields, models


class HrTalentEmbedding(models.Model):
    """Embedding cache keyed by content hash (placeholder)."""

    _name = "hr.talent.embedding"
    _description = "Talent AI embedding cache"

    name = fields.Char(required=True)
