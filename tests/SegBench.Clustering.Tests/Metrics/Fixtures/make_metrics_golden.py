#!/usr/bin/env python3
"""Writes metrics_golden.json: scikit-learn's values for SegBench's clustering metrics.

Run with Debian's python3-sklearn (1.2): /usr/bin/python3 make_metrics_golden.py
CI does not run this; the tests read the committed JSON.

Large labelings are not stored: both this script and the C# tests regenerate them from a
64-bit LCG (see lcg_labels), so the fixture stays small.
"""
import json
import math

import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn import metrics

MASK64 = (1 << 64) - 1


def lcg_labels(seed, n, k_true, k_pred, agree_percent):
    """truth[i] uniform in [0, k_true); pred[i] = (truth[i] * 7 + 3) % k_pred with probability
    agree_percent/100, else uniform in [0, k_pred). Mirrors GoldenLabels.Lcg in the tests."""
    state = seed & MASK64
    truth = np.empty(n, dtype=np.int64)
    pred = np.empty(n, dtype=np.int64)
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK64
        t = (state >> 33) % k_true
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK64
        if (state >> 33) % 100 < agree_percent:
            p = (t * 7 + 3) % k_pred
        else:
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK64
            p = (state >> 33) % k_pred
        truth[i] = t
        pred[i] = p
    return truth, pred


def contingency(truth, pred):
    _, ti = np.unique(truth, return_inverse=True)
    _, pi = np.unique(pred, return_inverse=True)
    c = np.zeros((ti.max() + 1 if len(ti) else 0, pi.max() + 1 if len(pi) else 0))
    np.add.at(c, (ti, pi), 1)
    return c


def best_match_accuracy(truth, pred):
    if len(truth) == 0:
        return 1.0
    c = contingency(truth, pred)
    rows, cols = linear_sum_assignment(c, maximize=True)
    return float(c[rows, cols].sum() / len(truth))


def normalized_clustering_accuracy(truth, pred):
    """Gagolewski's NCA, from its definition: rows of the confusion matrix are the reference
    (truth), padded with zero columns to max(K, L); max over sigma of
    1/K sum_i (c[i, sigma(i)] / c[i, .] - 1/K) / (1 - 1/K). Undefined (None) when K < 2."""
    if len(truth) == 0:
        return None
    c = contingency(truth, pred)
    k = c.shape[0]
    if k < 2:
        return None
    ratios = c / c.sum(axis=1, keepdims=True)
    rows, cols = linear_sum_assignment(ratios, maximize=True)
    matched = np.zeros(k)
    matched[rows] = ratios[rows, cols]
    return float(np.mean((matched - 1.0 / k) / (1.0 - 1.0 / k)))


def safe(compute):
    """sklearn's value, or None where sklearn raises (e.g. mutual_info_score on empty input)."""
    try:
        return float(compute())
    except ValueError:
        return None


def external(name, truth, pred, store=True, generator=None):
    truth = np.asarray(truth, dtype=np.int64)
    pred = np.asarray(pred, dtype=np.int64)
    h, c, v = metrics.homogeneity_completeness_v_measure(truth, pred)
    case = {
        "name": name,
        "adjusted_rand": float(metrics.adjusted_rand_score(truth, pred)),
        "adjusted_mutual_info": float(metrics.adjusted_mutual_info_score(truth, pred, average_method="arithmetic")),
        "normalized_mutual_info": float(metrics.normalized_mutual_info_score(truth, pred, average_method="arithmetic")),
        "mutual_info": safe(lambda: metrics.mutual_info_score(truth, pred)),
        "fowlkes_mallows": float(metrics.fowlkes_mallows_score(truth, pred)),
        "homogeneity": float(h),
        "completeness": float(c),
        "v_measure": float(v),
        "best_match_accuracy": best_match_accuracy(truth, pred),
        "normalized_clustering_accuracy": normalized_clustering_accuracy(truth, pred),
    }
    if store:
        case["truth"] = truth.tolist()
        case["pred"] = pred.tolist()
    else:
        case["generator"] = generator
    return case


