#!/usr/bin/env python3
"""Side-by-side check of RevPulse's churn model against scikit-learn on the same rows.

Reads the folder written by
`revpulse_evals::backtest::competitive::export::export_churn_comparison`
(`churn_train.csv`, `churn_test.csv`, `churn_model.json`), fits scikit-learn's
`LogisticRegression` with the same objective (L2 penalty `C = 1 / l2` on features standardised
with the training mean and population standard deviation, intercept unpenalised) and a
`HistGradientBoostingClassifier` (default settings, random_state 0) for reference, and prints
one JSON report: coefficient and probability differences against RevPulse, test AUC and Brier
score of each model, and fit / score timings (best of three).

    python evals/scripts/compare_churn.py <export-folder>

Expected: the same objective gives the same optimum, so coefficients and test probabilities
agree to about 1e-6; RevPulse's AUC equals scikit-learn's logistic AUC.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score


def best_of_three(f):
    best = float("inf")
    result = None
    for _ in range(3):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(folder: Path) -> None:
    model = json.loads((folder / "churn_model.json").read_text())
    features = model["features"]
    train = pd.read_csv(folder / "churn_train.csv")
    test = pd.read_csv(folder / "churn_test.csv")
    mean = train[features].mean()
    std = train[features].std(ddof=0).replace(0.0, 1.0)
    x_train = ((train[features] - mean) / std).to_numpy()
    x_test = ((test[features] - mean) / std).to_numpy()
    y_train = train["churned"].to_numpy()
    y_test = test["churned"].to_numpy()

    logistic = LogisticRegression(C=1.0 / model["l2"], solver="lbfgs", tol=1e-12, max_iter=100_000)
    fit_seconds, _ = best_of_three(lambda: logistic.fit(x_train, y_train))
    score_seconds, p_sklearn = best_of_three(lambda: logistic.predict_proba(x_test)[:, 1])

    boosted = HistGradientBoostingClassifier(random_state=0)
    boosted_fit_seconds, _ = best_of_three(lambda: boosted.fit(x_train, y_train))
    p_boosted = boosted.predict_proba(x_test)[:, 1]

    p_revpulse = test["p_revpulse"].to_numpy()
    weights = np.array(model["weights"])
    report = {
        "train_rows": int(len(train)),
        "test_rows": int(len(test)),
        "test_churned": int(y_test.sum()),
        "max_abs_weight_difference": float(np.max(np.abs(weights - logistic.coef_[0]))),
        "intercept_difference": float(model["intercept"] - logistic.intercept_[0]),
        "max_abs_probability_difference": float(np.max(np.abs(p_revpulse - p_sklearn))),
        "auc": {
            "revpulse": float(roc_auc_score(y_test, p_revpulse)),
            "sklearn_logistic": float(roc_auc_score(y_test, p_sklearn)),
            "sklearn_hist_gradient_boosting": float(roc_auc_score(y_test, p_boosted)),
        },
        "brier": {
            "revpulse": float(brier_score_loss(y_test, p_revpulse)),
            "sklearn_logistic": float(brier_score_loss(y_test, p_sklearn)),
            "sklearn_hist_gradient_boosting": float(brier_score_loss(y_test, p_boosted)),
        },
        "seconds": {
            "revpulse_fit": model["fit_seconds"],
            "revpulse_score": model["score_seconds"],
            "sklearn_logistic_fit": fit_seconds,
            "sklearn_logistic_score": score_seconds,
            "sklearn_hist_gradient_boosting_fit": boosted_fit_seconds,
        },
        "revpulse_release_build": model["release_build"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: compare_churn.py <export-folder>")
    main(Path(sys.argv[1]))
