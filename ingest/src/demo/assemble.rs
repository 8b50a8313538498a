//! Writes the planned world out as records: numbers deals, leads and contracts in time order,
//! then builds opportunities with their history and truth, leads with their touches, and
//! contracts with the renewal and churn truth.

use chrono::{DateTime, Utc};
use revpulse_graph::model::{Contract, ContractStatus, Lead, Touch};

use super::account_plan::AccountPlan;
use super::calendar::at_minute;
use super::catalog::LINES;
use super::deal_records::{DealRefs, History, history, opportunity};
use super::ids::IdScheme;
use super::truth::{ChurnTruth, DealTruth, RenewalTruth};
use super::truth_build::{deal_truth, renewal_truths};
use super::world::World;
use crate::dataset::CompanyDataset;

/// Final ids of the per-account records: `[account][local index]`.
pub(crate) struct Ids {
    pub deals: Vec<Vec<String>>,
    pub leads: Vec<Vec<String>>,
    pub contracts: Vec<Vec<String>>,
    pub contacts: Vec<String>,
}

/// Ids per account of records numbered globally in time order.
fn number<T>(
    plans: &[AccountPlan],
    items: impl Fn(&AccountPlan) -> &[T],
    when: impl Fn(&T) -> DateTime<Utc>,
    scheme: impl Fn(usize) -> IdScheme,
) -> Vec<Vec<String>> {
    let mut order: Vec<(DateTime<Utc>, usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(a, p)| items(p).iter().enumerate().map(move |(l, x)| (a, l, x)))
        .map(|(a, l, x)| (when(x), a, l))
        .collect();
    order.sort_unstable();
    let scheme = scheme(order.len());
    let mut ids: Vec<Vec<String>> = plans
        .iter()
        .map(|p| vec![String::new(); items(p).len()])
        .collect();
    for (i, (_, a, l)) in order.into_iter().enumerate() {
        ids[a][l] = scheme.id(i);
    }
    ids
}

/// Numbers deals (`OPP-1001…`), leads and contracts in the order they happened.
pub(crate) fn assign_ids(world: &World) -> Ids {
    let plans = &world.plans;
    Ids {
        deals: number(
            plans,
            |p| &p.deals,
            |d| d.created_at,
            |n| IdScheme::deal_numbers("OPP", n),
        ),
        leads: number(
            plans,
            |p| &p.leads,
            |l| l.created_at,
            |n| IdScheme::padded("L", n, 6),
        ),
        contracts: number(
            plans,
            |p| &p.contracts,
            |k| at_minute(k.start, 0),
            |n| IdScheme::padded("K", n, 5),
        ),
        contacts: world.contacts.iter().map(|c| c.id.clone()).collect(),
    }
}

fn by_deal_then_seq<T>(items: &mut [T], key: impl Fn(&T) -> (&str, u32)) {
    items.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// Opportunities, their contact roles and history; returns the deal truths in id order.
pub(crate) fn deals(world: &World, ids: &Ids, ds: &mut CompanyDataset) -> Vec<DealTruth> {
    let today = world.calendar.today;
    let mut hist = History::default();
    let mut truths = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        for deal in &plan.deals {
            let id = &ids.deals[a][deal.local];
            let account_id = &world.account_ids[a];
            let truth = deal_truth(
                deal,
                plan,
                id,
                account_id,
                &ids.contracts[a],
                &world.campaigns,
                &world.calendar,
            );
            let current = history(deal, id, today, &mut hist);
            let refs = DealRefs {
                id,
                account_id,
                account_name: &world.profiles[a].name,
                owner_id: &world.org.users[world.org.reps[deal.rep].user].id,
                lead_id: deal.lead.map(|l| ids.leads[a][l].clone()),
                contact_ids: &ids.contacts,
            };
            let (record, roles) =
                opportunity(world.seed, deal, &refs, current, &truth.causes, today);
            ds.opportunities.push(record);
            ds.opportunity_contacts.extend(roles);
            truths.push(truth);
        }
    }
    ds.opportunities.sort_by(|a, b| a.id.cmp(&b.id));
    ds.opportunity_contacts.sort_by(|a, b| {
        (&a.opportunity_id, &a.contact_id).cmp(&(&b.opportunity_id, &b.contact_id))
    });
    truths.sort_by(|a, b| a.opportunity_id.cmp(&b.opportunity_id));
    by_deal_then_seq(&mut hist.stages, |c| (&c.opportunity_id, c.seq));
    by_deal_then_seq(&mut hist.amounts, |c| (&c.opportunity_id, c.seq));
    by_deal_then_seq(&mut hist.close_dates, |c| (&c.opportunity_id, c.seq));
    by_deal_then_seq(&mut hist.forecasts, |c| (&c.opportunity_id, c.seq));
    ds.stage_changes = hist.stages;
    ds.amount_changes = hist.amounts;
    ds.close_date_changes = hist.close_dates;
    ds.forecast_category_changes = hist.forecasts;
    truths
}

