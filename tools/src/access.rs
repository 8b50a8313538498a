//! The role rule: which records each kind of person sees. CRO, finance and marketing see the
//! whole company; customer success sees every customer; a regional VP sees their region; a
//! manager their team's accounts and deals; a rep their own.

use revpulse_graph::model::{User, UserRole};

use crate::Scope;

impl Scope {
    /// The scope of `user`, given everyone in the company (to find a manager's team).
    pub fn for_user(user: &User, everyone: &[User]) -> Self {
        match user.role {
            UserRole::Cro | UserRole::Finance | UserRole::Marketing | UserRole::CustomerSuccess => {
                Self::everything(&user.id)
            }
            UserRole::RegionalVp => Self::granted(
                &user.id,
                user.region_id.iter().cloned(),
                [user.id.clone()],
                [],
            ),
            UserRole::Manager => {
                let team: Vec<String> = everyone
                    .iter()
                    .filter(|u| {
                        u.id == user.id
                            || (u.team_id.is_some() && u.team_id == user.team_id)
                            || u.manager_id.as_deref() == Some(user.id.as_str())
                    })
                    .map(|u| u.id.clone())
                    .collect();
                Self::granted(&user.id, [], team, [])
            }
            UserRole::Rep => Self::granted(&user.id, [], [user.id.clone()], []),
        }
    }
}