def internal(name, x, labels):
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    inertia = 0.0
    for k in np.unique(labels):
        members = x[labels == k]
        inertia += float(((members - members.mean(axis=0)) ** 2).sum())
    return {
        "name": name,
        "rows": int(x.shape[0]),
        "columns": int(x.shape[1]),
        "x": x.ravel().tolist(),
        "labels": labels.tolist(),
        "silhouette": float(metrics.silhouette_score(x, labels)),
        "davies_bouldin": float(metrics.davies_bouldin_score(x, labels)),
        "calinski_harabasz": float(metrics.calinski_harabasz_score(x, labels)),
        "inertia": inertia,
    }


def main():
    rng = np.random.default_rng(20261122)
    cases = []

    random_truth = rng.integers(0, 5, 200)
    random_pred = rng.integers(0, 4, 200)
    cases.append(external("random 200, 5 vs 4 clusters", random_truth, random_pred))

    base = rng.integers(0, 6, 300)
    permutation = np.array([3, 5, 0, 1, 4, 2])
    cases.append(external("identical up to a permutation of ids", base, permutation[base] * 10 + 7))

    noisy = base.copy()
    flip = rng.random(300) < 0.2
    noisy[flip] = rng.integers(0, 6, flip.sum())
    cases.append(external("20 percent label noise", base, noisy))

    with_noise = noisy.copy()
    with_noise[rng.random(300) < 0.1] = -1
    cases.append(external("prediction with -1 noise", base, with_noise))
    cases.append(external("truth with -1 outliers", with_noise, base))

    cases.append(external("single cluster both", [4] * 50, [9] * 50))
    cases.append(external("single cluster truth", [0] * 60, rng.integers(0, 3, 60)))
    cases.append(external("single cluster prediction", rng.integers(0, 3, 60), [1] * 60))
    cases.append(external("singletons both", list(range(40)), list(range(100, 140))))
    cases.append(external("singletons prediction", rng.integers(0, 4, 40), list(range(40))))
    cases.append(external("identical", base, base))
    cases.append(external("empty", [], []))
    cases.append(external("two points", [0, 1], [0, 0]))

    unbalanced_truth = np.concatenate([np.zeros(900), np.ones(80), np.full(20, 2)]).astype(np.int64)
    unbalanced_pred = unbalanced_truth.copy()
    move = rng.random(1000) < 0.15
    unbalanced_pred[move] = rng.integers(0, 5, move.sum())
    cases.append(external("unbalanced 900/80/20", unbalanced_truth, unbalanced_pred))

    cases.append(external("large arbitrary ids", [1000000000, -1000000000, 5, 5, 1000000000, -7],
                          [-2147483648, 2147483647, 0, 0, 0, -2147483648]))

    for seed, n, kt, kp, agree in [(7, 100000, 8, 8, 70), (11, 100000, 12, 5, 40), (13, 20000, 50, 60, 30)]:
        truth, pred = lcg_labels(seed, n, kt, kp, agree)
        cases.append(external(f"lcg seed {seed}, n {n}, {kt} vs {kp}", truth, pred, store=False,
                              generator={"seed": seed, "n": n, "k_true": kt, "k_pred": kp, "agree_percent": agree}))

    internal_cases = []
    blobs = np.concatenate([rng.normal(c, 0.6, (40, 3)) for c in ([0, 0, 0], [3, 3, 0], [0, 4, 2])])
    blob_labels = np.repeat([0, 1, 2], 40)
    internal_cases.append(internal("three gaussian blobs", blobs, blob_labels))
    mixed = blob_labels.copy()
    mixed[rng.random(120) < 0.2] = rng.integers(0, 3, 1)[0]
    internal_cases.append(internal("blobs with mislabels", blobs, mixed))
    with_noise_label = blob_labels.copy()
    with_noise_label[::9] = -1
    internal_cases.append(internal("blobs with -1 as its own label", blobs, with_noise_label))
    uniform = rng.random((60, 2)) * 10
    internal_cases.append(internal("uniform with 4 labels", uniform, rng.integers(0, 4, 60)))
    singleton_cluster = blob_labels.copy()
    singleton_cluster[0] = 7
    internal_cases.append(internal("a singleton cluster", blobs, singleton_cluster))

    document = {
        "sklearn_version": sklearn.__version__,
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "external": cases,
        "internal": internal_cases,
    }
    with open("metrics_golden.json", "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
