//! Readable terminal output: tables of money, progress lines.

use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

use revpulse_graph::queries::{GraphCounts, PipelineRow};

/// `1234567` → `$1,234,567`.
pub fn dollars(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 {
        format!("-${out}")
    } else {
        format!("${out}")
    }
}

/// A pipeline table with a total line.
pub fn pipeline_table(title: &str, rows: &[PipelineRow]) -> String {
    let width = rows.iter().map(|r| r.label.len()).max().unwrap_or(5).max(5);
    let mut out = format!("{title}\n");
    out += &format!("  {:<width$}  {:>6}  {:>16}\n", "", "deals", "amount");
    for r in rows {
        out += &format!(
            "  {:<width$}  {:>6}  {:>16}\n",
            r.label,
            r.deals,
            dollars(r.amount)
        );
    }
    let deals: i64 = rows.iter().map(|r| r.deals).sum();
    let amount: i64 = rows.iter().map(|r| r.amount).sum();
    out += &format!(
        "  {:<width$}  {:>6}  {:>16}\n",
        "total",
        deals,
        dollars(amount)
    );
    out
}

/// Node and relationship totals on one line each.
pub fn counts_summary(counts: &GraphCounts) -> String {
    let nodes: Vec<String> = counts
        .nodes
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    format!(
        "graph: {} nodes, {} relationships\n  {}",
        counts.total_nodes(),
        counts.total_relationships(),
        nodes.join(" · ")
    )
}

/// Prints "kind done/total" progress lines to stderr, at most a few per second.
pub struct LoadProgress {
    started: Instant,
    last: Mutex<Option<(Instant, &'static str)>>,
}

impl LoadProgress {
    /// A progress printer starting now.
    pub fn new() -> Self {
        Self {
            started: Instant::now(),
            last: Mutex::new(None),
        }
    }

    /// Reports that `done` of `total` records of `kind` are written.
    pub fn report(&self, kind: &'static str, done: usize, total: usize) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let now = Instant::now();
        let due = match *last {
            Some((at, k)) => {
                k != kind || done == total || now.duration_since(at).as_millis() >= 500
            }
            None => true,
        };
        if due {
            *last = Some((now, kind));
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "  [{:>6.1}s] {kind:<24} {done:>8}/{total}",
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_group_thousands() {
        assert_eq!(dollars(0), "$0");
        assert_eq!(dollars(999), "$999");
        assert_eq!(dollars(1_000), "$1,000");
        assert_eq!(dollars(1_234_567), "$1,234,567");
        assert_eq!(dollars(-45_000), "-$45,000");
    }
}
