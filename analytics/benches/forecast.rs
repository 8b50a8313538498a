//! Benchmarks of the forecast at 10× the default demo company: the roll-up plus a 10,000-iteration
//! Monte Carlo over 2,500 open deals (the default company — seed 42, 600 accounts, today
//! 2025-05-14 — has 250 open deals), and the risk rules' historical precision over every
//! snapshot of 18,000 deal histories (10× the default company's 1,800 new-business and
//! expansion deals), which evaluates every rule on every open deal at 24 snapshot days.
//!
//! Inputs are synthetic (analytics cannot depend on the generator) but shaped like the demo:
//! stage paths with stays of 5–60 days, 0–3 close-date pushes, committees of five with roles,
//! a touchpoint every 3–14 days.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use revpulse_analytics::forecast::record::{BuyerContact, BuyerRole, Dated, Touchpoint};
use revpulse_analytics::forecast::risk_rules::RiskRuleSet;
use revpulse_analytics::forecast::rollup::{rollup, rollup_by_label};
use revpulse_analytics::forecast::rule_precision::{
    RuleObservation, SnapshotOutcome, historical_precision,
};
use revpulse_analytics::forecast::simulation::{Simulation, SimulationConfig};
use revpulse_analytics::forecast::{
    DealRecord, ForecastCategory, ForecastDeal, Period, Probability, SalesStage,
};

/// Open deals at 10× the default company.
const OPEN_DEALS: usize = 2_500;
/// Deal histories at 10× the default company.
const HISTORIES: usize = 18_000;

fn main() {
    divan::main();
}

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default()
}

fn quarter() -> Period {
    Period::quarter_containing(day0() + Duration::days(860))
}

fn open_deals() -> Vec<ForecastDeal> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let q = quarter();
    let categories = [
        ForecastCategory::Pipeline,
        ForecastCategory::BestCase,
        ForecastCategory::Commit,
    ];
    (0..OPEN_DEALS)
        .map(|i| ForecastDeal {
            id: format!("OPP-{i:06}"),
            amount: rng.random_range(5_000..400_000),
            category: categories[rng.random_range(0..3)],
            close_date: q.start() + Duration::days(rng.random_range(0..90)),
            win_probability: Probability::clamped(rng.random_range(0.05..0.9)),
            slip_probability: Probability::clamped(rng.random_range(0.0..0.4)),
            labels: [("region".to_string(), format!("R{}", i % 4))].into(),
        })
        .collect()
}

#[divan::bench]
fn rollup_and_monte_carlo_10k(bencher: divan::Bencher) {
    let deals = open_deals();
    let config = SimulationConfig {
        iterations: 10_000,
        seed: 1,
    };
    bencher.bench(|| {
        let total = rollup(&deals, quarter());
        let by_region = rollup_by_label(&deals, quarter(), "region");
        let range = Simulation::run(&deals, quarter(), config).map(|s| s.range());
        divan::black_box((total, by_region, range))
    });
}

fn history(rng: &mut ChaCha8Rng, i: usize) -> DealRecord {
    let created = day0() + Duration::days(rng.random_range(0..860));
    let mut on = created;
    let mut stages = Vec::new();
    let reach = rng.random_range(0..5);
    for stage in SalesStage::OPEN.into_iter().take(reach + 1) {
        stages.push(Dated { on, value: stage });
        on += Duration::days(rng.random_range(5..60));
    }
    if rng.random_bool(0.8) {
        let end = if rng.random_bool(0.35) {
            SalesStage::ClosedWon
        } else {
            SalesStage::ClosedLost
        };
        stages.push(Dated { on, value: end });
    }
    let mut close = created + Duration::days(60);
    let mut close_dates = vec![Dated {
        on: created,
        value: close,
    }];
    for k in 0..rng.random_range(0..4) {
        close += Duration::days(rng.random_range(14..45));
        close_dates.push(Dated {
            on: created + Duration::days(30 * (k + 1)),
            value: close,
        });
    }
    let roles = [
        BuyerRole::EconomicBuyer,
        BuyerRole::Champion,
        BuyerRole::ExecSponsor,
        BuyerRole::TechnicalEvaluator,
        BuyerRole::EndUser,
    ];
    let contacts: Vec<BuyerContact> = roles
        .iter()
        .enumerate()
        .map(|(k, r)| BuyerContact {
            contact_id: format!("C{i}-{k}"),
            role: Some(*r),
        })
        .collect();
    let mut touchpoints = Vec::new();
    let mut t = created;
    while t < on {
        let who = rng.random_range(0..5);
        touchpoints.push(Touchpoint {
            on: t,
            contact_ids: vec![contacts[who].contact_id.clone()],
            mentions_pricing: rng.random_bool(0.1),
        });
        t += Duration::days(rng.random_range(3..15));
    }
    DealRecord {
        id: format!("OPP-{i:06}"),
        created_on: created,
        stages,
        close_dates,
        amounts: vec![Dated {
            on: created,
            value: 50_000,
        }],
        contacts,
        touchpoints,
    }
}

fn rules() -> RiskRuleSet {
    let json = include_str!("../config/risk_rules.json");
    serde_json::from_str(json).unwrap_or_else(|_| RiskRuleSet {
        version: String::new(),
        rules: Vec::new(),
    })
}

#[divan::bench(sample_count = 10)]
fn rule_precision_over_all_snapshots(bencher: divan::Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let records: Vec<DealRecord> = (0..HISTORIES).map(|i| history(&mut rng, i)).collect();
    let days: Vec<NaiveDate> = (0..8)
        .flat_map(|q| [2, 6, 10].map(|w| day0() + Duration::days(91 + 91 * q + 7 * w)))
        .collect();
    let outcomes = [
        SnapshotOutcome::OnTrack,
        SnapshotOutcome::Slipped,
        SnapshotOutcome::Lost,
    ];
    let observations: Vec<RuleObservation<'_>> = days
        .iter()
        .flat_map(|&d| records.iter().map(move |r| r.as_of(d)))
        .filter(|deal| deal.is_open())
        .enumerate()
        .map(|(k, deal)| RuleObservation {
            deal,
            outcome: outcomes[k % 3],
        })
        .collect();
    let rules = rules();
    println!(
        "{} open-deal snapshots over {} days",
        observations.len(),
        days.len()
    );
    bencher.bench(|| divan::black_box(historical_precision(&rules, &observations, &records)));
}
