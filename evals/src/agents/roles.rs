//! Who asks: a suite names a role (`cro`, `regional_vp:EMEA`, `rep:any`), and the harness
//! picks a concrete user of that role from the data, deterministically, so suites stay valid on
//! any seed or dataset.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, User, UserRole};
use serde::{Deserialize, Serialize};

use super::history::DealLedger;

/// A role a case is asked as.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum RoleSelector {
    /// The chief revenue officer.
    Cro,
    /// Someone in finance.
    Finance,
    /// Someone in marketing.
    Marketing,
    /// A customer-success manager.
    CustomerSuccess,
    /// A regional VP: of that region id, or (`None`) the first by id.
    RegionalVp(Option<String>),
    /// The manager whose team holds the most open deals.
    Manager,
    /// The rep with a quota who holds the most open deals.
    Rep,
}

impl TryFrom<String> for RoleSelector {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        let fixed = match s.as_str() {
            "cro" => Some(Self::Cro),
            "finance" => Some(Self::Finance),
            "marketing" => Some(Self::Marketing),
            "customer_success" => Some(Self::CustomerSuccess),
            "manager:any" | "manager" => Some(Self::Manager),
            "rep:any" | "rep" => Some(Self::Rep),
            "regional_vp:any" | "regional_vp" => Some(Self::RegionalVp(None)),
            _ => None,
        };
        if let Some(role) = fixed {
            return Ok(role);
        }
        match s.strip_prefix("regional_vp:") {
            Some(region) if !region.is_empty() => Ok(Self::RegionalVp(Some(region.to_owned()))),
            _ => Err(format!(
                "unknown role `{s}` (cro, finance, marketing, customer_success, \
                 regional_vp:<region id|any>, manager:any, rep:any)"
            )),
        }
    }
}

impl From<RoleSelector> for String {
    fn from(r: RoleSelector) -> Self {
        r.to_string()
    }
}

impl fmt::Display for RoleSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cro => f.write_str("cro"),
            Self::Finance => f.write_str("finance"),
            Self::Marketing => f.write_str("marketing"),
            Self::CustomerSuccess => f.write_str("customer_success"),
            Self::RegionalVp(None) => f.write_str("regional_vp:any"),
            Self::RegionalVp(Some(r)) => write!(f, "regional_vp:{r}"),
            Self::Manager => f.write_str("manager:any"),
            Self::Rep => f.write_str("rep:any"),
        }
    }
}

impl RoleSelector {
    /// The role's family, for per-role figures (`regional_vp`, `rep`, …).
    pub fn family(&self) -> &'static str {
        match self {
            Self::Cro => "cro",
            Self::Finance => "finance",
            Self::Marketing => "marketing",
            Self::CustomerSuccess => "customer_success",
            Self::RegionalVp(_) => "regional_vp",
            Self::Manager => "manager",
            Self::Rep => "rep",
        }
    }

    /// The user this role means in `company` on `today`, if the company has one.
    pub fn resolve(&self, company: &CompanyDataset, today: NaiveDate) -> Option<User> {
        let of_role = |role: UserRole| {
            let mut users: Vec<&User> = company.users.iter().filter(|u| u.role == role).collect();
            users.sort_by(|a, b| a.id.cmp(&b.id));
            users
        };
        let first = |role| of_role(role).first().map(|u| (*u).clone());
        match self {
            Self::Cro => first(UserRole::Cro),
            Self::Finance => first(UserRole::Finance),
            Self::Marketing => first(UserRole::Marketing),
            Self::CustomerSuccess => first(UserRole::CustomerSuccess),
            Self::RegionalVp(None) => first(UserRole::RegionalVp),
            Self::RegionalVp(Some(region)) => of_role(UserRole::RegionalVp)
                .into_iter()
                .find(|u| u.region_id.as_deref() == Some(region.as_str()))
                .cloned(),
            Self::Manager => busiest(of_role(UserRole::Manager), company, today, |u, owner| {
                company.users.iter().any(|m| {
                    m.id == owner
                        && (m.id == u.id || (m.team_id.is_some() && m.team_id == u.team_id))
                })
            }),
            Self::Rep => busiest(
                of_role(UserRole::Rep)
                    .into_iter()
                    .filter(|u| u.quarterly_quota > 0)
                    .collect(),
                company,
                today,
                |u, owner| u.id == owner,
            ),
        }
    }
}

/// Of `users`, the one owning (by `owns`) the most deals open on `today`; ties by id.
fn busiest(
    users: Vec<&User>,
    company: &CompanyDataset,
    today: NaiveDate,
    owns: impl Fn(&User, &str) -> bool,
) -> Option<User> {
    let ledger = DealLedger::new(company);
    let mut open_by_owner: BTreeMap<&str, usize> = BTreeMap::new();
    for deal in &company.opportunities {
        if ledger
            .on(&deal.id, today)
            .is_some_and(|s| s.stage.is_open())
        {
            *open_by_owner.entry(deal.owner_id.as_str()).or_default() += 1;
        }
    }
    users
        .into_iter()
        .map(|u| {
            let open: usize = open_by_owner
                .iter()
                .filter(|(owner, _)| owns(u, owner))
                .map(|(_, n)| n)
                .sum();
            (u, open)
        })
        .max_by(|(a, na), (b, nb)| na.cmp(nb).then(b.id.cmp(&a.id)))
        .map(|(u, _)| u.clone())
}
