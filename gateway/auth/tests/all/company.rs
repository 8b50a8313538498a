//! A small selling organisation: two regions, two teams, people in every role, and the odd
//! cases (a VP without a region, a rep reporting to a manager from outside the team).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use revpulse_graph::model::{User, UserRole};

fn user(
    id: &str,
    role: UserRole,
    region: Option<&str>,
    team: Option<&str>,
    manager: Option<&str>,
) -> User {
    User {
        id: id.to_owned(),
        name: format!("Person {id}"),
        email: format!("{}@example.com", id.to_lowercase()),
        role,
        region_id: region.map(str::to_owned),
        team_id: team.map(str::to_owned),
        manager_id: manager.map(str::to_owned),
        quarterly_quota: 0,
        start_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    }
}

/// Everyone.
pub fn users() -> Vec<User> {
    use UserRole::*;
    vec![
        user("U-CRO", Cro, None, None, None),
        user("U-VP-EMEA", RegionalVp, Some("EMEA"), None, Some("U-CRO")),
        user("U-VP-NA", RegionalVp, Some("NA"), None, Some("U-CRO")),
        user("U-VP-NOWHERE", RegionalVp, None, None, Some("U-CRO")),
        user(
            "U-M-EMEA",
            Manager,
            Some("EMEA"),
            Some("T-EMEA"),
            Some("U-VP-EMEA"),
        ),
        user("U-M-NA", Manager, Some("NA"), Some("T-NA"), Some("U-VP-NA")),
        user("U-R1", Rep, Some("EMEA"), Some("T-EMEA"), Some("U-M-EMEA")),
        user("U-R2", Rep, Some("EMEA"), Some("T-EMEA"), Some("U-M-EMEA")),
        user("U-R3", Rep, Some("NA"), Some("T-NA"), Some("U-M-NA")),
        user("U-R4", Rep, Some("NA"), Some("T-NA"), Some("U-M-NA")),
        // Reports to the EMEA manager without being on the team (an overlay specialist).
        user("U-R5", Rep, Some("EMEA"), None, Some("U-M-EMEA")),
        user("U-MKT", Marketing, None, None, Some("U-CRO")),
        user("U-FIN", Finance, None, None, Some("U-CRO")),
        user("U-CS", CustomerSuccess, None, None, Some("U-CRO")),
    ]
}

/// The user with `id`.
pub fn find<'u>(users: &'u [User], id: &str) -> &'u User {
    users.iter().find(|u| u.id == id).unwrap()
}

/// Whom a manager `id` leads, computed directly: themselves, everyone on their team, and
/// their direct reports.
pub fn team_of(users: &[User], id: &str) -> BTreeSet<String> {
    let lead = find(users, id);
    let mut team = BTreeSet::from([lead.id.clone()]);
    for u in users {
        let same_team = lead.team_id.is_some() && u.team_id == lead.team_id;
        let reports = u.manager_id.as_deref() == Some(id);
        if same_team || reports {
            team.insert(u.id.clone());
        }
    }
    team
}
