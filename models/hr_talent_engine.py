import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from odoo import _, api, models
from odoo.exceptions import UserError

from ..ml.input_check import LanguageMismatch
from ..ml.runtime import ModelFileError, get_session
from ..ml.text_encoder import default_encoder_dir, get_text_encoder, release

_logger = logging.getLogger(__name__)

ADDON_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETTINGS = {
    # name: (default, type)
    "device": ("auto", str),
    "encoder_dir": ("", str),
    "clip_model_name": ("ViT-B-32", str),
    "clip_checkpoint": ("", str),
    "encode_batch_size": (32, int),
    "cron_batch_size": (200, int),
}
# (db, kind, checksum, device, ...) -> session / encoder; checksum in the key means a
# newly activated version is picked up on the next call, in every worker.
_cache = {}
_cache_lock = threading.Lock()


def _remember(key, value):
    """Cache value under key, dropping what was cached for an older version of the same
    (db, kind) so that retired models do not stay in memory for the life of the worker."""
    with _cache_lock:
        stale = [k for k in _cache if k[:2] == key[:2] and k[2] != key[2]]
        for k in stale:
            del _cache[k]
        _cache[key] = value
        live = {k[2] for k in _cache}
        for checksum in {k[2] for k in stale} - live:
            release(checksum)


