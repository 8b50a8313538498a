//! The buyer journeys behind attribution for one window of win days: every deal won in the
//! window whose converted leads were touched becomes a won journey (the touches of all its
//! leads merged, up to the close), deals lost in the window and leads that ended without an
//! opportunity in the window become non-converting journeys (what the data-driven models learn
//! against), and open deals are in progress (influence only). Won revenue with no touch is
//! kept apart as unattributed, so every model's credit plus it is exactly the revenue won.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_analytics::attribution::{Journey, JourneyBook, JourneyOutcome, Milestones, Touch};
use revpulse_graph::model::{CompanyDataset, Lead, LeadStatus, Stage};

use super::ledger::{DealLedger, DealOutcome, end_of_day};
use super::touches::CampaignTouches;
use crate::{DateRange, ToolError};

/// Days without any movement after which a lead with no opportunity counts as gone cold.
const COLD_AFTER_DAYS: i64 = 120;

/// The journeys of one window and the revenue won in it.
#[derive(Debug, Clone)]
pub(crate) struct WindowJourneys<'a> {
    /// The checked journeys (campaigns in id order).
    pub book: JourneyBook,
    /// Every deal won in the window, largest first (ties by id).
    pub won_deals: Vec<DealOutcome<'a>>,
    /// The deal behind each journey of the book (`None` for a lead without one).
    pub journey_deals: Vec<Option<&'a str>>,
    /// Their amount: the revenue won in the window.
    pub won_revenue: i64,
}

impl<'a> WindowJourneys<'a> {
    /// Won revenue no campaign touched (the deals without a touched lead).
    pub fn unattributed_revenue(&self) -> i64 {
        self.won_revenue - self.book.won_revenue()
    }

    /// Deals won in the window with at least one campaign touch, in id order.
    pub fn attributed_deals(&self) -> Vec<&'a str> {
        let won = |j: &Journey| matches!(j.outcome, JourneyOutcome::Won { .. });
        let mut deals: Vec<&str> = self
            .book
            .journeys()
            .iter()
            .zip(&self.journey_deals)
            .filter(|(j, _)| won(j))
            .filter_map(|(_, deal)| *deal)
            .collect();
        deals.sort_unstable();
        deals
    }
}

/// Builds the journeys of the deals won (and journeys ended) in `window`.
pub(crate) fn window_journeys<'a>(
    company: &'a CompanyDataset,
    ledger: &DealLedger<'a>,
    touches: &CampaignTouches<'_>,
    window: DateRange,
) -> Result<WindowJourneys<'a>, ToolError> {
    let mut journeys = Vec::new();
    let mut journey_deals = Vec::new();
    let mut won_deals = Vec::new();
    for deal in ledger.deals() {
        if deal.won_on().is_some_and(|d| window.contains(d)) {
            won_deals.push(*deal);
        }
        let leads = ledger.leads_of(&deal.deal.id);
        if let Some(journey) = deal_journey(deal, leads, touches, window) {
            journeys.push(journey);
            journey_deals.push(Some(deal.deal.id.as_str()));
        }
    }
    for lead in &company.leads {
        let converted = lead.converted_opportunity_id.as_deref();
        if converted.is_some_and(|d| ledger.deal(d).is_some()) {
            continue;
        }
        let ended = lead_journey(lead, converted.is_some(), touches, ledger.today(), window);
        if let Some(journey) = ended {
            journeys.push(journey);
            journey_deals.push(None);
        }
    }
    won_deals.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.deal.id.cmp(&b.deal.id)));
    let won_revenue = won_deals.iter().map(|d| d.amount).sum();
    let book = JourneyBook::new(touches.analytics_campaigns(), journeys)
        .map_err(|e| ToolError::analytics("attribution journeys", e))?;
    Ok(WindowJourneys {
        book,
        won_deals,
        journey_deals,
        won_revenue,
    })
}

/// A deal's journey: its leads' touches merged, judged by how the deal stands today.
fn deal_journey(
    deal: &DealOutcome<'_>,
    leads: &[&Lead],
    touches: &CampaignTouches<'_>,
    window: DateRange,
) -> Option<Journey> {
    let (outcome, until) = match deal.stage {
        Stage::ClosedWon if window.contains(deal.stage_since) => {
            let closed_at = end_of_day(deal.stage_since);
            let revenue = deal.amount;
            (JourneyOutcome::Won { revenue, closed_at }, closed_at)
        }
        Stage::ClosedLost if window.contains(deal.stage_since) => {
            (JourneyOutcome::NotConverted, end_of_day(deal.stage_since))
        }
        Stage::ClosedWon | Stage::ClosedLost => return None,
        Stage::Prospecting
        | Stage::Qualification
        | Stage::Discovery
        | Stage::Proposal
        | Stage::Negotiation => (JourneyOutcome::InProgress, DateTime::<Utc>::MAX_UTC),
    };
    let mut path: Vec<Touch> = leads
        .iter()
        .flat_map(|l| touches.of_lead(&l.id).iter().copied())
        .filter(|t| t.at <= until)
        .collect();
    path.sort_by_key(|t| (t.at, t.campaign));
    if path.is_empty() {
        return None;
    }
    let lead_created = leads.iter().map(|l| l.created_at).min();
    let qualified = leads.iter().filter_map(|l| l.sql_at).min();
    let opened = qualified.unwrap_or_else(|| end_of_day(deal.deal.created_on));
    let last_before = |moment: DateTime<Utc>| path.iter().rposition(|t| t.at <= moment);
    let milestones = Milestones {
        lead_created: lead_created.and_then(last_before),
        opportunity_created: last_before(opened),
        closed_won: match outcome {
            JourneyOutcome::Won { closed_at, .. } => last_before(closed_at),
            JourneyOutcome::NotConverted | JourneyOutcome::InProgress => None,
        },
    };
    Some(Journey {
        touches: path,
        milestones,
        outcome,
        pipeline: deal.amount,
    })
}

/// A lead without a visible opportunity: not converted when it was disqualified or went cold
/// in the window, in progress while it may still move (or when its deal is not visible).
fn lead_journey(
    lead: &Lead,
    deal_hidden: bool,
    touches: &CampaignTouches<'_>,
    today: NaiveDate,
    window: DateRange,
) -> Option<Journey> {
    let path = touches.of_lead(&lead.id).to_vec();
    let last_moved = [Some(lead.created_at), lead.mql_at, lead.sql_at]
        .into_iter()
        .flatten()
        .chain(path.iter().map(|t| t.at))
        .max()
        .map(|at| at.date_naive())?;
    let ended_on = match lead.status {
        _ if deal_hidden => None,
        LeadStatus::Disqualified => Some(last_moved),
        LeadStatus::Lead | LeadStatus::Mql | LeadStatus::Sql | LeadStatus::Converted => {
            let cold = last_moved + Duration::days(COLD_AFTER_DAYS);
            (cold <= today).then_some(cold)
        }
    };
    let outcome = match ended_on {
        Some(day) if window.contains(day) => JourneyOutcome::NotConverted,
        Some(_) => return None,
        None => JourneyOutcome::InProgress,
    };
    if path.is_empty() {
        return None;
    }
    Some(Journey {
        touches: path,
        milestones: Milestones {
            lead_created: Some(0),
            opportunity_created: None,
            closed_won: None,
        },
        outcome,
        pipeline: 0,
    })
}
