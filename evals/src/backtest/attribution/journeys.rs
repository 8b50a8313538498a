//! The demo company's leads as attribution journeys, read from its records (not the graph):
//! each lead's campaign touches in time order, its milestones (lead creation, SQL /
//! opportunity creation, last touch before the win) and how it ended — won (closed-won
//! amount of the opportunity it converted to), not converted (disqualified, lost, or a lead
//! that went quiet), or still in progress.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_analytics::attribution::{
    Campaign, Journey, JourneyBook, JourneyOutcome, Milestones, Touch,
};
use revpulse_graph::model::{Lead, LeadStatus, Opportunity, Stage};
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::DemoCompany;

use super::AttributionEvalError;

/// How leads become journeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JourneyOptions {
    /// A lead without an opportunity that is younger than this many days is still in
    /// progress; older, it counts as not converted (the generator never closes such leads).
    pub pending_days: i64,
}

impl Default for JourneyOptions {
    fn default() -> Self {
        Self { pending_days: 120 }
    }
}

/// The demo company's journeys, one per lead with at least one touch.
#[derive(Debug, Clone)]
pub struct DemoJourneys {
    /// The journeys and the campaigns (in dataset order).
    pub book: JourneyBook,
    /// The lead behind each journey.
    pub lead_ids: Vec<String>,
    /// Leads left out because no touch came before their outcome.
    pub untouched_leads: usize,
}

/// Builds the journeys of every lead.
pub fn demo_journeys(
    company: &DemoCompany,
    options: &JourneyOptions,
) -> Result<DemoJourneys, AttributionEvalError> {
    let ds = &company.dataset;
    let campaigns: Vec<Campaign> = ds
        .campaigns
        .iter()
        .map(|c| Campaign {
            id: c.id.clone(),
            channel: c.channel.as_str().to_string(),
            cost: c.cost,
        })
        .collect();
    let mut touches = touches_by_lead(ds)?;
    let opportunities: BTreeMap<&str, &Opportunity> = ds
        .opportunities
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let cutoff = company.truth.today - Duration::days(options.pending_days);
    let mut journeys = Vec::new();
    let mut lead_ids = Vec::new();
    for lead in &ds.leads {
        let path = touches.remove(lead.id.as_str()).unwrap_or_default();
        let opportunity = lead
            .converted_opportunity_id
            .as_deref()
            .and_then(|id| opportunities.get(id).copied());
        if let Some(journey) = lead_journey(lead, path, opportunity, cutoff) {
            journeys.push(journey);
            lead_ids.push(lead.id.clone());
        }
    }
    Ok(DemoJourneys {
        untouched_leads: ds.leads.len() - journeys.len(),
        book: JourneyBook::new(campaigns, journeys)?,
        lead_ids,
    })
}

/// Each lead's touches in time order, campaigns as indices into the dataset's campaigns.
fn touches_by_lead(
    ds: &CompanyDataset,
) -> Result<BTreeMap<&str, Vec<Touch>>, AttributionEvalError> {
    let index: BTreeMap<&str, u32> = ds
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as u32))
        .collect();
    let mut touches: BTreeMap<&str, Vec<Touch>> = BTreeMap::new();
    for t in &ds.touches {
        let campaign = index.get(t.campaign_id.as_str()).copied().ok_or_else(|| {
            AttributionEvalError::UnknownCampaign {
                touch: t.id.clone(),
                campaign: t.campaign_id.clone(),
            }
        })?;
        let at = t.at;
        touches
            .entry(t.lead_id.as_str())
            .or_default()
            .push(Touch { campaign, at });
    }
    for path in touches.values_mut() {
        path.sort_by_key(|t| t.at);
    }
    Ok(touches)
}

/// One lead's journey; `None` when no touch precedes its outcome.
fn lead_journey(
    lead: &Lead,
    mut path: Vec<Touch>,
    opportunity: Option<&Opportunity>,
    cutoff: NaiveDate,
) -> Option<Journey> {
    let outcome = outcome(lead, opportunity, cutoff);
    if let JourneyOutcome::Won { closed_at, .. } = outcome {
        path.retain(|t| t.at <= closed_at);
    }
    if path.is_empty() {
        return None;
    }
    let last_before = |moment: DateTime<Utc>| path.iter().rposition(|t| t.at <= moment);
    let opened = lead
        .sql_at
        .or(opportunity.map(|o| end_of_day(o.created_on)));
    let milestones = Milestones {
        lead_created: last_before(lead.created_at),
        opportunity_created: opened.and_then(last_before),
        closed_won: match outcome {
            JourneyOutcome::Won { closed_at, .. } => last_before(closed_at),
            JourneyOutcome::NotConverted | JourneyOutcome::InProgress => None,
        },
    };
    Some(Journey {
        touches: path,
        milestones,
        outcome,
        pipeline: opportunity.map_or(0, |o| o.amount.max(0)),
    })
}

fn outcome(lead: &Lead, opportunity: Option<&Opportunity>, cutoff: NaiveDate) -> JourneyOutcome {
    match opportunity.map(|o| (o.stage, o)) {
        Some((Stage::ClosedWon, o)) => JourneyOutcome::Won {
            revenue: o.amount.max(0),
            closed_at: end_of_day(o.close_date),
        },
        Some((Stage::ClosedLost, _)) => JourneyOutcome::NotConverted,
        Some((
            Stage::Prospecting
            | Stage::Qualification
            | Stage::Discovery
            | Stage::Proposal
            | Stage::Negotiation,
            _,
        )) => JourneyOutcome::InProgress,
        None => match lead.status {
            LeadStatus::Disqualified => JourneyOutcome::NotConverted,
            LeadStatus::Lead | LeadStatus::Mql | LeadStatus::Sql | LeadStatus::Converted => {
                if lead.created_at.date_naive() < cutoff {
                    JourneyOutcome::NotConverted
                } else {
                    JourneyOutcome::InProgress
                }
            }
        },
    }
}

fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(23, 59, 59)
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN))
        .and_utc()
}
