//! The Markdown rendering of a [`RetrievalReport`].

use std::fmt::Write;

use super::{MeanScores, RetrievalReport};

pub(super) fn markdown(report: &RetrievalReport) -> String {
    let k = report.k;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Retrieval quality ({} backend, {} passages, {} queries, k = {k})\n",
        report.backend, report.documents, report.queries
    );
    let _ = writeln!(
        out,
        "| mode | queries | n | recall@{k} | recall (plain) | nDCG@{k} | mean latency (ms) |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    for mode in &report.modes {
        let name = mode.mode.as_str();
        row(
            &mut out,
            name,
            "all",
            &mode.overall,
            &format!("{:.1}", mode.mean_latency_ms),
        );
        for kind in &mode.by_kind {
            row(&mut out, name, kind.kind.as_str(), &kind.scores, "");
        }
    }
    out
}

fn row(out: &mut String, mode: &str, kind: &str, s: &MeanScores, latency: &str) {
    let _ = writeln!(
        out,
        "| {mode} | {kind} | {} | {:.3} | {:.3} | {:.3} | {latency} |",
        s.queries, s.recall_at_k, s.recall, s.ndcg_at_k
    );
}
