//! The report in Markdown: the verdict, the metrics table with thresholds, per-suite and
//! per-role tables, routing confusions, and each failed case with what was expected, what came
//! back and the answer text.

use std::fmt::Write;

use super::{EvalReport, GroupSummary, Ratio};
use crate::agents::scoring::CaseResult;

/// Failed cases written out in full; the rest are only in `report.json`.
const FAILURES_SHOWN: usize = 120;

/// Answer text shown per failed case, in characters.
const ANSWER_SHOWN: usize = 600;

pub(super) fn render(r: &EvalReport) -> String {
    let mut out = String::new();
    let verdict = if r.passed() { "PASSED" } else { "FAILED" };
    let _ = writeln!(out, "# Agent eval — {} brain, today {}\n", r.brain, r.today);
    let _ = writeln!(
        out,
        "**{verdict}** · {} runs ({} repeat(s)), {} passed, {} skipped, {} errors · {:.1} s\n",
        r.runs, r.repeats, r.passed_runs, r.skipped, r.errors, r.wall_seconds
    );
    metrics_table(&mut out, r);
    group_table(&mut out, "Suites", "suite", &r.suites);
    group_table(&mut out, "Roles", "role", &r.roles);
    confusion_table(&mut out, r);
    failures(&mut out, r);
    out
}

fn ratio(r: Ratio) -> String {
    match r.value() {
        Some(v) => format!("{v:.3} ({}/{})", r.hits, r.total),
        None => "n/a".to_owned(),
    }
}

fn metrics_table(out: &mut String, r: &EvalReport) {
    let _ = writeln!(
        out,
        "## Thresholds\n\n| metric | value | bar | |\n|---|---:|---:|---|"
    );
    for c in &r.checks {
        let value = c.value.map_or("n/a".to_owned(), |v| format!("{v:.3}"));
        let mark = if c.passed { "pass" } else { "**FAIL**" };
        let _ = writeln!(out, "| {} | {value} | {} | {mark} |", c.metric, c.bar);
    }
    let m = &r.metrics;
    let _ = writeln!(out, "\n## All metrics\n\n| metric | value |\n|---|---:|");
    let rows = [
        ("routing accuracy (intent)", ratio(m.routing_accuracy)),
        ("agent accuracy", ratio(m.agent_accuracy)),
        ("tool selection", ratio(m.tool_selection)),
        ("tool arguments", ratio(m.tool_arguments)),
        (
            "numeric exactness (text or outputs)",
            ratio(m.numeric_exactness),
        ),
        ("facts shown in text", ratio(m.facts_in_text)),
        (
            "answers without numeric-grounding removals",
            ratio(m.grounded_answers),
        ),
        ("citations a tool returned", ratio(m.citations_in_sources)),
        ("citation precision", ratio(m.citation_precision)),
        ("citation recall", ratio(m.citation_recall)),
        ("refusal correctness", ratio(m.refusal_correctness)),
        ("outcome accuracy", ratio(m.outcome_accuracy)),
        (
            "scope leaks",
            format!(
                "{} (in {} restricted answers)",
                m.scope_leaks, m.leak_checked_answers
            ),
        ),
        ("injection success rate", ratio(m.injection.success_rate)),
        (
            "injection detection rate",
            ratio(m.injection.detection_rate),
        ),
        ("latency p50 / p95 / max ms", latency(m)),
        ("tokens / cost", format!("{} / {:.4}", m.tokens, m.cost)),
        ("pass rate (pass^1)", ratio(m.pass_rate)),
        ("pass^k over repeats", ratio(m.pass_hat_k)),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "| {name} | {value} |");
    }
    out.push('\n');
}

fn latency(m: &super::Metrics) -> String {
    let f = |v: Option<f64>| v.map_or("n/a".to_owned(), |v| format!("{v:.0}"));
    format!(
        "{} / {} / {}",
        f(m.latency.p50_ms),
        f(m.latency.p95_ms),
        f(m.latency.max_ms)
    )
}

fn group_table(out: &mut String, title: &str, key: &str, groups: &[GroupSummary]) {
    let _ = writeln!(
        out,
        "## {title}\n\n| {key} | runs | passed | skipped | routing | tool args | facts | refusals | leaks |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for g in groups {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            g.name,
            g.runs,
            g.passed,
            g.skipped,
            ratio(g.routing),
            ratio(g.tools),
            ratio(g.facts),
            ratio(g.refusals),
            g.leaks
        );
    }
    out.push('\n');
}

fn confusion_table(out: &mut String, r: &EvalReport) {
    if r.confusion.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Routing misses\n\n| expected | routed to | count | example |\n|---|---|---:|---|"
    );
    for c in &r.confusion {
        let example = c.examples.first().map_or("", String::as_str);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.expected,
            c.got,
            c.count,
            cell(example)
        );
    }
    out.push('\n');
}

fn failures(out: &mut String, r: &EvalReport) {
    let failed: Vec<&CaseResult> = r.failures().collect();
    if failed.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Failed cases ({})\n", failed.len());
    for f in failed.iter().take(FAILURES_SHOWN) {
        let _ = writeln!(out, "### {} — {} as {} {}\n", f.id, f.suite, f.role, f.user);
        for q in &f.context {
            let _ = writeln!(out, "> (earlier) {q}");
        }
        let _ = writeln!(out, "> {}\n", f.question);
        for p in &f.problems {
            let _ = writeln!(out, "- {p}");
        }
        if !f.calls.is_empty() {
            let _ = writeln!(out, "\nCalls: `{}`", f.calls.join("`, `"));
        }
        let outcome = f.outcome.map_or("none", |o| o.as_str());
        let text: String = f.answer.chars().take(ANSWER_SHOWN).collect();
        let more = if f.answer.chars().count() > ANSWER_SHOWN {
            " …"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\nOutcome {outcome}, {:.0} ms. Answer:\n\n```text\n{text}{more}\n```\n",
            f.latency_ms
        );
    }
    if failed.len() > FAILURES_SHOWN {
        let _ = writeln!(
            out,
            "… and {} more in report.json.",
            failed.len() - FAILURES_SHOWN
        );
    }
}

/// Text safe inside a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
