//! Placeholders: `{account}`, `{deal_number}`, `{other_region_id}`… in questions and argument
//! matchers, filled from the entities the harness picked for the caller (see [`super::picks`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The entities a placeholder can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// The visible account with the most calls.
    Account,
    /// The largest visible open deal closing this quarter.
    Deal,
    /// The caller (a rep) or the busiest visible rep with a quota.
    Rep,
    /// The visible campaign with the most touches.
    Campaign,
    /// The competitor most mentioned in visible activities.
    Competitor,
    /// The caller's region (or the one with the most visible open pipeline).
    OwnRegion,
    /// A region outside the caller's grants (or another region for unrestricted callers).
    OtherRegion,
    /// The largest open deal the caller cannot see.
    ForeignDeal,
    /// The account with the most calls that the caller cannot see.
    ForeignAccount,
    /// An account holding a planted prompt injection (set per expanded case).
    InjectedAccount,
}

/// Which form of the entity a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// As a person would write it (name, region short name).
    Text,
    /// Its natural key.
    Id,
    /// A deal's number (`1045` of `OPP-1045`).
    Number,
}

/// A placeholder: an entity kind and a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Placeholder {
    /// The entity.
    pub kind: EntityKind,
    /// The form.
    pub form: Form,
}

/// Every placeholder name.
const NAMES: [(&str, EntityKind, Form); 21] = [
    ("account", EntityKind::Account, Form::Text),
    ("account_id", EntityKind::Account, Form::Id),
    ("deal_number", EntityKind::Deal, Form::Number),
    ("deal_id", EntityKind::Deal, Form::Id),
    ("rep_name", EntityKind::Rep, Form::Text),
    ("rep_id", EntityKind::Rep, Form::Id),
    ("campaign", EntityKind::Campaign, Form::Text),
    ("campaign_id", EntityKind::Campaign, Form::Id),
    ("competitor", EntityKind::Competitor, Form::Text),
    ("competitor_id", EntityKind::Competitor, Form::Id),
    ("own_region", EntityKind::OwnRegion, Form::Text),
    ("region_id", EntityKind::OwnRegion, Form::Id),
    ("own_region_id", EntityKind::OwnRegion, Form::Id),
    ("other_region", EntityKind::OtherRegion, Form::Text),
    ("other_region_id", EntityKind::OtherRegion, Form::Id),
    ("foreign_deal_number", EntityKind::ForeignDeal, Form::Number),
    ("foreign_deal_id", EntityKind::ForeignDeal, Form::Id),
    ("foreign_account", EntityKind::ForeignAccount, Form::Text),
    ("foreign_account_id", EntityKind::ForeignAccount, Form::Id),
    ("injected_account", EntityKind::InjectedAccount, Form::Text),
    ("injected_account_id", EntityKind::InjectedAccount, Form::Id),
];

impl Placeholder {
    /// The placeholder called `name` (without braces).
    pub fn parse(name: &str) -> Result<Self, String> {
        NAMES
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, kind, form)| Self {
                kind: *kind,
                form: *form,
            })
            .ok_or_else(|| {
                let known: Vec<&str> = NAMES.iter().map(|(n, _, _)| *n).collect();
                format!(
                    "unknown placeholder `{{{name}}}` (known: {})",
                    known.join(", ")
                )
            })
    }

    /// Its name (without braces).
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, k, f)| *k == self.kind && *f == self.form)
            .map_or("?", |(n, _, _)| *n)
    }
}

/// One picked entity in its forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picked {
    /// Natural key.
    pub id: String,
    /// As written in a question.
    pub text: String,
}

impl Picked {
    /// The form a placeholder asks for.
    pub fn form(&self, form: Form) -> String {
        match form {
            Form::Text => self.text.clone(),
            Form::Id => self.id.clone(),
            Form::Number => self.id.strip_prefix("OPP-").unwrap_or(&self.id).to_owned(),
        }
    }
}

/// The entities picked for one caller.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Picks {
    /// What each kind resolved to (kinds the data has none of are missing).
    pub entities: BTreeMap<EntityKind, Picked>,
}

impl Picks {
    /// The entity of `kind`, if one was picked.
    pub fn get(&self, kind: EntityKind) -> Option<&Picked> {
        self.entities.get(&kind)
    }

    /// The value of `placeholder`, or why there is none.
    pub fn value(&self, placeholder: Placeholder) -> Result<String, String> {
        self.get(placeholder.kind)
            .map(|p| p.form(placeholder.form))
            .ok_or_else(|| {
                format!(
                    "`{{{}}}` has no value for this caller in this data",
                    placeholder.name()
                )
            })
    }

    /// `text` with every `{placeholder}` filled.
    pub fn fill(&self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("unclosed `{{` in «{text}»"))?;
            out.push_str(&self.value(Placeholder::parse(&after[..close])?)?);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// The placeholders written in `text`, or the first unknown name.
pub fn placeholders_in(text: &str) -> Result<Vec<Placeholder>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in «{text}»"))?;
        out.push(Placeholder::parse(&after[..close])?);
        rest = &after[close + 1..];
    }
    Ok(out)
}
