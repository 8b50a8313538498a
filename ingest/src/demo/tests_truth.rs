//! Tests of the generator as a whole: determinism, the config's limits, volumes at the default
//! scale, ground-truth coverage, planted injections, and that latent causes really move
//! outcomes.

use std::collections::BTreeSet;

use revpulse_graph::model::{ActivityKind, ContractStatus, Stage};

use super::tests::{company, small, today};
use super::truth::{DealOutcome, RenewalOutcome, UsageTrend};
use super::{DemoConfig, DemoConfigError, GroundTruth, generate};

#[test]
fn same_seed_same_company_other_seed_other_company() {
    let a = company(11, 40);
    let b = company(11, 40);
    assert_eq!(a.dataset, b.dataset);
    assert_eq!(a.truth, b.truth);
    let c = company(12, 40);
    assert_ne!(a.dataset.opportunities, c.dataset.opportunities);
    assert_ne!(a.dataset.accounts, c.dataset.accounts);
}

#[test]
fn config_limits_are_checked() {
    let base = DemoConfig::new(1, today());
    assert_eq!(base.accounts, 600);
    assert_eq!(base.quarters, 9);
    assert!(base.validate().is_ok());
    assert_eq!(
        base.clone().with_accounts(9).validate(),
        Err(DemoConfigError::Accounts(9))
    );
    assert_eq!(
        base.clone().with_accounts(50_001).validate(),
        Err(DemoConfigError::Accounts(50_001))
    );
    let short = DemoConfig {
        quarters: 1,
        ..base
    };
    assert_eq!(short.validate(), Err(DemoConfigError::Quarters(1)));
    assert!(generate(&short).is_err());
}

#[test]
fn smallest_company_is_complete() {
    let c = company(3, 10);
    assert!(!c.dataset.opportunities.is_empty());
    assert!(
        !c.truth.injection_passages.is_empty(),
        "at least one injection at any scale"
    );
}

#[test]
fn ground_truth_covers_every_outcome() {
    let c = small();
    let d = &c.dataset;
    let truth_ids: Vec<&str> = c
        .truth
        .deals
        .iter()
        .map(|t| t.opportunity_id.as_str())
        .collect();
    let opp_ids: Vec<&str> = d.opportunities.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(truth_ids, opp_ids, "one truth per deal, same order");
    for (o, t) in d.opportunities.iter().zip(&c.truth.deals) {
        let expected = match o.stage {
            Stage::ClosedWon => DealOutcome::Won,
            Stage::ClosedLost => DealOutcome::Lost,
            _ => DealOutcome::Open,
        };
        assert_eq!(t.outcome, expected, "{}", o.id);
        assert!((0.0..=1.0).contains(&t.true_win_probability));
        assert_eq!(t.open.is_some(), expected == DealOutcome::Open);
        assert_eq!(t.drivers.is_some(), o.deal_type != "renewal");
        assert!(!t.explanation.is_empty());
    }
    let renewal_ids: BTreeSet<&str> = c
        .truth
        .renewals
        .iter()
        .map(|r| r.contract_id.as_str())
        .collect();
    assert_eq!(
        renewal_ids.len(),
        d.contracts.len(),
        "one renewal truth per contract"
    );
    // Churned accounts: every contract ended churned.
    let churned: BTreeSet<&str> = d
        .contracts
        .iter()
        .filter(|k| k.status == ContractStatus::Churned)
        .map(|k| k.account_id.as_str())
        .collect();
    let truth_churned: BTreeSet<&str> = c
        .truth
        .churned_accounts
        .iter()
        .map(|x| x.account_id.as_str())
        .collect();
    assert_eq!(churned, truth_churned);
    assert!(
        c.truth
            .churned_accounts
            .iter()
            .all(|x| !x.causes.is_empty() || x.true_churn_probability < 0.2)
    );
    assert_eq!(c.truth.campaigns.len(), d.campaigns.len());
    // Passage labels for every text record.
    let calls = d
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Call)
        .count();
    assert_eq!(calls, d.transcripts.len());
    assert_eq!(c.truth.passages.len(), d.activities.len() + d.tickets.len());
    // The truth survives a JSON round trip.
    let json = serde_json::to_string(&c.truth).unwrap_or_default();
    let back: GroundTruth =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("round trip: {e}"));
    assert_eq!(back.deals.len(), c.truth.deals.len());
}

