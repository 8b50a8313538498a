//! A deal's time-stamped history — stage, close-date and amount changes, its buying committee
//! and every touchpoint — and a view of it *as of* a date that can only see what had happened
//! by then. Slippage, anomalies and risk rules all read deals through [`DealAsOf`], which is what
//! makes their backtests free of leakage.

use chrono::NaiveDate;

use super::deal::SalesStage;

/// A value a field took on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated<T> {
    /// The day the field took the value.
    pub on: NaiveDate,
    /// The new value.
    pub value: T,
}

/// The part a contact plays in the buying decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuyerRole {
    /// Signs off on the money.
    EconomicBuyer,
    /// Sells internally for us.
    Champion,
    /// Senior executive sponsoring the project.
    ExecSponsor,
    /// Evaluates the technology.
    TechnicalEvaluator,
    /// Runs the purchasing process.
    Procurement,
    /// Future user.
    EndUser,
}

impl BuyerRole {
    /// Whether the role holds executive or budget authority (exec sponsor, economic buyer).
    pub fn is_executive(self) -> bool {
        match self {
            Self::EconomicBuyer | Self::ExecSponsor => true,
            Self::Champion | Self::TechnicalEvaluator | Self::Procurement | Self::EndUser => false,
        }
    }
}

/// A buyer-side contact on the deal and their role, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyerContact {
    /// Contact id.
    pub contact_id: String,
    /// Their role on this deal.
    pub role: Option<BuyerRole>,
}

/// A call, email or meeting with the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touchpoint {
    /// The day it happened.
    pub on: NaiveDate,
    /// Buyer contacts who took part.
    pub contact_ids: Vec<String>,
    /// Whether price, discount or a quote came up.
    pub mentions_pricing: bool,
}

/// Everything recorded about one deal. Each history is in time order, the first entry being
/// the value at creation; touchpoints are in time order too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRecord {
    /// Deal id.
    pub id: String,
    /// Creation day.
    pub created_on: NaiveDate,
    /// Stage history.
    pub stages: Vec<Dated<SalesStage>>,
    /// Expected close-date history.
    pub close_dates: Vec<Dated<NaiveDate>>,
    /// Amount history, whole dollars.
    pub amounts: Vec<Dated<i64>>,
    /// The buying committee with roles.
    pub contacts: Vec<BuyerContact>,
    /// Calls, emails and meetings with the buyer.
    pub touchpoints: Vec<Touchpoint>,
}

impl DealRecord {
    /// This deal as it stood at the end of `as_of`.
    pub fn as_of(&self, as_of: NaiveDate) -> DealAsOf<'_> {
        DealAsOf {
            record: self,
            as_of,
        }
    }
}

/// The part of a history recorded on or before `as_of` (histories are in time order).
fn until<T>(history: &[Dated<T>], as_of: NaiveDate) -> &[Dated<T>] {
    &history[..history.partition_point(|d| d.on <= as_of)]
}

/// A deal seen at the end of a day: every accessor ignores what was recorded later.
#[derive(Debug, Clone, Copy)]
pub struct DealAsOf<'a> {
    record: &'a DealRecord,
    as_of: NaiveDate,
}

impl<'a> DealAsOf<'a> {
    /// Deal id.
    pub fn id(&self) -> &'a str {
        &self.record.id
    }

    /// The day the deal is seen at.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Whether the deal existed by then.
    pub fn exists(&self) -> bool {
        self.record.created_on <= self.as_of
    }

    /// Stage changes up to the as-of day.
    pub fn stage_history(&self) -> &'a [Dated<SalesStage>] {
        until(&self.record.stages, self.as_of)
    }

    /// Close-date changes up to the as-of day.
    pub fn close_date_history(&self) -> &'a [Dated<NaiveDate>] {
        until(&self.record.close_dates, self.as_of)
    }

    /// Amount changes up to the as-of day.
    pub fn amount_history(&self) -> &'a [Dated<i64>] {
        until(&self.record.amounts, self.as_of)
    }

    /// Touchpoints up to the as-of day.
    pub fn touchpoints(&self) -> &'a [Touchpoint] {
        let all = &self.record.touchpoints;
        &all[..all.partition_point(|t| t.on <= self.as_of)]
    }

    /// The buying committee (roles carry no dates; engagement is read from touchpoints).
    pub fn contacts(&self) -> &'a [BuyerContact] {
        &self.record.contacts
    }

    /// Stage then, if the deal existed.
    pub fn stage(&self) -> Option<SalesStage> {
        self.stage_history().last().map(|d| d.value)
    }

    /// Whether the deal was open then.
    pub fn is_open(&self) -> bool {
        self.stage().is_some_and(SalesStage::is_open)
    }

    /// The day the deal entered the stage it was in then.
    pub fn stage_entered_on(&self) -> Option<NaiveDate> {
        self.stage_history().last().map(|d| d.on)
    }

    /// Expected close date then.
    pub fn close_date(&self) -> Option<NaiveDate> {
        self.close_date_history().last().map(|d| d.value)
    }

    /// Amount then.
    pub fn amount(&self) -> Option<i64> {
        self.amount_history().last().map(|d| d.value)
    }

    /// The last touchpoint day, if any.
    pub fn last_touch_on(&self) -> Option<NaiveDate> {
        self.touchpoints().last().map(|t| t.on)
    }

    /// Days from `day` to the as-of day.
    pub fn days_since(&self, day: NaiveDate) -> i64 {
        (self.as_of - day).num_days()
    }

    /// The role of a contact on this deal.
    pub fn role_of(&self, contact_id: &str) -> Option<BuyerRole> {
        self.record
            .contacts
            .iter()
            .find(|c| c.contact_id == contact_id)
            .and_then(|c| c.role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::test_support::{day, record, touch};

    #[test]
    fn the_view_sees_only_what_happened_by_its_day() {
        let mut r = record(
            "d",
            day(2025, 1, 1),
            &[
                (day(2025, 1, 1), SalesStage::Prospecting),
                (day(2025, 2, 1), SalesStage::Discovery),
                (day(2025, 3, 1), SalesStage::ClosedWon),
            ],
        );
        r.touchpoints = vec![
            touch(day(2025, 1, 5), &["c"], false),
            touch(day(2025, 2, 20), &["c"], true),
        ];
        let before = r.as_of(day(2024, 12, 31));
        assert!(!before.exists());
        assert_eq!(before.stage(), None);
        let mid = r.as_of(day(2025, 2, 1));
        assert_eq!(mid.stage(), Some(SalesStage::Discovery));
        assert_eq!(mid.stage_entered_on(), Some(day(2025, 2, 1)));
        assert_eq!(mid.touchpoints().len(), 1);
        assert!(mid.is_open());
        assert!(!r.as_of(day(2025, 3, 1)).is_open());
    }
}
