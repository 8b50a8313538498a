//! Accounts and the people who work at them: stratified over regions and segments, with
//! unique names, realistic sizes, an owner rep, a customer-success manager, and a buying
//! committee of contacts whose personas map onto deal roles.

use chrono::NaiveDate;
use rand::Rng;
use revpulse_graph::model::{Account, Contact, Segment};

use super::calendar::{Calendar, add_days};
use super::name_lists::INDUSTRIES;
use super::names::{NameRegistry, company_domain};
use super::org::{Org, REGIONS, SEGMENTS};
use super::rng::{DemoRng, Stream, chance, lognormal, pick, stream};

/// Share of accounts that are already customers when history starts.
const INSTALLED_BASE_SHARE: f64 = 0.25;

/// What the generator knows about an account beyond its record.
#[derive(Debug, Clone)]
pub(crate) struct AccountProfile {
    /// Index of the account (0-based, the id order).
    pub index: usize,
    /// Region index into [`REGIONS`].
    pub region: usize,
    /// Size band.
    pub segment: Segment,
    /// Industry name.
    pub industry: &'static str,
    /// Company name.
    pub name: String,
    /// Employee count.
    pub employees: i64,
    /// When the account entered the CRM.
    pub created_on: NaiveDate,
    /// Already a customer when history starts.
    pub installed_base: bool,
    /// Owner rep (index into [`Org::reps`]).
    pub owner_rep: usize,
    /// Customer-success manager (index into [`Org::users`]).
    pub csm: usize,
    /// Email domain.
    pub domain: String,
    /// Range of this account's contacts in the global contact list.
    pub contacts: std::ops::Range<usize>,
}

/// Buyer personas: (persona, titles, weight of appearing beyond the core committee).
const PERSONAS: [(&str, &[&str], f64); 8] = [
    (
        "executive",
        &[
            "Chief Executive Officer",
            "Chief Operating Officer",
            "Chief Revenue Officer",
            "Chief Financial Officer",
            "Chief Information Officer",
            "President",
        ],
        0.5,
    ),
    (
        "finance",
        &[
            "VP Finance",
            "Controller",
            "Director of FP&A",
            "Finance Manager",
        ],
        1.0,
    ),
    (
        "it",
        &[
            "IT Director",
            "Head of IT",
            "Enterprise Architect",
            "Systems Administrator",
            "Security Lead",
        ],
        1.0,
    ),
    (
        "sales",
        &[
            "VP Sales",
            "Director of Revenue Operations",
            "Sales Operations Manager",
            "Head of Sales Enablement",
        ],
        1.3,
    ),
    (
        "marketing",
        &[
            "VP Marketing",
            "Marketing Operations Manager",
            "Director of Demand Generation",
        ],
        0.9,
    ),
    (
        "data",
        &[
            "Head of Data",
            "Analytics Manager",
            "Data Engineer",
            "BI Lead",
        ],
        1.0,
    ),
    (
        "procurement",
        &[
            "Procurement Manager",
            "Strategic Sourcing Lead",
            "Vendor Manager",
        ],
        0.4,
    ),
    (
        "operations",
        &[
            "Director of Operations",
            "Customer Operations Lead",
            "Program Manager",
        ],
        0.8,
    ),
];

/// Core committee every account has, by segment (persona indices into [`PERSONAS`]).
fn core_personas(segment: Segment) -> &'static [usize] {
    match segment {
        Segment::Smb => &[0, 3, 1],
        Segment::MidMarket => &[0, 3, 1, 2, 5],
        Segment::Enterprise => &[0, 0, 3, 1, 2, 5, 6, 4],
    }
}

/// Accounts per (region, segment) cell by largest remainder, then shuffled into an order.
pub(crate) fn cell_plan(
    rng: &mut DemoRng,
    accounts: usize,
) -> (Vec<(usize, usize)>, [[usize; 3]; 4]) {
    let mut quotas = Vec::new();
    for (r, region) in REGIONS.iter().enumerate() {
        for (s, segment) in SEGMENTS.iter().enumerate() {
            let exact = accounts as f64 * region.2 * segment.1;
            quotas.push((r, s, exact.floor() as usize, exact - exact.floor()));
        }
    }
    let assigned: usize = quotas.iter().map(|q| q.2).sum();
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|a, b| quotas[*b].3.total_cmp(&quotas[*a].3).then(a.cmp(b)));
    for i in order.into_iter().take(accounts - assigned) {
        quotas[i].2 += 1;
    }
    let mut counts = [[0usize; 3]; 4];
    let mut cells = Vec::with_capacity(accounts);
    for (r, s, n, _) in quotas {
        counts[r][s] = n;
        cells.extend(std::iter::repeat_n((r, s), n));
    }
    for i in (1..cells.len()).rev() {
        let j = rng.random_range(0..=i);
        cells.swap(i, j);
    }
    (cells, counts)
}

