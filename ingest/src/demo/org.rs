//! The selling organisation: four regions, a team per region and segment (split when large),
//! a CRO, regional VPs, managers, reps with a latent skill, and marketing, finance and customer
//! success people. Quotas are set once the bookings are known (see [`set_quotas`]).

use chrono::NaiveDate;
use rand::Rng;
use revpulse_graph::model::{Region, Segment, Team, User, UserRole};

use super::calendar::{Calendar, add_days};
use super::config::Scale;
use super::ids::IdScheme;
use super::names::NameRegistry;
use super::rng::{DemoRng, normal};

/// Regions: id, display name, share of accounts, email top-level domain of its companies.
pub(crate) const REGIONS: [(&str, &str, f64, &str); 4] = [
    ("NA", "North America", 0.36, "com"),
    ("EMEA", "Europe, Middle East & Africa", 0.30, "eu"),
    ("APAC", "Asia Pacific", 0.20, "io"),
    ("LATAM", "Latin America", 0.14, "la"),
];

/// Segments with their share of accounts and accounts one rep can cover.
pub(crate) const SEGMENTS: [(Segment, f64, f64); 3] = [
    (Segment::Smb, 0.50, 16.0),
    (Segment::MidMarket, 0.32, 8.0),
    (Segment::Enterprise, 0.18, 4.0),
];

/// The seller's email domain.
pub(crate) const SELLER_DOMAIN: &str = "northbeam.io";

/// Most reps one manager leads before the team is split.
const MAX_TEAM_SIZE: usize = 10;

/// Short code of a segment used in team ids.
pub(crate) fn segment_code(segment: Segment) -> &'static str {
    match segment {
        Segment::Smb => "SMB",
        Segment::MidMarket => "MM",
        Segment::Enterprise => "ENT",
    }
}

/// A quota-carrying rep with the latent traits that shape their deals.
#[derive(Debug, Clone)]
pub(crate) struct RepProfile {
    /// Index into [`Org::users`].
    pub user: usize,
    /// Segment covered.
    pub segment: Segment,
    /// Latent selling skill added to every deal's win logit.
    pub skill: f64,
    /// How much of the true cycle the rep expects at deal creation (below 1: optimistic).
    pub optimism: f64,
    /// Chance the rep calls a negotiation-stage deal "commit".
    pub commit_bias: f64,
}

/// The whole organisation.
#[derive(Debug, Clone)]
pub(crate) struct Org {
    /// Regions.
    pub regions: Vec<Region>,
    /// Teams.
    pub teams: Vec<Team>,
    /// Everyone, with ids already assigned.
    pub users: Vec<User>,
    /// Reps and their latent traits.
    pub reps: Vec<RepProfile>,
    /// Rep indices (into `reps`) per (region, segment) cell: `cells[region][segment]`.
    pub cells: Vec<Vec<Vec<usize>>>,
    /// Customer-success managers per region (indices into `users`).
    pub csms: Vec<Vec<usize>>,
}

/// Index of a segment in [`SEGMENTS`].
pub(crate) fn segment_index(segment: Segment) -> usize {
    match segment {
        Segment::Smb => 0,
        Segment::MidMarket => 1,
        Segment::Enterprise => 2,
    }
}

struct Draft {
    name: String,
    email: String,
    role: UserRole,
    region: Option<usize>,
    team: Option<usize>,
    manager: Option<usize>,
    start: NaiveDate,
}

