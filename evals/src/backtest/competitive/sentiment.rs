//! The sentiment check: the lexicon score of what customers wrote on each ticket against the
//! sentiment support labelled the ticket with (the generator writes each ticket's tone from
//! that label), as a rank correlation, plus the share of clearly labelled tickets whose
//! lexicon score has the same sign.

use revpulse_analytics::competitive::sentiment::{PassageSentiment, document_score, score_passage};
use revpulse_analytics::stats::spearman;
use revpulse_ingest::dataset::CompanyDataset;
use serde::Serialize;

/// Labels beyond this magnitude count as clearly positive or negative.
pub const CLEAR_LABEL: f64 = 0.3;

/// Measured sentiment figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentBacktest {
    /// Tickets scored.
    pub tickets: usize,
    /// Spearman correlation of lexicon score and label.
    pub spearman: Option<f64>,
    /// Tickets with a clear label.
    pub clear: usize,
    /// Of those, share whose lexicon score has the label's sign.
    pub sign_agreement: f64,
}

/// The lexicon score of the customer's comments on each ticket, with the label.
pub fn scored_tickets(ds: &CompanyDataset) -> Vec<(f64, f64)> {
    ds.tickets
        .iter()
        .map(|t| {
            let passages: Vec<PassageSentiment> = t
                .comments
                .iter()
                .filter(|c| t.contact_id.as_deref() == Some(c.author_id.as_str()))
                .map(|c| score_passage(&c.body))
                .collect();
            (document_score(&passages), t.sentiment)
        })
        .collect()
}

/// Runs the check.
pub fn backtest(ds: &CompanyDataset) -> SentimentBacktest {
    let pairs = scored_tickets(ds);
    let (scores, labels): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
    let clear: Vec<&(f64, f64)> = pairs
        .iter()
        .filter(|(_, l)| l.abs() > CLEAR_LABEL)
        .collect();
    let agree = clear.iter().filter(|(s, l)| s * l > 0.0).count();
    SentimentBacktest {
        tickets: pairs.len(),
        spearman: spearman(&scores, &labels),
        clear: clear.len(),
        sign_agreement: if clear.is_empty() {
            0.0
        } else {
            agree as f64 / clear.len() as f64
        },
    }
}
