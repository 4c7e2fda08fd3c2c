#!/usr/bin/python3
"""The scikit-learn half of kmeans_vs_sklearn.sh.

  generate DIR            writes the k-means set (1,000,000 x 17 float64, 8 initial centers) and the
                          DBSCAN set (200,000 x 4) as raw little-endian files, from fixed seeds
  kmeans DIR [REPEATS]    times KMeans(lloyd, n_init=1, init=centers, max_iter=30, tol=0)
  dbscan DIR [REPEATS]    times DBSCAN(eps, min_samples, n_jobs=-1) and writes its labels
  compare DIR             checks the DBSCAN labels of both implementations
Each mode prints one JSON line.
"""
import json
import resource
import sys
import time

import numpy as np

KMEANS = dict(rows=1_000_000, columns=17, clusters=8, iterations=30)
DBSCAN = dict(rows=200_000, columns=4, eps=0.5, min_samples=10)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def generate(directory):
    rng = np.random.default_rng(20251122)
    n, d, k = KMEANS["rows"], KMEANS["columns"], KMEANS["clusters"]
    means = rng.normal(scale=4.0, size=(k, d))
    X = means[rng.integers(0, k, size=n)] + rng.normal(size=(n, d))
    X.astype("<f8").tofile(f"{directory}/kmeans_data.f64")
    X[rng.choice(n, size=k, replace=False)].astype("<f8").tofile(f"{directory}/kmeans_centers.f64")

    n, d = DBSCAN["rows"], DBSCAN["columns"]
    blobs = rng.uniform(0, 40, size=(10, d))
    members = int(n * 0.95)
    Y = np.vstack([blobs[rng.integers(0, 10, size=members)] + rng.normal(size=(members, d)),
                   rng.uniform(-5, 45, size=(n - members, d))])
    Y[rng.permutation(n)].astype("<f8").tofile(f"{directory}/dbscan_data.f64")
    print(json.dumps({"generated": directory, "kmeans": KMEANS, "dbscan": DBSCAN}))


def kmeans(directory, repeats):
    from sklearn.cluster import KMeans
    d, k = KMEANS["columns"], KMEANS["clusters"]
    X = np.fromfile(f"{directory}/kmeans_data.f64", dtype="<f8").reshape(-1, d)
    C = np.fromfile(f"{directory}/kmeans_centers.f64", dtype="<f8").reshape(k, d)
    seconds, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), cpu_seconds()
        km = KMeans(n_clusters=k, algorithm="lloyd", n_init=1, init=C, max_iter=KMEANS["iterations"], tol=0).fit(X)
        seconds.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - cpu_start)
    import sklearn
    print(json.dumps({"implementation": f"sklearn {sklearn.__version__}", "algorithm": "kmeans", "seconds": seconds, "cpu_seconds": cpu,
                      "best_seconds": min(seconds), "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
                      "peak_rss_mb": peak_mb()}))


def dbscan(directory, repeats):
    from sklearn.cluster import DBSCAN as Dbscan
    X = np.fromfile(f"{directory}/dbscan_data.f64", dtype="<f8").reshape(-1, DBSCAN["columns"])
    seconds, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), cpu_seconds()
        labels = Dbscan(eps=DBSCAN["eps"], min_samples=DBSCAN["min_samples"], n_jobs=-1).fit(X).labels_
        seconds.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - cpu_start)
    labels.astype("<i4").tofile(f"{directory}/dbscan_labels_sklearn.i32")
    import sklearn
    print(json.dumps({"implementation": f"sklearn {sklearn.__version__}", "algorithm": "dbscan", "seconds": seconds, "cpu_seconds": cpu,
                      "best_seconds": min(seconds), "clusters": int(labels.max() + 1), "noise": int((labels < 0).sum()),
                      "peak_rss_mb": peak_mb()}))


def compare(directory):
    a = np.fromfile(f"{directory}/dbscan_labels_sklearn.i32", dtype="<i4")
    b = np.fromfile(f"{directory}/dbscan_labels_segbench.i32", dtype="<i4")
    print(json.dumps({"dbscan_labels_identical": bool(np.array_equal(a, b)), "differing": int((a != b).sum())}))


if __name__ == "__main__":
    mode, directory = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    {"generate": lambda: generate(directory), "kmeans": lambda: kmeans(directory, repeats),
     "dbscan": lambda: dbscan(directory, repeats), "compare": lambda: compare(directory)}[mode]()
