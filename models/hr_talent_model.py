import hashlib
import json
import logging
import os
import tempfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

KINDS = [
    ("text_encoder", "Text encoder"),
    ("text_encoder_int8", "Text encoder (int8)"),
    ("fit", "Applicant fit"),
    ("sentiment", "Feedback sentiment"),
    ("training_path", "Training path ranker"),
    ("clip_image", "CLIP image encoder"),
    ("clip_text", "CLIP text encoder"),
    ("review", "Performance review insights"),
]
# Metrics where a smaller value is better (for activate="if_better").
LOWER_IS_BETTER = ("loss", "error", "mae", "mse", "rmse", "brier", "ece")


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class HrTalentModel(models.Model):
    """Registry of the ONNX models the add-on serves.

    Every trained or exported model is kept as a version (file in the
    filestore, metrics, training summary) so that serving always uses exactly
    one active version per kind and company, and a bad model can be rolled
    back without retraining.
    """

    _name = "hr.talent.model"
    _description = "Talent AI model"
    _order = "kind, version desc, id desc"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, index=True)
    version = fields.Integer(readonly=True, copy=False, help="Sequence per kind and company.")
    model_file = fields.Binary("ONNX file", attachment=True, copy=False)
    file_name = fields.Char()
    file_size = fields.Integer("Size (bytes)", readonly=True)
    checksum = fields.Char("SHA-256", readonly=True, copy=False)
    metrics = fields.Text(help="Metrics reported by the trainer (JSON).")
    metrics_summary = fields.Text(compute="_compute_metrics_summary")
    heldout_auc = fields.Float("Held-out AUC", compute="_compute_metrics_summary", digits=(4, 3),
                               help="ROC AUC on applicants set aside before training (none of them was used to "
                                    "train, stop or calibrate the model).")
    calibration_error = fields.Float(
        "Calibration error (ECE)", compute="_compute_metrics_summary", digits=(4, 3),
        help="Expected calibration error on the held-out applicants (10 equal-width bins): the mean gap between "
             "the predicted probability and the share of positive outcomes. 0.05 means a score of 70 stands for "
             "65-75 % of such applicants being hired, on average.")
    has_calibration = fields.Boolean(compute="_compute_metrics_summary")
    training_summary = fields.Text(help="What data the model was trained on.")
    provider = fields.Char(readonly=True, help="ONNX Runtime execution provider last used to serve it.")
    serving_note = fields.Char(readonly=True, help="Why it was last served on the CPU when a GPU was requested "
                                                   "or possible (empty when served as asked).")
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Active"), ("rejected", "Rejected"),
         ("failed", "Failed"), ("retired", "Retired")],
        default="candidate", required=True, readonly=True, index=True, copy=False,
    )
    activated_on = fields.Datetime(readonly=True, copy=False)
    note = fields.Text(help="Why the model was rejected or failed.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    def init(self):
        # Last line of defence against two active versions (concurrent workers).
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS hr_talent_model_one_active_idx ON hr_talent_model "
            "(kind, COALESCE(company_id, 0)) WHERE state = 'active' AND active"
        )

    @api.depends("metrics")
    def _compute_metrics_summary(self):
        for rec in self:
            rec.heldout_auc = rec.calibration_error = 0.0
            rec.has_calibration = False
            try:
                data = json.loads(rec.metrics or "{}")
            except ValueError:
                rec.metrics_summary = rec.metrics or ""
                continue
            if isinstance(data, dict) and isinstance(data.get("ece"), (int, float)):
                rec.has_calibration = True
                rec.calibration_error = data["ece"]
                rec.heldout_auc = data.get("auc") if isinstance(data.get("auc"), (int, float)) else 0.0
            lines = []
            for key, value in sorted(data.items()) if isinstance(data, dict) else []:
                if isinstance(value, float):
                    lines.append("%s: %.4g" % (key.replace("_", " "), value))
                elif isinstance(value, (int, str, bool)):
                    lines.append("%s: %s" % (key.replace("_", " "), value))
            rec.metrics_summary = "\n".join(lines)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "active":
                self._check_one_active([(vals.get("kind"), vals.get("company_id", self.env.company.id), None)])
        return super().create(vals_list)

    def write(self, vals):
        if {"state", "active", "kind", "company_id"} & set(vals):
            targets = []
            for rec in self:
                if vals.get("state", rec.state) == "active" and vals.get("active", rec.active):
                    targets.append((vals.get("kind", rec.kind), vals.get("company_id", rec.company_id.id), rec.id))
            self._check_one_active(targets)
        return super().write(vals)

    def _check_one_active(self, targets):
        """At most one active version per kind and company, checked before the database
        index would refuse it (that index stays as the guard against concurrent workers)."""
        seen = set()
        for kind, company_id, rec_id in targets:
            others = self.sudo().search_count([
                ("kind", "=", kind), ("state", "=", "active"), ("company_id", "=", company_id or False),
                ("id", "not in", [t[2] for t in targets if t[2]]),
            ])
            if others or (kind, company_id) in seen:
                raise ValidationError(_(
                    "Only one %(kind)s model can be active per company: use the Activate button, "
                    "which retires the current one.", kind=dict(KINDS).get(kind, kind)))
            seen.add((kind, company_id))

    def _kind_label(self):
        return dict(KINDS).get(self.kind, self.kind)

    # ------------------------------------------------------------------ lookup
    @api.model
    def _get_active(self, kind, raise_if_missing=True):
        """Active model of that kind for the current company (a shared one as fallback), sudo."""
        company = self.env.company
        recs = self.sudo().search([
            ("kind", "=", kind), ("state", "=", "active"), ("company_id", "in", [company.id, False]),
        ])
        rec = recs.filtered(lambda r: r.company_id == company)[:1] or recs[:1]
        if not rec and raise_if_missing:
            raise UserError(_(
                "No active %(kind)s model for %(company)s. Train or export one (Talent AI > "
                "Configuration > Models), or activate an earlier version there.",
                kind=dict(KINDS).get(kind, kind), company=company.name))
        return rec

    def _get_file_path(self):
        """Path of the ONNX file in the filestore (a temp copy when attachments live in the DB)."""
        self.ensure_one()
        att = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", "model_file"),
        ], limit=1)
        if not att:
            raise UserError(_(
                "Model %(name)s has no ONNX file. Re-export or re-train it, or roll back to a "
                "previous version.", name=self.display_name))
        if att.store_fname:
            return att._full_path(att.store_fname)
        path = os.path.join(tempfile.gettempdir(), "hr_talent_ai_models", "%s.onnx" % (self.checksum or att.checksum))
        if not os.path.isfile(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = "%s.%d.tmp" % (path, os.getpid())
            with open(tmp, "wb") as f:
                f.write(att.raw)
            os.replace(tmp, path)
        return path

    # --------------------------------------------------------------- register
    @api.model
    def _register_model(self, kind, file_path, metrics, training_summary, activate=False, baseline_metric=None):
        """(Not `_register`: Odoo reserves that class attribute for registry visibility.)
        Store a trainer's ONNX file as a new version; activate it (True), or only if
        `baseline_metric` is at least as good as the active model's ("if_better")."""
        if kind not in dict(KINDS):
            raise UserError(_("Unknown model kind %s.", kind))
        if not file_path or not os.path.isfile(file_path):
            raise UserError(_("The trainer did not produce %s: see the training log.", file_path))
        company = self.env.company
        Model = self.sudo()
        last = Model.with_context(active_test=False).search(
            [("kind", "=", kind), ("company_id", "=", company.id)], order="version desc", limit=1)
        version = (last.version or 0) + 1
        metrics = dict(metrics or {})
        with open(file_path, "rb") as f:
            raw = f.read()
        rec = Model.create({
            "name": "%s v%d" % (dict(KINDS)[kind], version),
            "kind": kind,
            "version": version,
            "file_name": "%s_v%d.onnx" % (kind, version),
            "file_size": len(raw),
            "checksum": hashlib.sha256(raw).hexdigest(),
            "metrics": json.dumps(metrics, indent=1, sort_keys=True, default=float),
            "training_summary": training_summary or "",
            "company_id": company.id,
        })
        self.env["ir.attachment"].sudo().create({
            "name": rec.file_name, "res_model": self._name, "res_id": rec.id,
            "res_field": "model_file", "raw": raw, "mimetype": "application/octet-stream",
        })
        del raw
        if activate == "if_better":
            reason = rec._worse_than_active(baseline_metric)
            if reason:
                rec.write({"state": "rejected", "note": reason})
                _logger.info("Model %s rejected: %s", rec.name, reason)
                return rec
            rec.action_activate()
        elif activate:
            rec.action_activate()
        return rec

    def _worse_than_active(self, metric):
        """Reason why this candidate must not replace the active model, or None."""
        self.ensure_one()
        current = self._get_active(self.kind, raise_if_missing=False)
        current = current.filtered(lambda r: r.company_id == self.company_id)
        if not current:
            return None
        if not metric:
            raise UserError(_("activate='if_better' needs the name of the metric to compare."))
        name = metric.lstrip("-")
        new, old = json.loads(self.metrics or "{}").get(name), json.loads(current.metrics or "{}").get(name)
        if not isinstance(new, (int, float)):
            return _("Not activated: the trainer did not report metric %(m)s.", m=name)
        if not isinstance(old, (int, float)):
            return None  # nothing to compare against: the new model wins
        lower = metric.startswith("-") or any(t in name.lower() for t in LOWER_IS_BETTER)
        worse = new > old if lower else new < old
        if worse:
            return _("Not activated: %(m)s = %(new).4g is worse than %(old).4g of the active %(cur)s "
                     "(%(dir)s is better).", m=name, new=new, old=old, cur=current.name,
                     dir=_("lower") if lower else _("higher"))
        return None

    # ---------------------------------------------------------------- actions
    def _check_loadable(self):
        """Refuse to activate a file ONNX Runtime cannot load (corrupt, truncated, not ONNX)."""
        from ..ml.runtime import ModelFileError, get_session

        for rec in self:
            try:
                session = get_session(rec._get_file_path(), "cpu")
            except ModelFileError as exc:
                rec.sudo().write({"note": str(exc)})
                raise UserError(_("%(name)s cannot be activated: %(err)s", name=rec.name, err=exc)) from exc
            if rec.checksum and session.checksum != rec.checksum:
                raise UserError(_(
                    "The file of %(name)s does not match its checksum (damaged filestore). "
                    "Re-export or re-train the model.", name=rec.name))

    def action_activate(self):
        """Make these versions the active ones of their kind, retiring the previous ones."""
        if len(set(self.mapped(lambda r: (r.kind, r.company_id.id)))) != len(self):
            raise UserError(_("Activate one model per kind at a time."))
        self._check_loadable()
        for rec in self.sudo():
            if rec.state == "active":
                continue
            current = self.sudo().search([
                ("kind", "=", rec.kind), ("state", "=", "active"), ("company_id", "=", rec.company_id.id)])
            current.write({"state": "retired"})
            current.flush_recordset()  # the partial unique index sees one active at a time
            rec.write({"state": "active", "active": True, "activated_on": fields.Datetime.now(), "note": False})
        return True

    def action_download_file(self):
        """The ONNX file as a download. The form shows its name and size, not the binary field:
        reading a model of 90 MB into the form (Odoo computes a binary's size from its content)
        costs hundreds of MB in the server for nothing."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url", "target": "self",
            "url": "/web/content/%s/%s/model_file/%s?download=true" % (self._name, self.id, self.file_name or "model.onnx"),
        }

    def action_rollback(self):
        """Re-activate the version that was active before the current one of this kind."""
        self.ensure_one()
        current = self.sudo().search([
            ("kind", "=", self.kind), ("state", "=", "active"), ("company_id", "=", self.company_id.id)], limit=1)
        domain = [("kind", "=", self.kind), ("state", "=", "retired"), ("company_id", "=", self.company_id.id),
                  ("activated_on", "!=", False)]
        if current:
            domain += [("id", "!=", current.id), ("version", "<", current.version)]
        previous = self.sudo().search(domain, order="version desc", limit=1)
        if not previous:
            raise UserError(_(
                "There is no previous %(kind)s version to roll back to. Train or export a new one, "
                "or activate another version.", kind=self._kind_label()))
        previous._check_loadable()
        current.write({"state": "retired", "note": _("Rolled back to %s.", previous.name)})
        current.flush_recordset()
        previous.write({"state": "active", "activated_on": fields.Datetime.now(), "note": False})
        return True

    @api.model
    def action_export_text_encoder(self):
        """Button: export the configured text encoder to ONNX (+ int8) and activate it."""
        rec = self.env["hr.talent.engine"]._export_text_encoder()
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"title": _("Text encoder exported"), "type": "success",
                       "message": _("%(name)s is active.\n%(summary)s", name=rec.name, summary=rec.metrics_summary),
                       "next": {"type": "ir.actions.client", "tag": "soft_reload"}},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if any(r.state == "active" and r.active for r in self):
            raise UserError(_("Archive or roll back an active model before deleting it."))
