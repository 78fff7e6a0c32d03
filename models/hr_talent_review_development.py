from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HrTalentReviewDevelopment(models.Model):
    """A development area of a done review (a dimension with negative sentences), suggested to
    the reviewer. Once confirmed, the skills mapped to its dimension become targets of the
    employee's training path, beside the job's expected skills, with this review as the reason."""

    _name = "hr.talent.review.development"
    _description = "Development area from a review"
    _order = "review_id, id"

    review_id = fields.Many2one("hr.talent.review", required=True, ondelete="cascade", index=True)
    employee_id = fields.Many2one(related="review_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    dimension_id = fields.Many2one("hr.talent.review.dimension", required=True, ondelete="cascade")
    skill_ids = fields.Many2many("hr.skill", string="Skills to develop")
    evidence = fields.Text(readonly=True, help="The sentences of the review behind this area.")
    state = fields.Selection([("suggested", "Suggested"), ("confirmed", "Confirmed"), ("dismissed", "Dismissed")],
                             default="suggested", required=True, readonly=True)
    confirmed_by = fields.Many2one("res.users", readonly=True)
    confirmed_on = fields.Datetime(readonly=True)

    def _check_reviewer(self):
        for rec in self:
            if not rec.review_id._is_reviewer_side():
                raise AccessError(self.env._("Only the reviewer, the employee's manager or HR can decide on this development area."))

    def action_confirm(self):
        self._check_reviewer()
        for rec in self:
            if rec.review_id.state != "done":
                raise UserError(self.env._("Mark the review done before confirming its development areas."))
            if not rec.skill_ids:
                raise UserError(self.env._("No skill is mapped to %(dim)s: add skills here, or map skills to the dimension "
                                  "(Employees > Configuration > Review dimensions).", dim=rec.dimension_id.name))
        self.sudo().write({"state": "confirmed", "confirmed_by": self.env.uid, "confirmed_on": fields.Datetime.now()})
        employees = self.sudo().employee_id
        employees.filtered("training_path_computed_at").write({"training_path_computed_at": False})
        return True

    def action_dismiss(self):
        self._check_reviewer()
        self.sudo().write({"state": "dismissed"})
        return True

    def _reason(self):
        self.ensure_one()
        return self.env._("%(dim)s: development area of %(review)s", dim=self.dimension_id.name, review=self.review_id.display_name)
