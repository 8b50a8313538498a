//! Turns a planned deal into its records: the opportunity with its current values (the state
//! of its timeline as of today), the contact roles, and the stage / amount / close-date /
//! forecast history with one sequence per deal and `from = None` on the initial records.

use chrono::NaiveDate;
use revpulse_graph::model::{
    AmountChange, CloseDateChange, ForecastCategory, ForecastCategoryChange, Opportunity,
    OpportunityContact, Stage, StageChange,
};

use super::catalog::{LINES, RIVALS};
use super::deal_plan::{DealKind, DealPlan, deal_key};
use super::rng::{Stream, chance, pick, stream};
use super::timeline::Change;
use super::truth::{Cause, RankedCause};

/// The four history tables of the dataset.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub stages: Vec<StageChange>,
    pub amounts: Vec<AmountChange>,
    pub close_dates: Vec<CloseDateChange>,
    pub forecasts: Vec<ForecastCategoryChange>,
}

/// Ids a deal's records refer to.
pub(crate) struct DealRefs<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub account_name: &'a str,
    pub owner_id: &'a str,
    pub lead_id: Option<String>,
    pub contact_ids: &'a [String],
}

/// Appends the deal's history up to today; returns its current (stage, amount, close, forecast).
pub(crate) fn history(
    deal: &DealPlan,
    id: &str,
    today: NaiveDate,
    out: &mut History,
) -> (Stage, i64, NaiveDate, ForecastCategory) {
    let mut stage = None;
    let mut amount = None;
    let mut close = None;
    let mut forecast = None;
    for (seq, e) in deal.timeline.until(today).enumerate() {
        let seq = seq as u32;
        let opportunity_id = id.to_string();
        match e.change {
            Change::Stage(to) => {
                out.stages.push(StageChange {
                    opportunity_id,
                    seq,
                    at: e.at,
                    from: stage,
                    to,
                });
                stage = Some(to);
            }
            Change::Amount(to) => {
                out.amounts.push(AmountChange {
                    opportunity_id,
                    seq,
                    at: e.at,
                    from: amount,
                    to,
                });
                amount = Some(to);
            }
            Change::Close(to) => {
                out.close_dates.push(CloseDateChange {
                    opportunity_id,
                    seq,
                    at: e.at,
                    from: close,
                    to,
                });
                close = Some(to);
            }
            Change::Forecast(to) => {
                out.forecasts.push(ForecastCategoryChange {
                    opportunity_id,
                    seq,
                    at: e.at,
                    from: forecast,
                    to,
                });
                forecast = Some(to);
            }
        }
    }
    (
        stage.unwrap_or(Stage::Prospecting),
        amount.unwrap_or(deal.amount),
        close.unwrap_or(deal.close),
        forecast.unwrap_or(ForecastCategory::Pipeline),
    )
}

fn name(deal: &DealPlan, account_name: &str) -> String {
    let line = &LINES[deal.line];
    match deal.kind {
        DealKind::NewBusiness => format!("{account_name} — {}", line.products[deal.product].1),
        DealKind::Expansion => format!(
            "{account_name} — {} expansion (+{} seats)",
            line.name, deal.seats
        ),
        DealKind::Renewal => format!(
            "{account_name} — {} renewal {}",
            line.name,
            deal.close.format("%Y")
        ),
    }
}

/// What a rep writes as the loss reason, from the true top cause (with rep noise).
fn loss_reason(seed: u64, deal: &DealPlan, causes: &[RankedCause]) -> String {
    let mut rng = stream(
        seed,
        Stream::DealActivities,
        deal_key(deal.account, deal.local) ^ (1 << 62),
    );
    if chance(&mut rng, 0.2) || causes.is_empty() {
        return pick(&mut rng, &["No decision", "Timing", "Budget", "Went dark"])
            .copied()
            .unwrap_or("No decision")
            .to_string();
    }
    match &causes[0].cause {
        Cause::CompetitorDisplaced { competitor }
        | Cause::CompetitorDisplacement { competitor } => {
            format!("Lost to competitor ({competitor})")
        }
        Cause::PricingPressure => "Price".into(),
        Cause::NoExecSponsor | Cause::NoExecEngagement => "No executive sponsor".into(),
        Cause::SingleThreaded { .. } | Cause::WeakChampion => "No internal champion".into(),
        Cause::ProcurementDelay => "Timing / procurement".into(),
        Cause::UsageDecline | Cause::LowSeatUtilisation => "Low adoption".into(),
        Cause::NegativeTicketSentiment => "Support experience".into(),
        _ => "No decision".into(),
    }
}

/// The opportunity record and its contact roles.
pub(crate) fn opportunity(
    seed: u64,
    deal: &DealPlan,
    refs: &DealRefs<'_>,
    current: (Stage, i64, NaiveDate, ForecastCategory),
    causes: &[RankedCause],
    today: NaiveDate,
) -> (Opportunity, Vec<OpportunityContact>) {
    let (stage, amount, close_date, forecast_category) = current;
    let line = &LINES[deal.line];
    // The rep records the competitor once it has shown up, most of the time.
    let mut rng = stream(
        seed,
        Stream::DealActivities,
        deal_key(deal.account, deal.local) ^ (1 << 61),
    );
    let seen_by = deal
        .timeline
        .close_at
        .map(|c| deal.created_at + (c - deal.created_at) / 2);
    let shown_up = seen_by.is_some_and(|t| t.date_naive() <= today);
    let primary_competitor = deal
        .drivers
        .competitor
        .filter(|_| shown_up && chance(&mut rng, 0.7))
        .map(|r| RIVALS[r].name.to_string());
    let record = Opportunity {
        id: refs.id.to_string(),
        name: name(deal, refs.account_name),
        account_id: refs.account_id.to_string(),
        owner_id: refs.owner_id.to_string(),
        product_line_id: line.id.to_string(),
        product_id: line.products[deal.product].0.to_string(),
        created_on: deal.created_at.date_naive(),
        amount,
        stage,
        close_date,
        forecast_category,
        probability: stage.default_probability(),
        deal_type: deal.kind.as_str().to_string(),
        lead_id: refs.lead_id.clone(),
        primary_competitor,
        loss_reason: (stage == Stage::ClosedLost).then(|| loss_reason(seed, deal, causes)),
    };
    let contacts = deal
        .roles
        .iter()
        .map(|(c, role)| OpportunityContact {
            opportunity_id: refs.id.to_string(),
            contact_id: refs.contact_ids[*c].clone(),
            role: *role,
        })
        .collect();
    (record, contacts)
}
