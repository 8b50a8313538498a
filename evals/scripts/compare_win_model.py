#!/usr/bin/env python3
"""Side-by-side check of RevPulse's win-probability model against scikit-learn.

Reads what the Rust export (`export_win_model_comparison`) wrote into a folder:
`win_train.csv`, `win_test.csv` (features + label, the same time-based split) and
`win_rust.json` (RevPulse's test probabilities and timings). Trains scikit-learn's
HistGradientBoostingClassifier (native categorical support, defaults otherwise) and a
LogisticRegression (one-hot categories, standard-scaled numbers, median imputation with
missing-value indicators) on the training rows, scores the test rows, and prints one JSON
report: AUC and Brier score of each model and of RevPulse, the AUC gap to the best
scikit-learn model, and training and scoring times on both sides with their ratios.

Scoring time is the mean wall time of `predict_proba` over all test rows, repeated until at
least 0.5 s have passed (the Rust side times its batch the same way). Run single-threaded
for a like-for-like comparison: OMP_NUM_THREADS=1.

Usage: compare_win_model.py <export folder>
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

CATEGORIES = {
    "stage": ["prospecting", "qualification", "discovery", "proposal", "negotiation"],
    "deal_type": ["new_business", "expansion", "renewal"],
    "segment": ["smb", "mid_market", "enterprise"],
    "forecast_call": ["pipeline", "best_case", "commit", "closed", "omitted"],
}
MIN_TIMED_SECONDS = 0.5
AUC_TOLERANCE = 0.01
SPEED_TARGET = 5.0


def load(folder: Path):
    train = pd.read_csv(folder / "win_train.csv", keep_default_na=True)
    test = pd.read_csv(folder / "win_test.csv", keep_default_na=True)
    rust = json.loads((folder / "win_rust.json").read_text())
    features = [c for c in train.columns if c not in ("deal_id", "snapshot", "won")]
    return train, test, rust, features


def encoded(frame: pd.DataFrame, features):
    """Categories as ordered pandas categoricals, numbers as floats (NaN = missing)."""
    out = frame[features].copy()
    for name, values in CATEGORIES.items():
        out[name] = pd.Categorical(out[name], categories=values)
    numeric = [f for f in features if f not in CATEGORIES]
    out[numeric] = out[numeric].astype(float)
    return out


def gradient_boosting():
    return HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0)


def logistic_regression(features):
    numeric = [f for f in features if f not in CATEGORIES]
    categorical = list(CATEGORIES)
    prepare = ColumnTransformer(
        [
            (
                "numbers",
                make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()),
                numeric,
            ),
            ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    return Pipeline([("prepare", prepare), ("model", LogisticRegression(max_iter=2000))])


def timed(run):
    """Mean seconds per call of `run`, repeated until MIN_TIMED_SECONDS have passed."""
    runs = 0
    start = time.perf_counter()
    while runs == 0 or time.perf_counter() - start < MIN_TIMED_SECONDS:
        run()
        runs += 1
    return (time.perf_counter() - start) / runs


def evaluate(name, model, x_train, y_train, x_test, y_test):
    start = time.perf_counter()
    model.fit(x_train, y_train)
    train_seconds = time.perf_counter() - start
    probabilities = model.predict_proba(x_test)[:, 1]
    score_seconds = timed(lambda: model.predict_proba(x_test))
    return {
        "model": name,
        "auc": roc_auc_score(y_test, probabilities),
        "brier": brier_score_loss(y_test, probabilities),
        "train_seconds": train_seconds,
        "score_seconds": score_seconds,
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    train, test, rust, features = load(folder)
    x_train, x_test = encoded(train, features), encoded(test, features)
    y_train, y_test = train["won"].to_numpy(), test["won"].to_numpy()
    peers = [
        evaluate("HistGradientBoostingClassifier", gradient_boosting(), x_train, y_train, x_test, y_test),
        evaluate("LogisticRegression", logistic_regression(features), x_train, y_train, x_test, y_test),
    ]
    rust_probabilities = np.asarray(rust["test_probabilities"])
    timings = rust["timings"]
    revpulse = {
        "model": "RevPulse",
        "auc": roc_auc_score(y_test, rust_probabilities),
        "brier": brier_score_loss(y_test, rust_probabilities),
        "train_seconds": timings["train_seconds"],
        "score_seconds": timings["score_seconds"],
        "explain_seconds": timings["explain_seconds"],
    }
    best = max(peers, key=lambda p: p["auc"])
    report = {
        "train_rows": len(train),
        "test_rows": len(test),
        "models": peers + [revpulse],
        "best_peer": best["model"],
        "auc_gap_to_best_peer": revpulse["auc"] - best["auc"],
        "auc_target_met": revpulse["auc"] >= best["auc"] - AUC_TOLERANCE,
        "scoring_speedup_vs_best_peer": best["score_seconds"] / revpulse["score_seconds"],
        "scoring_speedup_vs": {p["model"]: p["score_seconds"] / revpulse["score_seconds"] for p in peers},
        "training_speedup_vs": {p["model"]: p["train_seconds"] / revpulse["train_seconds"] for p in peers},
    }
    report["scoring_target_met"] = report["scoring_speedup_vs_best_peer"] >= SPEED_TARGET
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
