"""Task "fit" (trainer subprocess only: imports torch).

Learns P(positive outcome) from the company's own history on the feature vectors of
ml/fit/features.py (encoder features, their interactions, requirement coverage,
skill overlap, optional CLIP image features), as a calibrated probability.

Data use, so that every reported figure is on applicants no decision looked at:

- ``fit_calibrated``: the rows are cut into ``folds`` stratified folds. One small MLP is
  trained per fold on the other folds, with weight decay and (input) dropout; all stop at the
  epoch of lowest log-loss summed over the held-out folds (with patience). Its logits on
  that fold are out-of-fold: never on a row it trained on. A Platt calibration
  (logit' = a * logit + b) is fitted on those out-of-fold logits, so calibration is fitted
  on held-out rows only, never on training rows. The model is the mean logit of the fold
  models followed by the calibration, in one ONNX graph: output "score" is the calibrated
  probability of a positive outcome.
- held-out figures (AUC, expected calibration error (ECE, 10 equal-width bins), Brier score,
  share of scores above 0.99 / below 0.01, and the same for the zero-shot scorer) come from
  an outer ``cv_folds``-fold cross-validation of that whole procedure, repeated ``cv_repeats``
  times on other folds and averaged: each applicant is
  scored by a model that neither trained, stopped early nor calibrated on it. A single 30 %
  split holds too few applicants to measure calibration (on 114, label noise alone gives a
  perfectly calibrated model an ECE of about 0.08; ``ece_noise_floor`` reports that floor).
  Odoo activates the model only if its held-out AUC beats zero-shot's on the same applicants.
- the served model is ``fit_calibrated`` on every labelled applicant.

The loss is not class-weighted: a weighted loss shifts every probability towards the
minority class, which calibration would then have to undo.

Input: {"features": [[float]], "labels": [0|1], "zero_shot": [0-100], "layout": {...},
        "seed": 0, "cv_folds": 5, "folds": 4, "epochs": 400, "patience": 20,
        "hidden": 32, "dropout": 0.3, "input_dropout": 0.1, "weight_decay": 0.05,
        "lr": 3e-3, "min_per_class": 4}
Output: fit.onnx (input "features" (n, F) float32 -> output "score" (n,) in [0, 1]).
"""
import numpy as np

PARITY_TOL = 1e-4
TRAINER_VERSION = "fit-2-calibrated"
ECE_BINS = 10
EXTREME = 0.01  # "pile-up" measure: share of held-out scores above 1 - EXTREME or below EXTREME


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


def calibration_bins(labels, probs, bins=ECE_BINS):
    """Equal-width reliability bins over [0, 1]: [(low, high, n, mean probability, share positive)],
    empty bins left out."""
    labels = np.asarray(labels, dtype=np.float64)
    probs = np.clip(np.asarray(probs, dtype=np.float64), 0.0, 1.0)
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.minimum((probs * bins).astype(int), bins - 1)  # 1.0 falls in the last bin
    out = []
    for b in range(bins):
        mask = idx == b
        n = int(mask.sum())
        if n:
            out.append((float(edges[b]), float(edges[b + 1]), n, float(probs[mask].mean()),
                        float(labels[mask].mean())))
    return out


def ece(labels, probs, bins=ECE_BINS):
    """Expected calibration error: mean |confidence - accuracy| over equal-width bins,
    weighted by the bins' sizes (Guo et al. 2017, with probabilities of the positive class)."""
    total = len(np.asarray(labels))
    if not total:
        return float("nan")
    return float(sum(n / total * abs(p - y) for _lo, _hi, n, p, y in calibration_bins(labels, probs, bins)))


def brier(labels, probs):
    return float(np.mean((np.asarray(probs, dtype=np.float64) - np.asarray(labels, dtype=np.float64)) ** 2))


