#!/usr/bin/env python3
"""Side-by-side check of RevPulse attribution against the `channelattribution` package.

Reads the folder written by `revpulse_evals::backtest::attribution::export_attribution_comparison`
(`attribution_manifest.json`, and per dataset a paths CSV and RevPulse's JSON), runs
channelattribution's `heuristic_models` and `markov_model` on the same paths, and prints one
JSON report: per dataset and key the difference between the two implementations, and both
timings.

`markov_model` estimates removal effects by simulating paths; RevPulse solves the chain
exactly. It runs twice, both times order 1, seed 0 (fixed, so every run gives the same
numbers), one core:
- "default": every other setting at its default (nsim_start=1e5, max_step = longest path).
  This is the timing compared. Its estimate carries simulation noise of about a percentage
  point per key, and max_step truncation drops long looping paths.
- "converged": nsim_start=1e7 and max_step=1000, so the simulation approaches the exact
  chain; this is the accuracy compared against the one-point target.

    python evals/scripts/compare_attribution.py <export-folder>

Targets (issue 3, item 8): heuristic credits identical (first, last, linear touch: conversions
within 1e-6, value within one dollar of RevPulse's whole-dollar credits and within 1e-6 of the
revenue won of its unrounded ones); Markov credit shares within one percentage point per key (converged run);
RevPulse's Markov at least 10x faster than channelattribution's (default run) on a million
paths.
"""

import contextlib
import io
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pandas as pd

with contextlib.redirect_stdout(io.StringIO()):  # the package prints a banner on import
    from ChannelAttribution import heuristic_models, markov_model

HEURISTICS = {"first_touch": "first_touch", "last_touch": "last_touch", "linear_touch": "linear"}


def quietly(fn, *args, **kwargs):
    """Runs fn with its prints (progress, banner) swallowed; returns (result, seconds)."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        seconds = time.perf_counter() - started
    return result, seconds


def compare_heuristics(table, rust):
    """Largest differences between channelattribution's heuristics and RevPulse's."""
    out = {}
    for ca_name, rp_name in HEURISTICS.items():
        credits = rust["models"][rp_name]
        worst = {"conversions": 0.0, "value_vs_dollars": 0.0, "value_vs_unrounded": 0.0}
        for _, row in table.iterrows():
            mine = credits.get(row["channel_name"], {"conversions": 0.0, "revenue": 0, "fractional_revenue": 0.0})
            conversions = float(row[ca_name + "_conversions"])
            worst["conversions"] = max(worst["conversions"], abs(conversions - mine["conversions"]))
            value = float(row[ca_name + "_value"])
            worst["value_vs_dollars"] = max(worst["value_vs_dollars"], abs(value - mine["revenue"]))
            worst["value_vs_unrounded"] = max(worst["value_vs_unrounded"], abs(value - mine["fractional_revenue"]))
        worst["identical"] = bool(
            worst["conversions"] < 1e-6
            and worst["value_vs_dollars"] <= 1.0
            and worst["value_vs_unrounded"] < 1e-6 * max(1.0, rust["won_revenue"])
        )
        out[ca_name] = worst
    return out


def markov_shares(result):
    table = result["result"]
    conv = float(table["total_conversions"].sum())
    value = float(table["total_conversion_value"].sum())
    return {
        str(r["channel_name"]): (
            float(r["total_conversions"]) / conv if conv else 0.0,
            float(r["total_conversion_value"]) / value if value else 0.0,
        )
        for _, r in table.iterrows()
    }


def compare_markov(result, rust):
    """Per key, the share of conversions and of value each side credits, in percentage points."""
    ca = markov_shares(result)
    credits = rust["models"]["markov"]
    won = sum(c["conversions"] for c in credits.values())
    revenue = sum(c["fractional_revenue"] for c in credits.values())
    per_key = {}
    for key in sorted(set(ca) | set(credits)):
        ca_conv, ca_value = ca.get(key, (0.0, 0.0))
        mine = credits.get(key, {"conversions": 0.0, "fractional_revenue": 0.0})
        rp_conv = mine["conversions"] / won if won else 0.0
        rp_value = mine["fractional_revenue"] / revenue if revenue else 0.0
        per_key[key] = {
            "channelattribution_conversion_share": ca_conv,
            "revpulse_conversion_share": rp_conv,
            "conversion_share_diff_pp": 100.0 * (rp_conv - ca_conv),
            "value_share_diff_pp": 100.0 * (rp_value - ca_value),
        }
    worst_conv = max((abs(v["conversion_share_diff_pp"]) for v in per_key.values()), default=0.0)
    worst_value = max((abs(v["value_share_diff_pp"]) for v in per_key.values()), default=0.0)
    return {
        "max_abs_conversion_share_diff_pp": worst_conv,
        "max_abs_value_share_diff_pp": worst_value,
        "within_1pp": bool(worst_conv <= 1.0 and worst_value <= 1.0),
        "per_key": per_key,
    }


def run_markov(data, **settings):
    """channelattribution's first-order Markov model with a fixed seed on one core."""
    return quietly(
        markov_model,
        data,
        "path",
        "total_conversions",
        var_value="total_conversion_value",
        var_null="total_null",
        order=1,
        out_more=True,
        ncore=1,
        seed=0,
        verbose=False,
        flg_pro=False,
        **settings,
    )


def run_dataset(folder, entry):
    data = pd.read_csv(folder / entry["paths_csv"])
    rust = json.loads((folder / entry["rust_json"]).read_text())
    heur, heur_seconds = quietly(
        heuristic_models, data, "path", "total_conversions", var_value="total_conversion_value", flg_pro=False
    )
    markov, markov_seconds = run_markov(data)
    converged, converged_seconds = run_markov(data, nsim_start=1e7, max_step=1000)
    timings = rust["timings_seconds"]
    return {
        "name": entry["name"],
        "level": entry["level"],
        "journeys": entry["journeys"],
        "rows": entry["rows"],
        "keys": len(markov["result"]),
        "heuristics": compare_heuristics(heur, rust),
        "markov_default": compare_markov(markov, rust),
        "markov_converged": compare_markov(converged, rust),
        "seconds": {
            "channelattribution_markov": markov_seconds,
            "channelattribution_markov_converged": converged_seconds,
            "channelattribution_heuristics": heur_seconds,
            "revpulse_markov": timings["markov"],
            "revpulse_markov_from_path_strings": timings["markov_from_path_strings"],
            "revpulse_first_last_linear": timings["first_last_linear"],
            "revpulse_all_models": timings["all_models"],
        },
        "markov_speedup": markov_seconds / max(timings["markov"], 1e-9),
        "markov_speedup_from_path_strings": markov_seconds / max(timings["markov_from_path_strings"], 1e-9),
    }


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    folder = Path(sys.argv[1])
    manifest = json.loads((folder / "attribution_manifest.json").read_text())
    datasets = [run_dataset(folder, entry) for entry in manifest["datasets"]]
    report = {
        "channelattribution_version": version("ChannelAttribution"),
        "revpulse_build": manifest["build"],
        "datasets": datasets,
        "all_heuristics_identical": all(h["identical"] for d in datasets for h in d["heuristics"].values()),
        "all_markov_within_1pp": all(d["markov_converged"]["within_1pp"] for d in datasets),
        "all_markov_default_within_1pp": all(d["markov_default"]["within_1pp"] for d in datasets),
        "min_markov_speedup_on_a_million": min(
            (d["markov_speedup"] for d in datasets if d["journeys"] >= 1_000_000), default=None
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
