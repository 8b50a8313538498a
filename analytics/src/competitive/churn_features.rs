//! The churn model's features for one account as of one date, computed only from what was
//! known before that date.
//!
//! The caller hands over an account's raw signals (weekly usage, tickets, executive
//! engagement, displacement mentions) and the as-of date; anything dated on or after it is
//! ignored here, so a caller that passes too much cannot leak the future into a feature.

use chrono::NaiveDate;
use serde::Serialize;

/// Number of churn features.
pub const FEATURE_COUNT: usize = 7;

/// One churn feature (a driver when explained).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChurnFeature {
    /// Relative change of weekly active users over the usage window (−0.3 = 30% fewer).
    UsageTrend,
    /// Active users over licensed seats, over the last four weeks.
    SeatUtilisation,
    /// `ln(1 + tickets opened in the ticket window)`.
    TicketVolume,
    /// Mean sentiment of tickets opened in the ticket window, in [−1, 1] (0 without tickets).
    TicketSentiment,
    /// Days since an executive last engaged, over 365, capped at 1 (1 when never).
    ExecEngagementRecency,
    /// Days until the renewal date, over 365, clamped to [0, 1].
    RenewalProximity,
    /// `ln(1 + displacement mentions in the mention window)`.
    CompetitorDisplacement,
}

impl ChurnFeature {
    /// Every feature, in the order of [`ChurnFeatureRow::values`].
    pub const ALL: [ChurnFeature; FEATURE_COUNT] = [
        Self::UsageTrend,
        Self::SeatUtilisation,
        Self::TicketVolume,
        Self::TicketSentiment,
        Self::ExecEngagementRecency,
        Self::RenewalProximity,
        Self::CompetitorDisplacement,
    ];

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UsageTrend => "usage_trend",
            Self::SeatUtilisation => "seat_utilisation",
            Self::TicketVolume => "ticket_volume",
            Self::TicketSentiment => "ticket_sentiment",
            Self::ExecEngagementRecency => "exec_engagement_recency",
            Self::RenewalProximity => "renewal_proximity",
            Self::CompetitorDisplacement => "competitor_displacement",
        }
    }
}

/// One week of product usage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UsageWeek {
    /// First day of the week.
    pub week_start: NaiveDate,
    /// Distinct active users.
    pub active_users: f64,
    /// Licensed seats.
    pub licensed_seats: f64,
}

/// One support ticket as a churn signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketSignal {
    /// Day it was opened.
    pub opened_on: NaiveDate,
    /// Its sentiment in [−1, 1] (labelled, or scored from its text).
    pub sentiment: f64,
}

/// Everything known about one account that the features are computed from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountSignals {
    /// Weekly usage, any order; a week counts once it has ended before the as-of date.
    pub usage: Vec<UsageWeek>,
    /// Tickets, any order.
    pub tickets: Vec<TicketSignal>,
    /// Days on which a customer executive took part in a call or meeting.
    pub exec_engagements: Vec<NaiveDate>,
    /// Days of competitor displacement mentions (one entry per mention).
    pub displacement_mentions: Vec<NaiveDate>,
}

/// The windows the features look back over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureWindows {
    /// Weeks of usage the trend is fitted on.
    pub usage_weeks: usize,
    /// Weeks of usage utilisation is averaged on.
    pub utilisation_weeks: usize,
    /// Days of tickets counted.
    pub ticket_days: i64,
    /// Days of displacement mentions counted.
    pub mention_days: i64,
}

impl Default for FeatureWindows {
    fn default() -> Self {
        Self {
            usage_weeks: 12,
            utilisation_weeks: 4,
            ticket_days: 180,
            mention_days: 180,
        }
    }
}

/// The feature values of one account as of one date, in [`ChurnFeature::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChurnFeatureRow {
    /// Values.
    pub values: [f64; FEATURE_COUNT],
}

impl ChurnFeatureRow {
    /// The value of one feature.
    pub fn get(&self, feature: ChurnFeature) -> f64 {
        self.values[feature as usize]
    }
}

/// Computes the features of an account as of `as_of`, for a renewal due on `renewal_date`.
pub fn churn_features(
    signals: &AccountSignals,
    as_of: NaiveDate,
    renewal_date: NaiveDate,
    windows: &FeatureWindows,
) -> ChurnFeatureRow {
    let weeks = weeks_before(&signals.usage, as_of);
    let tickets: Vec<&TicketSignal> = signals
        .tickets
        .iter()
        .filter(|t| within(t.opened_on, as_of, windows.ticket_days))
        .collect();
    let sentiments: Vec<f64> = tickets
        .iter()
        .map(|t| t.sentiment.clamp(-1.0, 1.0))
        .collect();
    let last_exec = signals
        .exec_engagements
        .iter()
        .filter(|d| **d < as_of)
        .max();
    let mentions = signals
        .displacement_mentions
        .iter()
        .filter(|d| within(**d, as_of, windows.mention_days))
        .count();
    let mut values = [0.0; FEATURE_COUNT];
    values[ChurnFeature::UsageTrend as usize] = usage_trend(&weeks, windows.usage_weeks);
    values[ChurnFeature::SeatUtilisation as usize] = utilisation(&weeks, windows.utilisation_weeks);
    values[ChurnFeature::TicketVolume as usize] = (tickets.len() as f64).ln_1p();
    values[ChurnFeature::TicketSentiment as usize] = crate::stats::mean(&sentiments).unwrap_or(0.0);
    values[ChurnFeature::ExecEngagementRecency as usize] =
        last_exec.map_or(1.0, |d| ((as_of - *d).num_days() as f64 / 365.0).min(1.0));
    values[ChurnFeature::RenewalProximity as usize] =
        ((renewal_date - as_of).num_days() as f64 / 365.0).clamp(0.0, 1.0);
    values[ChurnFeature::CompetitorDisplacement as usize] = (mentions as f64).ln_1p();
    ChurnFeatureRow { values }
}

