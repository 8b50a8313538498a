//! The pipeline recomputed straight from the records, without the graph: an independent
//! path used to check that what Cypher says equals what the data says.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::Stage;
use revpulse_graph::queries::{PipelineDimension, PipelineQuery, PipelineRow};

use crate::dataset::CompanyDataset;

/// The latest value of one history kind per deal at a cut-off, keyed by deal id.
fn latest_before<'a, T: 'a, V: Copy>(
    changes: impl Iterator<Item = &'a T>,
    cutoff: DateTime<Utc>,
    fields: impl Fn(&T) -> (&str, DateTime<Utc>, u32, V),
) -> HashMap<String, V> {
    let mut best: HashMap<String, (DateTime<Utc>, u32, V)> = HashMap::new();
    for change in changes {
        let (id, at, seq, value) = fields(change);
        if at >= cutoff {
            continue;
        }
        let newer = best.get(id).is_none_or(|(a, s, _)| (at, seq) > (*a, *s));
        if newer {
            best.insert(id.to_string(), (at, seq, value));
        }
    }
    best.into_iter().map(|(k, (_, _, v))| (k, v)).collect()
}

/// The open pipeline as `q` defines it, computed from `data` alone; same ordering rules as
/// the graph query.
pub fn pipeline(data: &CompanyDataset, q: &PipelineQuery) -> Vec<PipelineRow> {
    let cutoff = q
        .as_of
        .succ_opt()
        .unwrap_or(q.as_of)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let stages = latest_before(data.stage_changes.iter(), cutoff, |c| {
        (c.opportunity_id.as_str(), c.at, c.seq, c.to)
    });
    let amounts = latest_before(data.amount_changes.iter(), cutoff, |c| {
        (c.opportunity_id.as_str(), c.at, c.seq, c.to)
    });
    let close_dates = latest_before(data.close_date_changes.iter(), cutoff, |c| {
        (c.opportunity_id.as_str(), c.at, c.seq, c.to)
    });
    let groups = Grouping::new(data);
    let mut totals: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for o in data
        .opportunities
        .iter()
        .filter(|o| o.created_on <= q.as_of)
    {
        let Some(stage) = stages.get(&o.id).copied().filter(|s| s.is_open()) else {
            continue;
        };
        let close = close_dates.get(&o.id).copied();
        if !in_window(close, q.close_from, q.close_to) {
            continue;
        }
        let amount = amounts.get(&o.id).copied().unwrap_or(0);
        let key = groups.key(q.by, o, stage);
        let entry = totals.entry(key).or_insert((0, 0));
        entry.0 += 1;
        entry.1 += amount;
    }
    let mut rows: Vec<PipelineRow> = totals
        .into_iter()
        .map(|((key, label), (deals, amount))| PipelineRow {
            key,
            label,
            deals,
            amount,
        })
        .collect();
    match q.by {
        PipelineDimension::Stage => {
            rows.sort_by_key(|r| Stage::parse(&r.key).map_or(u8::MAX, Stage::order));
        }
        _ => rows.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key))),
    }
    rows
}

fn in_window(close: Option<NaiveDate>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    match close {
        Some(d) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
        None => from.is_none() && to.is_none(),
    }
}

/// Lookups from a deal to its group key and label.
struct Grouping<'a> {
    account_region: HashMap<&'a str, &'a str>,
    region_name: HashMap<&'a str, &'a str>,
    user: HashMap<&'a str, &'a revpulse_graph::model::User>,
    team_name: HashMap<&'a str, &'a str>,
    product_line_name: HashMap<&'a str, &'a str>,
}

impl<'a> Grouping<'a> {
    fn new(d: &'a CompanyDataset) -> Self {
        Self {
            account_region: d
                .accounts
                .iter()
                .map(|a| (a.id.as_str(), a.region_id.as_str()))
                .collect(),
            region_name: d
                .regions
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str()))
                .collect(),
            user: d.users.iter().map(|u| (u.id.as_str(), u)).collect(),
            team_name: d
                .teams
                .iter()
                .map(|t| (t.id.as_str(), t.name.as_str()))
                .collect(),
            product_line_name: d
                .product_lines
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    fn key(
        &self,
        by: PipelineDimension,
        o: &revpulse_graph::model::Opportunity,
        stage: Stage,
    ) -> (String, String) {
        let named = |id: &str, names: &HashMap<&str, &str>| {
            (
                id.to_string(),
                names.get(id).copied().unwrap_or(id).to_string(),
            )
        };
        match by {
            PipelineDimension::Stage => (stage.as_str().into(), stage.as_str().into()),
            PipelineDimension::Region => {
                let region = self
                    .account_region
                    .get(o.account_id.as_str())
                    .copied()
                    .unwrap_or("");
                named(region, &self.region_name)
            }
            PipelineDimension::Team => match self
                .user
                .get(o.owner_id.as_str())
                .and_then(|u| u.team_id.as_deref())
            {
                Some(team) => named(team, &self.team_name),
                None => ("unassigned".into(), "No team".into()),
            },
            PipelineDimension::Owner => {
                let name = self
                    .user
                    .get(o.owner_id.as_str())
                    .map_or(o.owner_id.as_str(), |u| u.name.as_str());
                (o.owner_id.clone(), name.to_string())
            }
            PipelineDimension::ProductLine => named(&o.product_line_id, &self.product_line_name),
        }
    }
}
