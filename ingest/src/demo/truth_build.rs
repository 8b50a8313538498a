//! Builds the ground truth from the plans: per deal the drivers, true probability and ranked
//! causes (or, while open, the risk factors and the planned ending); per contract the renewal
//! health and outcome; per churned account why it left; per campaign its true influence; and
//! today's true expansion candidates.

use chrono::NaiveDate;
use revpulse_graph::model::{ContentKind, UsageSnapshot};

use super::account_plan::AccountPlan;
use super::calendar::{Calendar, add_months};
use super::campaigns::CampaignPlan;
use super::churn_model;
use super::deal_plan::{DealKind, DealPlan};
use super::truth::{
    CampaignTruth, ChurnTruth, ContentEffect, DealOutcome, DealTruth, ExpansionCandidate,
    OpenDealTruth, RenewalOutcome, RenewalTruth, UsageTrend, summarize,
};
use super::win_model::{content_cycle_effect, drivers_truth, ranked_causes};

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Whether the deal has closed by today.
pub(crate) fn closed_by(deal: &DealPlan, today: NaiveDate) -> bool {
    deal.close <= today
}

/// The truth about one deal.
pub(crate) fn deal_truth(
    deal: &DealPlan,
    plan: &AccountPlan,
    opportunity_id: &str,
    account_id: &str,
    contract_ids: &[String],
    campaigns: &[CampaignPlan],
    calendar: &Calendar,
) -> DealTruth {
    let today = calendar.today;
    let closed = closed_by(deal, today);
    let outcome = match (closed, deal.won) {
        (false, _) => DealOutcome::Open,
        (true, true) => DealOutcome::Won,
        (true, false) => DealOutcome::Lost,
    };
    // Open deals list their risks (causes against a win).
    let toward_win = closed && deal.won;
    let (drivers, renews, causes) = match deal.renewal {
        Some(link) => {
            let health = &plan.terms[link.term].health;
            let causes = churn_model::ranked_causes(health, !toward_win);
            (None, contract_ids.get(link.contract).cloned(), causes)
        }
        None => {
            let ids: Vec<String> = deal
                .drivers
                .campaigns
                .iter()
                .map(|c| campaigns[*c].record.id.clone())
                .collect();
            let causes = ranked_causes(&deal.drivers, &ids, toward_win);
            (Some(drivers_truth(&deal.drivers, ids)), None, causes)
        }
    };
    let prefix = match outcome {
        DealOutcome::Won => "Won",
        DealOutcome::Lost => "Lost",
        DealOutcome::Open => "Open; risks",
    };
    let open = (!closed).then(|| {
        let (_, _, current_close) = deal.timeline.as_of(super::calendar::at_minute(today, 1439));
        let quarter_end = super::calendar::add_days(add_months(calendar.current_quarter, 3), -1);
        OpenDealTruth {
            will_win: deal.won,
            planned_close_date: deal.close,
            slips_out_of_quarter: current_close <= quarter_end
                && !(deal.won && deal.close <= quarter_end),
        }
    });
    DealTruth {
        opportunity_id: opportunity_id.to_string(),
        account_id: account_id.to_string(),
        deal_type: deal.kind.as_str().to_string(),
        outcome,
        true_win_probability: round3(deal.p_win),
        drivers,
        renews_contract_id: renews,
        explanation: summarize(prefix, &causes),
        causes,
        pushes: deal.timeline.pushes_until(today),
        regressed: deal.timeline.regressed_until(today),
        open,
        planted: deal.planted.map(str::to_string),
    }
}

