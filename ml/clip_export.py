"""Task "clip" (trainer subprocess only: imports torch + open_clip).

Exports the image and text towers of an open_clip model to ONNX (L2-normalised
embeddings), checks parity with PyTorch (<= 1e-4), and stores in the image
model's metadata what serving needs without torch: image size, mean/std and
the embeddings of the portrait-guard prompts (so the Odoo process never needs
the BPE tokenizer or the text tower to decide whether an image shows a person).

Input: {"checkpoint": "/path/to/open_clip.pt", "model_name": "ViT-B-32"}  (production)
       {"tiny": true, "seed": 0}  (tests: a tiny randomly initialised model built in code)
Output: clip_image.onnx (pixel_values (n,3,S,S) -> image_embeds (n,d)),
        clip_text.onnx (input_ids (n,ctx) int64 -> text_embeds (n,d)).
"""
import json
import os

import numpy as np

PARITY_TOL = 1e-4
META_KEY = "hr_talent_ai_clip"
PORTRAIT_PROMPTS = [
    "a photo of a person's face",
    "a portrait photo of a person",
    "a selfie of a man or a woman",
]
WORK_PROMPTS = [
    "a screenshot of software",
    "a technical drawing or diagram",
    "a page of a document with text",
    "a chart or a graph",
    "a photo of a product or an object",
    "a design mock-up or an illustration",
]
TINY_CONFIG = {
    "embed_dim": 32,
    "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "head_width": 32, "patch_size": 8},
    "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}


def build_tiny(seed=0):
    """Tiny randomly initialised open_clip CLIP (no download exists here)."""
    import torch
    from open_clip.model import CLIP, CLIPTextCfg, CLIPVisionCfg

    torch.manual_seed(seed)
    cfg = TINY_CONFIG
    model = CLIP(cfg["embed_dim"], CLIPVisionCfg(**cfg["vision_cfg"]), CLIPTextCfg(**cfg["text_cfg"]))
    model.eval()
    return model, "tiny-random"


def load_checkpoint(checkpoint, model_name):
    """open_clip model from a local checkpoint; a clear error names what is missing."""
    if not model_name:
        raise ValueError("No CLIP model name configured: set hr_talent_ai.clip_model_name "
                         "(Settings > Talent AI), e.g. ViT-B-32, matching the checkpoint.")
    if not checkpoint:
        raise FileNotFoundError("No CLIP checkpoint configured: set hr_talent_ai.clip_checkpoint "
                                "(Settings > Talent AI) to a local open_clip checkpoint file for %s." % model_name)
    if not os.path.isfile(checkpoint):
        raise FileNotFoundError("CLIP checkpoint %s does not exist: copy the open_clip weights of %s there "
                                "or fix hr_talent_ai.clip_checkpoint in Settings > Talent AI." % (checkpoint, model_name))
    import open_clip

    if model_name not in open_clip.list_models():
        raise ValueError("Unknown open_clip model name %r (hr_talent_ai.clip_model_name)." % model_name)
    model = open_clip.create_model(model_name, pretrained=checkpoint)
    model.eval()
    return model, model_name


def _towers(torch, model):
    nn = torch.nn
    F = torch.nn.functional

    class ImageTower(nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, pixel_values):
            return F.normalize(self.model.encode_image(pixel_values), dim=-1)

    class TextTower(nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids):
            return F.normalize(self.model.encode_text(input_ids), dim=-1)

    return ImageTower().eval(), TextTower().eval()


def _image_cfg(model):
    size = model.visual.image_size
    size = int(size[0] if isinstance(size, (tuple, list)) else size)
    mean = getattr(model.visual, "image_mean", None) or (0.48145466, 0.4578275, 0.40821073)
    std = getattr(model.visual, "image_std", None) or (0.26862954, 0.26130258, 0.27577711)
    return size, [float(v) for v in mean], [float(v) for v in std]


def tokenize(texts, context_length):
    import open_clip

    return open_clip.tokenize(texts, context_length=context_length)


def export(model, output_dir, label="model", seed=0):
    import onnx
    import onnxruntime as ort
    import torch

    # the fused attention fast path has no ONNX symbolic
    torch.backends.mha.set_fastpath_enabled(False)
    image_tower, text_tower = _towers(torch, model)
    size, mean, std = _image_cfg(model)
    ctx = int(model.context_length)
    gen = torch.Generator().manual_seed(seed)
    pixels = torch.randn(3, 3, size, size, generator=gen)
    tokens = tokenize(PORTRAIT_PROMPTS + WORK_PROMPTS, ctx)
    image_path = output_dir / "clip_image.onnx"
    text_path = output_dir / "clip_text.onnx"
    with torch.no_grad():
        torch.onnx.export(image_tower, (pixels,), str(image_path), input_names=["pixel_values"],
                          output_names=["image_embeds"], dynamic_axes={"pixel_values": {0: "batch"},
                                                                        "image_embeds": {0: "batch"}},
                          opset_version=17, dynamo=False)
        torch.onnx.export(text_tower, (tokens,), str(text_path), input_names=["input_ids"],
                          output_names=["text_embeds"], dynamic_axes={"input_ids": {0: "batch"},
                                                                       "text_embeds": {0: "batch"}},
                          opset_version=17, dynamo=False)
        ref_img = image_tower(pixels).numpy()
        ref_txt = text_tower(tokens).numpy()
    prompts = ref_txt
    meta = {
        "model": label, "image_size": size, "mean": mean, "std": std, "context_length": ctx,
        "dim": int(ref_img.shape[1]), "logit_scale": float(model.logit_scale.exp().item()),
        "portrait_prompts": PORTRAIT_PROMPTS, "work_prompts": WORK_PROMPTS,
        "prompt_embeddings": np.round(prompts, 7).tolist(),
    }
    proto = onnx.load(str(image_path))
    entry = proto.metadata_props.add()
    entry.key, entry.value = META_KEY, json.dumps(meta)
    onnx.save(proto, str(image_path))
    sess_i = ort.InferenceSession(str(image_path), providers=["CPUExecutionProvider"])
    sess_t = ort.InferenceSession(str(text_path), providers=["CPUExecutionProvider"])
    diff_img = float(np.abs(sess_i.run(None, {"pixel_values": pixels.numpy()})[0] - ref_img).max())
    diff_txt = float(np.abs(sess_t.run(None, {"input_ids": tokens.numpy()})[0] - ref_txt).max())
    if diff_img > PARITY_TOL or diff_txt > PARITY_TOL:
        raise RuntimeError("CLIP ONNX export differs from PyTorch (image %.2e, text %.2e > %.0e)"
                           % (diff_img, diff_txt, PARITY_TOL))
    return {
        "model": label, "dim": meta["dim"], "image_size": size, "context_length": ctx,
        "parity_max_abs_diff_image": diff_img, "parity_max_abs_diff_text": diff_txt,
        "files": {"clip_image": image_path.name, "clip_text": text_path.name},
    }


def train(data, output_dir):
    if data.get("tiny"):
        model, label = build_tiny(int(data.get("seed", 0)))
    else:
        model, label = load_checkpoint(data.get("checkpoint"), data.get("model_name"))
    return export(model, output_dir, label, int(data.get("seed", 0)))
