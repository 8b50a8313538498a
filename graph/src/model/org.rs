//! The selling organisation: regions, teams and the people who carry quota.

use serde::{Deserialize, Serialize};

/// A sales region (territory), e.g. "EMEA".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Natural key, e.g. `"EMEA"`.
    pub id: String,
    /// Display name, e.g. `"Europe, Middle East & Africa"`.
    pub name: String,
}

/// A sales team inside one region, led by a manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Natural key, e.g. `"TEAM-EMEA-ENT"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The region the team sells in.
    pub region_id: String,
    /// The team's manager (a [`User`] id).
    pub manager_id: String,
}

/// What a person does in the revenue organisation; drives default access scope later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// Account executive carrying a quota.
    Rep,
    /// First-line sales manager of a team.
    Manager,
    /// Regional vice president.
    RegionalVp,
    /// Chief revenue officer.
    Cro,
    /// Marketing.
    Marketing,
    /// Finance.
    Finance,
    /// Customer success manager.
    CustomerSuccess,
}

impl UserRole {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rep => "rep",
            Self::Manager => "manager",
            Self::RegionalVp => "regional_vp",
            Self::Cro => "cro",
            Self::Marketing => "marketing",
            Self::Finance => "finance",
            Self::CustomerSuccess => "customer_success",
        }
    }
}

/// A person in the revenue organisation (rep, manager, VP, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Natural key, e.g. `"U-017"`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Work email.
    pub email: String,
    /// Role in the organisation.
    pub role: UserRole,
    /// Home region, if the role is regional.
    pub region_id: Option<String>,
    /// Team, for reps and managers.
    pub team_id: Option<String>,
    /// Direct manager, if any.
    pub manager_id: Option<String>,
    /// Quarterly bookings quota in dollars (0 for people without quota).
    pub quarterly_quota: i64,
    /// First day in the role.
    pub start_date: chrono::NaiveDate,
}