/// Whether `day` falls in the `days` before `as_of` (as-of day excluded).
fn within(day: NaiveDate, as_of: NaiveDate, days: i64) -> bool {
    day < as_of && (as_of - day).num_days() <= days
}

/// Weeks that ended before `as_of`, oldest first.
pub fn weeks_before(usage: &[UsageWeek], as_of: NaiveDate) -> Vec<UsageWeek> {
    let mut weeks: Vec<UsageWeek> = usage
        .iter()
        .filter(|w| (as_of - w.week_start).num_days() >= 7)
        .copied()
        .collect();
    weeks.sort_by_key(|w| w.week_start);
    weeks
}

/// Relative change of active users over the last `window` weeks: the least-squares slope per
/// week times the span in weeks, over the mean. 0 with fewer than three weeks or no users;
/// clamped to [−1.5, 1.5].
pub fn usage_trend(weeks: &[UsageWeek], window: usize) -> f64 {
    let recent = &weeks[weeks.len().saturating_sub(window)..];
    if recent.len() < 3 {
        return 0.0;
    }
    let xs: Vec<f64> = recent
        .iter()
        .map(|w| (w.week_start - recent[0].week_start).num_days() as f64 / 7.0)
        .collect();
    let ys: Vec<f64> = recent.iter().map(|w| w.active_users).collect();
    let (Some(mx), Some(my)) = (crate::stats::mean(&xs), crate::stats::mean(&ys)) else {
        return 0.0;
    };
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    if my <= 0.0 || sxx == 0.0 {
        return 0.0;
    }
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let span = xs[xs.len() - 1] - xs[0];
    (sxy / sxx * span / my).clamp(-1.5, 1.5)
}

/// Active users over seats across the last `window` weeks; 0 without usage, capped at 1.5.
pub fn utilisation(weeks: &[UsageWeek], window: usize) -> f64 {
    let recent = &weeks[weeks.len().saturating_sub(window.max(1))..];
    let seats: f64 = recent.iter().map(|w| w.licensed_seats).sum();
    let active: f64 = recent.iter().map(|w| w.active_users).sum();
    if seats <= 0.0 {
        0.0
    } else {
        (active / seats).min(1.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default() + chrono::Duration::days(n)
    }

    fn weeks(active: &[f64]) -> Vec<UsageWeek> {
        active
            .iter()
            .enumerate()
            .map(|(i, a)| UsageWeek {
                week_start: day(7 * i as i64),
                active_users: *a,
                licensed_seats: 100.0,
            })
            .collect()
    }

    #[test]
    fn a_straight_decline_reports_its_relative_change() {
        let w = weeks(&[100.0, 90.0, 80.0, 70.0, 60.0]);
        // slope −10/week over 4 weeks = −40, mean 80 → −0.5.
        assert!((usage_trend(&w, 12) + 0.5).abs() < 1e-12);
        assert!((utilisation(&w, 2) - 0.65).abs() < 1e-12);
    }

    #[test]
    fn nothing_on_or_after_the_as_of_date_is_used() {
        let as_of = day(28);
        let mut signals = AccountSignals {
            usage: weeks(&[50.0, 50.0, 50.0, 50.0]),
            tickets: vec![TicketSignal {
                opened_on: day(10),
                sentiment: -0.5,
            }],
            exec_engagements: vec![day(20)],
            displacement_mentions: vec![day(27)],
        };
        let before = churn_features(&signals, as_of, day(100), &FeatureWindows::default());
        signals.usage.push(UsageWeek {
            week_start: day(28),
            active_users: 1.0,
            licensed_seats: 100.0,
        });
        signals.usage.push(UsageWeek {
            week_start: day(22),
            active_users: 1.0,
            licensed_seats: 100.0,
        });
        signals.tickets.push(TicketSignal {
            opened_on: as_of,
            sentiment: 1.0,
        });
        signals.exec_engagements.push(as_of);
        signals.displacement_mentions.push(day(40));
        let after = churn_features(&signals, as_of, day(100), &FeatureWindows::default());
        assert_eq!(before, after);
        assert!((before.get(ChurnFeature::ExecEngagementRecency) - 8.0 / 365.0).abs() < 1e-12);
        assert!((before.get(ChurnFeature::TicketSentiment) + 0.5).abs() < 1e-12);
        assert!((before.get(ChurnFeature::CompetitorDisplacement) - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn missing_signals_have_documented_defaults() {
        let row = churn_features(
            &AccountSignals::default(),
            day(0),
            day(400),
            &FeatureWindows::default(),
        );
        assert_eq!(row.get(ChurnFeature::UsageTrend), 0.0);
        assert_eq!(row.get(ChurnFeature::SeatUtilisation), 0.0);
        assert_eq!(row.get(ChurnFeature::ExecEngagementRecency), 1.0);
        assert_eq!(row.get(ChurnFeature::RenewalProximity), 1.0);
    }
}
