//! The records a conversation question names — account, deal, region — checked against what
//! the caller may see, so an id outside the scope answers exactly like an unknown one.

use revpulse_graph::model::{Account, CompanyDataset, Opportunity};
use revpulse_search::{FilterField, SearchFilter};

use crate::ToolError;

/// The visible account with this id.
pub(crate) fn account<'c>(company: &'c CompanyDataset, id: &str) -> Result<&'c Account, ToolError> {
    company
        .accounts
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| ToolError::NotFound {
            what: "account",
            id: id.to_owned(),
        })
}

/// The visible deal with this id.
pub(crate) fn deal<'c>(
    company: &'c CompanyDataset,
    id: &str,
) -> Result<&'c Opportunity, ToolError> {
    company
        .opportunities
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ToolError::NotFound {
            what: "deal",
            id: id.to_owned(),
        })
}

/// The region id as the records spell it (matched without regard to case).
pub(crate) fn region(company: &CompanyDataset, id: &str) -> Result<String, ToolError> {
    company
        .regions
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id.trim()))
        .map(|r| r.id.clone())
        .ok_or_else(|| ToolError::NotFound {
            what: "region",
            id: id.to_owned(),
        })
}

/// Which passages a question is about: an account, a deal and a region, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Subject<'a> {
    /// The account id.
    pub account_id: Option<&'a str>,
    /// The deal id.
    pub deal_id: Option<&'a str>,
    /// The region id.
    pub region: Option<&'a str>,
}

impl Subject<'_> {
    /// The index filter for the subject, after checking every named record is visible (a
    /// deal named with an account must belong to it).
    pub(crate) fn filter(&self, company: &CompanyDataset) -> Result<SearchFilter, ToolError> {
        let mut filter = SearchFilter::any();
        if let Some(id) = self.account_id {
            let account = account(company, id)?;
            filter = filter.with(FilterField::AccountId, [account.id.clone()]);
        }
        if let Some(id) = self.deal_id {
            let deal = deal(company, id)?;
            if self.account_id.is_some_and(|a| a != deal.account_id) {
                return Err(ToolError::NotFound {
                    what: "deal",
                    id: id.to_owned(),
                });
            }
            filter = filter.with(FilterField::DealId, [deal.id.clone()]);
        }
        if let Some(id) = self.region {
            filter = filter.with(FilterField::Region, [region(company, id)?]);
        }
        Ok(filter)
    }
}
