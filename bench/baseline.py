#!/usr/bin/python3
"""bench/baseline.py - plain TF-IDF (1-2 grams) + linear SVM lean baseline on AllSides.

The yardstick for slant's framing model: choose C by outlet-grouped cross-validation on train,
then fit on all of train and measure on dev, whose outlets appear nowhere in train. Grouping by
outlet matters because the label follows the outlet's rating: a random split would reward
learning outlet style instead of lean. Prints plain text (and JSON with --json); seeded, so
runs repeat. Run through bench/baseline.sh, which installs scikit-learn and skips without data.
"""
import argparse
import gzip
import json
import os
import platform
import shlex
import sys
import time
import warnings
from collections import Counter

import numpy as np
import sklearn
from joblib import Parallel, delayed
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.environ.get("SLANT_CORPORA", os.path.join(ROOT, "..", "shared", "corpora")), "allsides")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--train", default=os.path.join(CORPUS, "train.jsonl.gz"))
    p.add_argument("--dev", default=os.path.join(CORPUS, "dev.jsonl.gz"))
    p.add_argument("--text", default="content_original", help="text field")
    p.add_argument("--label", default="bias_text", help="label field")
    p.add_argument("--group", default="source", help="outlet field: CV folds never split it")
    p.add_argument("--id", default="ID", help="id field (for --folds-file)")
    p.add_argument("--where", metavar="FIELD=V1,V2", help="keep only these articles (both sets)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--C", default="0.01,0.03,0.1,0.3,1", help="comma-separated grid")
    p.add_argument("--jobs", type=int, default=2, help="CV folds run at once (each ~2.5 GB on all of AllSides)")
    p.add_argument("--min-df", type=int, default=3)
    p.add_argument("--max-features", type=int, default=200000)
    p.add_argument("--folds-file", metavar="TSV", help="lines 'ID<TAB>fold' (0-based) fixing train's folds")
    p.add_argument("--json", metavar="OUT", help="also write all results as JSON here")
    a = p.parse_args()
    a.C = [float(c) for c in a.C.split(",")]
    if a.where:
        field, sep, values = a.where.partition("=")
        if not sep or not field or not values:
            p.error("--where wants FIELD=V1,V2")
        a.where = (field, set(values.split(",")))
    return a


def load(path, a):
    """Articles of a .jsonl(.gz) file passing --where, with the bytes of their JSON lines."""
    keep, nbytes = [], 0
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            for k in (a.text, a.label, a.group, a.id):
                if k not in r:
                    sys.exit(f"baseline: {path}:{n}: no field {k!r}")
            if a.where and str(r.get(a.where[0])) not in a.where[1]:
                continue
            keep.append(r)
            nbytes += len(line)  # raw line, newline included: the input a reader has to get through
    return {
        "path": path,
        "ids": [str(r[a.id]) for r in keep],
        "text": [r[a.text] or "" for r in keep],
        "y": np.array([str(r[a.label]) for r in keep]),
        "group": np.array([str(r[a.group]) for r in keep]),
        "bytes": nbytes,
    }


def describe(name, d, labels):
    counts = Counter(d["y"].tolist())
    return (f"{name}: {len(d['y'])} articles, {len(set(d['group'].tolist()))} outlets, "
            f"{d['bytes'] / 1e6:.1f} MB JSON; labels " + ", ".join(f"{l} {counts[l]}" for l in labels))


def vectoriser(a):
    return TfidfVectorizer(ngram_range=(1, 2), min_df=a.min_df, max_features=a.max_features,
                           sublinear_tf=True, lowercase=True)


def svm(a, C):
    # dual solver: far fewer articles than features; random_state fixes its coordinate order
    return LinearSVC(C=C, class_weight="balanced", random_state=a.seed)


def scores(y, pred, labels):
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    return {
        "accuracy": accuracy_score(y, pred),
        "macro_f1": f1_score(y, pred, labels=labels, average="macro", zero_division=0),
        "per_class": {l: {"precision": p[i], "recall": r[i], "f1": f[i], "support": int(s[i])}
                      for i, l in enumerate(labels)},
        "confusion": confusion_matrix(y, pred, labels=labels).tolist(),
    }


def show_scores(s, labels, indent="  "):
    print(f"{indent}accuracy {s['accuracy']:.4f}  macro-F1 {s['macro_f1']:.4f}")
    print(f"{indent}{'class':<8} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>6}")
    for l in labels:
        c = s["per_class"][l]
        print(f"{indent}{l:<8} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} {c['support']:6d}")
    w = max(8, max(len(l) for l in labels) + 1)
    print(f"{indent}confusion (rows true, columns predicted):")
    print(f"{indent}{'':<{w}}" + "".join(f"{l:>{w}}" for l in labels))
    for l, row in zip(labels, s["confusion"]):
        print(f"{indent}{l:<{w}}" + "".join(f"{v:>{w}d}" for v in row))


