#!/usr/bin/env python3
"""Writes preprocessing_golden.json: scikit-learn 1.2's imputers, scalers and PCA on a small table.

Run with Debian's python3-sklearn: /usr/bin/python3 make_preprocessing_golden.py
CI does not run this; the tests read the committed JSON.
"""
import json

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler


def main():
    rng = np.random.default_rng(7)
    n = 60
    base = rng.normal(0, 1, n)
    x = np.column_stack([
        50 + 10 * base + rng.normal(0, 2, n),          # correlated with the next column
        3 * base + rng.normal(0, 0.5, n),
        rng.lognormal(12, 1.0, n),                      # skewed money
        rng.integers(0, 4, n).astype(float),            # small integer, repeated values
    ])
    x[rng.random(n) < 0.1, 0] = np.nan
    x[rng.random(n) < 0.1, 2] = np.nan
    names = ["age", "score", "networth", "products"]

    cases = []
    for strategy in ["mean", "median", "most_frequent"]:
        imputed = SimpleImputer(strategy=strategy).fit_transform(x)
        for scaling, scaler in [("standard", StandardScaler()), ("robust", RobustScaler()), ("minmax", MinMaxScaler())]:
            scaled = scaler.fit_transform(imputed)
            cases.append({"imputation": strategy, "scaling": scaling, "output": scaled.ravel().tolist()})

    imputed = SimpleImputer(strategy="mean").fit_transform(x)
    scaled = StandardScaler().fit_transform(imputed)
    pca = PCA(n_components=3).fit(scaled)
    document = {
        "sklearn_version": sklearn.__version__,
        "columns": names,
        "rows": n,
        "x": [None if np.isnan(v) else float(v) for v in x.ravel()],
        "cases": cases,
        "pca": {
            "imputation": "mean",
            "scaling": "standard",
            "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
            "explained_variance": pca.explained_variance_.tolist(),
            "projection": pca.transform(scaled).ravel().tolist(),
        },
    }
    with open("preprocessing_golden.json", "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
