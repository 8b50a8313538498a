//! Groups → role (most privileged wins), admin groups, and the graph identity, both on
//! [`RoleMapping`] directly and end to end through a verified JWT.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use revpulse_gateway_auth::{AuthMethod, Authenticator, OidcVerifier, Role, RoleMapping};
use serde_json::json;

use crate::company;
use crate::issuer::{LoopbackIssuer, with};
use crate::keys::RSA_A;

fn mapping() -> RoleMapping {
    RoleMapping {
        group_roles: BTreeMap::from([
            ("revenue-leadership".to_owned(), Role::Cro),
            ("exec".to_owned(), Role::Executive),
            ("rvp".to_owned(), Role::RegionalVp),
            ("sales-managers".to_owned(), Role::Manager),
            ("sales".to_owned(), Role::Rep),
            ("marketing".to_owned(), Role::Marketing),
            ("finance".to_owned(), Role::Finance),
            ("cs".to_owned(), Role::CustomerSuccess),
        ]),
        admin_groups: BTreeSet::from(["revpulse-admins".to_owned()]),
        ..RoleMapping::default()
    }
}

fn groups(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_most_privileged_mapped_role_wins_whatever_the_order() {
    let m = mapping();
    assert_eq!(
        m.role_for(&groups(&["sales", "revenue-leadership"])),
        Some(Role::Cro)
    );
    assert_eq!(
        m.role_for(&groups(&["revenue-leadership", "sales"])),
        Some(Role::Cro)
    );
    assert_eq!(
        m.role_for(&groups(&["sales", "sales-managers", "rvp"])),
        Some(Role::RegionalVp)
    );
    assert_eq!(
        m.role_for(&groups(&["sales-managers", "finance"])),
        Some(Role::Finance)
    );
    assert_eq!(m.role_for(&groups(&["unmapped", "sales"])), Some(Role::Rep));
    assert_eq!(m.role_for(&groups(&["unmapped"])), None);
    assert_eq!(m.role_for(&[]), None);
    assert_eq!(
        m.role_for(&groups(&["SALES"])),
        None,
        "group names are exact"
    );

    let with_default = RoleMapping {
        default_role: Some(Role::Marketing),
        ..mapping()
    };
    assert_eq!(
        with_default.role_for(&groups(&["unmapped"])),
        Some(Role::Marketing)
    );
    assert_eq!(with_default.role_for(&groups(&["sales"])), Some(Role::Rep));
}

#[test]
fn admin_groups_make_administrators() {
    let m = mapping();
    assert!(m.is_admin(&groups(&["sales", "revpulse-admins"])));
    assert!(!m.is_admin(&groups(&["sales", "revenue-leadership"])));
}

#[test]
fn a_mapping_reads_from_configuration_json() {
    let m: RoleMapping = serde_json::from_value(json!({
        "group_roles": {"sales": "rep", "leaders": "cro"},
        "admin_groups": ["ops"],
        "default_role": "marketing"
    }))
    .unwrap();
    assert_eq!(m.graph_user_claim, "revpulse_user_id");
    assert_eq!(m.role_for(&groups(&["leaders"])), Some(Role::Cro));
    assert!(serde_json::from_value::<RoleMapping>(json!({"group_roles": {"x": "boss"}})).is_err());
    assert!(serde_json::from_value::<RoleMapping>(json!({"typo": 1})).is_err());
}

proptest! {
    #[test]
    fn role_for_is_the_first_role_in_precedence_among_the_mapped_groups(
        picked in proptest::sample::subsequence(
            vec!["revenue-leadership", "exec", "rvp", "sales-managers", "sales", "marketing",
                 "finance", "cs", "unmapped", "other"], 0..=10),
        seed in any::<u64>(),
    ) {
        let m = mapping();
        let mut names = groups(&picked);
        // Shuffle deterministically: the order of groups in a token must not matter.
        names.sort_by_key(|g| (g.len() as u64).wrapping_mul(seed) ^ seed);
        let present: Vec<Role> = names.iter().filter_map(|g| m.group_roles.get(g).copied()).collect();
        let expected = Role::PRECEDENCE.into_iter().find(|r| present.contains(r));
        prop_assert_eq!(m.role_for(&names), expected);
    }
}

async fn oidc_authenticator(idp: &LoopbackIssuer, mapping: RoleMapping) -> Authenticator {
    Authenticator {
        oidc: Some(OidcVerifier::discover(idp.settings()).await.unwrap()),
        api_tokens: None,
        dev_login: None,
        mapping,
    }
}

#[tokio::test]
async fn a_jwt_becomes_a_principal_with_role_admin_and_graph_identity() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let auth = oidc_authenticator(&idp, mapping()).await;
    let users = company::users();
    let bearer = |claims: serde_json::Value| format!("Bearer {}", RSA_A.sign(&claims));

    // Graph user found by email, case-insensitively.
    let claims = with(
        idp.claims("idp|42"),
        "groups",
        json!(["sales", "revpulse-admins"]),
    );
    let claims = with(claims, "email", json!("U-R2@Example.COM"));
    let p = auth
        .authenticate(Some(&bearer(claims)), &users)
        .await
        .unwrap();
    assert_eq!(p.subject, "idp|42");
    assert_eq!(p.role, Role::Rep);
    assert!(p.is_admin);
    assert_eq!(p.graph_user_id.as_deref(), Some("U-R2"));
    assert_eq!(
        p.display_name, "Person U-R2",
        "the graph name when the token has none"
    );
    assert_eq!(p.groups, ["sales", "revpulse-admins"]);
    assert_eq!(
        p.method,
        AuthMethod::Oidc {
            issuer: idp.issuer.clone()
        }
    );

    // The explicit claim wins over the email.
    let claims = with(idp.claims("idp|43"), "groups", json!(["sales-managers"]));
    let claims = with(claims, "email", json!("u-r2@example.com"));
    let claims = with(claims, "revpulse_user_id", json!("U-M-NA"));
    let claims = with(claims, "name", json!("Nadia"));
    let p = auth
        .authenticate(Some(&bearer(claims)), &users)
        .await
        .unwrap();
    assert_eq!(p.graph_user_id.as_deref(), Some("U-M-NA"));
    assert_eq!(p.display_name, "Nadia");
    assert!(!p.is_admin);

    // No graph user at all is fine at authentication (scope_for decides whether it matters).
    let claims = with(idp.claims("idp|44"), "groups", json!(["exec"]));
    let claims = with(claims, "email", json!("board@elsewhere.example"));
    let p = auth
        .authenticate(Some(&bearer(claims)), &users)
        .await
        .unwrap();
    assert_eq!(p.role, Role::Executive);
    assert_eq!(p.graph_user_id, None);
}

#[tokio::test]
async fn unmapped_callers_and_dangling_graph_claims_are_refused() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let users = company::users();
    let bearer = |claims: serde_json::Value| format!("Bearer {}", RSA_A.sign(&claims));

    let auth = oidc_authenticator(&idp, mapping()).await;
    let unmapped = with(idp.claims("idp|9"), "groups", json!(["everyone"]));
    let err = auth
        .authenticate(Some(&bearer(unmapped.clone())), &users)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");

    let defaulted = oidc_authenticator(
        &idp,
        RoleMapping {
            default_role: Some(Role::Marketing),
            ..mapping()
        },
    )
    .await;
    let p = defaulted
        .authenticate(Some(&bearer(unmapped)), &users)
        .await
        .unwrap();
    assert_eq!(p.role, Role::Marketing);

    let dangling = with(idp.claims("idp|10"), "groups", json!(["sales"]));
    let dangling = with(dangling, "revpulse_user_id", json!("U-GONE"));
    let err = auth
        .authenticate(Some(&bearer(dangling)), &users)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "no_graph_identity");
    assert!(err.to_string().contains("U-GONE"), "{err}");
}
