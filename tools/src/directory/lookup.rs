//! The reference filters of the directory tools — a region, an owner, an account, an industry
//! named by id or by name — resolved against the caller's records. A value that matches
//! nothing the caller can see is `NotFound`, worded like a missing record: a region outside the
//! scope gets exactly the answer a region that does not exist gets.

use std::collections::BTreeSet;

use revpulse_graph::model::CompanyDataset;

use super::page::{contains_folded, folded_text};
use crate::{Scope, ToolError};

/// The region named by `text` (its id or its name, any case), if the caller may list it: a
/// region they were granted, or one holding an account they can see.
pub(crate) fn region(
    tool: &str,
    scope: &Scope,
    company: &CompanyDataset,
    text: &str,
) -> Result<String, ToolError> {
    let wanted = folded_text(tool, "region", text)?;
    company
        .regions
        .iter()
        .filter(|r| r.id.to_lowercase() == wanted || r.name.to_lowercase() == wanted)
        .map(|r| r.id.as_str())
        .find(|id| scope.sees_region(id) || company.accounts.iter().any(|a| a.region_id == *id))
        .map(str::to_owned)
        .ok_or_else(|| not_found("region", text))
}

/// The user ids named by `text`: a visible user's id or name (any case), or the id of a user
/// who owns a visible deal or account.
pub(crate) fn owners(
    tool: &str,
    company: &CompanyDataset,
    text: &str,
) -> Result<BTreeSet<String>, ToolError> {
    let wanted = folded_text(tool, "owner", text)?;
    let mut ids: BTreeSet<String> = company
        .users
        .iter()
        .filter(|u| u.id.to_lowercase() == wanted || u.name.to_lowercase() == wanted)
        .map(|u| u.id.clone())
        .collect();
    let owner_ids = company
        .opportunities
        .iter()
        .map(|o| &o.owner_id)
        .chain(company.accounts.iter().map(|a| &a.owner_id));
    ids.extend(owner_ids.filter(|id| id.to_lowercase() == wanted).cloned());
    if ids.is_empty() {
        return Err(not_found("owner", text));
    }
    Ok(ids)
}

/// The visible account ids named by `text`: an id (any case) or a part of a name (any case).
pub(crate) fn accounts(
    tool: &str,
    company: &CompanyDataset,
    text: &str,
) -> Result<BTreeSet<String>, ToolError> {
    let wanted = folded_text(tool, "account", text)?;
    let ids: BTreeSet<String> = company
        .accounts
        .iter()
        .filter(|a| a.id.to_lowercase() == wanted || contains_folded(&a.name, &wanted))
        .map(|a| a.id.clone())
        .collect();
    if ids.is_empty() {
        return Err(not_found("account", text));
    }
    Ok(ids)
}

/// The industry named by `text` (any case) as a visible account records it.
pub(crate) fn industry(
    tool: &str,
    company: &CompanyDataset,
    text: &str,
) -> Result<String, ToolError> {
    let wanted = folded_text(tool, "industry", text)?;
    company
        .accounts
        .iter()
        .map(|a| a.industry.as_str())
        .find(|i| i.to_lowercase() == wanted)
        .map(str::to_owned)
        .ok_or_else(|| not_found("industry", text))
}

/// The no-leak answer for a value that matches nothing visible.
fn not_found(what: &'static str, text: &str) -> ToolError {
    ToolError::NotFound {
        what,
        id: text.to_owned(),
    }
}
