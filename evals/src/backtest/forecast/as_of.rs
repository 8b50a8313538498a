//! The forecast inputs as they stood on a past day, reconstructed from the history records
//! only: each deal's stage, amount, close date and forecast call then, a win probability from
//! the deals that had closed by then, and a slip probability from how earlier quarters' deals
//! with the same push count slipped. Nothing recorded after the day is read.

use chrono::{Duration, NaiveDate};
use revpulse_analytics::forecast::slip_rate::{SlipObservation, SlipRateConfig, SlipRates};
use revpulse_analytics::forecast::slippage::close_date_pushes;
use revpulse_analytics::forecast::{
    ForecastCategory, ForecastDeal, Period, Probability, SalesStage,
};
use revpulse_graph::model::Stage;

use super::records::DealBook;

/// Where the win probabilities come from, for every report that uses them.
pub const WIN_PROBABILITY_SOURCE: &str = "stage-rate model (placeholder until the \
    win-probability model is wired in): the dollar-weighted win rate of deals that had \
    reached the deal's current stage and closed by the forecast day, shrunk toward the CRM \
    stage probability with a weight of 10 average deals";

/// Weight of the CRM stage probability in the stage-rate model, in deals.
const PRIOR_DEALS: f64 = 10.0;

fn crm_probability(stage: SalesStage) -> f64 {
    let crm = match stage {
        SalesStage::Prospecting => Stage::Prospecting,
        SalesStage::Qualification => Stage::Qualification,
        SalesStage::Discovery => Stage::Discovery,
        SalesStage::Proposal => Stage::Proposal,
        SalesStage::Negotiation => Stage::Negotiation,
        SalesStage::ClosedWon => Stage::ClosedWon,
        SalesStage::ClosedLost => Stage::ClosedLost,
    };
    f64::from(crm.default_probability()) / 100.0
}

/// Win rate per open stage, learnt as of a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageRates {
    rates: [f64; 5],
}

impl StageRates {
    /// Learns from the deals closed by `as_of`, weighted by amount (a forecast is in dollars,
    /// and large deals win less often): a deal counts for every open stage up to the furthest
    /// it reached.
    pub fn fit(book: &DealBook, as_of: NaiveDate) -> Self {
        let mut reached = [0.0f64; 5];
        let mut won = [0.0f64; 5];
        let (mut deals, mut dollars) = (0.0f64, 0.0f64);
        for record in &book.records {
            let view = record.as_of(as_of);
            let Some(end) = view.stage().filter(|s| !s.is_open()) else {
                continue;
            };
            let furthest = view
                .stage_history()
                .iter()
                .filter(|s| s.value.is_open())
                .map(|s| s.value.order() as usize)
                .max()
                .unwrap_or(0);
            let amount = view.amount().unwrap_or(0).max(0) as f64;
            deals += 1.0;
            dollars += amount;
            for s in 0..=furthest.min(4) {
                reached[s] += amount;
                won[s] += amount * f64::from(u8::from(end == SalesStage::ClosedWon));
            }
        }
        let prior_weight = PRIOR_DEALS * if deals > 0.0 { dollars / deals } else { 1.0 };
        let mut rates = [0.0; 5];
        for (s, stage) in SalesStage::OPEN.into_iter().enumerate() {
            let prior = crm_probability(stage);
            rates[s] = (won[s] + prior_weight * prior) / (reached[s] + prior_weight);
        }
        Self { rates }
    }

    /// The win probability of a deal in `stage` (1 when won, 0 when lost).
    pub fn probability(&self, stage: SalesStage) -> Probability {
        match stage {
            SalesStage::ClosedWon => Probability::ONE,
            SalesStage::ClosedLost => Probability::ZERO,
            open => Probability::clamped(self.rates[open.order() as usize]),
        }
    }
}

/// The day `week` weeks into `period`.
pub fn week_day(period: Period, week: u32) -> NaiveDate {
    period.start() + Duration::days(7 * i64::from(week))
}

/// Every calendar quarter from the one containing `first` to the one before `until`'s.
pub fn quarters_between(first: NaiveDate, until: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut q = Period::quarter_containing(first);
    while q.end() < Period::quarter_containing(until).start() {
        out.push(q);
        q = Period::quarter_containing(q.end() + Duration::days(1));
    }
    out
}