/// Leads and their campaign touches.
pub(crate) fn leads(world: &World, ids: &Ids, ds: &mut CompanyDataset) {
    let mut touches: Vec<(DateTime<Utc>, String, usize)> = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        for (l, lead) in plan.leads.iter().enumerate() {
            let id = &ids.leads[a][l];
            ds.leads.push(Lead {
                id: id.clone(),
                contact_id: ids.contacts[lead.contact].clone(),
                account_id: world.account_ids[a].clone(),
                created_at: lead.created_at,
                mql_at: lead.mql_at,
                sql_at: lead.sql_at,
                status: lead.status,
                converted_opportunity_id: lead.converted_deal.map(|d| ids.deals[a][d].clone()),
            });
            touches.extend(lead.touches.iter().map(|(c, at)| (*at, id.clone(), *c)));
        }
    }
    ds.leads.sort_by(|a, b| a.id.cmp(&b.id));
    touches.sort();
    let scheme = IdScheme::padded("TCH", touches.len(), 7);
    ds.touches = touches
        .into_iter()
        .enumerate()
        .map(|(i, (at, lead_id, c))| Touch {
            id: scheme.id(i),
            campaign_id: world.campaigns[c].record.id.clone(),
            lead_id,
            at,
        })
        .collect();
}

/// Contracts; returns the renewal truths (by contract id) and the churned accounts.
pub(crate) fn contracts(
    world: &World,
    ids: &Ids,
    ds: &mut CompanyDataset,
) -> (Vec<RenewalTruth>, Vec<ChurnTruth>) {
    let today = world.calendar.today;
    let mut renewals = Vec::new();
    let mut churned = Vec::new();
    for (a, plan) in world.plans.iter().enumerate() {
        for (k, c) in plan.contracts.iter().enumerate() {
            let status = if c.end >= today {
                ContractStatus::Active
            } else if c.successor.is_some() {
                ContractStatus::Renewed
            } else {
                ContractStatus::Churned
            };
            ds.contracts.push(Contract {
                id: ids.contracts[a][k].clone(),
                account_id: world.account_ids[a].clone(),
                opportunity_id: c.deal.map(|d| ids.deals[a][d].clone()),
                product_line_id: LINES[c.line].id.to_string(),
                start_date: c.start,
                renewal_date: c.end,
                arr: c.arr,
                seats: c.seats,
                status,
            });
        }
        let account_id = &world.account_ids[a];
        if let Some(churn) = renewal_truths(
            plan,
            account_id,
            &ids.contracts[a],
            &ids.deals[a],
            today,
            &mut renewals,
        ) {
            churned.push(churn);
        }
    }
    ds.contracts.sort_by(|a, b| a.id.cmp(&b.id));
    renewals.sort_by(|a, b| a.contract_id.cmp(&b.contract_id));
    churned.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    (renewals, churned)
}
