//! `scope_for` for every role, with the expected regions and owners computed from the users
//! list here, including the cases that must fail closed.

use std::collections::BTreeSet;

use revpulse_gateway_auth::{AuthMethod, Principal, Role, scope_for};
use revpulse_graph::model::RecordScope;

use crate::company::{self, find, team_of};

fn principal(role: Role, graph_user: Option<&str>) -> Principal {
    Principal {
        subject: "idp|subject".to_owned(),
        display_name: "Someone".to_owned(),
        email: None,
        groups: Vec::new(),
        role,
        graph_user_id: graph_user.map(str::to_owned),
        is_admin: false,
        method: AuthMethod::Oidc {
            issuer: "https://idp.example.com".to_owned(),
        },
    }
}

fn granted(regions: &[&str], owners: BTreeSet<String>) -> RecordScope {
    RecordScope::Granted {
        regions: regions.iter().map(|r| r.to_string()).collect(),
        owners,
        accounts: BTreeSet::new(),
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn company_wide_roles_see_everything_with_or_without_a_graph_user() {
    let users = company::users();
    for role in [
        Role::Cro,
        Role::Executive,
        Role::Finance,
        Role::Marketing,
        Role::CustomerSuccess,
    ] {
        let anonymous = scope_for(&principal(role, None), &users).unwrap();
        assert!(anonymous.is_everything(), "{role}");
        assert_eq!(anonymous.principal(), "idp|subject");
        let known = scope_for(&principal(role, Some("U-FIN")), &users).unwrap();
        assert!(known.is_everything());
        assert_eq!(known.principal(), "U-FIN");
    }
}

#[test]
fn a_regional_vp_sees_their_region() {
    let users = company::users();
    for id in ["U-VP-EMEA", "U-VP-NA"] {
        let scope = scope_for(&principal(Role::RegionalVp, Some(id)), &users).unwrap();
        let region = find(&users, id).region_id.clone().unwrap();
        assert_eq!(scope.records(), &granted(&[&region], set(&[id])));
        assert_eq!(scope.principal(), id);
        assert!(scope.sees_region(&region));
    }
}

#[test]
fn a_manager_sees_their_team_and_reports() {
    let users = company::users();
    for id in ["U-M-EMEA", "U-M-NA"] {
        let scope = scope_for(&principal(Role::Manager, Some(id)), &users).unwrap();
        assert_eq!(scope.records(), &granted(&[], team_of(&users, id)));
    }
    // The overlay rep reporting to the EMEA manager is theirs; the NA team is not.
    let emea = team_of(&users, "U-M-EMEA");
    assert_eq!(emea, set(&["U-M-EMEA", "U-R1", "U-R2", "U-R5"]));
}

#[test]
fn a_rep_sees_their_own_deals_and_accounts() {
    let users = company::users();
    for id in ["U-R1", "U-R3", "U-R5"] {
        let scope = scope_for(&principal(Role::Rep, Some(id)), &users).unwrap();
        assert_eq!(scope.records(), &granted(&[], set(&[id])));
    }
}

#[test]
fn the_principal_role_decides_breadth_and_the_graph_user_supplies_the_place() {
    let users = company::users();
    // Promoted in the identity provider before the CRM caught up: a graph rep acting as
    // manager sees their team (T-EMEA), not just their own deals.
    let scope = scope_for(&principal(Role::Manager, Some("U-R1")), &users).unwrap();
    assert_eq!(scope.records(), &granted(&[], team_of(&users, "U-R1")));
    assert_eq!(team_of(&users, "U-R1"), set(&["U-M-EMEA", "U-R1", "U-R2"]));
    // A graph manager whose token says rep sees only their own.
    let scope = scope_for(&principal(Role::Rep, Some("U-M-NA")), &users).unwrap();
    assert_eq!(scope.records(), &granted(&[], set(&["U-M-NA"])));
    // A graph rep acting as regional VP gets their home region.
    let scope = scope_for(&principal(Role::RegionalVp, Some("U-R3")), &users).unwrap();
    assert_eq!(scope.records(), &granted(&["NA"], set(&["U-R3"])));
    // A graph CRO with a rep's token is a rep.
    let scope = scope_for(&principal(Role::Rep, Some("U-CRO")), &users).unwrap();
    assert!(!scope.is_everything());
}

#[test]
fn roles_needing_a_graph_identity_fail_closed_without_one() {
    let users = company::users();
    for role in [Role::RegionalVp, Role::Manager, Role::Rep] {
        for graph_user in [None, Some("U-GONE")] {
            let err = scope_for(&principal(role, graph_user), &users).unwrap_err();
            assert_eq!(err.code(), "no_graph_identity", "{role} {graph_user:?}");
            assert!(err.to_string().contains(role.as_str()), "{err}");
        }
    }
    // A VP without a region is not widened to anything.
    let err = scope_for(&principal(Role::RegionalVp, Some("U-VP-NOWHERE")), &users).unwrap_err();
    assert_eq!(err.code(), "no_graph_identity");
    assert!(err.to_string().contains("no region"), "{err}");
    // An empty company has nobody to be.
    let err = scope_for(&principal(Role::Rep, Some("U-R1")), &[]).unwrap_err();
    assert_eq!(err.code(), "no_graph_identity");
}
