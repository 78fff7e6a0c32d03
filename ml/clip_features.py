"""CLIP work-sample image features for the fit score (serving side: no torch).

Images (applicant image attachments, rendered first pages of PDF CVs) are
preprocessed with PIL + numpy exactly like open_clip (resize shortest side,
centre crop, normalise), embedded by the exported image tower, and passed
through a portrait guard: CLIP zero-shot "a photo of a person's face" against
work-sample prompts. Photos of people are excluded and logged and never reach
a score (fairness: no photo may feed a score).
"""
import io
import json
import logging
import os
import shutil
import subprocess
import tempfile

import numpy as np

_logger = logging.getLogger(__name__)
META_KEY = "hr_talent_ai_clip"
IMAGE_MIMETYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff")
MAX_IMAGES = 8


class ClipImageFeatures:
    """Wraps an OnnxSession of the exported CLIP image tower."""

    def __init__(self, session):
        self.session = session
        inner = getattr(session, "_session", session)
        try:
            meta = json.loads(inner.get_modelmeta().custom_metadata_map[META_KEY])
        except (KeyError, ValueError, AttributeError) as exc:
            raise ValueError("The CLIP image model has no %s metadata: re-export it with the 'clip' "
                             "training task." % META_KEY) from exc
        self.meta = meta
        self.size = int(meta["image_size"])
        self.mean = np.asarray(meta["mean"], np.float32).reshape(3, 1, 1)
        self.std = np.asarray(meta["std"], np.float32).reshape(3, 1, 1)
        self.dim = int(meta["dim"])
        self.n_portrait = len(meta["portrait_prompts"])
        self.prompts = np.asarray(meta["prompt_embeddings"], np.float32)
        self.logit_scale = float(meta.get("logit_scale", 100.0))

    def preprocess(self, image):
        from PIL import Image

        image = image.convert("RGB")
        w, h = image.size
        scale = self.size / min(w, h)
        image = image.resize((max(self.size, round(w * scale)), max(self.size, round(h * scale))),
                             Image.BICUBIC)
        w, h = image.size
        left, top = (w - self.size) // 2, (h - self.size) // 2
        image = image.crop((left, top, left + self.size, top + self.size))
        arr = np.asarray(image, dtype=np.float32).transpose(2, 0, 1) / 255.0
        return (arr - self.mean) / self.std

    def embed(self, images):
        if not images:
            return np.zeros((0, self.dim), np.float32)
        batch = np.stack([self.preprocess(img) for img in images]).astype(np.float32)
        return self.session.run({"pixel_values": batch})[0]

    def portrait_probability(self, embeddings):
        """P(portrait prompts) under a softmax over all prompts (CLIP zero-shot)."""
        logits = self.logit_scale * embeddings @ self.prompts.T
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return probs[:, : self.n_portrait].sum(axis=1)

    def work_sample_vector(self, named_images, threshold=0.5):
        """(mean embedding of the non-portrait images or None, used names, excluded [(name, reason)])."""
        from PIL import Image, UnidentifiedImageError

        decoded, excluded = [], []
        for name, raw in named_images[:MAX_IMAGES]:
            try:
                img = Image.open(io.BytesIO(raw))
                img.load()
                decoded.append((name, img))
            except (UnidentifiedImageError, OSError, ValueError) as exc:
                excluded.append((name, "unreadable image (%s)" % exc.__class__.__name__))
        if not decoded:
            return None, [], excluded
        emb = self.embed([img for _name, img in decoded])
        p_portrait = self.portrait_probability(emb)
        keep, used = [], []
        for (name, _img), vec, prob in zip(decoded, emb, p_portrait):
            if prob >= threshold:
                excluded.append((name, "photo of a person (portrait guard p=%.2f)" % prob))
                _logger.info("Talent AI portrait guard: excluded image %s (p=%.2f)", name, prob)
            else:
                keep.append(vec)
                used.append(name)
        if not keep:
            return None, used, excluded
        mean = np.mean(keep, axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm if norm else mean).astype(np.float32), used, excluded


def render_pdf_first_page(raw, dpi=60):
    """PNG bytes of page 1 of a PDF via pdftoppm, or (None, reason)."""
    exe = shutil.which("pdftoppm")
    if not exe:
        return None, "pdftoppm (poppler-utils) is not installed: PDF pages are not rendered"
    with tempfile.TemporaryDirectory(prefix="talent_pdf_") as tmp:
        src = os.path.join(tmp, "cv.pdf")
        with open(src, "wb") as fh:
            fh.write(raw)
        try:
            subprocess.run([exe, "-png", "-f", "1", "-l", "1", "-r", str(dpi), "-singlefile", src,
                            os.path.join(tmp, "page")], check=True, capture_output=True, timeout=20)
            with open(os.path.join(tmp, "page.png"), "rb") as fh:
                return fh.read(), None
        except (subprocess.SubprocessError, OSError) as exc:
            return None, "PDF page could not be rendered (%s)" % exc.__class__.__name__