/// Builds the organisation sized for `cell_accounts[region][segment]` accounts.
pub(crate) fn build_org(
    rng: &mut DemoRng,
    names: &mut NameRegistry,
    calendar: &Calendar,
    scale: &Scale,
    cell_accounts: &[[usize; 3]; 4],
) -> Org {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut new_person = |rng: &mut DemoRng, role, region, team, manager| {
        let name = names.person(rng);
        let start = add_days(calendar.start, -rng.random_range(30..1500));
        drafts.push(Draft {
            email: format!("{}@{SELLER_DOMAIN}", name.email_local),
            name: name.full,
            role,
            region,
            team,
            manager,
            start,
        });
        drafts.len() - 1
    };
    let cro = new_person(rng, UserRole::Cro, None, None, None);
    let mut teams_out = Vec::new();
    let mut reps = Vec::new();
    let mut cells = vec![vec![Vec::new(); 3]; 4];
    let mut team_drafts: Vec<(String, String, usize, usize)> = Vec::new();
    for (r, (region_id, _, _, _)) in REGIONS.iter().enumerate() {
        let vp = new_person(rng, UserRole::RegionalVp, Some(r), None, Some(cro));
        for (s, (segment, _, per_rep)) in SEGMENTS.iter().enumerate() {
            let accounts = cell_accounts[r][s] as f64;
            let rep_count = ((accounts / per_rep).round() as usize).max(1);
            let team_count = rep_count.div_ceil(MAX_TEAM_SIZE);
            for t in 0..team_count {
                let team_index = team_drafts.len();
                let manager =
                    new_person(rng, UserRole::Manager, Some(r), Some(team_index), Some(vp));
                let code = segment_code(*segment);
                let (id, name) = if team_count == 1 {
                    (
                        format!("TEAM-{region_id}-{code}"),
                        format!("{region_id} {}", segment_label(*segment)),
                    )
                } else {
                    (
                        format!("TEAM-{region_id}-{code}-{}", t + 1),
                        format!("{region_id} {} {}", segment_label(*segment), t + 1),
                    )
                };
                team_drafts.push((id, name, r, manager));
                let size = rep_count / team_count + usize::from(t < rep_count % team_count);
                for _ in 0..size {
                    let user =
                        new_person(rng, UserRole::Rep, Some(r), Some(team_index), Some(manager));
                    cells[r][s].push(reps.len());
                    reps.push(RepProfile {
                        user,
                        segment: *segment,
                        skill: 0.35 * normal(rng),
                        optimism: rng.random_range(0.55..0.95),
                        commit_bias: rng.random_range(0.45..0.9),
                    });
                }
            }
        }
    }
    let marketing_head = new_person(rng, UserRole::Marketing, None, None, Some(cro));
    for _ in 1..scale.marketing_users {
        new_person(rng, UserRole::Marketing, None, None, Some(marketing_head));
    }
    let finance_head = new_person(rng, UserRole::Finance, None, None, None);
    for _ in 1..scale.finance_users {
        new_person(rng, UserRole::Finance, None, None, Some(finance_head));
    }
    let cs_head = new_person(rng, UserRole::CustomerSuccess, None, None, Some(cro));
    let mut csms = vec![Vec::new(); 4];
    for i in 0..scale.cs_users.max(4) {
        let region = i % 4;
        csms[region].push(new_person(
            rng,
            UserRole::CustomerSuccess,
            Some(region),
            None,
            Some(cs_head),
        ));
    }
    let ids = IdScheme::padded("U", drafts.len(), 3);
    for (id, name, region, manager) in &team_drafts {
        teams_out.push(Team {
            id: id.clone(),
            name: name.clone(),
            region_id: REGIONS[*region].0.to_string(),
            manager_id: ids.id(*manager),
        });
    }
    let users = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| User {
            id: ids.id(i),
            name: d.name.clone(),
            email: d.email.clone(),
            role: d.role,
            region_id: d.region.map(|r| REGIONS[r].0.to_string()),
            team_id: d.team.and_then(|t| team_drafts.get(t)).map(|t| t.0.clone()),
            manager_id: d.manager.map(|m| ids.id(m)),
            quarterly_quota: 0,
            start_date: d.start,
        })
        .collect();
    let regions = REGIONS
        .iter()
        .map(|(id, name, _, _)| Region {
            id: id.to_string(),
            name: name.to_string(),
        })
        .collect();
    Org {
        regions,
        teams: teams_out,
        users,
        reps,
        cells,
        csms,
    }
}

fn segment_label(segment: Segment) -> &'static str {
    match segment {
        Segment::Smb => "SMB",
        Segment::MidMarket => "Mid-Market",
        Segment::Enterprise => "Enterprise",
    }
}

/// Sets each rep's quarterly quota from the bookings of their segment: a stretch of about 20%
/// over the average rep's new-business and expansion bookings per full quarter, rounded to
/// $5,000; managers carry their team's sum, VPs their region's, the CRO everyone's.
pub(crate) fn set_quotas(org: &mut Org, bookings_per_segment: [f64; 3], full_quarters: u32) {
    let mut reps_per_segment = [0usize; 3];
    for rep in &org.reps {
        reps_per_segment[segment_index(rep.segment)] += 1;
    }
    let quarters = f64::from(full_quarters.max(1));
    let quota = |s: usize| -> i64 {
        let per_rep = bookings_per_segment[s] / quarters / reps_per_segment[s].max(1) as f64;
        let stretched = (per_rep * 1.2 / 5000.0).round() as i64 * 5000;
        stretched.max(10_000)
    };
    let mut by_user = vec![0i64; org.users.len()];
    for rep in &org.reps {
        by_user[rep.user] = quota(segment_index(rep.segment));
    }
    // Roll up to managers, then VPs, then the CRO (managers' ids are earlier in the list).
    let index_of: std::collections::BTreeMap<String, usize> = org
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i))
        .collect();
    for role in [UserRole::Rep, UserRole::Manager, UserRole::RegionalVp] {
        for i in 0..org.users.len() {
            if org.users[i].role != role {
                continue;
            }
            if let Some(m) = org.users[i]
                .manager_id
                .as_ref()
                .and_then(|m| index_of.get(m))
            {
                by_user[*m] += by_user[i];
            }
        }
    }
    for (user, quota) in org.users.iter_mut().zip(by_user) {
        if matches!(
            user.role,
            UserRole::Rep | UserRole::Manager | UserRole::RegionalVp | UserRole::Cro
        ) {
            user.quarterly_quota = quota;
        }
    }
}
