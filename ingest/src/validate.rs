//! Checks a dataset before anything is written: natural keys unique, every reference
//! resolvable. A dataset that passes can be loaded without leaving dangling stubs.

use std::collections::HashMap;

use crate::bronze::SourceLines;
use crate::dataset::CompanyDataset;
use crate::error::IngestError;

/// The natural keys of one record kind and the line each was first seen on.
struct KeySet<'a> {
    file: &'static str,
    kind: &'static str,
    first_line: HashMap<&'a str, usize>,
}

impl<'a> KeySet<'a> {
    fn build<T>(
        file: &'static str,
        kind: &'static str,
        records: &'a [T],
        key: impl Fn(&'a T) -> &'a str,
        lines: &SourceLines,
    ) -> Result<Self, IngestError> {
        let mut first_line = HashMap::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let line = lines.line(file, i);
            if let Some(first) = first_line.insert(key(record), line) {
                return Err(IngestError::DuplicateKey {
                    path: lines.path(file),
                    line,
                    first_line: first,
                    kind,
                    key: key(record).to_string(),
                });
            }
        }
        Ok(Self {
            file,
            kind,
            first_line,
        })
    }

    fn contains(&self, key: &str) -> bool {
        self.first_line.contains_key(key)
    }
}

/// Reports a reference from record `index` of `file` to a key that `target` lacks.
struct RefCheck<'l> {
    lines: &'l SourceLines,
}

impl RefCheck<'_> {
    fn check(
        &self,
        file: &'static str,
        index: usize,
        field: &'static str,
        target: &KeySet<'_>,
        value: &str,
    ) -> Result<(), IngestError> {
        if target.contains(value) {
            return Ok(());
        }
        Err(IngestError::DanglingReference {
            path: self.lines.path(file),
            line: self.lines.line(file, index),
            field,
            target: target.kind,
            value: value.to_string(),
            target_file: target.file,
        })
    }

    fn check_opt(
        &self,
        file: &'static str,
        index: usize,
        field: &'static str,
        target: &KeySet<'_>,
        value: Option<&str>,
    ) -> Result<(), IngestError> {
        value.map_or(Ok(()), |v| self.check(file, index, field, target, v))
    }
}

/// Validates keys and references of `data`; errors name the bronze file and line.
pub fn validate(data: &CompanyDataset, lines: &SourceLines) -> Result<(), IngestError> {
    let k = Keys::build(data, lines)?;
    let r = RefCheck { lines };
    check_org(data, &k, &r)?;
    check_deals(data, &k, &r)?;
    check_marketing(data, &k, &r)?;
    check_activity(data, &k, &r)?;
    check_customers(data, &k, &r)
}

/// The key sets of every kind that is referred to.
struct Keys<'a> {
    regions: KeySet<'a>,
    product_lines: KeySet<'a>,
    products: KeySet<'a>,
    competitors: KeySet<'a>,
    users: KeySet<'a>,
    teams: KeySet<'a>,
    accounts: KeySet<'a>,
    contacts: KeySet<'a>,
    campaigns: KeySet<'a>,
    opportunities: KeySet<'a>,
    leads: KeySet<'a>,
    activities: KeySet<'a>,
}

