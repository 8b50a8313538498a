//! Computing a fact for one caller: the visible deals as they stand today (optionally of one
//! picked region), then one small sum or count per fact.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use revpulse_graph::model::{
    CompanyDataset, ContractStatus, ForecastCategory, Quarter, Stage, UserRole,
};

use super::deals::{DealToday, called, is_new_bookings, len, open, sum, won_in};
use super::{FactName, FactSpec, FactValue};
use crate::agents::history::DealLedger;
use crate::agents::placeholders::{EntityKind, Picks};

/// What facts are computed over.
pub struct FactInputs<'a> {
    /// The caller's visible records.
    pub visible: &'a CompanyDataset,
    /// Deal histories.
    pub ledger: &'a DealLedger,
    /// Today.
    pub today: NaiveDate,
    /// The caller's picked entities.
    pub picks: &'a Picks,
}

impl FactInputs<'_> {
    /// The value of `spec`, or why it has none.
    pub fn compute(&self, spec: FactSpec) -> Result<FactValue, String> {
        let region = match spec.region {
            Some(kind) => Some(self.picked(kind)?.to_owned()),
            None => None,
        };
        let deals = self.deals(region.as_deref());
        use FactName::*;
        match spec.name {
            RepQuota | RepClosedWon | RepCommit | RepGap => self.rep_fact(spec.name, &deals),
            QuarterQuota => Ok(FactValue::Money(self.quota(region.as_deref()))),
            ArrTotal | RenewalsDueThisQuarter | RenewalArrThisQuarter | AccountArr => {
                self.contract_fact(spec.name, region.as_deref())
            }
            AccountOpenPipeline | DealAmount | CampaignCost | CompetitorDealCount
            | CompetitorWinRate => self.entity_fact(spec.name, &deals),
            _ => self.deal_fact(spec.name, &deals),
        }
    }

    /// Sums and counts over the deals alone.
    fn deal_fact(&self, name: FactName, deals: &[DealToday<'_>]) -> Result<FactValue, String> {
        let quarter = Quarter::containing(self.today);
        let last = quarter.previous();
        let year = self.today.year();
        let jan1 = |y| NaiveDate::from_ymd_opt(y, 1, 1).ok_or("no such year");
        use FactName::*;
        Ok(match name {
            OpenPipelineTotal => FactValue::Money(sum(open(deals))),
            OpenDealCount => FactValue::Count(len(open(deals))),
            QuarterClosedWon => {
                FactValue::Money(sum(won_in(deals, quarter.start(), quarter.end())))
            }
            LastQuarterClosedWon => FactValue::Money(sum(won_in(deals, last.start(), last.end()))),
            QuarterCommit => {
                FactValue::Money(sum(called(deals, quarter, ForecastCategory::Commit)))
            }
            QuarterBestCase => {
                FactValue::Money(sum(called(deals, quarter, ForecastCategory::BestCase)))
            }
            WonRevenueThisYear => FactValue::Money(sum(won_in(deals, jan1(year)?, self.today))),
            WonRevenueLastYear => {
                let dec31 = jan1(year)?.pred_opt().ok_or("no such year")?;
                FactValue::Money(sum(won_in(deals, jan1(year - 1)?, dec31)))
            }
            SlippedDealCount => FactValue::Count(len(
                open(deals).filter(|(_, s)| s.pushes + s.regressions >= 2)
            )),
            other => return Err(format!("{other:?} is not a deal fact")),
        })
    }

    /// The picked rep's figures this quarter.
    fn rep_fact(&self, name: FactName, deals: &[DealToday<'_>]) -> Result<FactValue, String> {
        let rep = self.picked(EntityKind::Rep)?;
        let quota = self
            .visible
            .users
            .iter()
            .find(|u| u.id == rep)
            .map(|u| u.quarterly_quota)
            .ok_or("the picked rep is not visible")?;
        let own: Vec<DealToday<'_>> = deals
            .iter()
            .filter(|(o, _)| o.owner_id == rep)
            .copied()
            .collect();
        let quarter = Quarter::containing(self.today);
        let won = sum(won_in(&own, quarter.start(), quarter.end()));
        Ok(FactValue::Money(match name {
            FactName::RepQuota => quota,
            FactName::RepClosedWon => won,
            FactName::RepCommit => sum(called(&own, quarter, ForecastCategory::Commit)),
            _ => quota - won,
        }))
    }

    /// Σ quarterly quota of the visible reps (of `region`).
    fn quota(&self, region: Option<&str>) -> i64 {
        self.visible
            .users
            .iter()
            .filter(|u| u.role == UserRole::Rep)
            .filter(|u| region.is_none() || u.region_id.as_deref() == region)
            .map(|u| u.quarterly_quota)
            .sum()
    }

    /// ARR and renewals of active contracts.
    fn contract_fact(&self, name: FactName, region: Option<&str>) -> Result<FactValue, String> {
        let quarter = Quarter::containing(self.today);
        let active = self.active_contracts(region);
        let renewing = || {
            active
                .iter()
                .filter(|c| Quarter::containing(c.2) == quarter)
        };
        Ok(match name {
            FactName::ArrTotal => FactValue::Money(active.iter().map(|c| c.1).sum()),
            FactName::RenewalsDueThisQuarter => FactValue::Count(len(renewing())),
            FactName::RenewalArrThisQuarter => FactValue::Money(renewing().map(|c| c.1).sum()),
            _ => {
                let account = self.picked(EntityKind::Account)?;
                FactValue::Money(active.iter().filter(|c| c.0 == account).map(|c| c.1).sum())
            }
        })
    }

    /// Facts about the picked account, deal, campaign or competitor.
    fn entity_fact(&self, name: FactName, deals: &[DealToday<'_>]) -> Result<FactValue, String> {
        Ok(match name {
            FactName::AccountOpenPipeline => {
                let account = self.picked(EntityKind::Account)?;
                FactValue::Money(sum(open(deals).filter(|(o, _)| o.account_id == account)))
            }
            FactName::DealAmount => {
                let deal = self.picked(EntityKind::Deal)?;
                let (_, s) = deals
                    .iter()
                    .find(|(o, _)| o.id == deal)
                    .ok_or("the picked deal is not visible")?;
                FactValue::Money(s.amount)
            }
            FactName::CampaignCost => {
                let id = self.picked(EntityKind::Campaign)?;
                let c = self.visible.campaigns.iter().find(|c| c.id == id);
                FactValue::Money(c.ok_or("the picked campaign is not visible")?.cost)
            }
            FactName::CompetitorDealCount => {
                FactValue::Count(len(self.with_competitor(deals)?.iter()))
            }
            _ => {
                let with = self.with_competitor(deals)?;
                let won = len(with.iter().filter(|(_, s)| s.stage == Stage::ClosedWon));
                let lost = len(with.iter().filter(|(_, s)| s.stage == Stage::ClosedLost));
                if won + lost == 0 {
                    return Err("no closed deals with the picked competitor".into());
                }
                FactValue::Rate(won as f64 / (won + lost) as f64)
            }
        })
    }

    fn picked(&self, kind: EntityKind) -> Result<&str, String> {
        self.picks
            .get(kind)
            .map(|p| p.id.as_str())
            .ok_or_else(|| format!("no {kind:?} was picked for this caller"))
    }

    /// Visible deals as they stand today (optionally only accounts of `region`).
    fn deals(&self, region: Option<&str>) -> Vec<DealToday<'_>> {
        let region_of = self.region_of();
        self.visible
            .opportunities
            .iter()
            .filter(|o| region.is_none() || region_of.get(o.account_id.as_str()).copied() == region)
            .filter_map(|o| self.ledger.on(&o.id, self.today).map(|s| (o, s)))
            .collect()
    }

    fn region_of(&self) -> BTreeMap<&str, &str> {
        self.visible
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a.region_id.as_str()))
            .collect()
    }

    /// New-bookings deals with the picked competitor in them: recorded as the primary
    /// competitor, or named in an activity on the deal.
    fn with_competitor<'d>(&self, deals: &[DealToday<'d>]) -> Result<Vec<DealToday<'d>>, String> {
        let name = self.picked(EntityKind::Competitor)?;
        let named: BTreeSet<&str> = self
            .visible
            .activities
            .iter()
            .filter(|a| a.competitors_mentioned.iter().any(|c| c == name))
            .filter_map(|a| a.opportunity_id.as_deref())
            .collect();
        Ok(deals
            .iter()
            .filter(|(o, _)| is_new_bookings(o))
            .filter(|(o, _)| {
                o.primary_competitor.as_deref() == Some(name) || named.contains(o.id.as_str())
            })
            .copied()
            .collect())
    }

    /// (account id, ARR, renewal date) of active contracts, optionally of `region`'s accounts.
    fn active_contracts(&self, region: Option<&str>) -> Vec<(&str, i64, NaiveDate)> {
        let region_of = self.region_of();
        self.visible
            .contracts
            .iter()
            .filter(|c| c.status == ContractStatus::Active)
            .filter(|c| region.is_none() || region_of.get(c.account_id.as_str()).copied() == region)
            .map(|c| (c.account_id.as_str(), c.arr, c.renewal_date))
            .collect()
    }
}