class HrTalentEngine(models.AbstractModel):
    """The only place that builds ml objects inside Odoo.

    Serving loads ONNX models of the registry's active versions (no torch in
    this process); training and export run in a subprocess (`python -m ml.train`)
    so that torch never enters the Odoo server and a crash cannot take it down.
    """

    _name = "hr.talent.engine"
    _description = "Talent AI engine"

    @api.model
    def _unread_text_params(self, mismatch):
        """Message parameters for a text set aside by ml.input_check (a ScriptMismatch or a
        LanguageMismatch): ``unread`` what it is written in, ``readable`` what the encoder reads,
        ``languages`` the codes the encoder's model card declares."""
        if isinstance(mismatch, LanguageMismatch):
            unread = self.env._("written in %(language)s", language=mismatch.language_text())
        else:
            unread = self.env._("mostly %(scripts)s script (%(share)s%% of letters)",
                                scripts=mismatch.scripts_text(), share=mismatch.percent)
        return {"unread": unread, "readable": mismatch.readable_text(), "languages": mismatch.languages_text()}

    @api.model
    def _setting(self, name):
        """Typed value of ir.config_parameter 'hr_talent_ai.<name>' (default when unset/invalid)."""
        default, typ = SETTINGS[name]
        value = self.env["ir.config_parameter"].sudo().get_param("hr_talent_ai.%s" % name)
        if value in (None, False, ""):
            return default
        if typ is int:
            try:
                return max(1, int(value))
            except ValueError:
                _logger.warning("Invalid hr_talent_ai.%s=%r, using %s", name, value, default)
                return default
        if name == "device" and value not in ("auto", "cpu", "cuda"):
            return default
        return value.strip()

    # ----------------------------------------------------------------- serving
    def _note_provider(self, model, served):
        """Record on the registry what ONNX Runtime really gave (provider, and why not the GPU),
        so that an administrator sees a CUDA fallback without reading the server log."""
        session = getattr(served, "session", served)
        vals = {"provider": session.provider, "serving_note": session.fallback_reason or False}
        if any(model[k] != v for k, v in vals.items()) and not self.env.cr.readonly:
            model.sudo().write(vals)

    @api.model
    def _get_session(self, kind):
        """OnnxSession of the active model of that kind (UserError naming the fix)."""
        model = self.env["hr.talent.model"]._get_active(kind)
        device = self._setting("device")
        key = (self.env.cr.dbname, kind, model.checksum, device)
        session = _cache.get(key)
        if session is None:
            session = self._load_session(model, device)
            _remember(key, session)
        self._note_provider(model, session)
        return session

    def _load_session(self, model, device, threads=None):
        try:
            session = get_session(model._get_file_path(), device, threads)
        except ModelFileError as exc:
            raise UserError(_("%(name)s cannot be loaded: %(err)s", name=model.name, err=exc)) from exc
        if model.checksum and session.checksum != model.checksum:
            raise UserError(_(
                "The file of %(name)s does not match its checksum (damaged filestore). Re-export or "
                "re-train it, or roll back to a previous version in Talent AI > Configuration > Models.",
                name=model.name))
        return session

    @api.model
    def _install_text_encoder(self):
        """At install: export the packaged encoder for the main company, so that the first click of
        a database without demo data (score fit, parse CV, analyse a review, training path) does not
        wait for the export, nor redo it after a refused input rolled the first use back. Without
        torch or the encoder package the install goes on; the first use exports and says what is missing."""
        try:
            with self.env.cr.savepoint():
                self._get_text_encoder(int8=True)
        except UserError as exc:
            _logger.warning("Talent AI: the text encoder was not exported at install (%s); the first use will.", exc)
        return True

    @api.model
    def _get_text_encoder(self, int8=False):
        """TextEncoder of the active text encoder; exports the configured one first if none is active.

        ``int8``: its dynamic int8 version (exported with it), each sentence on its own run, two or
        more runs at once: what serving reads (the fit, CV parsing, review checks, training paths;
        the fp32 file is the export's source). On real CVs it ranks as the
        fp32 encoder does at twice the speed (README), and one sentence a run keeps an embedding a
        function of its sentence (int8 quantises each input as a whole). Without an active int8
        version, the fp32 file is read the same way."""
        Model = self.env["hr.talent.model"]
        model = Model._get_active("text_encoder", raise_if_missing=False)
        if not model:
            # Serialise concurrent first uses (two workers exporting at once).
            self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext('hr_talent_ai_text_encoder'))")
            model = Model._get_active("text_encoder", raise_if_missing=False) or self._export_text_encoder()
        tokenizer_dir = self._tokenizer_dir(model)
        model = self._text_encoder_record(int8, fp32=model)
        device, batch = self._setting("device"), self._setting("encode_batch_size")
        kind = "text_encoder_int8" if int8 else "text_encoder"
        key = (self.env.cr.dbname, kind, model.checksum, device, batch, tokenizer_dir)
        encoder = _cache.get(key)
        if encoder is None:
            self._load_session(model, device, threads=1 if int8 else None)  # checksum + corrupt file checks
            try:
                encoder = get_text_encoder(model._get_file_path(), tokenizer_dir, device, batch, one_per_run=int8)
            except ModelFileError as exc:
                raise UserError(str(exc)) from exc
            _remember(key, encoder)
        self._note_provider(model, encoder)
        return encoder

    @api.model
    def _text_encoder_record(self, int8=False, fp32=None):
        """Registry record of the file ``_get_text_encoder(int8)`` reads (empty before the first export);
        ``fp32``: the active fp32 record when the caller has it already."""
        Model = self.env["hr.talent.model"]
        fp32 = fp32 or Model._get_active("text_encoder", raise_if_missing=False)
        return (int8 and Model._get_active("text_encoder_int8", raise_if_missing=False)) or fp32

    def _tokenizer_dir(self, model):
        """The directory the active encoder was exported from (its tokenizer must match)."""
        try:
            exported_from = json.loads(model.metrics or "{}").get("model_dir")
        except ValueError:
            exported_from = None
        if exported_from and os.path.isfile(os.path.join(exported_from, "tokenizer.json")):
            return exported_from
        try:
            return self._setting("encoder_dir") or default_encoder_dir()
        except ModelFileError as exc:
            raise UserError(str(exc)) from exc

    @api.model
    def _export_text_encoder(self):
        """Export the configured encoder directory (empty = packaged MiniLM) in the trainer
        subprocess, register fp32 + int8 and activate them; returns the fp32 record."""
        try:
            model_dir = self._setting("encoder_dir") or default_encoder_dir()
        except ModelFileError as exc:
            raise UserError(str(exc)) from exc
        out, metrics = self._run_trainer("text_encoder", {"model_dir": model_dir, "int8": True}, timeout=900)
        metrics["model_dir"] = model_dir
        summary = _("Exported from %(dir)s (mean pooling + L2 normalisation in the graph, opset %(opset)s); "
                    "parity with PyTorch: max abs diff %(diff).2e.",
                    dir=os.path.basename(os.path.normpath(model_dir)), opset=metrics.get("opset"),
                    diff=metrics.get("parity_max_abs_diff", float("nan")))
        Model = self.env["hr.talent.model"]
        files = metrics.get("files", {})
        rec = Model._register_model("text_encoder", str(out / files["text_encoder"]), metrics, summary, activate=True)
        if files.get("text_encoder_int8"):
            Model._register_model("text_encoder_int8", str(out / files["text_encoder_int8"]), metrics,
                                  summary + _(" Dynamic int8 quantisation (per channel)."), activate=True)
        shutil.rmtree(out.parent, ignore_errors=True)  # the files are in the filestore now
        return rec

    # ---------------------------------------------------------------- training
    @api.model
    def _run_trainer(self, task, data, timeout=1800):
        """Run `python -m ml.train <task>` in a subprocess; (output_dir, metrics) or UserError.

        On failure the work directory is removed at once; on success when the
        transaction ends (commit or rollback), after the caller has stored the files.
        """
        workdir = Path(tempfile.mkdtemp(prefix="hr_talent_ai_%s_" % task))
        out = workdir / "out"
        cleanup = lambda: shutil.rmtree(workdir, ignore_errors=True)  # noqa: E731
        self.env.cr.postcommit.add(cleanup)
        self.env.cr.postrollback.add(cleanup)
        (workdir / "input.json").write_text(json.dumps(data, default=str), encoding="utf-8")
        cmd = [sys.executable, "-m", "ml.train", task, "--input", str(workdir / "input.json"), "--output", str(out)]
        env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONDONTWRITEBYTECODE="1")
        _logger.info("Talent AI trainer: %s", " ".join(cmd[1:4]))
        try:
            res = subprocess.run(cmd, cwd=ADDON_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            cleanup()
            raise UserError(_("Training task %(task)s took longer than %(s)s seconds and was stopped; "
                              "the active model is unchanged.", task=task, s=timeout)) from exc
        if res.returncode != 0:
            reason = self._trainer_reason(out, res)
            cleanup()
            _logger.warning("Talent AI trainer %s failed (exit %s): %s", task, res.returncode, reason)
            raise UserError(_("Training task %(task)s failed: %(reason)s\nThe active model is unchanged.",
                              task=task, reason=reason))
        try:
            metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(_("Training task %(task)s wrote no readable metrics.json (%(err)s).",
                              task=task, err=exc)) from exc
        return out, metrics

    @staticmethod
    def _trainer_reason(out, res):
        try:
            first = (out / "error.txt").read_text(encoding="utf-8").splitlines()[0].strip()
            if first:
                return first
        except (OSError, IndexError):
            pass
        if res.returncode < 0:
            return _("the trainer was killed by signal %s (out of memory?)", -res.returncode)
        lines = [line.strip() for line in (res.stderr or "").splitlines() if line.strip()]
        return lines[-1][:500] if lines else _("exit code %s", res.returncode)