/// The renewal truth of every contract of one account, and its churn truth if it churned.
pub(crate) fn renewal_truths(
    plan: &AccountPlan,
    account_id: &str,
    contract_ids: &[String],
    deal_ids: &[String],
    today: NaiveDate,
    out: &mut Vec<RenewalTruth>,
) -> Option<ChurnTruth> {
    for (c, contract) in plan.contracts.iter().enumerate() {
        let health = &plan.terms[contract.term].health;
        let outcome = if contract.end >= today {
            RenewalOutcome::Pending
        } else if contract.successor.is_some() {
            RenewalOutcome::Renewed
        } else {
            RenewalOutcome::Churned
        };
        let toward_churn = outcome != RenewalOutcome::Renewed;
        let causes = churn_model::ranked_causes(health, toward_churn);
        let prefix = match outcome {
            RenewalOutcome::Renewed => "Renewed",
            RenewalOutcome::Churned => "Churned",
            RenewalOutcome::Pending => "Pending; risks",
        };
        out.push(RenewalTruth {
            contract_id: contract_ids[c].clone(),
            account_id: account_id.to_string(),
            renewal_date: contract.end,
            outcome,
            will_churn: health.churns,
            true_churn_probability: round3(health.churn_probability),
            drivers: churn_model::health_truth(health),
            explanation: summarize(prefix, &causes),
            causes,
            renewal_opportunity_id: contract.renewal_deal.map(|d| deal_ids[d].clone()),
            successor_contract_id: contract.successor.map(|s| contract_ids[s].clone()),
        });
    }
    let churned_on = plan.churned_on?;
    let term = plan.terms.iter().rev().find(|t| t.end == churned_on)?;
    let causes = churn_model::ranked_causes(&term.health, true);
    Some(ChurnTruth {
        account_id: account_id.to_string(),
        churned_on,
        true_churn_probability: round3(term.health.churn_probability),
        explanation: summarize("Churned", &causes),
        causes,
        contract_ids: term
            .contracts
            .iter()
            .map(|c| contract_ids[*c].clone())
            .collect(),
    })
}

/// Campaign truths with realised lead counts.
pub(crate) fn campaign_truths(
    campaigns: &[CampaignPlan],
    plans: &[AccountPlan],
) -> Vec<CampaignTruth> {
    let mut touched = vec![0u32; campaigns.len()];
    let mut converted = vec![0u32; campaigns.len()];
    for lead in plans.iter().flat_map(|p| p.leads.iter()) {
        let mut seen: Vec<usize> = lead.touches.iter().map(|t| t.0).collect();
        seen.sort_unstable();
        seen.dedup();
        for c in seen {
            touched[c] += 1;
            if lead.converted_deal.is_some() {
                converted[c] += 1;
            }
        }
    }
    let mut by_weight: Vec<usize> = (0..campaigns.len()).collect();
    by_weight.sort_by(|a, b| {
        campaigns[*b]
            .weight
            .total_cmp(&campaigns[*a].weight)
            .then(a.cmp(b))
    });
    let mut rank = vec![0u32; campaigns.len()];
    for (r, c) in by_weight.into_iter().enumerate() {
        rank[c] = r as u32 + 1;
    }
    campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| CampaignTruth {
            campaign_id: c.record.id.clone(),
            influence_weight: c.weight,
            influence_rank: rank[i],
            leads_touched: touched[i],
            leads_converted: converted[i],
        })
        .collect()
}

/// The content effects on cycle time.
pub(crate) fn content_effects() -> Vec<ContentEffect> {
    [
        ContentKind::RoiCalculator,
        ContentKind::CaseStudy,
        ContentKind::DemoVideo,
        ContentKind::Webinar,
        ContentKind::AnalystReport,
        ContentKind::Whitepaper,
        ContentKind::None,
    ]
    .into_iter()
    .map(|content| ContentEffect {
        content,
        cycle_time_reduction: content_cycle_effect(content),
    })
    .collect()
}

/// The account is a true expansion candidate today: its current term grows toward its seats.
pub(crate) fn expansion_candidate(
    plan: &AccountPlan,
    account_id: &str,
    deal_ids: &[String],
    usage: &[UsageSnapshot],
    today: NaiveDate,
) -> Option<ExpansionCandidate> {
    if plan.churned_on.is_some() {
        return None;
    }
    let term = plan
        .terms
        .iter()
        .rev()
        .find(|t| t.start <= today && t.end >= today)?;
    if term.health.trend != UsageTrend::Growth {
        return None;
    }
    let last = usage.last()?;
    let earlier = usage
        .len()
        .checked_sub(13)
        .and_then(|i| usage.get(i))
        .unwrap_or(&usage[0]);
    let utilisation = last.active_users as f64 / last.licensed_seats.max(1) as f64;
    let growth = last.active_users as f64 / earlier.active_users.max(1) as f64 - 1.0;
    let open_expansion = plan
        .deals
        .iter()
        .find(|d| d.kind == DealKind::Expansion && !closed_by(d, today))
        .map(|d| deal_ids[d.local].clone());
    Some(ExpansionCandidate {
        account_id: account_id.to_string(),
        seat_utilisation: round3(utilisation),
        usage_growth: round3(growth),
        licensed_seats: last.licensed_seats,
        expansion_opportunity_id: open_expansion,
    })
}