impl<'a> Keys<'a> {
    fn build(d: &'a CompanyDataset, l: &SourceLines) -> Result<Self, IngestError> {
        let keys = Self {
            regions: KeySet::build("regions.jsonl", "Region", &d.regions, |x| &x.id, l)?,
            product_lines: KeySet::build(
                "product_lines.jsonl",
                "ProductLine",
                &d.product_lines,
                |x| &x.id,
                l,
            )?,
            products: KeySet::build("products.jsonl", "Product", &d.products, |x| &x.id, l)?,
            competitors: KeySet::build(
                "competitors.jsonl",
                "Competitor",
                &d.competitors,
                |x| &x.name,
                l,
            )?,
            users: KeySet::build("users.jsonl", "User", &d.users, |x| &x.id, l)?,
            teams: KeySet::build("teams.jsonl", "Team", &d.teams, |x| &x.id, l)?,
            accounts: KeySet::build("accounts.jsonl", "Account", &d.accounts, |x| &x.id, l)?,
            contacts: KeySet::build("contacts.jsonl", "Contact", &d.contacts, |x| &x.id, l)?,
            campaigns: KeySet::build("campaigns.jsonl", "Campaign", &d.campaigns, |x| &x.id, l)?,
            opportunities: KeySet::build(
                "opportunities.jsonl",
                "Opportunity",
                &d.opportunities,
                |x| &x.id,
                l,
            )?,
            leads: KeySet::build("leads.jsonl", "Lead", &d.leads, |x| &x.id, l)?,
            activities: KeySet::build("activities.jsonl", "Activity", &d.activities, |x| &x.id, l)?,
        };
        KeySet::build("touches.jsonl", "Touch", &d.touches, |x| &x.id, l)?;
        KeySet::build(
            "transcripts.jsonl",
            "Transcript",
            &d.transcripts,
            |x| &x.id,
            l,
        )?;
        KeySet::build("tickets.jsonl", "Ticket", &d.tickets, |x| &x.id, l)?;
        KeySet::build("contracts.jsonl", "Contract", &d.contracts, |x| &x.id, l)?;
        unique_derived(
            "usage.jsonl",
            "UsageSnapshot",
            d.usage.iter().map(|u| u.id()),
            l,
        )?;
        unique_derived(
            "stage_changes.jsonl",
            "StageChange",
            d.stage_changes.iter().map(|c| c.id()),
            l,
        )?;
        unique_derived(
            "amount_changes.jsonl",
            "AmountChange",
            d.amount_changes.iter().map(|c| c.id()),
            l,
        )?;
        unique_derived(
            "close_date_changes.jsonl",
            "CloseDateChange",
            d.close_date_changes.iter().map(|c| c.id()),
            l,
        )?;
        unique_derived(
            "forecast_category_changes.jsonl",
            "ForecastCategoryChange",
            d.forecast_category_changes.iter().map(|c| c.id()),
            l,
        )?;
        Ok(keys)
    }
}

/// Uniqueness for kinds whose key is computed from several fields.
fn unique_derived(
    file: &'static str,
    kind: &'static str,
    keys: impl Iterator<Item = String>,
    lines: &SourceLines,
) -> Result<(), IngestError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, key) in keys.enumerate() {
        let line = lines.line(file, i);
        if let Some(first) = seen.get(&key) {
            return Err(IngestError::DuplicateKey {
                path: lines.path(file),
                line,
                first_line: *first,
                kind,
                key,
            });
        }
        seen.insert(key, line);
    }
    Ok(())
}

fn check_org(d: &CompanyDataset, k: &Keys<'_>, r: &RefCheck<'_>) -> Result<(), IngestError> {
    for (i, x) in d.products.iter().enumerate() {
        r.check(
            "products.jsonl",
            i,
            "product_line_id",
            &k.product_lines,
            &x.product_line_id,
        )?;
    }
    for (i, x) in d.users.iter().enumerate() {
        r.check_opt(
            "users.jsonl",
            i,
            "region_id",
            &k.regions,
            x.region_id.as_deref(),
        )?;
        r.check_opt("users.jsonl", i, "team_id", &k.teams, x.team_id.as_deref())?;
        r.check_opt(
            "users.jsonl",
            i,
            "manager_id",
            &k.users,
            x.manager_id.as_deref(),
        )?;
    }
    for (i, x) in d.teams.iter().enumerate() {
        r.check("teams.jsonl", i, "region_id", &k.regions, &x.region_id)?;
        r.check("teams.jsonl", i, "manager_id", &k.users, &x.manager_id)?;
    }
    Ok(())
}

