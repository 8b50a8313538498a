//! The API as a list of typed operations — the catalogue's tools plus the app's actions —
//! from which the GraphQL schema is generated. Surfaces translate; the operations are the
//! contract.

mod actions;
mod answers;
mod audit_log;
mod briefs;
mod me;
mod operation;
mod tools;

pub use actions::{AlertAcknowledgementView, ForecastOverrideView, ForecastSubmissionView};
pub use audit_log::{AuditEntryView, ChainView};
pub use briefs::BriefView;
pub use me::MeView;
pub use operation::{Operation, OperationKind, RunFn};

use revpulse_tools::Catalogue;

/// Every operation: the tools, then the app's.
pub fn operations(catalogue: &Catalogue) -> Vec<Operation> {
    let mut all = tools::tool_operations(catalogue);
    all.push(me::me());
    all.extend(answers::operations());
    all.extend(briefs::operations());
    all.extend(actions::operations());
    all.extend(audit_log::operations());
    all
}