/// Dollar-weighted slip rates from week `week` of every quarter that ended before `as_of`: the
/// deals open then and due in the quarter that were not lost by `as_of` (won, or still open);
/// slipped when not won inside the quarter. Keeping the still-open ones matters: they are exactly the
/// slow deals, and leaving them out would make slip look rare in recent quarters. (Some of them
/// will be lost, so slip is slightly overstated for the last quarter or two.)
pub fn slip_rates(book: &DealBook, first: NaiveDate, as_of: NaiveDate, week: u32) -> SlipRates {
    let mut observations = Vec::new();
    for q in quarters_between(first, as_of)
        .into_iter()
        .filter(|q| q.end() < as_of)
    {
        let day = week_day(q, week);
        for record in &book.records {
            let then = record.as_of(day);
            let now = record.as_of(as_of);
            let due = then.close_date().is_some_and(|c| q.contains(c));
            if !(then.is_open() && due) || now.stage() == Some(SalesStage::ClosedLost) {
                continue;
            }
            let won_in_quarter = now.stage() == Some(SalesStage::ClosedWon)
                && now.stage_entered_on().is_some_and(|d| d <= q.end());
            observations.push(SlipObservation {
                pushes: close_date_pushes(&then).len() as u32,
                slipped: !won_in_quarter,
                weight: then.amount().unwrap_or(0) as f64,
            });
        }
    }
    SlipRates::fit(&observations, SlipRateConfig::default())
}

/// The models a snapshot is priced with.
#[derive(Debug, Clone, Copy)]
pub struct Pricing<'a> {
    /// Win probability per stage.
    pub win: &'a StageRates,
    /// Slip probability per push count.
    pub slip: &'a SlipRates,
}

/// The rep's call as the forecast reads it: won deals are closed, lost ones omitted, and an
/// open deal keeps its recorded call (pipeline when the record has none that fits).
fn category_then(book: &DealBook, i: usize, stage: SalesStage, day: NaiveDate) -> ForecastCategory {
    match (stage, book.category_on(i, day)) {
        (SalesStage::ClosedWon, _) => ForecastCategory::Closed,
        (SalesStage::ClosedLost, _) => ForecastCategory::Omitted,
        (
            _,
            Some(
                c @ (ForecastCategory::Pipeline
                | ForecastCategory::BestCase
                | ForecastCategory::Commit),
            ),
        ) => c,
        (_, Some(ForecastCategory::Closed | ForecastCategory::Omitted) | None) => {
            ForecastCategory::Pipeline
        }
    }
}

/// Deal `i` as the forecast of `period` saw it at the end of `day`, if it was due in it then.
fn deal_then(
    book: &DealBook,
    i: usize,
    day: NaiveDate,
    period: Period,
    pricing: Pricing<'_>,
) -> Option<ForecastDeal> {
    let view = book.records[i].as_of(day);
    let (stage, close, amount) = (view.stage()?, view.close_date()?, view.amount()?);
    if !period.contains(close) {
        return None;
    }
    let pushes = close_date_pushes(&view).len() as u32;
    Some(ForecastDeal {
        id: view.id().to_string(),
        amount,
        category: category_then(book, i, stage, day),
        close_date: close,
        win_probability: pricing.win.probability(stage),
        slip_probability: if stage.is_open() {
            pricing.slip.probability(pushes)
        } else {
            Probability::ZERO
        },
        labels: book.facts[i].labels.clone(),
    })
}

/// The deals due in `period` as they stood at the end of `as_of`.
pub fn forecast_deals(
    book: &DealBook,
    as_of: NaiveDate,
    period: Period,
    pricing: Pricing<'_>,
) -> Vec<ForecastDeal> {
    (0..book.records.len())
        .filter_map(|i| deal_then(book, i, as_of, period, pricing))
        .collect()
}

/// What closed (won) in `period`, by the deals' final close day and amount.
pub fn actual_bookings(book: &DealBook, period: Period) -> i64 {
    book.facts
        .iter()
        .filter(|f| f.won() && f.closed_on.is_some_and(|d| period.contains(d)))
        .map(|f| f.final_amount)
        .sum()
}
