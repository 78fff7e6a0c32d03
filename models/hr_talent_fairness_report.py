from odoo import fields, models, tools

# Groups smaller than this are reported but marked as not significant: an
# impact ratio over a handful of people says little (LL144 audits may exclude
# categories under 2% of the data for the same reason).
MIN_SIGNIFICANT_GROUP = 20


class HrTalentFairnessReport(models.Model):
    """Scoring rate and impact ratio per job and fairness category (NYC LL144).

    Scoring rate: share of a category's scored applicants whose fit is above the
    job's median fit. Impact ratio: that rate divided by the highest category's
    rate for the same job. A ratio under 0.8 breaks the four-fifths rule.
    """

    _name = "hr.talent.fairness.report"
    _description = "Fairness report (scoring rate and impact ratio)"
    _auto = False
    _order = "job_id, impact_ratio"

    job_id = fields.Many2one("hr.job", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    category_id = fields.Many2one("hr.talent.fairness.category", string="Category", readonly=True)
    dimension = fields.Char(readonly=True)
    applicant_count = fields.Integer("Scored applicants", readonly=True)
    above_median_count = fields.Integer("Above the job's median", readonly=True)
    job_median_fit = fields.Float("Job median fit", readonly=True, aggregator="avg")
    scoring_rate = fields.Float(readonly=True, aggregator="avg", digits=(16, 3))
    impact_ratio = fields.Float(readonly=True, aggregator="min", digits=(16, 3))
    four_fifths_flag = fields.Boolean("Below four-fifths", readonly=True)
    significant = fields.Boolean(
        readonly=True, help=f"At least {MIN_SIGNIFICANT_GROUP} scored applicants in the category."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH scored AS (
                    -- Odoo stores an unset Float as 0: "scored" is fit_scored_at, not fit_score.
                    SELECT a.id, a.job_id, a.company_id, a.fit_score, c.fairness_category_id AS category_id
                      FROM hr_applicant a
                      JOIN hr_candidate c ON c.id = a.candidate_id
                     WHERE a.fit_scored_at IS NOT NULL AND a.job_id IS NOT NULL
                ), medians AS (
                    SELECT job_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY fit_score) AS median
                      FROM scored GROUP BY job_id
                ), rates AS (
                    SELECT s.job_id, s.company_id, s.category_id, m.median,
                           count(*) AS n,
                           count(*) FILTER (WHERE s.fit_score > m.median) AS above
                      FROM scored s JOIN medians m ON m.job_id = s.job_id
                     WHERE s.category_id IS NOT NULL
                     GROUP BY s.job_id, s.company_id, s.category_id, m.median
                ), ratios AS (
                    SELECT r.*, r.above::float / r.n AS rate,
                           max(r.above::float / r.n) OVER (PARTITION BY r.job_id, cat.dimension) AS best_rate,
                           cat.dimension
                      FROM rates r JOIN hr_talent_fairness_category cat ON cat.id = r.category_id
                )
                SELECT row_number() OVER (ORDER BY job_id, category_id) AS id,
                       job_id, company_id, category_id, dimension,
                       n AS applicant_count, above AS above_median_count, median AS job_median_fit,
                       rate AS scoring_rate,
                       CASE WHEN best_rate > 0 THEN rate / best_rate ELSE 1.0 END AS impact_ratio,
                       (best_rate > 0 AND rate / best_rate < 0.8) AS four_fifths_flag,
                       (n >= {MIN_SIGNIFICANT_GROUP}) AS significant
                  FROM ratios
            )
            """
        )