/// Builds the account profiles and records (contacts come later, see [`build_contacts`]).
pub(crate) fn build_accounts(
    seed: u64,
    calendar: &Calendar,
    cells: &[(usize, usize)],
    org: &Org,
    names: &mut NameRegistry,
) -> Vec<AccountProfile> {
    let mut rng = stream(seed, Stream::AccountProfile, 0);
    let mut next_rep = [[0usize; 3]; 4];
    let mut next_csm = [0usize; 4];
    let mut out = Vec::with_capacity(cells.len());
    for (index, (r, s)) in cells.iter().copied().enumerate() {
        let segment = SEGMENTS[s].0;
        let industry_index = rng.random_range(0..INDUSTRIES.len());
        let name = names.company(&mut rng, industry_index);
        let employees = match segment {
            Segment::Smb => lognormal(&mut rng, 80.0, 0.5).clamp(10.0, 250.0),
            Segment::MidMarket => lognormal(&mut rng, 700.0, 0.5).clamp(250.0, 3000.0),
            Segment::Enterprise => lognormal(&mut rng, 9000.0, 0.8).clamp(3000.0, 250_000.0),
        } as i64;
        let installed_base = chance(&mut rng, INSTALLED_BASE_SHARE);
        let created_on = if installed_base {
            add_days(calendar.start, -rng.random_range(400..1800))
        } else {
            // Prospects arrive throughout history (a little more recently: the company grows).
            let span = calendar.span_days() - 30;
            let u: f64 = rng.random::<f64>().powf(0.9);
            add_days(calendar.start, (u * (span + 700) as f64) as i64 - 700)
        };
        let cell_reps = &org.cells[r][s];
        let owner_rep = cell_reps
            .get(next_rep[r][s] % cell_reps.len().max(1))
            .copied()
            .unwrap_or(0);
        next_rep[r][s] += 1;
        let csms = &org.csms[r];
        let csm = csms
            .get(next_csm[r] % csms.len().max(1))
            .copied()
            .unwrap_or(0);
        next_csm[r] += 1;
        out.push(AccountProfile {
            index,
            region: r,
            segment,
            industry: INDUSTRIES[industry_index].0,
            domain: company_domain(&name, REGIONS[r].3),
            name,
            employees,
            created_on,
            installed_base,
            owner_rep,
            csm,
            contacts: 0..0,
        });
    }
    out
}

/// Builds every account's contacts; fills each profile's contact range.
pub(crate) fn build_contacts(
    seed: u64,
    accounts: &mut [AccountProfile],
    names: &mut NameRegistry,
) -> Vec<Contact> {
    let mut contacts = Vec::new();
    for account in accounts.iter_mut() {
        let mut rng = stream(seed, Stream::Contacts, account.index as u64);
        let core = core_personas(account.segment);
        let extra = match account.segment {
            Segment::Smb => rng.random_range(0..=3),
            Segment::MidMarket => rng.random_range(2..=8),
            Segment::Enterprise => rng.random_range(6..=18),
        };
        let weights: Vec<f64> = PERSONAS.iter().map(|p| p.2).collect();
        let first = contacts.len();
        let mut used_titles: Vec<&str> = Vec::new();
        for k in 0..core.len() + extra {
            let persona = match core.get(k) {
                Some(p) => *p,
                None => super::rng::weighted_index(&mut rng, &weights),
            };
            let (persona_name, titles, _) = PERSONAS[persona];
            // Prefer a title not yet used at this account.
            let mut title = pick(&mut rng, titles).copied().unwrap_or("Manager");
            for _ in 0..3 {
                if !used_titles.contains(&title) {
                    break;
                }
                title = pick(&mut rng, titles).copied().unwrap_or("Manager");
            }
            used_titles.push(title);
            let name = names.person(&mut rng);
            contacts.push(Contact {
                id: String::new(),
                account_id: String::new(),
                email: format!("{}@{}", name.email_local, account.domain),
                name: name.full,
                title: title.to_string(),
                persona: persona_name.to_string(),
            });
        }
        account.contacts = first..contacts.len();
    }
    contacts
}

/// The account record of a profile, given the final ids.
pub(crate) fn account_record(profile: &AccountProfile, id: String, owner_id: String) -> Account {
    Account {
        id,
        name: profile.name.clone(),
        industry: profile.industry.to_string(),
        segment: profile.segment,
        region_id: REGIONS[profile.region].0.to_string(),
        owner_id,
        employees: profile.employees,
        created_on: profile.created_on,
    }
}
