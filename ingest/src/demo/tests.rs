//! Tests of the generated records: referential integrity, unique sorted ids, the history
//! invariants of every deal, and the calendar around today.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use revpulse_graph::model::{ContractStatus, ForecastCategory, LeadStatus, Stage};

use super::{DemoCompany, DemoConfig, generate};

/// The "today" every test uses.
pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 14).unwrap_or_default()
}

/// Generates a company or fails the test.
pub(super) fn company(seed: u64, accounts: usize) -> DemoCompany {
    match generate(&DemoConfig::new(seed, today()).with_accounts(accounts)) {
        Ok(c) => c,
        Err(e) => panic!("generation failed: {e}"),
    }
}

/// A small company shared by the tests of this module.
pub(super) fn small() -> &'static DemoCompany {
    static SMALL: OnceLock<DemoCompany> = OnceLock::new();
    SMALL.get_or_init(|| company(7, 150))
}

fn assert_unique_sorted(name: &str, ids: Vec<String>) {
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "{name}: ids not unique");
    assert_eq!(sorted, ids, "{name}: not sorted by id");
}

#[test]
fn ids_are_unique_and_sorted() {
    let d = &small().dataset;
    assert_unique_sorted("users", d.users.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted("teams", d.teams.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted("regions", d.regions.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted(
        "accounts",
        d.accounts.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted(
        "contacts",
        d.contacts.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted(
        "opportunities",
        d.opportunities.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted(
        "campaigns",
        d.campaigns.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted("leads", d.leads.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted("touches", d.touches.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted(
        "activities",
        d.activities.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted(
        "transcripts",
        d.transcripts.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted("tickets", d.tickets.iter().map(|x| x.id.clone()).collect());
    assert_unique_sorted(
        "contracts",
        d.contracts.iter().map(|x| x.id.clone()).collect(),
    );
    assert_unique_sorted("usage", d.usage.iter().map(|x| x.id()).collect());
    let names: BTreeSet<&str> = d
        .contacts
        .iter()
        .map(|c| c.name.as_str())
        .chain(d.users.iter().map(|u| u.name.as_str()))
        .collect();
    assert_eq!(
        names.len(),
        d.contacts.len() + d.users.len(),
        "person names must be unique"
    );
    let companies: BTreeSet<&str> = d.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        companies.len(),
        d.accounts.len(),
        "company names must be unique"
    );
}

#[test]
fn every_reference_resolves() {
    let d = &small().dataset;
    let set =
        |ids: Vec<&str>| -> BTreeSet<String> { ids.into_iter().map(str::to_string).collect() };
    let users = set(d.users.iter().map(|x| x.id.as_str()).collect());
    let teams = set(d.teams.iter().map(|x| x.id.as_str()).collect());
    let regions = set(d.regions.iter().map(|x| x.id.as_str()).collect());
    let accounts = set(d.accounts.iter().map(|x| x.id.as_str()).collect());
    let contacts = set(d.contacts.iter().map(|x| x.id.as_str()).collect());
    let opps = set(d.opportunities.iter().map(|x| x.id.as_str()).collect());
    let campaigns = set(d.campaigns.iter().map(|x| x.id.as_str()).collect());
    let leads = set(d.leads.iter().map(|x| x.id.as_str()).collect());
    let activities = set(d.activities.iter().map(|x| x.id.as_str()).collect());
    let lines = set(d.product_lines.iter().map(|x| x.id.as_str()).collect());
    let products = set(d.products.iter().map(|x| x.id.as_str()).collect());
    let rivals = set(d.competitors.iter().map(|x| x.name.as_str()).collect());
    for t in &d.teams {
        assert!(regions.contains(&t.region_id) && users.contains(&t.manager_id));
    }
    for u in &d.users {
        assert!(u.region_id.iter().all(|r| regions.contains(r)));
        assert!(u.team_id.iter().all(|t| teams.contains(t)));
        assert!(u.manager_id.iter().all(|m| users.contains(m)));
    }
    for a in &d.accounts {
        assert!(regions.contains(&a.region_id) && users.contains(&a.owner_id));
    }
    for c in &d.contacts {
        assert!(accounts.contains(&c.account_id));
    }
    for p in &d.products {
        assert!(lines.contains(&p.product_line_id));
    }
    for o in &d.opportunities {
        assert!(accounts.contains(&o.account_id) && users.contains(&o.owner_id));
        assert!(lines.contains(&o.product_line_id) && products.contains(&o.product_id));
        assert!(o.lead_id.iter().all(|l| leads.contains(l)));
        assert!(o.primary_competitor.iter().all(|r| rivals.contains(r)));
    }
    for r in &d.opportunity_contacts {
        assert!(opps.contains(&r.opportunity_id) && contacts.contains(&r.contact_id));
    }
    for l in &d.leads {
        assert!(contacts.contains(&l.contact_id) && accounts.contains(&l.account_id));
        assert!(l.converted_opportunity_id.iter().all(|o| opps.contains(o)));
    }
    for t in &d.touches {
        assert!(campaigns.contains(&t.campaign_id) && leads.contains(&t.lead_id));
    }
    for a in &d.activities {
        assert!(accounts.contains(&a.account_id) && users.contains(&a.user_id));
        assert!(a.opportunity_id.iter().all(|o| opps.contains(o)));
        assert!(a.contact_ids.iter().all(|c| contacts.contains(c)));
        assert!(a.competitors_mentioned.iter().all(|c| rivals.contains(c)));
    }
    for t in &d.transcripts {
        assert!(activities.contains(&t.activity_id));
        for turn in &t.turns {
            assert!(users.contains(&turn.person_id) || contacts.contains(&turn.person_id));
        }
    }
    for t in &d.tickets {
        assert!(accounts.contains(&t.account_id));
        assert!(t.contact_id.iter().all(|c| contacts.contains(c)));
        assert!(
            t.comments
                .iter()
                .all(|c| users.contains(&c.author_id) || contacts.contains(&c.author_id))
        );
    }
    for k in &d.contracts {
        assert!(accounts.contains(&k.account_id) && lines.contains(&k.product_line_id));
        assert!(k.opportunity_id.iter().all(|o| opps.contains(o)));
    }
    for u in &d.usage {
        assert!(accounts.contains(&u.account_id));
    }
    // Lead ↔ opportunity links agree both ways.
    let by_lead: BTreeMap<&str, &str> = d
        .opportunities
        .iter()
        .filter_map(|o| o.lead_id.as_deref().map(|l| (l, o.id.as_str())))
        .collect();
    for l in &d.leads {
        assert_eq!(
            l.converted_opportunity_id.as_deref(),
            by_lead.get(l.id.as_str()).copied()
        );
        assert_eq!(
            l.status == LeadStatus::Converted,
            l.converted_opportunity_id.is_some()
        );
    }
}

#[test]
fn history_ends_at_the_current_values() {
    let d = &small().dataset;
    let mut seqs: BTreeMap<&str, Vec<(u32, chrono::DateTime<chrono::Utc>)>> = BTreeMap::new();
    let mut last_stage = BTreeMap::new();
    let mut last_amount = BTreeMap::new();
    let mut last_close = BTreeMap::new();
    let mut last_forecast = BTreeMap::new();
    for c in &d.stage_changes {
        seqs.entry(&c.opportunity_id)
            .or_default()
            .push((c.seq, c.at));
        assert_eq!(
            c.from.is_none(),
            !last_stage.contains_key(c.opportunity_id.as_str()),
            "only the first stage record has no from"
        );
        if let Some((_, prev)) = last_stage.get(c.opportunity_id.as_str()) {
            assert_eq!(c.from, Some(*prev));
        }
        last_stage.insert(c.opportunity_id.as_str(), (c.at, c.to));
    }
    for c in &d.amount_changes {
        seqs.entry(&c.opportunity_id)
            .or_default()
            .push((c.seq, c.at));
        assert_eq!(c.from, last_amount.get(c.opportunity_id.as_str()).copied());
        last_amount.insert(c.opportunity_id.as_str(), c.to);
    }
    for c in &d.close_date_changes {
        seqs.entry(&c.opportunity_id)
            .or_default()
            .push((c.seq, c.at));
        assert_eq!(c.from, last_close.get(c.opportunity_id.as_str()).copied());
        last_close.insert(c.opportunity_id.as_str(), c.to);
    }
    for c in &d.forecast_category_changes {
        seqs.entry(&c.opportunity_id)
            .or_default()
            .push((c.seq, c.at));
        assert_eq!(
            c.from,
            last_forecast.get(c.opportunity_id.as_str()).copied()
        );
        last_forecast.insert(c.opportunity_id.as_str(), c.to);
    }
    for o in &d.opportunities {
        let id = o.id.as_str();
        let (stage_at, stage) = last_stage[id];
        assert_eq!(stage, o.stage, "{id} stage");
        assert_eq!(last_amount[id], o.amount, "{id} amount");
        assert_eq!(last_close[id], o.close_date, "{id} close date");
        assert_eq!(last_forecast[id], o.forecast_category, "{id} forecast");
        assert_eq!(o.probability, o.stage.default_probability());
        if !o.stage.is_open() {
            assert_eq!(
                stage_at.date_naive(),
                o.close_date,
                "{id}: closed on its close date"
            );
        } else {
            assert!(
                o.close_date >= today(),
                "{id}: open deals close today or later"
            );
        }
        match o.stage {
            Stage::ClosedWon => assert_eq!(o.forecast_category, ForecastCategory::Closed),
            Stage::ClosedLost => {
                assert_eq!(o.forecast_category, ForecastCategory::Omitted);
                assert!(o.loss_reason.is_some());
            }
            Stage::Prospecting | Stage::Qualification => {
                assert_eq!(o.forecast_category, ForecastCategory::Pipeline)
            }
            _ => assert!(!matches!(
                o.forecast_category,
                ForecastCategory::Closed | ForecastCategory::Omitted
            )),
        }
        // One sequence per deal over all four kinds, time never going backwards.
        let mut s = seqs.remove(id).unwrap_or_default();
        s.sort();
        assert!(s.len() >= 4, "{id}: initial records");
        for (i, (seq, _)) in s.iter().enumerate() {
            assert_eq!(*seq as usize, i, "{id}: seq");
        }
        assert!(s.windows(2).all(|w| w[0].1 <= w[1].1), "{id}: at monotone");
        assert_eq!(s[0].1.date_naive(), o.created_on);
    }
    assert!(seqs.is_empty(), "history of unknown deals");
}

#[test]
fn nothing_happens_after_today() {
    let d = &small().dataset;
    let t = today();
    assert!(d.stage_changes.iter().all(|c| c.at.date_naive() <= t));
    assert!(d.amount_changes.iter().all(|c| c.at.date_naive() <= t));
    assert!(d.close_date_changes.iter().all(|c| c.at.date_naive() <= t));
    assert!(
        d.forecast_category_changes
            .iter()
            .all(|c| c.at.date_naive() <= t)
    );
    assert!(d.activities.iter().all(|a| a.at.date_naive() <= t));
    assert!(d.touches.iter().all(|x| x.at.date_naive() <= t));
    assert!(d.leads.iter().all(|l| l.created_at.date_naive() <= t
        && l.mql_at.is_none_or(|x| x.date_naive() <= t)
        && l.sql_at.is_none_or(|x| x.date_naive() <= t)));
    assert!(
        d.tickets
            .iter()
            .all(|x| x.opened_at.date_naive() <= t
                && x.closed_at.is_none_or(|c| c.date_naive() <= t))
    );
    assert!(
        d.tickets
            .iter()
            .flat_map(|x| &x.comments)
            .all(|c| c.at.date_naive() <= t)
    );
    assert!(
        d.usage
            .iter()
            .all(|u| u.week_start <= t && u.active_users <= u.licensed_seats)
    );
    assert!(d.opportunities.iter().all(|o| o.created_on <= t));
    assert!(d.contracts.iter().all(|k| k.start_date <= t));
    assert!(
        d.campaigns
            .iter()
            .all(|c| c.start_date <= c.end_date && c.end_date <= t)
    );
    assert!(d.accounts.iter().all(|a| a.created_on <= t));
}

#[test]
fn today_is_live() {
    let d = &small().dataset;
    let t = today();
    let quarter_start = NaiveDate::from_ymd_opt(t.year(), (t.month0() / 3) * 3 + 1, 1).unwrap_or(t);
    let quarter_end = super::calendar::add_days(super::calendar::add_months(quarter_start, 3), -1);
    let open_this_quarter = d
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open() && o.close_date <= quarter_end)
        .count();
    assert!(
        open_this_quarter >= 5,
        "open deals closing this quarter: {open_this_quarter}"
    );
    let week_ago = super::calendar::add_days(t, -7);
    assert!(
        d.close_date_changes
            .iter()
            .any(|c| c.from.is_some_and(|f| c.to > f) && c.at.date_naive() >= week_ago),
        "a push in the last 7 days"
    );
    let yesterday = super::calendar::add_days(t, -1);
    assert!(
        d.stage_changes
            .iter()
            .any(|c| c.to == Stage::ClosedWon && c.at.date_naive() >= yesterday),
        "a win yesterday or today"
    );
    assert!(
        d.stage_changes
            .iter()
            .any(|c| c.to == Stage::ClosedLost && c.at.date_naive() >= yesterday),
        "a loss yesterday or today"
    );
    let created: BTreeSet<u32> = d
        .opportunities
        .iter()
        .filter(|o| o.created_on >= quarter_start)
        .map(|o| o.created_on.ordinal())
        .collect();
    assert!(!created.is_empty(), "deals created this quarter");
}

#[test]
fn contracts_follow_renewals() {
    let d = &small().dataset;
    let t = today();
    let mut by_account: BTreeMap<&str, Vec<&revpulse_graph::model::Contract>> = BTreeMap::new();
    for k in &d.contracts {
        by_account.entry(&k.account_id).or_default().push(k);
        assert!(k.start_date <= k.renewal_date);
        match k.status {
            ContractStatus::Active => assert!(k.renewal_date >= t),
            ContractStatus::Renewed | ContractStatus::Churned => assert!(k.renewal_date < t),
        }
    }
    for contracts in by_account.values() {
        for k in contracts
            .iter()
            .filter(|k| k.status == ContractStatus::Renewed)
        {
            let next = super::calendar::add_days(k.renewal_date, 1);
            assert!(
                contracts
                    .iter()
                    .any(|s| s.start_date == next && s.product_line_id == k.product_line_id),
                "{} has a successor",
                k.id
            );
        }
        if contracts
            .iter()
            .any(|k| k.status == ContractStatus::Churned)
        {
            assert!(
                contracts.iter().all(|k| k.status != ContractStatus::Active),
                "churned accounts keep no active contract"
            );
        }
    }
}
