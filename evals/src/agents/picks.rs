//! Which account, deal, rep, campaign, competitor and regions a case's placeholders mean for a
//! caller: picked from the data by fixed rules (most calls, largest deal, most touches…, ties
//! by id), so the same data always gives the same questions and any dataset gives valid ones.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use revpulse_graph::model::{ActivityKind, CompanyDataset, Quarter, Region, User, UserRole};
use revpulse_tools::Scope;

use super::history::DealLedger;
use super::placeholders::{EntityKind, Picked, Picks};

/// The caller and the data a pick is made from.
pub struct Viewpoint<'a> {
    /// The whole company.
    pub full: &'a CompanyDataset,
    /// What the caller sees.
    pub visible: &'a CompanyDataset,
    /// The caller.
    pub user: &'a User,
    /// The caller's scope.
    pub scope: &'a Scope,
    /// Today.
    pub today: NaiveDate,
    /// Deal histories of the whole company.
    pub ledger: &'a DealLedger,
}

/// The picks for `view`.
pub fn pick(view: &Viewpoint<'_>) -> Picks {
    let mut entities = BTreeMap::new();
    let mut put = |kind, picked: Option<Picked>| {
        if let Some(p) = picked {
            entities.insert(kind, p);
        }
    };
    let own = own_region(view);
    put(
        EntityKind::Account,
        most_called(view.visible, &BTreeSet::new()),
    );
    put(
        EntityKind::Deal,
        largest_open_deal(view, |id| visible_deal(view.visible, id)),
    );
    put(EntityKind::Rep, rep(view));
    put(EntityKind::Campaign, campaign(view.visible));
    put(EntityKind::Competitor, competitor(view.visible));
    put(
        EntityKind::OtherRegion,
        other_region(view, own.as_ref().map(|r| r.id.as_str())),
    );
    put(EntityKind::OwnRegion, own.map(|r| region_pick(&r)));
    if !view.scope.is_everything() {
        put(
            EntityKind::ForeignDeal,
            largest_open_deal(view, |id| !visible_deal(view.visible, id)),
        );
        let seen: BTreeSet<&str> = view
            .visible
            .accounts
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        put(EntityKind::ForeignAccount, most_called(view.full, &seen));
    }
    Picks { entities }
}

fn visible_deal(visible: &CompanyDataset, id: &str) -> bool {
    visible.opportunities.iter().any(|o| o.id == id)
}

/// A region as people write it: a short all-capitals id (`EMEA`), else its name.
pub fn region_text(region: &Region) -> String {
    let short = region.id.len() >= 3 && region.id.chars().all(|c| c.is_ascii_uppercase());
    if short {
        region.id.clone()
    } else {
        region.name.clone()
    }
}

fn region_pick(region: &Region) -> Picked {
    Picked {
        id: region.id.clone(),
        text: region_text(region),
    }
}

/// The account of `company` (not in `excluded`) with the most calls; ties by id.
fn most_called(company: &CompanyDataset, excluded: &BTreeSet<&str>) -> Option<Picked> {
    let mut calls: BTreeMap<&str, usize> = BTreeMap::new();
    for a in company
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Call)
    {
        *calls.entry(a.account_id.as_str()).or_default() += 1;
    }
    company
        .accounts
        .iter()
        .filter(|a| !excluded.contains(a.id.as_str()))
        .max_by(|a, b| {
            let (na, nb) = (calls.get(a.id.as_str()), calls.get(b.id.as_str()));
            na.cmp(&nb).then(b.id.cmp(&a.id))
        })
        .map(|a| Picked {
            id: a.id.clone(),
            text: a.name.clone(),
        })
}

/// The largest deal open today among those `admitted`, preferring ones closing this quarter.
fn largest_open_deal(view: &Viewpoint<'_>, admitted: impl Fn(&str) -> bool) -> Option<Picked> {
    let quarter = Quarter::containing(view.today);
    view.full
        .opportunities
        .iter()
        .filter(|o| admitted(&o.id))
        .filter_map(|o| {
            let s = view
                .ledger
                .on(&o.id, view.today)
                .filter(|s| s.stage.is_open())?;
            let this_quarter = s
                .close_date
                .is_some_and(|c| Quarter::containing(c) == quarter);
            Some((this_quarter, s.amount, o))
        })
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.id.cmp(&a.2.id)))
        .map(|(_, _, o)| Picked {
            id: o.id.clone(),
            text: o.name.clone(),
        })
}

