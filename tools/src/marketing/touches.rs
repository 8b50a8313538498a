//! The visible campaigns and each lead's campaign touches up to today, in time order — the
//! raw material of the journeys, the ROI and the content comparison. Touches from a campaign
//! the caller cannot see are left out, so no hidden campaign is ever named or credited.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_analytics::attribution::{self, Touch};
use revpulse_graph::model::{Campaign, CompanyDataset};

use super::ledger::end_of_day;

/// One touch while sorting: when, the campaign's index, the touch id (the tie-break).
type TouchRow<'a> = (DateTime<Utc>, u32, &'a str);

/// The visible campaigns (in id order) and the touches on every lead.
#[derive(Debug, Clone)]
pub(crate) struct CampaignTouches<'a> {
    campaigns: Vec<&'a Campaign>,
    index: BTreeMap<&'a str, u32>,
    by_lead: BTreeMap<&'a str, Vec<Touch>>,
}

impl<'a> CampaignTouches<'a> {
    /// Indexes the campaigns of `company` and the touches made by the end of `today`.
    pub fn new(company: &'a CompanyDataset, today: NaiveDate) -> Self {
        let mut campaigns: Vec<&Campaign> = company.campaigns.iter().collect();
        campaigns.sort_by(|a, b| a.id.cmp(&b.id));
        let index: BTreeMap<&str, u32> = campaigns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let cutoff = end_of_day(today);
        let mut by_lead: BTreeMap<&str, Vec<TouchRow<'_>>> = BTreeMap::new();
        for touch in company.touches.iter().filter(|t| t.at <= cutoff) {
            if let Some(campaign) = index.get(touch.campaign_id.as_str()) {
                by_lead.entry(touch.lead_id.as_str()).or_default().push((
                    touch.at,
                    *campaign,
                    touch.id.as_str(),
                ));
            }
        }
        let by_lead = by_lead
            .into_iter()
            .map(|(lead, mut rows)| {
                rows.sort_unstable();
                let path = rows
                    .into_iter()
                    .map(|(at, campaign, _)| Touch { campaign, at })
                    .collect();
                (lead, path)
            })
            .collect();
        Self {
            campaigns,
            index,
            by_lead,
        }
    }

    /// A visible campaign's index.
    pub fn index_of(&self, campaign_id: &str) -> Option<u32> {
        self.index.get(campaign_id).copied()
    }

    /// The campaign a touch names.
    pub fn campaign(&self, index: u32) -> Option<&'a Campaign> {
        self.campaigns.get(index as usize).copied()
    }

    /// A lead's touches, in time order.
    pub fn of_lead(&self, lead_id: &str) -> &[Touch] {
        self.by_lead.get(lead_id).map_or(&[], Vec::as_slice)
    }

    /// The campaigns as the analytics credits them (id, channel, spend).
    pub fn analytics_campaigns(&self) -> Vec<attribution::Campaign> {
        self.campaigns
            .iter()
            .map(|c| attribution::Campaign {
                id: c.id.clone(),
                channel: c.channel.as_str().to_owned(),
                cost: c.cost.max(0),
            })
            .collect()
    }
}
