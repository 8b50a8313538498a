//! The simulated world before any record is written: calendar, organisation, accounts with
//! their contacts, campaigns, and every account's planned life (with fresh events planted
//! around today). Everything later is a deterministic view of this.

use revpulse_graph::model::Contact;

use super::account_plan::AccountPlan;
use super::accounts::{AccountProfile, build_accounts, build_contacts, cell_plan};
use super::calendar::Calendar;
use super::campaigns::{CampaignPlan, build_campaigns};
use super::config::{DemoConfig, Scale};
use super::deal_plan::PlanCtx;
use super::freshness;
use super::ids::IdScheme;
use super::lifecycle::simulate_account;
use super::names::NameRegistry;
use super::org::{Org, build_org};
use super::rng::{Stream, stream};

/// The planned company.
pub(crate) struct World {
    pub seed: u64,
    pub calendar: Calendar,
    pub org: Org,
    pub profiles: Vec<AccountProfile>,
    /// Contacts with their final ids.
    pub contacts: Vec<Contact>,
    pub account_ids: Vec<String>,
    pub campaigns: Vec<CampaignPlan>,
    pub plans: Vec<AccountPlan>,
}

/// Plans the whole company (the config is already validated).
pub(crate) fn build_world(config: &DemoConfig) -> World {
    let seed = config.seed;
    let calendar = Calendar::new(config.today, config.quarters);
    let scale = Scale::from_config(config);
    let mut names = NameRegistry::new();
    let mut org_rng = stream(seed, Stream::Org, 0);
    let (cells, counts) = cell_plan(&mut org_rng, config.accounts);
    let org = build_org(&mut org_rng, &mut names, &calendar, &scale, &counts);
    let mut profiles = build_accounts(seed, &calendar, &cells, &org, &mut names);
    let mut contacts = build_contacts(seed, &mut profiles, &mut names);
    let account_scheme = IdScheme::padded("ACC", profiles.len(), 4);
    let account_ids: Vec<String> = (0..profiles.len()).map(|i| account_scheme.id(i)).collect();
    let contact_scheme = IdScheme::padded("C", contacts.len(), 5);
    for p in &profiles {
        for c in p.contacts.clone() {
            contacts[c].id = contact_scheme.id(c);
            contacts[c].account_id = account_ids[p.index].clone();
        }
    }
    let campaigns = build_campaigns(
        &mut stream(seed, Stream::Campaigns, 0),
        &calendar,
        scale.campaigns,
    );
    let mut plans: Vec<AccountPlan> = profiles
        .iter()
        .map(|a| {
            simulate_account(&PlanCtx {
                seed,
                calendar: &calendar,
                account: a,
                rep_index: a.owner_rep,
                rep: &org.reps[a.owner_rep],
                campaigns: &campaigns,
                contacts: &contacts,
                leads: &[],
            })
        })
        .collect();
    freshness::plant(seed, &calendar, &profiles, &org.reps, &mut plans);
    World {
        seed,
        calendar,
        org,
        profiles,
        contacts,
        account_ids,
        campaigns,
        plans,
    }
}
