//! The customer signals the tools name — one closed list for churn drivers, expansion signals
//! and health reasons — and the words that state each one with its numbers ("active users down
//! 34% over 8 weeks"), computed from the same records the scores came from.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use revpulse_analytics::competitive::churn::ChurnDriver;
use revpulse_analytics::competitive::churn_features::{
    ChurnFeature, usage_trend, utilisation, weeks_before,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::{CustomerRecords, SIGNAL_DAYS, TREND_WEEKS, UTILISATION_WEEKS};

/// A signal about a customer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSignal {
    /// Active users falling (or growing more slowly than at a typical account).
    UsageDecline,
    /// Active users growing.
    UsageGrowth,
    /// Few of the licensed seats in use.
    SeatUtilisation,
    /// Seats nearly or fully used.
    SeatPressure,
    /// Support tickets with a negative tone.
    NegativeTicketSentiment,
    /// Many support tickets.
    TicketVolume,
    /// No customer executive in a call or meeting for a long time.
    NoExecEngagement,
    /// The renewal is close.
    RenewalProximity,
    /// Competitors named in conversations after the sale.
    CompetitorMentions,
    /// Positive customer tone.
    PositiveSentiment,
    /// The customer asked about more seats, teams or products.
    ExpansionInterest,
    /// The renewal deal was lost.
    RenewalDealLost,
    /// The churn model's probability itself.
    ChurnProbability,
}

/// One signal with the numbers behind it, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SignalDetail {
    /// Which signal.
    pub signal: CustomerSignal,
    /// What it is, with its numbers.
    pub detail: String,
}

/// A whole percentage of a fraction.
pub(crate) fn percent(fraction: f64) -> i64 {
    (fraction * 100.0).round() as i64
}

/// "active users down 34% over 8 weeks" (or up), from the usage before `as_of`.
pub(crate) fn usage_words(records: &CustomerRecords<'_>, as_of: NaiveDate) -> String {
    let weeks = weeks_before(&records.usage, as_of);
    if weeks.len() < 3 {
        return "fewer than 3 weeks of usage on record".to_owned();
    }
    let trend = usage_trend(&weeks, TREND_WEEKS);
    let span = weeks.len().min(TREND_WEEKS);
    let direction = if trend < 0.0 { "down" } else { "up" };
    format!(
        "active users {direction} {}% over {span} weeks",
        percent(trend).abs()
    )
}

/// "42% of licensed seats used over the last 4 weeks".
pub(crate) fn utilisation_words(records: &CustomerRecords<'_>, as_of: NaiveDate) -> String {
    let weeks = weeks_before(&records.usage, as_of);
    if weeks.is_empty() {
        return "no seat usage on record".to_owned();
    }
    format!(
        "{}% of licensed seats used over the last {} weeks",
        percent(utilisation(&weeks, UTILISATION_WEEKS)),
        weeks.len().min(UTILISATION_WEEKS)
    )
}

/// The churn driver in words, with the signal it is.
pub(crate) fn churn_driver(
    driver: &ChurnDriver,
    records: &CustomerRecords<'_>,
    as_of: NaiveDate,
    renewal_date: NaiveDate,
) -> SignalDetail {
    let (signal, detail) = match driver.feature {
        ChurnFeature::UsageTrend => {
            let mut words = usage_words(records, as_of);
            if driver.value >= 0.0 {
                words.push_str(", less growth than at a typical account");
            }
            (CustomerSignal::UsageDecline, words)
        }
        ChurnFeature::SeatUtilisation => (
            CustomerSignal::SeatUtilisation,
            utilisation_words(records, as_of),
        ),
        ChurnFeature::TicketVolume => (
            CustomerSignal::TicketVolume,
            format!(
                "{} tickets opened in the last {SIGNAL_DAYS} days",
                records.tickets_before(as_of, SIGNAL_DAYS).len()
            ),
        ),
        ChurnFeature::TicketSentiment => (
            CustomerSignal::NegativeTicketSentiment,
            ticket_tone_words(records, as_of),
        ),
        ChurnFeature::ExecEngagementRecency => {
            (CustomerSignal::NoExecEngagement, exec_words(records, as_of))
        }
        ChurnFeature::RenewalProximity => (
            CustomerSignal::RenewalProximity,
            format!(
                "renewal due in {} days ({renewal_date})",
                (renewal_date - as_of).num_days() + 1
            ),
        ),
        ChurnFeature::CompetitorDisplacement => (
            CustomerSignal::CompetitorMentions,
            mention_words(records, as_of),
        ),
    };
    SignalDetail { signal, detail }
}

/// "mean ticket sentiment -0.45 across 5 tickets in the last 180 days (3 negative)".
fn ticket_tone_words(records: &CustomerRecords<'_>, as_of: NaiveDate) -> String {
    let tickets = records.tickets_before(as_of, SIGNAL_DAYS);
    if tickets.is_empty() {
        return format!("no tickets in the last {SIGNAL_DAYS} days");
    }
    let tones: Vec<f64> = tickets.iter().map(|t| t.sentiment).collect();
    let mean = revpulse_analytics::stats::mean(&tones).unwrap_or(0.0);
    let negative = tones.iter().filter(|s| **s < 0.0).count();
    format!(
        "mean ticket sentiment {mean:+.2} across {} tickets in the last {SIGNAL_DAYS} days \
         ({negative} negative)",
        tickets.len()
    )
}

/// "no executive engagement in 214 days (last on 2025-04-14)".
pub(crate) fn exec_words(records: &CustomerRecords<'_>, as_of: NaiveDate) -> String {
    match records.last_exec_before(as_of) {
        Some(day) => format!(
            "no executive engagement in {} days (last on {day})",
            (as_of - day).num_days() - 1
        ),
        None => "no executive engagement on record since the sale".to_owned(),
    }
}

/// "3 competitor mentions in post-sale conversations in the last 180 days (Vantora)".
fn mention_words(records: &CustomerRecords<'_>, as_of: NaiveDate) -> String {
    let mentions = records.mentions_before(as_of, SIGNAL_DAYS);
    if mentions.is_empty() {
        return format!("no competitor named after the sale in the last {SIGNAL_DAYS} days");
    }
    let names: BTreeSet<&str> = mentions.iter().copied().collect();
    format!(
        "{} competitor mentions in post-sale conversations in the last {SIGNAL_DAYS} days ({})",
        mentions.len(),
        names.into_iter().collect::<Vec<_>>().join(", ")
    )
}
