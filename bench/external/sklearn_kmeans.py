#!/usr/bin/env python3
"""scikit-learn's KMeans as an external SegBench algorithm, and a worked example for `segbench score`.

    python3 bench/external/sklearn_kmeans.py INPUT.csv OUTPUT.csv K [SEED] [KEY]

Reads a generated customers CSV, clusters log1p money columns plus age and loyalty (standardised),
and writes KEY,cluster. Needs numpy and scikit-learn (Debian: python3-sklearn).
"""
import csv
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

MONEY = ["annual_income", "networth", "account_balance", "monthly_txn_count"]
PLAIN = ["age", "loyalty_score"]


def main():
    source, target, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    key = sys.argv[5] if len(sys.argv) > 5 else "customer_id"
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    def number(row, name):
        return float(row[name]) if row[name] != "" else np.nan
    features = np.array([[np.log1p(number(r, c)) for c in MONEY] + [number(r, c) for c in PLAIN] for r in rows])
    features = np.where(np.isnan(features), np.nanmedian(features, axis=0), features)
    labels = KMeans(n_clusters=k, n_init=8, random_state=seed).fit_predict(StandardScaler().fit_transform(features))
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([key, "cluster"])
        writer.writerows((r[key], int(c)) for r, c in zip(rows, labels))


if __name__ == "__main__":
    main()