def log_loss(labels, probs, eps=1e-7):
    p = np.clip(np.asarray(probs, dtype=np.float64), eps, 1 - eps)
    y = np.asarray(labels, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def extreme_shares(probs, extreme=EXTREME):
    probs = np.asarray(probs, dtype=np.float64)
    if not len(probs):
        return 0.0, 0.0
    return float((probs > 1 - extreme).mean()), float((probs < extreme).mean())


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


def fit_platt(logits, labels, l2=1e-3, iters=100):
    """Platt scaling: (a, b) maximising the likelihood of sigmoid(a * logit + b) on held-out
    (logit, label) pairs, with Platt's smoothed targets (so a separable held-out set cannot
    send a to infinity) and a small L2 pull of a towards 1 and b towards 0. Newton steps."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    t = np.where(y > 0.5, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 1.0, 0.0
    for _ in range(iters):
        p = _sigmoid(a * z + b)
        grad = np.array([np.sum((p - t) * z) + l2 * (a - 1), np.sum(p - t) + l2 * b])
        w = p * (1 - p)
        hess = np.array([[np.sum(w * z * z) + l2, np.sum(w * z)], [np.sum(w * z), np.sum(w) + l2]])
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            break
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-10:
            break
    return float(a), float(b)


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
    return np.array(sorted(train), dtype=int), np.array(sorted(test), dtype=int)


def stratified_folds(labels, k, seed):
    """k lists of indices into ``labels``, each class spread evenly over them."""
    rng = np.random.default_rng(seed + 1)
    folds = [[] for _ in range(k)]
    offset = 0
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[(j + offset) % k].append(int(i))
        offset += len(idx)
    return [np.array(sorted(f), dtype=int) for f in folds]


def build_model(torch, size, mean, std, hidden=32, dropout=0.3, input_dropout=0.1):
    """Standardise -> MLP -> logit (hidden=0: logistic regression). Standardisation lives in the
    graph so the ONNX file is self-contained."""
    nn = torch.nn

    class FitNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
            self.register_buffer("std", torch.tensor(std, dtype=torch.float32))
            layers = [nn.Dropout(input_dropout)] if input_dropout else []
            if hidden:
                layers += [nn.Linear(size, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 1)]
            else:
                layers += [nn.Linear(size, 1)]
            self.mlp = nn.Sequential(*layers)

        def forward(self, features):
            return self.mlp((features - self.mean) / self.std).squeeze(-1)

    return FitNet()


def build_served_model(torch, nets, a, b):
    """Mean logit of the fold models, then the Platt calibration, then the probability."""
    nn = torch.nn

    class CalibratedFit(nn.Module):
        def __init__(self):
            super().__init__()
            self.nets = nn.ModuleList(nets)
            self.register_buffer("a", torch.tensor(float(a), dtype=torch.float32))
            self.register_buffer("b", torch.tensor(float(b), dtype=torch.float32))

        def logit(self, features):
            return torch.stack([net(features) for net in self.nets], dim=0).mean(dim=0)

        def forward(self, features):
            return torch.sigmoid(self.a * self.logit(features) + self.b)

    return CalibratedFit()


def _new_model(torch, x, train_idx, params, seed):
    torch.manual_seed(seed)
    xtr = x[train_idx]
    model = build_model(torch, x.shape[1], xtr.mean(axis=0), xtr.std(axis=0) + 1e-3, hidden=params["hidden"],
                        dropout=params["dropout"], input_dropout=params["input_dropout"])
    return model, torch.optim.AdamW(model.parameters(), lr=params["lr"], weight_decay=params["weight_decay"])


def train_folds(torch, x, y, splits, params, seed):
    """One model per (train, validation) split, trained in lockstep (full batch) and stopped at the
    one epoch where the log-loss summed over all validation parts is lowest (with patience): the
    stopping decision sees every held-out row, not one small fold. Returns (models at that epoch,
    that epoch, validation logits of each split at that epoch)."""
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    runs = []
    for f, (trn, val) in enumerate(splits):
        model, opt = _new_model(torch, x, trn, params, seed + f)
        runs.append((model, opt, torch.from_numpy(x[trn]), torch.from_numpy(y[trn].astype(np.float32)),
                     torch.from_numpy(x[val]), torch.from_numpy(y[val].astype(np.float32))))
    n_val = sum(len(val) for _trn, val in splits)
    best = (float("inf"), 0, None, None)
    for epoch in range(1, params["epochs"] + 1):
        total, logits = 0.0, []
        for model, opt, xt, yt, xv, yv in runs:
            model.train()
            opt.zero_grad()
            bce(model(xt), yt).backward()
            opt.step()
            model.eval()
            with torch.no_grad():
                val_logits = model(xv)
                total += float(bce(val_logits, yv, reduction="sum"))
            logits.append(val_logits.numpy().copy())
        total /= n_val
        if total < best[0] - 1e-5:
            states = [{k: v.clone() for k, v in run[0].state_dict().items()} for run in runs]
            best = (total, epoch, states, logits)
        elif epoch - best[1] >= params["patience"]:
            break
    models = []
    for run, state in zip(runs, best[2]):
        run[0].load_state_dict(state)
        models.append(run[0].eval())
    return models, best[1], best[3]


def train_one(torch, x, y, train_idx, val_idx, params, seed):
    """One model trained on train_idx, early-stopped on the log-loss of val_idx."""
    models, epoch, logits = train_folds(torch, x, y, [(train_idx, val_idx)], params, seed)
    return models[0], epoch, logits[0]


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


def _params(data):
    return {
        "hidden": int(data.get("hidden", 32)), "dropout": float(data.get("dropout", 0.3)),
        "input_dropout": float(data.get("input_dropout", 0.1)),
        "weight_decay": float(data.get("weight_decay", 0.05)), "lr": float(data.get("lr", 3e-3)),
        "epochs": int(data.get("epochs", 400)), "patience": int(data.get("patience", 20)),
    }


def fit_calibrated(torch, x, y, rows, params, folds, seed):
    """Fold models on ``rows`` (each early-stopped on its own validation fold) and a Platt
    calibration fitted on their out-of-fold logits. Returns (nets, a, b, epochs, oof logits, k)."""
    y_rows = y[rows]
    # every fold needs both classes in its validation part
    k = max(2, min(int(folds), int(y_rows.sum()), int(len(y_rows) - y_rows.sum())))
    folds = stratified_folds(y_rows, k, seed)
    splits = [(rows[np.setdiff1d(np.arange(len(rows)), val)], rows[val]) for val in folds]
    nets, epoch, logits = train_folds(torch, x, y, splits, params, seed)
    epochs = [epoch] * len(nets)
    oof = np.zeros(len(rows))
    for val, val_logits in zip(folds, logits):
        oof[val] = val_logits
    a, b = fit_platt(oof, y_rows)
    return nets, a, b, epochs, oof, k


def ece_noise_floor(probs, n=None, draws=500, seed=0):
    """ECE that a perfectly calibrated model with these probabilities would show on n applicants
    (labels drawn from the probabilities themselves): the sampling noise of the ECE estimate."""
    probs = np.asarray(probs, dtype=np.float64)
    if not len(probs):
        return float("nan")
    rng = np.random.default_rng(seed)
    n = int(n or len(probs))
    values = []
    for _ in range(draws):
        q = rng.choice(probs, n)
        values.append(ece((rng.random(n) < q).astype(int), q))
    return float(np.mean(values))


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
    params = _params(data)
    inner = int(data.get("folds", 4))
    # Held-out evaluation by cross-validation: each applicant is scored by a model (fold models +
    # calibration) that neither trained, stopped early nor calibrated on it. On a few hundred
    # applicants a single 30 % split is too small to measure calibration: a perfectly calibrated
    # model shows an ECE of about 0.08 on 114 applicants from label noise alone.
    outer = max(2, min(int(data.get("cv_folds", 5)), n_pos, n_neg))
    repeats = max(1, int(data.get("cv_repeats", 2)))
    held_out = []  # per repeat: (calibrated, uncalibrated) probabilities of every applicant
    outer_epochs = []
    for r in range(repeats):
        test_probs, test_raw = np.zeros(len(y)), np.zeros(len(y))
        for o, test in enumerate(stratified_folds(y, outer, seed + 100 * (r + 1))):
            rows = np.setdiff1d(np.arange(len(y)), test)
            nets, a, b, epochs, _oof, _k = fit_calibrated(torch, x, y, rows, params, inner,
                                                          seed + 1000 * r + 10 * (o + 1))
            outer_epochs.extend(epochs)
            model = build_served_model(torch, nets, a, b).eval()
            with torch.no_grad():
                logits = model.logit(torch.from_numpy(x[test])).numpy().astype(np.float64)
            test_raw[test] = _sigmoid(logits)
            test_probs[test] = _sigmoid(a * logits + b)
        held_out.append((test_probs, test_raw))
    # the served model: the same procedure on every labelled applicant
    nets, a, b, epochs, oof, k = fit_calibrated(torch, x, y, np.arange(len(y)), params, inner, seed)
    model = build_served_model(torch, nets, a, b).eval()
    k_prec = int(data.get("k") or max(1, n_pos))
    path = output_dir / "fit.onnx"
    export_onnx(torch, model, x.shape[1], path)
    diff = parity(torch, model, path, x[: min(len(x), 64)])
    if not diff <= PARITY_TOL:
        raise RuntimeError("ONNX export of the fit model differs from PyTorch by %.2e (> %.0e)" % (diff, PARITY_TOL))

    def mean(fn):
        """A held-out figure averaged over the cross-validation repeats."""
        return float(np.mean([fn(probs, raw) for probs, raw in held_out]))

    test_probs = held_out[0][0]
    metrics = {
        "trainer_version": TRAINER_VERSION,
        "evaluation": ("%d-fold cross-validation, %d repeat(s), figures averaged over repeats: every applicant scored by a "
                       "model that neither trained, stopped early nor calibrated on it" % (outer, repeats)),
        "auc": mean(lambda p, _r: auc(y, p)),
        "auc_zero_shot": auc(y, zs),
        "precision_at_k": mean(lambda p, _r: precision_at_k(y, p, k_prec)),
        "precision_at_k_zero_shot": precision_at_k(y, zs, k_prec),
        "k": k_prec,
        # calibration, on the same held-out predictions
        "ece": mean(lambda p, _r: ece(y, p)),
        "ece_per_repeat": [ece(y, p) for p, _r in held_out],
        "ece_bins": ECE_BINS,
        "ece_noise_floor": mean(lambda p, _r: ece_noise_floor(p, seed=seed)),
        "ece_uncalibrated": mean(lambda _p, raw: ece(y, raw)),
        "ece_zero_shot": ece(y, zs / 100.0),
        "brier": mean(lambda p, _r: brier(y, p)),
        "log_loss": mean(lambda p, _r: log_loss(y, p)),
        "share_above_99": mean(lambda p, _r: extreme_shares(p)[0]),
        "share_below_1": mean(lambda p, _r: extreme_shares(p)[1]),
        "share_above_99_uncalibrated": mean(lambda _p, raw: extreme_shares(raw)[0]),
        "share_below_1_uncalibrated": mean(lambda _p, raw: extreme_shares(raw)[1]),
        "calibration": "platt on out-of-fold logits",
        "calibration_a": a, "calibration_b": b,
        "calibration_bins": [list(row) for row in calibration_bins(y, test_probs)],  # first repeat
        "cv_folds": outer, "cv_repeats": repeats, "folds": k, "best_epochs": epochs, "best_epochs_cv": outer_epochs,
        "auc_out_of_fold": auc(y, oof),
        "n_train": int(len(y)), "n_test": int(len(y)),
        "n_hired": n_pos, "n_refused": n_neg,
        "positive_rate": float(n_pos / len(y)),
        "params": params,
        "parity_max_abs_diff": diff,
        "layout": data.get("layout") or {"size": int(x.shape[1])},
        "feature_size": int(x.shape[1]),
        "files": {"fit": path.name},
    }
    metrics["beats_zero_shot"] = bool(metrics["auc"] > metrics["auc_zero_shot"])
    return metrics
