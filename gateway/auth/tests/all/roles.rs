//! Role names and precedence.

use proptest::prelude::*;
use revpulse_gateway_auth::Role;
use revpulse_graph::model::UserRole;

#[test]
fn names_round_trip_and_match_serde() {
    for role in Role::PRECEDENCE {
        assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        assert_eq!(
            serde_json::to_value(role).unwrap(),
            serde_json::json!(role.as_str())
        );
        assert_eq!(role.to_string(), role.as_str());
    }
    let names: Vec<&str> = Role::PRECEDENCE.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        names,
        [
            "cro",
            "executive",
            "finance",
            "marketing",
            "customer_success",
            "regional_vp",
            "manager",
            "rep"
        ]
    );
}

#[test]
fn an_unknown_role_name_is_a_clear_error() {
    let err = "Chief".parse::<Role>().unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("unknown role `Chief`; expected one of: cro, executive"),
        "{message}"
    );
    assert!("CRO".parse::<Role>().is_err(), "names are exact snake_case");
}

#[test]
fn graph_roles_map_onto_gateway_roles_of_the_same_name() {
    for user_role in [
        UserRole::Rep,
        UserRole::Manager,
        UserRole::RegionalVp,
        UserRole::Cro,
        UserRole::Marketing,
        UserRole::Finance,
        UserRole::CustomerSuccess,
    ] {
        let role = Role::from_user_role(user_role);
        assert_eq!(role.as_str(), user_role.as_str());
        assert_eq!(role.user_role(), Some(user_role));
    }
    assert_eq!(Role::Executive.user_role(), None);
}

proptest! {
    #[test]
    fn parsing_accepts_exactly_the_role_names(s in "[a-z_]{0,20}") {
        let known = Role::PRECEDENCE.iter().any(|r| r.as_str() == s);
        prop_assert_eq!(s.parse::<Role>().is_ok(), known);
    }
}
