from odoo import fields, models, tools

from .hr_talent_review_dimension import DIMENSION_CODES


class HrTalentReviewTrend(models.Model):
    """Per employee, dimension and review: how many sentences were strengths or development
    areas and the mean polarity (-1..1), for the trend graph and pivot. Done reviews only."""

    _name = "hr.talent.review.trend"
    _description = "Review trend per dimension"
    _auto = False
    _order = "date"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    manager_user_id = fields.Many2one("res.users", readonly=True)
    review_id = fields.Many2one("hr.talent.review", readonly=True)
    date = fields.Date(readonly=True)
    dimension = fields.Selection(DIMENSION_CODES, readonly=True)
    sentences = fields.Integer(readonly=True)
    strengths = fields.Integer(readonly=True)
    development = fields.Integer("Development areas", readonly=True)
    score = fields.Float("Mean polarity", readonly=True, aggregator="avg", digits=(3, 2))

    def _search(self, domain, *args, **kwargs):
        """The SQL view reads reviews and insights: flush them, not only this model."""
        self.env["hr.talent.review"].flush_model()
        self.env["hr.talent.review.insight"].flush_model()
        return super()._search(domain, *args, **kwargs)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW %s AS (
                SELECT MIN(i.id) AS id, r.employee_id, r.department_id, r.company_id, r.manager_user_id,
                       r.id AS review_id, r.date, i.dimension,
                       COUNT(*) AS sentences,
                       COUNT(*) FILTER (WHERE i.polarity = 'positive') AS strengths,
                       COUNT(*) FILTER (WHERE i.polarity = 'negative') AS development,
                       AVG(CASE i.polarity WHEN 'positive' THEN 1.0 WHEN 'negative' THEN -1.0 ELSE 0.0 END) AS score
                  FROM hr_talent_review_insight i
                  JOIN hr_talent_review r ON r.id = i.review_id
                 WHERE r.state = 'done'
              GROUP BY r.id, r.employee_id, r.department_id, r.company_id, r.manager_user_id, r.date, i.dimension
            )""" % self._table)
