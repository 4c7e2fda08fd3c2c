#!/usr/bin/python3
"""Writes the scikit-learn golden fixtures that SegBench's algorithm tests compare against.

Run from this folder with scikit-learn installed (Debian: apt-get install python3-sklearn, 1.2):
    python3 make_kmeans_golden.py
It writes kmeans_golden.json, gmm_golden.json and dbscan_golden.json. Values are written with
repr() precision (17 significant digits) so the C# side reads exactly what scikit-learn computed.
"""
import json

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.mixture import GaussianMixture


def blobs(rng, centers, per, scale):
    parts = [rng.normal(loc=c, scale=scale, size=(per, len(c))) for c in centers]
    return np.vstack(parts)


def dump(path, payload):
    payload["sklearn_version"] = sklearn.__version__
    with open(path, "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


def kmeans_fixture():
    rng = np.random.default_rng(20240601)
    # Overlapping blobs, so Lloyd needs several iterations; an offset tests the centering.
    X = blobs(rng, [[0, 0, 0], [2.5, 0.5, 0], [0, 3, 1], [3, 3, -1]], 100, 1.0) + np.array([100.0, -50.0, 7.0])
    X = X[rng.permutation(len(X))]
    init = X[[3, 50, 150, 250]].copy()
    cases = []
    for name, tol, max_iter in [("tol0", 0.0, 300), ("default_tol", 1e-4, 300), ("tol_5e-2", 5e-2, 300), ("max_iter_3", 0.0, 3)]:
        km = KMeans(n_clusters=4, init=init, n_init=1, max_iter=max_iter, tol=tol, algorithm="lloyd").fit(X)
        cases.append({
            "name": name,
            "tolerance": tol,
            "max_iter": max_iter,
            "centers": km.cluster_centers_.ravel().tolist(),
            "labels": km.labels_.tolist(),
            "inertia": float(km.inertia_),
            "n_iter": int(km.n_iter_),
        })
    dump("kmeans_golden.json", {
        "rows": X.shape[0], "columns": X.shape[1], "clusters": 4,
        "data": X.ravel().tolist(), "initial_centers": init.ravel().tolist(), "cases": cases,
    })


def gmm_fixture():
    rng = np.random.default_rng(7)
    # Well separated, so k-means initialisation finds the same partition in both implementations.
    A = rng.multivariate_normal([0, 0], [[1.0, 0.6], [0.6, 1.0]], size=120)
    B = rng.multivariate_normal([8, 1], [[0.5, -0.2], [-0.2, 0.8]], size=80)
    C = rng.multivariate_normal([3, 9], [[2.0, 0.0], [0.0, 0.3]], size=100)
    X = np.vstack([A, B, C])
    X = X[rng.permutation(len(X))]
    cases = []
    for cov in ["full", "diag"]:
        gm = GaussianMixture(n_components=3, covariance_type=cov, random_state=0, tol=1e-3, reg_covar=1e-6, max_iter=100).fit(X)
        cases.append({
            "covariance_type": cov,
            "lower_bound": float(gm.lower_bound_),
            "score": float(gm.score(X)),
            "bic": float(gm.bic(X)),
            "n_iter": int(gm.n_iter_),
            "means": gm.means_.ravel().tolist(),
            "weights": gm.weights_.tolist(),
            "labels": gm.predict(X).tolist(),
        })
    dump("gmm_golden.json", {"rows": X.shape[0], "columns": X.shape[1], "components": 3, "data": X.ravel().tolist(), "cases": cases})


def dbscan_fixture():
    rng = np.random.default_rng(11)
    X = np.vstack([
        blobs(rng, [[0, 0], [4, 4], [0, 5]], 60, 0.5),
        rng.uniform(-3, 8, size=(30, 2)),  # noise and border points
    ])
    X = X[rng.permutation(len(X))]
    eps, min_samples = 0.6, 5
    labels = DBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_
    dump("dbscan_golden.json", {"rows": X.shape[0], "columns": X.shape[1], "eps": eps, "min_samples": min_samples,
                                "data": X.ravel().tolist(), "labels": labels.tolist()})


if __name__ == "__main__":
    kmeans_fixture()
    gmm_fixture()
    dbscan_fixture()
