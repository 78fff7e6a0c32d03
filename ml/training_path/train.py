"""Task "training_path": train the course ranker on the company's history.

Runs only in the trainer subprocess (imports torch). Input (JSON dict):
    {"skill_emb": {"<skill id>": [float]*d},
     "courses": [{"id", "name", "hours", "prereq_ids", "teaches": {"<skill id>": progress}, "emb": [float]*d}],
     "employees": [{"id", "expected": {"<skill id>": target}, "done": [{"course_id", "date", "seq"}],
                    "logs": [{"skill_id", "progress", "date"}]}],
     "k": 3, "holdout": 0.25, "seed": 0, "epochs": 300}
Employees are split into train / held-out groups; metrics give held-out
recall@k of the next course actually taken for zero-shot (embedding
similarity) and for the trained ranker, and the ONNX parity.
"""
import json
import pathlib
import random

import numpy as np
import torch
from torch import nn

from .features import FEATURE_NAMES, N_FEATURES, ZERO_SHOT_FEATURE, pair_features, state_embeddings
from .history import build_events
from .ordering import Course
from .ranker import INPUT_NAMES, OUTPUT_NAME

ONNX_NAME = "training_path_ranker.onnx"
MIN_EVENTS = 8


class Ranker(nn.Module):
    """Zero-shot similarity plus a small MLP over pair features and a low-rank
    interaction of gap and course embeddings."""

    def __init__(self, dim, n_features=N_FEATURES, rank=16, hidden=32):
        super().__init__()
        self.proj = nn.Linear(dim, rank, bias=False)
        self.mlp = nn.Sequential(nn.Linear(n_features + rank, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.sim_weight = nn.Parameter(torch.tensor(1.0))

    def forward(self, features, gap_emb, course_emb):
        inter = self.proj(gap_emb * course_emb)
        x = torch.cat([features, inter], dim=-1)
        return self.mlp(x).squeeze(-1) + self.sim_weight * features[..., ZERO_SHOT_FEATURE]


def _prepare(data):
    skill_emb = {int(k): np.asarray(v, dtype=np.float32) for k, v in data.get("skill_emb", {}).items()}
    courses, course_emb = {}, {}
    for c in data.get("courses", []):
        cid = int(c["id"])
        courses[cid] = Course(cid, float(c.get("hours") or 0.0),
                              {int(k): int(v) for k, v in (c.get("teaches") or {}).items()},
                              tuple(int(p) for p in c.get("prereq_ids") or ()), c.get("name") or "")
        course_emb[cid] = np.asarray(c["emb"], dtype=np.float32)
    if not courses:
        raise ValueError("no courses in the catalogue: create courses before training the ranker")
    dim = len(next(iter(course_emb.values())))
    return skill_emb, courses, course_emb, dim


def build_samples(data):
    """List of (employee_id, features, gap_emb, course_emb, positive index, weight)."""
    skill_emb, courses, course_emb, dim = _prepare(data)
    samples = []
    for ev in build_events(data.get("employees", []), courses):
        if not ev.gap:
            continue
        done = set(ev.done)
        cands = sorted(c for c in courses if c not in done)
        if ev.course_id not in cands or len(cands) < 2:
            continue
        gap_vec, held_vec = state_embeddings(ev.gap, ev.held, skill_emb, dim)
        feats, gemb, cemb = pair_features(ev.gap, ev.held, done, courses, cands, course_emb, gap_vec, held_vec)
        samples.append((ev.employee_id, feats, gemb, cemb, cands.index(ev.course_id), ev.weight))
    return samples, dim


def split_employees(samples, holdout, seed):
    emps = sorted({s[0] for s in samples})
    rng = random.Random(seed)
    rng.shuffle(emps)
    n_hold = max(1, int(round(len(emps) * holdout)))
    if len(emps) < 2:
        raise ValueError("the history covers fewer than 2 employees: not enough to hold some out")
    held_out = set(emps[:n_hold])
    return [s for s in samples if s[0] not in held_out], [s for s in samples if s[0] in held_out]


def _pad(samples, dim):
    n = len(samples)
    cmax = max(len(s[1]) for s in samples)
    f = np.zeros((n, cmax, N_FEATURES), dtype=np.float32)
    g = np.zeros((n, cmax, dim), dtype=np.float32)
    c = np.zeros((n, cmax, dim), dtype=np.float32)
    mask = np.zeros((n, cmax), dtype=bool)
    pos = np.zeros(n, dtype=np.int64)
    w = np.zeros(n, dtype=np.float32)
    for i, (_e, feats, gemb, cemb, p, wt) in enumerate(samples):
        m = len(feats)
        f[i, :m], g[i, :m], c[i, :m], mask[i, :m] = feats, gemb, cemb, True
        pos[i], w[i] = p, wt
    return [torch.from_numpy(x) for x in (f, g, c, mask, pos, w)]


def recall_at_k(score_lists, positives, k):
    """Share of events whose actual next course is in the top k (ties count against)."""
    if not positives:
        return 0.0
    hits = 0
    for scores, p in zip(score_lists, positives):
        scores = np.asarray(scores)
        rank = int((scores > scores[p]).sum() + (scores[np.arange(len(scores)) != p] == scores[p]).sum())
        hits += rank < k
    return hits / len(positives)


def mrr(score_lists, positives):
    out = []
    for scores, p in zip(score_lists, positives):
        scores = np.asarray(scores)
        out.append(1.0 / (1 + int((scores > scores[p]).sum() + (scores[np.arange(len(scores)) != p] == scores[p]).sum())))
    return float(np.mean(out)) if out else 0.0


def fit_ranker(train_samples, dim, epochs=300, lr=0.01, seed=0):
    torch.manual_seed(seed)
    model = Ranker(dim)
    f, g, c, mask, pos, w = _pad(train_samples, dim)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    for _ in range(epochs):
        opt.zero_grad()
        scores = model(f, g, c).masked_fill(~mask, -1e9)
        loss = (nn.functional.cross_entropy(scores, pos, reduction="none") * w).sum() / w.sum()
        loss.backward()
        opt.step()
    model.eval()
    return model, float(loss.detach())


def predict(model, samples):
    with torch.no_grad():
        return [model(torch.from_numpy(s[1]), torch.from_numpy(s[2]), torch.from_numpy(s[3])).numpy()
                for s in samples]


def export_onnx(model, dim, path):
    model.eval()
    example = (torch.zeros(3, N_FEATURES), torch.zeros(3, dim), torch.zeros(3, dim))
    torch.onnx.export(model, example, str(path), input_names=list(INPUT_NAMES), output_names=[OUTPUT_NAME],
                      dynamic_axes={n: {0: "n"} for n in (*INPUT_NAMES, OUTPUT_NAME)},
                      opset_version=17, dynamo=False)


def onnx_parity(model, path, samples):
    """Max |torch - onnxruntime| over the given samples."""
    import onnxruntime as ort
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    worst = 0.0
    with torch.no_grad():
        for _e, feats, gemb, cemb, _p, _w in samples:
            ref = model(torch.from_numpy(feats), torch.from_numpy(gemb), torch.from_numpy(cemb)).numpy()
            got = sess.run([OUTPUT_NAME], {"features": feats, "gap_emb": gemb, "course_emb": cemb})[0]
            worst = max(worst, float(np.abs(ref - got).max()))
    return worst


def train(data, output_dir):
    output_dir = pathlib.Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    k = int(data.get("k", 3))
    seed = int(data.get("seed", 0))
    samples, dim = build_samples(data)
    if len(samples) < MIN_EVENTS:
        raise ValueError("only %d usable history events (done courses of employees with a skill gap); "
                         "at least %d are needed to train the ranker" % (len(samples), MIN_EVENTS))
    train_s, hold_s = split_employees(samples, float(data.get("holdout", 0.25)), seed)
    if not train_s or not hold_s:
        raise ValueError("the history is too small to keep a held-out group of employees")
    model, loss = fit_ranker(train_s, dim, epochs=int(data.get("epochs", 300)), seed=seed)
    positives = [s[4] for s in hold_s]
    zero = [s[1][:, ZERO_SHOT_FEATURE] for s in hold_s]
    trained = predict(model, hold_s)
    path = output_dir / ONNX_NAME
    export_onnx(model, dim, path)
    parity = onnx_parity(model, path, hold_s + train_s[:20])
    if parity > 1e-4:
        raise ValueError("ONNX export of the ranker differs from torch by %.2e (> 1e-4)" % parity)
    n_cands = [len(s[1]) for s in hold_s]
    metrics = {
        "task": "training_path",
        "k": k,
        "recall_at_k": recall_at_k(trained, positives, k),
        "zero_shot_recall_at_k": recall_at_k(zero, positives, k),
        "recall_at_1": recall_at_k(trained, positives, 1),
        "zero_shot_recall_at_1": recall_at_k(zero, positives, 1),
        "mrr": mrr(trained, positives),
        "zero_shot_mrr": mrr(zero, positives),
        "n_events_train": len(train_s),
        "n_events_heldout": len(hold_s),
        "n_employees_heldout": len({s[0] for s in hold_s}),
        "mean_candidates": float(np.mean(n_cands)),
        "train_loss": loss,
        "onnx_parity_max_abs": parity,
        "embedding_dim": dim,
        "features": list(FEATURE_NAMES),
        "encoder_checksum": data.get("encoder_checksum"),
        "files": {"training_path": ONNX_NAME},
    }
    (output_dir / "training_path_metrics.json").write_text(json.dumps(metrics, indent=1))
    return metrics
