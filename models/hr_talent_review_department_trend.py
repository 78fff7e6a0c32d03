from odoo import fields, models, tools

from .hr_talent_review_dimension import DIMENSION_CODES

MIN_EMPLOYEES = 5


class HrTalentReviewDepartmentTrend(models.Model):
    """Department aggregates per dimension and month of done reviews, shown only for groups of
    at least five reviewed employees (the minimum-5 rule of the sentiment aggregates): a smaller
    group would let a reader work out one person's review."""

    _name = "hr.talent.review.department.trend"
    _description = "Review trend per department"
    _auto = False
    _order = "month"

    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    dimension = fields.Selection(DIMENSION_CODES, readonly=True)
    employees = fields.Integer(readonly=True, aggregator="max")
    sentences = fields.Integer(readonly=True)
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
                SELECT ROW_NUMBER() OVER (ORDER BY r.department_id, date_trunc('month', r.date), i.dimension) AS id,
                       r.department_id, r.company_id, date_trunc('month', r.date)::date AS month, i.dimension,
                       COUNT(DISTINCT r.employee_id) AS employees, COUNT(*) AS sentences,
                       AVG(CASE i.polarity WHEN 'positive' THEN 1.0 WHEN 'negative' THEN -1.0 ELSE 0.0 END) AS score
                  FROM hr_talent_review_insight i
                  JOIN hr_talent_review r ON r.id = i.review_id
                 WHERE r.state = 'done' AND r.department_id IS NOT NULL
              GROUP BY r.department_id, r.company_id, date_trunc('month', r.date), i.dimension
                HAVING COUNT(DISTINCT r.employee_id) >= %d
            )""" % (self._table, MIN_EMPLOYEES))
