//! An account's expansion readiness from its records: seat pressure and usage growth from the
//! weekly usage, tone from its tickets' labelled sentiment and its post-sale emails and meeting
//! notes, voiced interest from the same notes — scored by revpulse-analytics' transparent
//! expansion rule, each signal put in words. Reading the notes is the costly part, so every
//! customer's reading is kept in the process-wide cache per (scoped records, today).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_analytics::competitive::churn_features::{usage_trend, utilisation, weeks_before};
use revpulse_analytics::competitive::expansion::{
    ExpansionScore, ExpansionSignalKind, ExpansionSignals, ExpansionWeights,
    count_expansion_interest, expansion_score,
};
use revpulse_analytics::competitive::sentiment::score_passage;
use revpulse_graph::model::{Activity, CompanyDataset};

use super::book::{
    CustomerBook, CustomerRecords, SIGNAL_DAYS, TREND_WEEKS, UTILISATION_WEEKS, after, within,
};
use super::cache::{EXPANSION_BOARDS, fingerprint_of};
use super::signals::{CustomerSignal, SignalDetail, usage_words, utilisation_words};
use crate::ToolError;

/// The reading of every visible customer (a contract in force today), by account id.
pub(crate) type ExpansionBoard = BTreeMap<String, ExpansionReading>;

/// The readings of the caller's customers as of the end of `today` (computed once, then
/// cached).
pub(crate) async fn board(
    company: &Arc<CompanyDataset>,
    today: NaiveDate,
) -> Result<Arc<ExpansionBoard>, ToolError> {
    let key = (fingerprint_of(company), today);
    let company = Arc::clone(company);
    EXPANSION_BOARDS
        .get_or_fit(key, move || {
            let book = CustomerBook::new(&company);
            Ok(book
                .accounts()
                .filter(|r| r.is_customer(today))
                .map(|r| (r.account.id.clone(), read(r, after(today))))
                .collect())
        })
        .await
}

/// The raw inputs and the score of one account as of a day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExpansionReading {
    /// What was scored.
    pub signals: ExpansionSignals,
    /// Documents (tickets and post-sale notes) behind the tone.
    pub tone_documents: usize,
    /// The score with each signal's points.
    pub score: ExpansionScore,
}

/// Reads and scores `records` as of `as_of` (everything before that day).
pub(crate) fn read(records: &CustomerRecords<'_>, as_of: NaiveDate) -> ExpansionReading {
    let weeks = weeks_before(&records.usage, as_of);
    let mut tones: Vec<f64> = records
        .tickets_before(as_of, SIGNAL_DAYS)
        .iter()
        .map(|t| t.sentiment)
        .collect();
    let mut interest = 0;
    for a in post_sale_notes(records, as_of) {
        let passage = score_passage(&a.body);
        if passage.opinionated().next().is_some() {
            tones.push(passage.score);
        }
        interest += count_expansion_interest(&a.body);
    }
    let signals = ExpansionSignals {
        seat_utilisation: utilisation(&weeks, UTILISATION_WEEKS),
        usage_growth: usage_trend(&weeks, TREND_WEEKS),
        sentiment: revpulse_analytics::stats::mean(&tones),
        interest_mentions: interest,
    };
    ExpansionReading {
        signals,
        tone_documents: tones.len(),
        score: expansion_score(&signals, &ExpansionWeights::default()),
    }
}

/// Emails and meeting notes of the last [`SIGNAL_DAYS`] days outside new-business deals.
fn post_sale_notes<'r>(
    records: &'r CustomerRecords<'_>,
    as_of: NaiveDate,
) -> impl Iterator<Item = &'r Activity> {
    let sale = |a: &Activity| {
        a.opportunity_id.as_deref().is_some_and(|id| {
            records
                .deals
                .iter()
                .any(|d| d.id == id && d.deal_type == "new_business")
        })
    };
    records
        .activities
        .iter()
        .copied()
        .filter(move |a| within(a.at.date_naive(), as_of, SIGNAL_DAYS) && !a.body.is_empty())
        .filter(move |a| !sale(a))
}

impl ExpansionReading {
    /// The signals that scored points, strongest first, in words.
    pub fn details(&self, records: &CustomerRecords<'_>, as_of: NaiveDate) -> Vec<SignalDetail> {
        self.score
            .signals
            .iter()
            .filter(|s| s.points > 0.0)
            .map(|s| match s.kind {
                ExpansionSignalKind::SeatPressure => SignalDetail {
                    signal: CustomerSignal::SeatPressure,
                    detail: utilisation_words(records, as_of),
                },
                ExpansionSignalKind::UsageGrowth => SignalDetail {
                    signal: CustomerSignal::UsageGrowth,
                    detail: usage_words(records, as_of),
                },
                ExpansionSignalKind::PositiveSentiment => SignalDetail {
                    signal: CustomerSignal::PositiveSentiment,
                    detail: format!(
                        "mean customer tone {:+.2} across {} tickets, emails and meeting notes \
                         in the last {SIGNAL_DAYS} days",
                        self.signals.sentiment.unwrap_or(0.0),
                        self.tone_documents
                    ),
                },
                ExpansionSignalKind::ExpansionInterest => SignalDetail {
                    signal: CustomerSignal::ExpansionInterest,
                    detail: format!(
                        "{} sentences asking about more seats, teams or products in emails and \
                         meeting notes in the last {SIGNAL_DAYS} days",
                        self.signals.interest_mentions
                    ),
                },
            })
            .collect()
    }
}
