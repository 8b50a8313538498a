//! A second, deliberately plain reading of the history records: for one deal and one day,
//! scan every change of that kind and keep the latest one recorded by the end of the day.
//! Slow and obvious, so the tools' indexed reading can be checked against it.

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::{CompanyDataset, Opportunity, Stage};

/// A deal at the end of a day, read the plain way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Then {
    pub stage: Option<Stage>,
    pub amount: i64,
    pub close: Option<NaiveDate>,
    /// The day of the latest stage change.
    pub stage_day: Option<NaiveDate>,
}

fn latest<T: Copy>(
    rows: impl Iterator<Item = (DateTime<Utc>, u32, T)>,
    day: NaiveDate,
) -> Option<(DateTime<Utc>, T)> {
    let mut best: Option<(DateTime<Utc>, u32, T)> = None;
    for (at, seq, value) in rows {
        if at.date_naive() > day {
            continue;
        }
        let newer = match best {
            None => true,
            Some((a, s, _)) => (at, seq) > (a, s),
        };
        if newer {
            best = Some((at, seq, value));
        }
    }
    best.map(|(at, _, v)| (at, v))
}

/// Deal `o` at the end of `day`; `None` before it was created.
pub(super) fn then(data: &CompanyDataset, o: &Opportunity, day: NaiveDate) -> Option<Then> {
    if o.created_on > day {
        return None;
    }
    let mine = |id: &str| id == o.id;
    let stage = latest(
        data.stage_changes
            .iter()
            .filter(|c| mine(&c.opportunity_id))
            .map(|c| (c.at, c.seq, c.to)),
        day,
    );
    let amount = latest(
        data.amount_changes
            .iter()
            .filter(|c| mine(&c.opportunity_id))
            .map(|c| (c.at, c.seq, c.to)),
        day,
    );
    let close = latest(
        data.close_date_changes
            .iter()
            .filter(|c| mine(&c.opportunity_id))
            .map(|c| (c.at, c.seq, c.to)),
        day,
    );
    Some(Then {
        stage: stage.map(|(_, s)| s),
        amount: amount.map_or(0, |(_, a)| a),
        close: close.map(|(_, c)| c),
        stage_day: stage.map(|(at, _)| at.date_naive()),
    })
}

/// The deal's amount when it is in the open pipeline at the end of `day` (due inside
/// `window` when given).
pub(super) fn open_amount(
    data: &CompanyDataset,
    o: &Opportunity,
    day: NaiveDate,
    window: Option<(NaiveDate, NaiveDate)>,
) -> Option<i64> {
    let t = then(data, o, day)?;
    let open = t
        .stage
        .is_some_and(|s| s != Stage::ClosedWon && s != Stage::ClosedLost);
    let due = match window {
        None => true,
        Some((from, to)) => t.close.is_some_and(|c| from <= c && c <= to),
    };
    (open && due).then_some(t.amount)
}

/// (deals, amount) of the open pipeline at the end of `day` among the deals `keep` admits.
pub(super) fn pipeline_totals(
    data: &CompanyDataset,
    day: NaiveDate,
    window: Option<(NaiveDate, NaiveDate)>,
    keep: impl Fn(&Opportunity) -> bool,
) -> (i64, i64) {
    let mut deals = 0;
    let mut amount = 0;
    for o in data.opportunities.iter().filter(|o| keep(o)) {
        if let Some(a) = open_amount(data, o, day, window) {
            deals += 1;
            amount += a;
        }
    }
    (deals, amount)
}

/// The deal's stage changes recorded by the end of `day`, in time order.
pub(super) fn stage_path(
    data: &CompanyDataset,
    id: &str,
    day: NaiveDate,
) -> Vec<(NaiveDate, Stage)> {
    let mut rows: Vec<_> = data
        .stage_changes
        .iter()
        .filter(|c| c.opportunity_id == id && c.at.date_naive() <= day)
        .map(|c| (c.at, c.seq, c.to))
        .collect();
    rows.sort_by_key(|(at, seq, _)| (*at, *seq));
    rows.into_iter()
        .map(|(at, _, s)| (at.date_naive(), s))
        .collect()
}

/// The deal's close dates recorded by the end of `day`, in time order.
pub(super) fn close_path(data: &CompanyDataset, id: &str, day: NaiveDate) -> Vec<NaiveDate> {
    let mut rows: Vec<_> = data
        .close_date_changes
        .iter()
        .filter(|c| c.opportunity_id == id && c.at.date_naive() <= day)
        .map(|c| (c.at, c.seq, c.to))
        .collect();
    rows.sort_by_key(|(at, seq, _)| (*at, *seq));
    rows.into_iter().map(|(_, _, d)| d).collect()
}