def folds_from_file(path, ids):
    fold_of = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or not parts[1].strip().isdigit():
                sys.exit(f"baseline: {path}:{n}: want 'ID<TAB>fold'")
            fold_of[parts[0]] = int(parts[1])
    missing = [i for i in ids if i not in fold_of]
    if missing:
        sys.exit(f"baseline: {path}: {len(missing)} train articles have no fold, e.g. {missing[0]}")
    fold = np.array([fold_of[i] for i in ids])
    k = int(fold.max()) + 1
    empty = sorted(set(range(k)) - set(fold.tolist()))
    if k < 2 or empty:
        sys.exit(f"baseline: {path}: need folds 0..K-1 (K >= 2) all used; empty: {empty}")
    return [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(k)]


def converged_fit(a, C, Xtr, ytr):
    """The SVM fitted with C, and whether liblinear hit max_iter."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        clf = svm(a, C).fit(Xtr, ytr)
    return clf, any(issubclass(w.category, ConvergenceWarning) for w in caught)


def run_fold(a, texts_tr, y_tr, texts_te):
    """One CV fold: held-out predictions for every C in the grid."""
    t0 = time.perf_counter()
    # The vectoriser does not depend on C, so it is fitted once per fold on the fold's training part
    # and shared by the C grid: the same result as a Pipeline refitted for every C, 1/len(C) the cost.
    vec = vectoriser(a)
    Xtr = vec.fit_transform(texts_tr)
    Xte = vec.transform(texts_te)
    out = {"features": Xtr.shape[1], "vec_s": time.perf_counter() - t0, "pred": {}, "unconverged": {}}
    for C in a.C:
        clf, out["unconverged"][C] = converged_fit(a, C, Xtr, y_tr)
        out["pred"][C] = clf.predict(Xte)
    out["total_s"] = time.perf_counter() - t0
    return out


def main():
    a = parse_args()
    t_start = time.perf_counter()
    print("command: " + shlex.join([sys.executable] + sys.argv))
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, python {platform.python_version()}, "
          f"scikit-learn {sklearn.__version__}")
    train, dev = load(a.train, a), load(a.dev, a)
    if len(train["y"]) == 0:
        sys.exit("baseline: no train articles (check --where)")
    found = set(train["y"].tolist()) | set(dev["y"].tolist())
    labels = ["left", "center", "right"] if found == {"left", "center", "right"} else sorted(found)
    print(describe("train", train, labels))
    print(describe("dev", dev, labels))
    shared = set(train["group"].tolist()) & set(dev["group"].tolist())
    if shared:
        print(f"note: {len(shared)} outlets are in both train and dev: dev is not unseen-outlet")
    res = {"command": [sys.executable] + sys.argv, "labels": labels, "sklearn": sklearn.__version__,
           "options": {k: v if not isinstance(v, (tuple, set)) else None for k, v in vars(a).items()},
           "where": [a.where[0], sorted(a.where[1])] if a.where else None,
           "train": {"articles": len(train["y"]), "outlets": len(set(train["group"].tolist())),
                     "bytes": train["bytes"], "labels": dict(Counter(train["y"].tolist()))},
           "dev": {"articles": len(dev["y"]), "outlets": len(set(dev["group"].tolist())),
                   "bytes": dev["bytes"], "labels": dict(Counter(dev["y"].tolist()))}}

    # --- outlet-grouped cross-validation over the C grid ---
    X, y = train["text"], train["y"]
    if a.folds_file:
        splits = folds_from_file(a.folds_file, train["ids"])
        how = f"folds from {a.folds_file}"
    else:
        cv = StratifiedGroupKFold(n_splits=a.folds, shuffle=True, random_state=a.seed)
        splits = list(cv.split(np.zeros(len(y)), y, train["group"]))
        how = f"StratifiedGroupKFold(n_splits={a.folds}, shuffle=True, random_state={a.seed}) by {a.group}"
    split_outlets = sum(len(set(train["group"][te].tolist()) & set(train["group"][tr].tolist())) > 0
                        for tr, te in splits)
    print(f"\ncross-validation: {len(splits)} folds, {how}, {a.jobs} at once; held-out sizes "
          + " ".join(str(len(te)) for _, te in splits))
    if split_outlets:
        print(f"warning: in {split_outlets} folds some held-out outlets are also in the fold's training part")
    oof = {C: np.empty(len(y), dtype=y.dtype) for C in a.C}
    fold_f1 = {C: [] for C in a.C}
    unconverged = Counter()
    t0 = time.perf_counter()
    # folds run in parallel processes (--jobs); each gets only its own texts and returns predictions
    jobs = (delayed(run_fold)(a, [X[i] for i in tr], y[tr], [X[i] for i in te]) for tr, te in splits)
    for k, ((tr, te), f) in enumerate(zip(splits, Parallel(n_jobs=a.jobs)(jobs))):
        for C in a.C:
            oof[C][te] = f["pred"][C]
            fold_f1[C].append(f1_score(y[te], f["pred"][C], labels=labels, average="macro", zero_division=0))
            unconverged[C] += f["unconverged"][C]
        print(f"  fold {k}: {len(tr)} train / {len(te)} held out, {f['features']} features, "
              f"vectoriser {f['vec_s']:.1f} s, fold total {f['total_s']:.1f} s")
    t_cv = time.perf_counter() - t0
    print(f"  whole CV: {t_cv:.1f} s wall")
    print(f"\n  {'C':>6}  {'accuracy':>8}  {'macro-F1':>8}  fold macro-F1 min..max")
    cv_res = {}
    for C in a.C:
        s = scores(y, oof[C], labels)
        s["fold_macro_f1"] = fold_f1[C]
        s["unconverged_folds"] = unconverged[C]
        cv_res[C] = s
        note = f"  ({unconverged[C]} folds hit max_iter)" if unconverged[C] else ""
        print(f"  {C:>6g}  {s['accuracy']:8.4f}  {s['macro_f1']:8.4f}  "
              f"{min(fold_f1[C]):.4f}..{max(fold_f1[C]):.4f}{note}")
    best = max(a.C, key=lambda C: (cv_res[C]["macro_f1"], -C))  # ties: the smaller C
    print(f"\nbest C by pooled out-of-fold macro-F1: {best:g}")
    show_scores(cv_res[best], labels)
    res["cv"] = {"how": how, "seconds": t_cv, "by_C": {str(C): v for C, v in cv_res.items()}, "best_C": best}

    # --- final fit on all of train, measure on unseen-outlet dev ---
    t0 = time.perf_counter()
    vec = vectoriser(a)
    Xall = vec.fit_transform(X)
    t_vec = time.perf_counter() - t0
    t0 = time.perf_counter()
    clf, hit_max_iter = converged_fit(a, best, Xall, y)
    t_svm = time.perf_counter() - t0
    model = Pipeline([("tfidf", vec), ("svm", clf)])  # the fitted model, as one object
    del Xall
    print(f"\nfinal fit on all train (C={best:g}): {len(vec.vocabulary_)} features; vectoriser fit_transform "
          f"{t_vec:.1f} s, SVM fit {t_svm:.1f} s"
          + (" (hit max_iter)" if hit_max_iter else ""))
    res["final"] = {"C": best, "features": len(vec.vocabulary_), "vectoriser_fit_transform_s": t_vec,
                    "svm_fit_s": t_svm}

    speed = {}
    for name, d in (("dev", dev), ("train", train)):
        if not d["text"]:
            continue
        t0 = time.perf_counter()
        Xd = vec.transform(d["text"])
        dt = time.perf_counter() - t0
        speed[name] = {"seconds": dt, "MB_per_s": d["bytes"] / 1e6 / dt, "articles_per_s": len(d["text"]) / dt}
        if name == "dev":
            Xdev = Xd
        del Xd
    print("vectoriser transform speed (fitted vectoriser, 1 thread; MB = 1e6 bytes of JSON lines):")
    for name, v in speed.items():
        print(f"  {name:<5} {v['seconds']:7.2f} s  {v['MB_per_s']:6.2f} MB/s  {v['articles_per_s']:8.0f} articles/s")
    res["transform_speed"] = speed

    if len(dev["y"]):
        s = scores(dev["y"], model.named_steps["svm"].predict(Xdev), labels)
        print(f"\ndev (outlets unseen in train), C={best:g}:")
        show_scores(s, labels)
        res["dev_scores"] = s
    else:
        print("\ndev: no articles (check --where); not evaluated")
    res["total_seconds"] = time.perf_counter() - t_start
    print(f"\ntotal: {res['total_seconds']:.1f} s wall")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o))
            f.write("\n")


if __name__ == "__main__":
    main()