fn check_deals(d: &CompanyDataset, k: &Keys<'_>, r: &RefCheck<'_>) -> Result<(), IngestError> {
    const F: &str = "opportunities.jsonl";
    for (i, x) in d.opportunities.iter().enumerate() {
        r.check(F, i, "account_id", &k.accounts, &x.account_id)?;
        r.check(F, i, "owner_id", &k.users, &x.owner_id)?;
        r.check(
            F,
            i,
            "product_line_id",
            &k.product_lines,
            &x.product_line_id,
        )?;
        r.check(F, i, "product_id", &k.products, &x.product_id)?;
        r.check_opt(F, i, "lead_id", &k.leads, x.lead_id.as_deref())?;
        r.check_opt(
            F,
            i,
            "primary_competitor",
            &k.competitors,
            x.primary_competitor.as_deref(),
        )?;
    }
    for (i, x) in d.opportunity_contacts.iter().enumerate() {
        r.check(
            "opportunity_contacts.jsonl",
            i,
            "opportunity_id",
            &k.opportunities,
            &x.opportunity_id,
        )?;
        r.check(
            "opportunity_contacts.jsonl",
            i,
            "contact_id",
            &k.contacts,
            &x.contact_id,
        )?;
    }
    let histories = [
        (
            "stage_changes.jsonl",
            d.stage_changes
                .iter()
                .map(|c| c.opportunity_id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "amount_changes.jsonl",
            d.amount_changes
                .iter()
                .map(|c| c.opportunity_id.as_str())
                .collect(),
        ),
        (
            "close_date_changes.jsonl",
            d.close_date_changes
                .iter()
                .map(|c| c.opportunity_id.as_str())
                .collect(),
        ),
        (
            "forecast_category_changes.jsonl",
            d.forecast_category_changes
                .iter()
                .map(|c| c.opportunity_id.as_str())
                .collect(),
        ),
    ];
    for (file, ids) in histories {
        for (i, id) in ids.into_iter().enumerate() {
            r.check(file, i, "opportunity_id", &k.opportunities, id)?;
        }
    }
    Ok(())
}

fn check_marketing(d: &CompanyDataset, k: &Keys<'_>, r: &RefCheck<'_>) -> Result<(), IngestError> {
    for (i, x) in d.campaigns.iter().enumerate() {
        r.check_opt(
            "campaigns.jsonl",
            i,
            "region_id",
            &k.regions,
            x.region_id.as_deref(),
        )?;
    }
    for (i, x) in d.leads.iter().enumerate() {
        r.check("leads.jsonl", i, "contact_id", &k.contacts, &x.contact_id)?;
        r.check("leads.jsonl", i, "account_id", &k.accounts, &x.account_id)?;
        let converted = x.converted_opportunity_id.as_deref();
        r.check_opt(
            "leads.jsonl",
            i,
            "converted_opportunity_id",
            &k.opportunities,
            converted,
        )?;
    }
    for (i, x) in d.touches.iter().enumerate() {
        r.check(
            "touches.jsonl",
            i,
            "campaign_id",
            &k.campaigns,
            &x.campaign_id,
        )?;
        r.check("touches.jsonl", i, "lead_id", &k.leads, &x.lead_id)?;
    }
    Ok(())
}

fn check_activity(d: &CompanyDataset, k: &Keys<'_>, r: &RefCheck<'_>) -> Result<(), IngestError> {
    const F: &str = "activities.jsonl";
    for (i, x) in d.activities.iter().enumerate() {
        r.check(F, i, "account_id", &k.accounts, &x.account_id)?;
        r.check_opt(
            F,
            i,
            "opportunity_id",
            &k.opportunities,
            x.opportunity_id.as_deref(),
        )?;
        r.check(F, i, "user_id", &k.users, &x.user_id)?;
        for c in &x.contact_ids {
            r.check(F, i, "contact_ids", &k.contacts, c)?;
        }
        for c in &x.competitors_mentioned {
            r.check(F, i, "competitors_mentioned", &k.competitors, c)?;
        }
    }
    for (i, x) in d.transcripts.iter().enumerate() {
        r.check(
            "transcripts.jsonl",
            i,
            "activity_id",
            &k.activities,
            &x.activity_id,
        )?;
    }
    Ok(())
}

fn check_customers(d: &CompanyDataset, k: &Keys<'_>, r: &RefCheck<'_>) -> Result<(), IngestError> {
    for (i, x) in d.accounts.iter().enumerate() {
        r.check("accounts.jsonl", i, "region_id", &k.regions, &x.region_id)?;
        r.check("accounts.jsonl", i, "owner_id", &k.users, &x.owner_id)?;
    }
    for (i, x) in d.contacts.iter().enumerate() {
        r.check(
            "contacts.jsonl",
            i,
            "account_id",
            &k.accounts,
            &x.account_id,
        )?;
    }
    for (i, x) in d.tickets.iter().enumerate() {
        r.check("tickets.jsonl", i, "account_id", &k.accounts, &x.account_id)?;
        r.check_opt(
            "tickets.jsonl",
            i,
            "contact_id",
            &k.contacts,
            x.contact_id.as_deref(),
        )?;
    }
    for (i, x) in d.usage.iter().enumerate() {
        r.check("usage.jsonl", i, "account_id", &k.accounts, &x.account_id)?;
    }
    for (i, x) in d.contracts.iter().enumerate() {
        r.check(
            "contracts.jsonl",
            i,
            "account_id",
            &k.accounts,
            &x.account_id,
        )?;
        r.check_opt(
            "contracts.jsonl",
            i,
            "opportunity_id",
            &k.opportunities,
            x.opportunity_id.as_deref(),
        )?;
        r.check(
            "contracts.jsonl",
            i,
            "product_line_id",
            &k.product_lines,
            &x.product_line_id,
        )?;
    }
    Ok(())
}