fn rep(view: &Viewpoint<'_>) -> Option<Picked> {
    let person = |u: &User| Picked {
        id: u.id.clone(),
        text: u.name.clone(),
    };
    if view.user.role == UserRole::Rep {
        return Some(person(view.user));
    }
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &view.visible.opportunities {
        if view
            .ledger
            .on(&o.id, view.today)
            .is_some_and(|s| s.stage.is_open())
        {
            *open.entry(o.owner_id.as_str()).or_default() += 1;
        }
    }
    view.visible
        .users
        .iter()
        .filter(|u| u.role == UserRole::Rep && u.quarterly_quota > 0)
        .max_by(|a, b| {
            open.get(a.id.as_str())
                .cmp(&open.get(b.id.as_str()))
                .then(b.id.cmp(&a.id))
        })
        .map(person)
}

fn campaign(visible: &CompanyDataset) -> Option<Picked> {
    let mut touches: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &visible.touches {
        *touches.entry(t.campaign_id.as_str()).or_default() += 1;
    }
    visible
        .campaigns
        .iter()
        .max_by(|a, b| {
            touches
                .get(a.id.as_str())
                .cmp(&touches.get(b.id.as_str()))
                .then(b.id.cmp(&a.id))
        })
        .map(|c| Picked {
            id: c.id.clone(),
            text: c.name.clone(),
        })
}

fn competitor(visible: &CompanyDataset) -> Option<Picked> {
    let mut mentions: BTreeMap<&str, usize> = BTreeMap::new();
    for name in visible
        .activities
        .iter()
        .flat_map(|a| &a.competitors_mentioned)
    {
        *mentions.entry(name.as_str()).or_default() += 1;
    }
    for name in visible
        .opportunities
        .iter()
        .filter_map(|o| o.primary_competitor.as_deref())
    {
        mentions.entry(name).or_default();
    }
    mentions
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| Picked {
            id: name.to_owned(),
            text: name.to_owned(),
        })
}

/// Open pipeline today per region id, over `company`.
pub fn open_pipeline_by_region(
    company: &CompanyDataset,
    ledger: &DealLedger,
    today: NaiveDate,
) -> BTreeMap<String, i64> {
    let region_of: BTreeMap<&str, &str> = company
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect();
    let mut totals: BTreeMap<String, i64> =
        company.regions.iter().map(|r| (r.id.clone(), 0)).collect();
    for o in &company.opportunities {
        if let (Some(s), Some(region)) = (
            ledger.on(&o.id, today),
            region_of.get(o.account_id.as_str()),
        ) && s.stage.is_open()
        {
            *totals.entry((*region).to_owned()).or_default() += s.amount;
        }
    }
    totals
}

/// Regions by open pipeline, largest first (ties by id).
fn regions_by_pipeline<'a>(
    company: &'a CompanyDataset,
    totals: &BTreeMap<String, i64>,
) -> Vec<&'a Region> {
    let mut regions: Vec<&Region> = company.regions.iter().collect();
    regions.sort_by(|a, b| {
        totals
            .get(&b.id)
            .cmp(&totals.get(&a.id))
            .then(a.id.cmp(&b.id))
    });
    regions
}

fn own_region(view: &Viewpoint<'_>) -> Option<Region> {
    if let Some(id) = &view.user.region_id
        && let Some(r) = view.full.regions.iter().find(|r| &r.id == id)
    {
        return Some(r.clone());
    }
    let totals = open_pipeline_by_region(view.visible, view.ledger, view.today);
    regions_by_pipeline(view.full, &totals)
        .first()
        .map(|r| (*r).clone())
}

fn other_region(view: &Viewpoint<'_>, own: Option<&str>) -> Option<Picked> {
    let totals = open_pipeline_by_region(view.full, view.ledger, view.today);
    regions_by_pipeline(view.full, &totals)
        .into_iter()
        .find(|r| {
            Some(r.id.as_str()) != own
                && (view.scope.is_everything() || !view.scope.sees_region(&r.id))
        })
        .map(region_pick)
}
