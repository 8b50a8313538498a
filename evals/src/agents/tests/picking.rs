//! Roles, placeholder picks and facts on a demo company, against independent simple sums.

use revpulse_graph::model::{CompanyDataset, Stage, UserRole};
use revpulse_tools::Scope;

use crate::agents::facts::{FactInputs, FactName, FactSpec, FactValue};
use crate::agents::history::DealLedger;
use crate::agents::picks::{Viewpoint, pick};
use crate::agents::placeholders::{EntityKind, Picks};
use crate::agents::roles::RoleSelector;

use super::fixture::{company, today};

fn role(s: &str) -> RoleSelector {
    RoleSelector::try_from(s.to_owned()).unwrap()
}

/// The picks and visible records of the user `role` resolves to.
fn view_of(role_name: &str) -> (Picks, CompanyDataset, Scope) {
    let full = &company().dataset;
    let user = role(role_name).resolve(full, today()).unwrap();
    let scope = Scope::for_user(&user, &full.users);
    let visible = scope.records().filter(full);
    let ledger = DealLedger::new(full);
    let picks = pick(&Viewpoint {
        full,
        visible: &visible,
        user: &user,
        scope: &scope,
        today: today(),
        ledger: &ledger,
    });
    (picks, visible, scope)
}

fn fact(visible: &CompanyDataset, picks: &Picks, spec: &str) -> FactValue {
    let ledger = DealLedger::new(&company().dataset);
    let inputs = FactInputs {
        visible,
        ledger: &ledger,
        today: today(),
        picks,
    };
    inputs
        .compute(FactSpec::try_from(spec.to_owned()).unwrap())
        .unwrap()
}

#[test]
fn roles_resolve_to_users_of_that_role() {
    let full = &company().dataset;
    let cases = [
        ("cro", UserRole::Cro),
        ("finance", UserRole::Finance),
        ("marketing", UserRole::Marketing),
        ("customer_success", UserRole::CustomerSuccess),
        ("regional_vp:any", UserRole::RegionalVp),
        ("manager:any", UserRole::Manager),
        ("rep:any", UserRole::Rep),
    ];
    for (name, want) in cases {
        let user = role(name).resolve(full, today()).unwrap();
        assert_eq!(user.role, want, "{name}");
    }
    let emea = role("regional_vp:EMEA").resolve(full, today()).unwrap();
    assert_eq!(emea.region_id.as_deref(), Some("EMEA"));
    assert!(
        role("rep:any")
            .resolve(full, today())
            .unwrap()
            .quarterly_quota
            > 0
    );
    assert!(role("regional_vp:MARS").resolve(full, today()).is_none());
    assert!(RoleSelector::try_from("ceo".to_owned()).is_err());
    assert_eq!(role("regional_vp:EMEA").to_string(), "regional_vp:EMEA");
}

#[test]
fn a_regional_vp_gets_entities_inside_and_outside_their_scope() {
    let (picks, visible, scope) = view_of("regional_vp:any");
    let account = picks.get(EntityKind::Account).unwrap();
    assert!(visible.accounts.iter().any(|a| a.id == account.id));
    let deal = picks.get(EntityKind::Deal).unwrap();
    let deal = visible
        .opportunities
        .iter()
        .find(|o| o.id == deal.id)
        .unwrap();
    assert!(deal.stage.is_open());
    let other = picks.get(EntityKind::OtherRegion).unwrap();
    assert!(!scope.sees_region(&other.id));
    assert!(scope.sees_region(&picks.get(EntityKind::OwnRegion).unwrap().id));
    let foreign = picks.get(EntityKind::ForeignDeal).unwrap();
    assert!(!visible.opportunities.iter().any(|o| o.id == foreign.id));
    let foreign_account = picks.get(EntityKind::ForeignAccount).unwrap();
    assert!(!visible.accounts.iter().any(|a| a.id == foreign_account.id));
    assert_eq!(
        view_of("regional_vp:any").0,
        picks,
        "picks are deterministic"
    );
}

#[test]
fn unrestricted_callers_have_no_foreign_entities_and_reps_pick_themselves() {
    let (picks, _, _) = view_of("cro");
    assert!(picks.get(EntityKind::ForeignDeal).is_none());
    assert!(picks.fill("deal #{foreign_deal_number}").is_err());
    let own = picks.get(EntityKind::OwnRegion).unwrap();
    assert_ne!(picks.get(EntityKind::OtherRegion).unwrap().id, own.id);
    let rep = role("rep:any")
        .resolve(&company().dataset, today())
        .unwrap();
    let (picks, _, _) = view_of("rep:any");
    assert_eq!(picks.get(EntityKind::Rep).unwrap().id, rep.id);
}

