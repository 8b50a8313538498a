//! `me`: who the gateway thinks the caller is and what they may see — the first thing a
//! client asks after signing in.

use revpulse_graph::model::RecordScope;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Operation, OperationKind};

/// No arguments.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// The caller.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MeView {
    /// Stable subject.
    pub subject: String,
    /// Name.
    pub display_name: String,
    /// Role that sets the scope.
    pub role: String,
    /// Whether the caller may read the audit log.
    pub is_admin: bool,
    /// Whether the caller sees every record.
    pub sees_everything: bool,
    /// Region ids granted (empty when everything is visible).
    pub regions: Vec<String>,
    /// Owners (reps) whose deals are granted.
    pub owners: Vec<String>,
    /// Accounts granted directly.
    pub accounts: Vec<String>,
    /// The day that counts as today.
    pub today: chrono::NaiveDate,
}

/// The `me` operation.
pub fn me() -> Operation {
    Operation::typed(
        "me",
        "Who you are signed in as, your role and what you may see.",
        OperationKind::Query,
        |service, caller, _: NoArgs| async move {
            let (regions, owners, accounts) = match caller.scope.records() {
                RecordScope::Everything => (Vec::new(), Vec::new(), Vec::new()),
                RecordScope::Granted {
                    regions,
                    owners,
                    accounts,
                } => (
                    regions.iter().cloned().collect(),
                    owners.iter().cloned().collect(),
                    accounts.iter().cloned().collect(),
                ),
            };
            Ok(MeView {
                subject: caller.subject.clone(),
                display_name: caller.display_name.clone(),
                role: caller.role.clone(),
                is_admin: caller.is_admin,
                sees_everything: caller.scope.is_everything(),
                regions,
                owners,
                accounts,
                today: service.today(),
            })
        },
    )
}
