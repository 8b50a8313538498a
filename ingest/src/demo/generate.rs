//! The generator's entry point: plans the world, writes its records (each vector sorted by id)
//! and gathers the ground truth beside them.

use revpulse_graph::model::{Region, Team};

use super::accounts::account_record;
use super::assemble::{assign_ids, contracts, deals, leads};
use super::assemble_text::conversations;
use super::catalog::{competitors, product_lines, products};
use super::churn_model::CHURN_FORMULA;
use super::config::{DemoConfig, DemoConfigError};
use super::deal_plan::DealKind;
use super::org::{segment_index, set_quotas};
use super::truth::{GroundTruth, ModelCard, RepTruth};
use super::truth_build::{campaign_truths, content_effects, expansion_candidate};
use super::usage::account_usage;
use super::win_model::WIN_FORMULA;
use super::world::{World, build_world};
use crate::dataset::CompanyDataset;

/// A generated company: its records and the truth behind them.
#[derive(Debug, Clone)]
pub struct DemoCompany {
    /// Every record, each vector sorted by id (history by deal id, then `seq`).
    pub dataset: CompanyDataset,
    /// The latent causes and planted facts, for scoring later work.
    pub truth: GroundTruth,
}

/// Sets quotas from the bookings (new business and expansion) won in full quarters.
fn quotas(world: &mut World, quarters: u32) {
    let mut bookings = [0.0f64; 3];
    for (a, plan) in world.plans.iter().enumerate() {
        for d in plan
            .deals
            .iter()
            .filter(|d| d.won && d.kind != DealKind::Renewal)
        {
            if d.close >= world.calendar.start && d.close < world.calendar.current_quarter {
                bookings[segment_index(world.profiles[a].segment)] +=
                    d.timeline.final_amount() as f64;
            }
        }
    }
    set_quotas(&mut world.org, bookings, quarters);
}

/// Generates the demo company for a config: the same config always yields the same company.
pub fn generate(config: &DemoConfig) -> Result<DemoCompany, DemoConfigError> {
    config.validate()?;
    let mut world = build_world(config);
    quotas(&mut world, config.quarters);
    let today = world.calendar.today;
    let org = &world.org;
    let mut ds = CompanyDataset {
        regions: org.regions.clone(),
        teams: org.teams.clone(),
        users: org.users.clone(),
        product_lines: product_lines(),
        products: products(),
        competitors: competitors(),
        campaigns: world.campaigns.iter().map(|c| c.record.clone()).collect(),
        accounts: world
            .profiles
            .iter()
            .map(|p| {
                account_record(
                    p,
                    world.account_ids[p.index].clone(),
                    org.users[org.reps[p.owner_rep].user].id.clone(),
                )
            })
            .collect(),
        contacts: world.contacts.clone(),
        ..CompanyDataset::default()
    };
    ds.regions.sort_by(|a: &Region, b| a.id.cmp(&b.id));
    ds.teams.sort_by(|a: &Team, b| a.id.cmp(&b.id));

    let ids = assign_ids(&world);
    let deal_truths = deals(&world, &ids, &mut ds);
    leads(&world, &ids, &mut ds);
    let (renewals, churned) = contracts(&world, &ids, &mut ds);
    let passages = conversations(&world, &ids, &mut ds);

    let mut candidates = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        let usage = account_usage(world.seed, &world.calendar, &world.account_ids[a], a, plan);
        if let Some(c) =
            expansion_candidate(plan, &world.account_ids[a], &ids.deals[a], &usage, today)
        {
            candidates.push(c);
        }
        ds.usage.extend(usage);
    }

    let truth = GroundTruth {
        seed: world.seed,
        today,
        history_start: world.calendar.start,
        model: ModelCard {
            win_formula: WIN_FORMULA.to_string(),
            churn_formula: CHURN_FORMULA.to_string(),
        },
        deals: deal_truths,
        renewals,
        churned_accounts: churned,
        campaigns: campaign_truths(&world.campaigns, &world.plans),
        content_effects: content_effects(),
        reps: org
            .reps
            .iter()
            .map(|r| RepTruth {
                user_id: org.users[r.user].id.clone(),
                skill: (r.skill * 1000.0).round() / 1000.0,
            })
            .collect(),
        expansion_candidates: candidates,
        injection_passages: passages.iter().flat_map(|p| p.injections()).collect(),
        passages,
    };
    Ok(DemoCompany { dataset: ds, truth })
}
