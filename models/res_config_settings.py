import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    """Talent AI settings, stored as ir.config_parameter 'hr_talent_ai.<name>'
    (read by hr.talent.engine._setting) so that workers and the trainer agree."""

    _inherit = "res.config.settings"

    talent_ai_device = fields.Selection(
        [("auto", "Automatic (GPU when available)"), ("cpu", "CPU"), ("cuda", "GPU (CUDA)")],
        string="Inference device", default="auto", config_parameter="hr_talent_ai.device")
    talent_ai_serving_status = fields.Char("Serving now", compute="_compute_talent_ai_serving_status")
    talent_ai_encoder_dir = fields.Char(
        "Text encoder directory", config_parameter="hr_talent_ai.encoder_dir",
        help="Directory of a sentence-transformers model (config.json, weights, tokenizer.json) on the "
             "server. Empty: the packaged all-MiniLM-L6-v2.")
    talent_ai_clip_model_name = fields.Char(
        "open_clip model", config_parameter="hr_talent_ai.clip_model_name", default="ViT-B-32")
    talent_ai_clip_checkpoint = fields.Char(
        "open_clip checkpoint", config_parameter="hr_talent_ai.clip_checkpoint",
        help="Path of an open_clip checkpoint file on the server. Empty: image features are off.")
    talent_ai_encode_batch_size = fields.Integer(
        "Encoding batch size", default=32, config_parameter="hr_talent_ai.encode_batch_size")
    talent_ai_cron_batch_size = fields.Integer(
        "Records per scheduled run", default=200, config_parameter="hr_talent_ai.cron_batch_size")

    @api.depends("talent_ai_device")
    def _compute_talent_ai_serving_status(self):
        """What ONNX Runtime really gave the active text encoder the last time it served (every
        model of a server shares that fate), with the reason when it is not the GPU asked for."""
        encoder = self.env["hr.talent.model"].sudo()._get_active("text_encoder", raise_if_missing=False)
        for rec in self:
            if not encoder.provider:
                rec.talent_ai_serving_status = _("Not served yet in this database.")
            elif encoder.serving_note and rec.talent_ai_device != "cpu":
                rec.talent_ai_serving_status = _(
                    "%(provider)s: the GPU is not used (%(why)s). Scores are the same, only slower.",
                    provider=encoder.provider, why=encoder.serving_note)
            else:
                rec.talent_ai_serving_status = encoder.provider

    @api.constrains("talent_ai_encode_batch_size", "talent_ai_cron_batch_size")
    def _check_talent_ai_batch_sizes(self):
        for rec in self:
            if not 1 <= rec.talent_ai_encode_batch_size <= 1024:
                raise UserError(_("The encoding batch size must be between 1 and 1024."))
            if not 1 <= rec.talent_ai_cron_batch_size <= 100000:
                raise UserError(_("The records per scheduled run must be between 1 and 100000."))

    def _check_talent_ai_paths(self):
        self.ensure_one()
        enc = (self.talent_ai_encoder_dir or "").strip()
        if enc and not os.path.isfile(os.path.join(enc, "tokenizer.json")):
            raise UserError(_(
                "Text encoder directory %s does not exist on the server or has no tokenizer.json. "
                "Enter the directory of a sentence-transformers model, or leave it empty for the "
                "packaged all-MiniLM-L6-v2.", enc))
        ckpt = (self.talent_ai_clip_checkpoint or "").strip()
        if ckpt and not os.path.isfile(ckpt):
            raise UserError(_(
                "open_clip checkpoint %s does not exist on the server. Enter the path of the checkpoint "
                "file, or leave it empty to turn image features off.", ckpt))

    def set_values(self):
        """Validate paths first; a changed encoder directory is exported and activated at once
        (the embeddings of the previous encoder are not comparable with the new one)."""
        for rec in self:
            rec._check_talent_ai_paths()
        icp = self.env["ir.config_parameter"].sudo()
        old_dir = icp.get_param("hr_talent_ai.encoder_dir") or ""
        super().set_values()
        new_dir = (self[:1].talent_ai_encoder_dir or "").strip()
        if new_dir != old_dir.strip() and self.env["hr.talent.model"]._get_active("text_encoder", False):
            self.env["hr.talent.engine"]._export_text_encoder()
