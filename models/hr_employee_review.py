from odoo import fields, models


class HrEmployee(models.Model):
    """Reviews on the employee form and the review targets of the training path."""

    _inherit = "hr.employee"

    talent_review_ids = fields.One2many("hr.talent.review", "employee_id", string="Performance reviews",
                                        groups="hr.group_hr_user")
    talent_review_count = fields.Integer("Reviews", compute="_compute_talent_review_count", groups="hr.group_hr_user")

    def _compute_talent_review_count(self):
        Review = self.env["hr.talent.review"]
        counts = dict(Review._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"]))
        for employee in self:
            employee.talent_review_count = counts.get(employee, 0)

    def action_open_talent_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_talent_ai.action_hr_talent_review")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    def _training_review_targets(self):
        """{skill_id: reason} of the confirmed development areas of this employee's reviews."""
        self.ensure_one()
        areas = self.env["hr.talent.review.development"].sudo().search(
            [("employee_id", "=", self.id), ("state", "=", "confirmed"), ("dimension_id.active", "=", True)],
            order="id")
        out = {}
        for area in areas:
            for skill in area.skill_ids:
                out[skill.id] = area._reason()
        return out
