"""Build the derived O*NET index shipped in ml/onet/data/ (``make onet-index``).

    python -m ml.onet.build [--onet ../shared/data/onet-29.2] [--out ml/onet/data] [--encoder-cache DIR]

Writes, from O*NET 29.2 (CC BY 4.0, attribution in ml/onet/__init__.py):
- ``onet_index.npz``: occupation codes; float16 MiniLM embeddings of each occupation's title, of the
  centroid of its Core task statements (+ emerging tasks) and of its detailed work activities;
- ``onet_meta.json.gz``: titles, job zone-free metadata: related occupations with tiers, alternate
  titles (lower-cased) -> codes, technology names (with short aliases, hot flag) per occupation,
  IDF of words over occupations (lexical evidence weights).
Embeddings come from the same packaged all-MiniLM-L6-v2 the add-on serves with (exported to ONNX).
"""
import argparse
import gzip
import hashlib
import json
import math
import os
import re
import sys
from collections import Counter

import numpy as np

from . import source
from .text_norm import norm, tech_aliases, tokens

TASK_WORD_MAX = 15  # occupations whose tasks use the word
TECH_MIN = 5  # occupations that list it as a technology
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _encoder(cache_dir):
    from ..text_encoder import TextEncoder, default_encoder_dir

    onnx = os.path.join(cache_dir, "text_encoder.onnx")
    if not os.path.isfile(onnx):
        from ..export_text_encoder import train

        os.makedirs(cache_dir, exist_ok=True)
        train({"int8": False}, cache_dir)
    return TextEncoder(onnx, default_encoder_dir(), "cpu", 64, 128)


def _unit(mat):
    norms = np.linalg.norm(mat, axis=-1, keepdims=True)
    return mat / np.where(norms > 0, norms, 1.0)


def build(onet_dir, out_dir, cache_dir, meta_only=False):
    occ = source.load(onet_dir)
    codes = sorted(occ.titles)
    titles = [occ.titles[c] for c in codes]
    if meta_only:
        _write_meta(occ, codes, titles, out_dir, int(np.load(os.path.join(out_dir, "onet_index.npz"))["title"].shape[1]))
        return
    enc = _encoder(cache_dir)
    per_code = {}
    for code in codes:
        tasks = occ.tasks_core.get(code, []) + occ.tasks_emerging.get(code, []) or occ.tasks_supp.get(code, [])
        per_code[code] = (tasks, occ.dwas.get(code, []))
    unique = list(dict.fromkeys(titles + [t for c in codes for part in per_code[c] for t in part]))
    print("encoding %d texts" % len(unique), file=sys.stderr)
    vecs = {}
    for start in range(0, len(unique), 2048):
        chunk = unique[start:start + 2048]
        vecs.update(zip(chunk, enc.encode(chunk)))
        print("encoded %d/%d" % (start + len(chunk), len(unique)), file=sys.stderr)
    title_emb = np.stack([vecs[t] for t in titles])
    task_cent = title_emb.copy()
    dwa_cent = title_emb.copy()
    for k, code in enumerate(codes):
        tasks, dwas = per_code[code]
        if tasks:
            task_cent[k] = np.mean([vecs[t] for t in tasks], axis=0)
        dwa_cent[k] = np.mean([vecs[t] for t in dwas], axis=0) if dwas else task_cent[k]
    os.makedirs(out_dir, exist_ok=True)
    np.savez_compressed(os.path.join(out_dir, "onet_index.npz"),
                        title=_unit(title_emb).astype(np.float16), task=_unit(task_cent).astype(np.float16),
                        dwa=_unit(dwa_cent).astype(np.float16))
    _write_meta(occ, codes, titles, out_dir, int(title_emb.shape[1]))


def _write_meta(occ, codes, titles, out_dir, dim):
    # lexical: IDF of words over short documents (every task statement, detailed work activity,
    # occupation title and alternate title), so a technology or trade word rare in the work
    # descriptions ("java", "welding") weighs more than a word of every job ("team", "prepare")
    docs = [t for c in codes for t in occ.tasks_core.get(c, []) + occ.tasks_supp.get(c, []) + occ.dwas.get(c, [])
            + occ.alt_titles.get(c, []) + [occ.titles[c]]]
    df = Counter(w for d in docs for w in set(tokens(d)))
    n = len(docs)
    idf = {w: round(math.log((1 + n) / (1 + c)) + 1.0, 3) for w, c in df.items() if c >= 2}
    alt = {}
    for code in codes:
        for t in [occ.titles[code]] + occ.alt_titles.get(code, []):
            key = " ".join(tokens(t))
            if key:
                lst = alt.setdefault(key, [])
                if code not in lst:
                    lst.append(code)
    tech = {}
    for code in codes:
        names = {}
        for example, _commodity, hot in occ.tech.get(code, []):
            for a in tech_aliases(example):
                names[a] = max(names.get(a, 0), 1 if hot else 0)
        tech[code] = names
    # a one-word alias that is an ordinary word of task statements ("test", "lead", "base") is not a
    # technology name unless many occupations list it as one (Excel, Python)
    task_df = Counter(w for code in codes for w in set(tokens(" ".join(
        occ.tasks_core.get(code, []) + occ.tasks_supp.get(code, []) + occ.alt_titles.get(code, [])
        + [occ.titles[code], occ.descriptions.get(code, "")]))))
    alias_df = Counter(a for names in tech.values() for a in names)
    full_names = {norm(e) for code in codes for e, _c, _h in occ.tech.get(code, [])}
    drop = {a for a in alias_df if " " not in a and task_df.get(a, 0) > TASK_WORD_MAX
            and (alias_df[a] < TECH_MIN or a not in full_names)}
    tech = {code: sorted((a, h) for a, h in names.items() if a not in drop) for code, names in tech.items()}
    meta = {
        "version": "onet-29.2/1",
        "attribution": ("This product includes information from the O*NET 29.2 Database by the U.S. Department of "
                        "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
                        "O*NET\u00ae is a trademark of USDOL/ETA."),
        "codes": codes, "titles": titles,
        "related": {c: occ.related.get(c, []) for c in codes},
        "alt_titles": alt, "tech": tech, "idf": idf, "dim": dim,
        "encoder": "all-MiniLM-L6-v2",
    }
    with gzip.open(os.path.join(out_dir, "onet_meta.json.gz"), "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(meta, fh, separators=(",", ":"), sort_keys=True)
    # deterministic gzip header (mtime) is not needed for correctness; print checksums for the log
    for name in ("onet_index.npz", "onet_meta.json.gz"):
        path = os.path.join(out_dir, name)
        print("%s %d bytes sha256 %s" % (name, os.path.getsize(path),
                                        hashlib.sha256(open(path, "rb").read()).hexdigest()[:16]))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the derived O*NET index")
    parser.add_argument("--onet", default=os.path.join(ROOT, "..", "shared", "data", "onet-29.2"))
    parser.add_argument("--out", default=os.path.join(ROOT, "ml", "onet", "data"))
    parser.add_argument("--encoder-cache", default=os.path.join(ROOT, ".build", "onet_encoder"))
    parser.add_argument("--meta-only", action="store_true", help="rewrite the metadata, keep the embeddings")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.onet):
        sys.exit("%s is missing: O*NET 29.2 is expected in ../shared/data/onet-29.2 (or --onet)." % args.onet)
    build(args.onet, args.out, args.encoder_cache, args.meta_only)


if __name__ == "__main__":
    main()
