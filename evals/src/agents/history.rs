//! A deal's state at the end of a day, read straight from its change records: the latest
//! stage, amount, close-date and forecast-category change at or before the day's end (UTC),
//! ties broken by `seq`. Written here, independently of the tools, so expected facts do not
//! share the tools' code.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::{CompanyDataset, ForecastCategory, Stage};

/// A deal as it stood at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DealState {
    /// Stage then.
    pub stage: Stage,
    /// Day of the stage change that put it there.
    pub stage_since: NaiveDate,
    /// Amount then (0 before any amount was recorded).
    pub amount: i64,
    /// Expected close date then.
    pub close_date: Option<NaiveDate>,
    /// Forecast category then.
    pub category: Option<ForecastCategory>,
    /// Close-date moves to a later date so far.
    pub pushes: u32,
    /// Stage moves backwards so far.
    pub regressions: u32,
}

/// One timestamped value of a history.
type Dated<T> = (DateTime<Utc>, u32, T);

#[derive(Debug, Default)]
struct Histories {
    stages: Vec<Dated<(Option<Stage>, Stage)>>,
    amounts: Vec<Dated<i64>>,
    closes: Vec<Dated<(Option<NaiveDate>, NaiveDate)>>,
    categories: Vec<Dated<ForecastCategory>>,
}

/// Every deal's change records, by deal id.
#[derive(Debug, Default)]
pub struct DealLedger {
    deals: HashMap<String, Histories>,
}

impl DealLedger {
    /// Indexes the change records of `company`.
    pub fn new(company: &CompanyDataset) -> Self {
        let mut deals: HashMap<String, Histories> = HashMap::new();
        for c in &company.stage_changes {
            entry(&mut deals, &c.opportunity_id)
                .stages
                .push((c.at, c.seq, (c.from, c.to)));
        }
        for c in &company.amount_changes {
            entry(&mut deals, &c.opportunity_id)
                .amounts
                .push((c.at, c.seq, c.to));
        }
        for c in &company.close_date_changes {
            entry(&mut deals, &c.opportunity_id)
                .closes
                .push((c.at, c.seq, (c.from, c.to)));
        }
        for c in &company.forecast_category_changes {
            entry(&mut deals, &c.opportunity_id)
                .categories
                .push((c.at, c.seq, c.to));
        }
        Self { deals }
    }

    /// Deal `id` at the end of `day`; `None` before its first stage record.
    pub fn on(&self, id: &str, day: NaiveDate) -> Option<DealState> {
        let h = self.deals.get(id)?;
        let (stage_at, _, (_, stage)) = latest(&h.stages, day)?;
        let seen = |at: &DateTime<Utc>| at.date_naive() <= day;
        Some(DealState {
            stage: *stage,
            stage_since: stage_at.date_naive(),
            amount: latest(&h.amounts, day).map_or(0, |(_, _, a)| *a),
            close_date: latest(&h.closes, day).map(|(_, _, (_, to))| *to),
            category: latest(&h.categories, day).map(|(_, _, c)| *c),
            pushes: count(
                h.closes
                    .iter()
                    .filter(|(at, _, (from, to))| seen(at) && from.is_some_and(|f| *to > f)),
            ),
            regressions: count(h.stages.iter().filter(|(at, _, (from, to))| {
                seen(at) && from.is_some_and(|f| to.order() < f.order())
            })),
        })
    }
}

fn entry<'a>(deals: &'a mut HashMap<String, Histories>, id: &str) -> &'a mut Histories {
    deals.entry(id.to_owned()).or_default()
}

/// The latest record at or before the end of `day` (by time, then `seq`).
fn latest<T>(records: &[Dated<T>], day: NaiveDate) -> Option<&Dated<T>> {
    records
        .iter()
        .filter(|(at, _, _)| at.date_naive() <= day)
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)))
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}