#[test]
fn placeholders_fill_in_each_form() {
    let (picks, _, _) = view_of("cro");
    let deal = picks.get(EntityKind::Deal).unwrap().id.clone();
    let filled = picks
        .fill("Next steps on deal #{deal_number} ({deal_id}) for {account}?")
        .unwrap();
    let number = deal.strip_prefix("OPP-").unwrap();
    assert!(filled.contains(&format!("#{number} ({deal})")), "{filled}");
    assert!(filled.contains(&picks.get(EntityKind::Account).unwrap().text));
    assert!(picks.fill("{nonsense}").is_err());
    assert!(picks.fill("{account").is_err());
}

#[test]
fn pipeline_facts_equal_simple_sums_of_the_current_records() {
    let (picks, visible, _) = view_of("cro");
    let open: Vec<_> = visible
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .collect();
    assert_eq!(
        fact(&visible, &picks, "open_pipeline_total"),
        FactValue::Money(open.iter().map(|o| o.amount).sum())
    );
    assert_eq!(
        fact(&visible, &picks, "open_deal_count"),
        FactValue::Count(open.len() as i64)
    );
    let deal = picks.get(EntityKind::Deal).unwrap();
    let amount = visible
        .opportunities
        .iter()
        .find(|o| o.id == deal.id)
        .unwrap()
        .amount;
    assert_eq!(
        fact(&visible, &picks, "deal_amount"),
        FactValue::Money(amount)
    );
    let regional: i64 = visible
        .regions
        .iter()
        .map(|r| {
            let mut p = picks.clone();
            p.entities.insert(
                EntityKind::OwnRegion,
                crate::agents::placeholders::Picked {
                    id: r.id.clone(),
                    text: r.id.clone(),
                },
            );
            match fact(&visible, &p, "quarter_closed_won@own_region") {
                FactValue::Money(v) => v,
                other => panic!("{other:?}"),
            }
        })
        .sum();
    assert_eq!(
        fact(&visible, &picks, "quarter_closed_won"),
        FactValue::Money(regional),
        "regions add up to the company"
    );
}

#[test]
fn a_regional_vp_s_facts_are_their_region_s() {
    let (picks, visible, _) = view_of("regional_vp:any");
    for name in ["open_pipeline_total", "quarter_closed_won", "arr_total"] {
        assert_eq!(
            fact(&visible, &picks, name),
            fact(&visible, &picks, &format!("{name}@own_region")),
            "{name}"
        );
    }
    let region = &picks.get(EntityKind::OwnRegion).unwrap().id;
    let accounts: Vec<&str> = company()
        .dataset
        .accounts
        .iter()
        .filter(|a| &a.region_id == region)
        .map(|a| a.id.as_str())
        .collect();
    let expected: i64 = company()
        .dataset
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open() && accounts.contains(&o.account_id.as_str()))
        .map(|o| o.amount)
        .sum();
    assert_eq!(
        fact(&visible, &picks, "open_pipeline_total"),
        FactValue::Money(expected)
    );
}

#[test]
fn won_facts_count_only_new_bookings_won_in_the_period() {
    let (picks, visible, _) = view_of("cro");
    let quarter = revpulse_graph::model::Quarter::containing(today());
    let won_dates: std::collections::HashMap<&str, chrono::NaiveDate> = visible
        .stage_changes
        .iter()
        .filter(|c| c.to == Stage::ClosedWon)
        .map(|c| (c.opportunity_id.as_str(), c.at.date_naive()))
        .collect();
    let expected: i64 = visible
        .opportunities
        .iter()
        .filter(|o| o.stage == Stage::ClosedWon && o.deal_type != "renewal")
        .filter(|o| {
            won_dates
                .get(o.id.as_str())
                .is_some_and(|d| (quarter.start()..=quarter.end()).contains(d))
        })
        .map(|o| o.amount)
        .sum();
    assert_eq!(
        fact(&visible, &picks, "quarter_closed_won"),
        FactValue::Money(expected)
    );
}

#[test]
fn fact_specs_parse_with_their_qualifiers() {
    let spec = FactSpec::try_from("open_pipeline_total@other_region".to_owned()).unwrap();
    assert_eq!(
        (spec.name, spec.region),
        (FactName::OpenPipelineTotal, Some(EntityKind::OtherRegion))
    );
    assert_eq!(spec.to_string(), "open_pipeline_total@other_region");
    assert!(
        FactSpec::try_from("deal_amount@own_region".to_owned()).is_err(),
        "not regional"
    );
    assert!(FactSpec::try_from("nps".to_owned()).is_err());
    assert!(FactSpec::try_from("open_pipeline_total@mars".to_owned()).is_err());
}