#[test]
fn latent_causes_move_outcomes() {
    let c = company(5, 300);
    let closed: Vec<_> = c
        .truth
        .deals
        .iter()
        .filter(|t| t.outcome != DealOutcome::Open)
        .collect();
    let win_rate = |f: &dyn Fn(&super::truth::DealDriversTruth) -> bool| {
        let sel: Vec<_> = closed
            .iter()
            .filter(|t| t.drivers.as_ref().is_some_and(f))
            .collect();
        let won = sel.iter().filter(|t| t.outcome == DealOutcome::Won).count();
        won as f64 / sel.len().max(1) as f64
    };
    let exec = win_rate(&|d| d.exec_sponsor_engaged);
    let no_exec = win_rate(&|d| !d.exec_sponsor_engaged);
    assert!(
        exec > no_exec + 0.15,
        "exec sponsor: {exec:.2} vs {no_exec:.2}"
    );
    let multi = win_rate(&|d| d.multithreaded);
    let single = win_rate(&|d| !d.multithreaded);
    assert!(
        multi > single + 0.08,
        "multi-threading: {multi:.2} vs {single:.2}"
    );
    let rival = win_rate(&|d| d.competitor.is_some());
    let alone = win_rate(&|d| d.competitor.is_none());
    assert!(alone > rival + 0.08, "competitor: {rival:.2} vs {alone:.2}");
    let resolved: Vec<_> = c
        .truth
        .renewals
        .iter()
        .filter(|r| r.outcome != RenewalOutcome::Pending)
        .collect();
    let churn_rate = |decline: bool| {
        let sel: Vec<_> = resolved
            .iter()
            .filter(|r| (r.drivers.usage_trend == UsageTrend::Decline) == decline)
            .collect();
        let churned = sel
            .iter()
            .filter(|r| r.outcome == RenewalOutcome::Churned)
            .count();
        churned as f64 / sel.len().max(1) as f64
    };
    assert!(
        churn_rate(true) > churn_rate(false) + 0.2,
        "usage decline: {:.2} vs {:.2}",
        churn_rate(true),
        churn_rate(false)
    );
}

#[test]
fn signals_follow_the_latent_state() {
    let c = small();
    let d = &c.dataset;
    // Competitor deals get competitor mentions; deals without a competitor never do.
    for (o, t) in d.opportunities.iter().zip(&c.truth.deals) {
        let Some(drivers) = &t.drivers else { continue };
        let mentioned: BTreeSet<&str> = d
            .activities
            .iter()
            .filter(|a| a.opportunity_id.as_deref() == Some(o.id.as_str()))
            .flat_map(|a| a.competitors_mentioned.iter().map(String::as_str))
            .collect();
        match &drivers.competitor {
            None => assert!(
                mentioned.is_empty(),
                "{}: mentions without a competitor",
                o.id
            ),
            Some(r) => assert!(
                mentioned.iter().all(|m| m == r),
                "{}: wrong competitor",
                o.id
            ),
        }
    }
    // Contacts engaged never exceed the planned committee engagement.
    for (o, t) in d.opportunities.iter().zip(&c.truth.deals) {
        let Some(drivers) = &t.drivers else { continue };
        let engaged: BTreeSet<&str> = d
            .activities
            .iter()
            .filter(|a| a.opportunity_id.as_deref() == Some(o.id.as_str()))
            .flat_map(|a| a.contact_ids.iter().map(String::as_str))
            .collect();
        assert!(
            engaged.len() <= drivers.engaged_contacts as usize + 1,
            "{}",
            o.id
        );
    }
}

#[test]
fn default_scale_hits_its_targets() {
    let c = company(42, 600);
    let d = &c.dataset;
    let n = d.opportunities.len();
    assert!((2_300..=3_600).contains(&n), "opportunities {n}");
    assert!(
        (15_000..=26_000).contains(&d.activities.len()),
        "activities {}",
        d.activities.len()
    );
    assert!(
        (2_200..=3_800).contains(&d.transcripts.len()),
        "transcripts {}",
        d.transcripts.len()
    );
    assert!(
        (2_500..=5_500).contains(&d.tickets.len()),
        "tickets {}",
        d.tickets.len()
    );
    assert!(
        (30..=60).contains(&d.campaigns.len()),
        "campaigns {}",
        d.campaigns.len()
    );
    let injected_calls = c
        .truth
        .injection_passages
        .iter()
        .filter(|p| p.source == super::truth::SourceKind::Transcript)
        .count();
    assert!(injected_calls >= 3, "injected transcripts {injected_calls}");
    let reps = d
        .users
        .iter()
        .filter(|u| u.role == revpulse_graph::model::UserRole::Rep)
        .count();
    assert!((48..=120).contains(&reps), "reps {reps}");
}
