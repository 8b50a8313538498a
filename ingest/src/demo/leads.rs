//! Marketing leads of one account: campaign touches (one to six campaigns), and the funnel
//! lead → MQL → SQL → ready to convert, whose step probabilities rise with the true influence
//! of the campaigns that touched the lead.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use revpulse_graph::model::{LeadStatus, Segment};

use super::accounts::AccountProfile;
use super::calendar::{Calendar, add_days, at_minute, work_minute};
use super::campaigns::CampaignPlan;
use super::rng::{DemoRng, chance, poisson, sigmoid, weighted_index};

/// A lead and where it got to.
#[derive(Debug, Clone)]
pub(crate) struct LeadPlan {
    /// Global contact index.
    pub contact: usize,
    /// Captured at (the first touch).
    pub created_at: DateTime<Utc>,
    /// Campaign touches in time order: (campaign index, when).
    pub touches: Vec<(usize, DateTime<Utc>)>,
    /// Marketing-qualified at.
    pub mql_at: Option<DateTime<Utc>>,
    /// Sales-qualified at.
    pub sql_at: Option<DateTime<Utc>>,
    /// When it is ready to become an opportunity (set only when that is on or before today).
    pub ready_at: Option<DateTime<Utc>>,
    /// Status today.
    pub status: LeadStatus,
    /// Local index of the deal it converted to.
    pub converted_deal: Option<usize>,
}

fn per_year(segment: Segment) -> f64 {
    match segment {
        Segment::Smb => 2.4,
        Segment::MidMarket => 3.2,
        Segment::Enterprise => 4.0,
    }
}

fn instant(rng: &mut DemoRng, date: NaiveDate) -> DateTime<Utc> {
    at_minute(date, work_minute(rng))
}

/// Draws every lead of one account over its history window.
pub(crate) fn build_leads(
    rng: &mut DemoRng,
    calendar: &Calendar,
    account: &AccountProfile,
    campaigns: &[CampaignPlan],
) -> Vec<LeadPlan> {
    let window_start = account.created_on.max(calendar.start);
    let years = (calendar.today - window_start).num_days().max(0) as f64 / 365.0;
    let count = poisson(rng, per_year(account.segment) * years);
    let candidates: Vec<usize> = campaigns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.region.is_none_or(|r| r == account.region) && c.record.end_date >= window_start
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() || account.contacts.is_empty() {
        return Vec::new();
    }
    let reach: Vec<f64> = candidates.iter().map(|i| campaigns[*i].reach).collect();
    let mut leads = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let first = candidates[weighted_index(rng, &reach)];
        let campaign = &campaigns[first].record;
        let day = Calendar::date_between(
            rng,
            campaign.start_date.max(window_start),
            campaign.end_date,
        );
        let created_at = instant(rng, day);
        let mut touches = vec![(first, created_at)];
        let wanted = 1 + weighted_index(rng, &[0.5, 1.0, 1.0, 0.7, 0.4, 0.2]);
        for _ in 1..wanted {
            let when = add_days(day, rng.random_range(1..100));
            if when > calendar.today {
                continue;
            }
            let open: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|i| campaigns[*i].reaches(account.region, when))
                .filter(|i| touches.iter().all(|(t, _)| t != i))
                .collect();
            if let Some(i) = super::rng::pick(rng, &open) {
                touches.push((*i, instant(rng, when)));
            }
        }
        touches.sort_by_key(|t| t.1);
        let weight: f64 = touches.iter().map(|(i, _)| campaigns[*i].weight).sum();
        let contact = account.contacts.start + rng.random_range(0..account.contacts.len());
        leads.push(funnel(rng, calendar, contact, created_at, touches, weight));
    }
    leads.sort_by_key(|l| l.created_at);
    leads
}

/// Walks one lead through the funnel and truncates it at today.
fn funnel(
    rng: &mut DemoRng,
    calendar: &Calendar,
    contact: usize,
    created_at: DateTime<Utc>,
    touches: Vec<(usize, DateTime<Utc>)>,
    weight: f64,
) -> LeadPlan {
    let today_end = at_minute(calendar.today, 1439);
    let mut lead = LeadPlan {
        contact,
        created_at,
        touches,
        mql_at: None,
        sql_at: None,
        ready_at: None,
        status: LeadStatus::Lead,
        converted_deal: None,
    };
    let after = |rng: &mut DemoRng, t: DateTime<Utc>, lo: i64, hi: i64| {
        t + Duration::days(rng.random_range(lo..=hi)) + Duration::minutes(rng.random_range(0..240))
    };
    // MQL follows the middle touch; SQL follows the last one; conversion follows SQL.
    let middle = lead.touches[(lead.touches.len() - 1) / 2].1;
    let last = lead.touches[lead.touches.len() - 1].1;
    let mql = after(rng, middle, 1, 10);
    if !chance(rng, sigmoid(-1.0 + 2.0 * weight)) {
        if after(rng, mql, 10, 40) <= today_end {
            lead.status = LeadStatus::Disqualified;
        }
        return lead;
    }
    if mql > today_end {
        return lead;
    }
    lead.mql_at = Some(mql);
    lead.status = LeadStatus::Mql;
    let sql = after(rng, mql.max(last), 3, 25);
    if !chance(rng, sigmoid(-0.3 + 1.2 * weight)) {
        if after(rng, sql, 10, 40) <= today_end {
            lead.status = LeadStatus::Disqualified;
        }
        return lead;
    }
    if sql > today_end {
        return lead;
    }
    lead.sql_at = Some(sql);
    lead.status = LeadStatus::Sql;
    let ready = after(rng, sql, 2, 20);
    if chance(rng, sigmoid(0.5 + 1.0 * weight)) && ready <= today_end {
        lead.ready_at = Some(ready);
    }
    lead
}
