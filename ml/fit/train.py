"""Task "fit" (trainer subprocess only: imports torch).

Learns P(hired) from the company's own history on the feature vectors of
ml/fit/features.py (encoder features, their interactions, requirement coverage,
skill overlap, optional CLIP image features). The held-out split is also scored
by the zero-shot scorer, so AUC and precision@k compare both on the same
applicants; Odoo activates the model only if it beats zero-shot there.

Input: {"features": [[float]], "labels": [0|1], "zero_shot": [0-100], "layout": {...},
        "test_fraction": 0.3, "seed": 0, "epochs": 300, "min_per_class": 4}
Output: fit.onnx (input "features" (n, F) float32 -> output "score" (n,) in [0, 1]).
"""
import numpy as np

PARITY_TOL = 1e-4


def auc(labels, scores):
    """ROC AUC by the rank-sum (Mann-Whitney) formula, ties averaged."""
    labels = np.asarray(labels, dtype=int)
    scores = np.asarray(scores, dtype=np.float64)
    pos, neg = int(labels.sum()), int((1 - labels).sum())
    if not pos or not neg:
        return float("nan")
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[labels == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def precision_at_k(labels, scores, k):
    labels = np.asarray(labels)
    k = max(1, min(int(k), len(labels)))
    top = np.argsort(-np.asarray(scores, dtype=np.float64), kind="mergesort")[:k]
    return float(labels[top].mean())


def split(labels, test_fraction, seed):
    """Stratified split: indices (train, test), both classes in both parts."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        rng.shuffle(idx)
        n_test = max(1, int(round(len(idx) * test_fraction)))
        test.extend(idx[:n_test])
        train.extend(idx[n_test:])
    return np.array(sorted(train)), np.array(sorted(test))


def build_model(torch, size, mean, std, hidden=64, dropout=0.2):
    nn = torch.nn

    class FitNet(nn.Module):
        """Standardise -> MLP -> sigmoid. Standardisation lives in the graph so
        the ONNX file is self-contained."""

        def __init__(self):
            super().__init__()
            self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
            self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
            self.mlp = nn.Sequential(nn.Linear(size, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 1))

        def forward(self, features):
            x = (features - self.mean) / self.std
            return torch.sigmoid(self.mlp(x)).squeeze(-1)

    return FitNet()


def export_onnx(torch, model, size, path):
    model.eval()
    dummy = torch.zeros(2, size, dtype=torch.float32)
    torch.onnx.export(
        model, (dummy,), str(path), input_names=["features"], output_names=["score"],
        dynamic_axes={"features": {0: "batch"}, "score": {0: "batch"}}, opset_version=17, dynamo=False,
    )


def parity(torch, model, path, x):
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    onnx_out = sess.run(["score"], {"features": x.astype(np.float32)})[0]
    with torch.no_grad():
        torch_out = model(torch.from_numpy(x.astype(np.float32))).numpy()
    return float(np.abs(onnx_out - torch_out).max())


def train(data, output_dir):
    import torch

    x = np.asarray(data.get("features") or [], dtype=np.float32)
    y = np.asarray(data.get("labels") or [], dtype=np.int64)
    zs = np.asarray(data.get("zero_shot") or [], dtype=np.float64)
    min_per_class = int(data.get("min_per_class", 4))
    if x.ndim != 2 or len(x) != len(y) or len(zs) != len(y):
        raise ValueError("fit training data needs features (n, F), labels (n) and zero_shot (n) of equal length")
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    if n_pos < min_per_class or n_neg < min_per_class:
        raise ValueError("Not enough history to train the fit model: %d hired and %d refused applicants with a "
                         "CV, at least %d of each are needed." % (n_pos, n_neg, min_per_class))
    seed = int(data.get("seed", 0))
    torch.manual_seed(seed)
    train_idx, test_idx = split(y, float(data.get("test_fraction", 0.3)), seed)
    xtr, ytr = x[train_idx], y[train_idx]
    mean = xtr.mean(axis=0)
    std = xtr.std(axis=0) + 1e-3
    model = build_model(torch, x.shape[1], mean, std, hidden=int(data.get("hidden", 64)))
    opt = torch.optim.AdamW(model.parameters(), lr=float(data.get("lr", 3e-3)),
                            weight_decay=float(data.get("weight_decay", 1e-2)))
    pos_weight = n_neg / max(1, n_pos)
    xt = torch.from_numpy(xtr)
    yt = torch.from_numpy(ytr.astype(np.float32))
    weights = torch.where(yt > 0.5, torch.tensor(pos_weight), torch.tensor(1.0))
    epochs = int(data.get("epochs", 300))
    model.train()
    for _ in range(epochs):
        opt.zero_grad()
        prob = model(xt).clamp(1e-6, 1 - 1e-6)
        loss = torch.nn.functional.binary_cross_entropy(prob, yt, weight=weights)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        test_scores = model(torch.from_numpy(x[test_idx])).numpy()
    y_test = y[test_idx]
    k = int(data.get("k") or max(1, int(y_test.sum())))
    path = output_dir / "fit.onnx"
    export_onnx(torch, model, x.shape[1], path)
    diff = parity(torch, model, path, x[test_idx])
    if not diff <= PARITY_TOL:
        raise RuntimeError("ONNX export of the fit model differs from PyTorch by %.2e (> %.0e)" % (diff, PARITY_TOL))
    metrics = {
        "auc": auc(y_test, test_scores),
        "auc_zero_shot": auc(y_test, zs[test_idx]),
        "precision_at_k": precision_at_k(y_test, test_scores, k),
        "precision_at_k_zero_shot": precision_at_k(y_test, zs[test_idx], k),
        "k": k,
        "n_train": int(len(train_idx)), "n_test": int(len(test_idx)),
        "n_hired": n_pos, "n_refused": n_neg,
        "final_train_loss": float(loss.item()),
        "parity_max_abs_diff": diff,
        "layout": data.get("layout") or {"size": int(x.shape[1])},
        "feature_size": int(x.shape[1]),
        "files": {"fit": path.name},
    }
    metrics["beats_zero_shot"] = bool(metrics["auc"] > metrics["auc_zero_shot"])
    return metrics
