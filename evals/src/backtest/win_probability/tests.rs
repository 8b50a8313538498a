//! Tests of the win-probability backtest on a seeded 300-account demo company: the time split
//! and its metrics, the as-of guarantee (features equal those computed from a copy of the
//! records cut at the snapshot), the leakage tripwire both ways, the recovery of the true
//! causes of lost deals, the text signals against the generator's passage labels, and the
//! export.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use revpulse_analytics::stats::{brier, spearman};
use revpulse_graph::model::Speaker;
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::text::Topic;
use revpulse_ingest::demo::truth::SourceKind;
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};

use super::features::{Snapshot, features_as_of, owner_records, segment_norms};
use super::records::CompanyRecords;
use super::recovery::{MODEL_TOP, TRUTH_TOP};
use super::snapshots::{dates, midnight};
use super::*;

struct Fixture {
    company: DemoCompany,
    config: WinBacktestConfig,
    backtest: WinBacktest,
}

/// One company and one honest backtest, shared by the tests (generated once).
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
        let company = generate(&DemoConfig::new(7, today).with_accounts(300)).unwrap();
        let config = WinBacktestConfig::for_company(&company.truth);
        let backtest = WinBacktest::run(&company, &config).unwrap();
        Fixture {
            company,
            config,
            backtest,
        }
    })
}

#[test]
fn the_model_learns_from_earlier_deals_and_is_measured_on_later_ones() {
    let f = fixture();
    let b = &f.backtest;
    let cutoff = midnight(b.split.cutoff);
    assert!(b.train.iter().all(|r| r.closed_at < cutoff));
    assert!(b.test.iter().all(|r| r.snapshot >= b.split.cutoff));
    let train_deals: BTreeSet<&str> = b.train.iter().map(|r| r.deal_id.as_str()).collect();
    assert!(
        b.test
            .iter()
            .all(|r| !train_deals.contains(r.deal_id.as_str()))
    );
    let report = b.report(&f.company.truth);
    let auc = report.test.auc.unwrap();
    assert!(auc > 0.8 && auc < LEAKAGE_AUC_TRIPWIRE, "test AUC {auc}");
    // Better than always saying the training win rate (computed independently here).
    let rate = b.train.iter().filter(|r| r.won).count() as f64 / b.train.len() as f64;
    let labels = b.test_labels();
    let constant = brier(&vec![rate; labels.len()], &labels).unwrap();
    assert!(
        report.test.brier.unwrap() < 0.8 * constant,
        "{report:?} vs {constant}"
    );
    assert!(report.test.ece.unwrap() < 0.1, "{report:?}");
    assert!(!report.leakage_suspected);
}

/// The records of `ds` stamped strictly before `at` (and everything undated).
fn cut_at(ds: &CompanyDataset, at: chrono::DateTime<chrono::Utc>) -> CompanyDataset {
    let mut cut = ds.clone();
    cut.stage_changes.retain(|c| c.at < at);
    cut.amount_changes.retain(|c| c.at < at);
    cut.close_date_changes.retain(|c| c.at < at);
    cut.forecast_category_changes.retain(|c| c.at < at);
    cut.activities.retain(|a| a.at < at);
    cut.touches.retain(|t| t.at < at);
    cut
}

#[test]
fn features_equal_those_computed_from_records_cut_at_the_snapshot() {
    let f = fixture();
    let ds = &f.company.dataset;
    let full = CompanyRecords::new(ds);
    let full_owners = owner_records(&full);
    let plan_dates = dates(&f.config.plan);
    let mut compared = 0;
    for date in plan_dates.iter().step_by(6) {
        let at = midnight(*date);
        let cut_ds = cut_at(ds, at);
        let cut = CompanyRecords::new(&cut_ds);
        let cut_owners = owner_records(&cut);
        let snapshot = |records: &CompanyRecords<'_>, owners| Snapshot {
            at,
            norms: segment_norms(records, at),
            owners,
            leak: Leak::None,
        };
        let (full_snapshot, cut_snapshot) =
            (snapshot(&full, &full_owners), snapshot(&cut, &cut_owners));
        for (id, deal) in full.deals.iter().step_by(2) {
            let seen = features_as_of(deal, &full, &full_snapshot);
            let cut_deal = &cut.deals[id];
            assert_eq!(
                seen,
                features_as_of(cut_deal, &cut, &cut_snapshot),
                "{id} at {date}"
            );
            compared += usize::from(seen.is_some());
        }
    }
    assert!(compared > 200, "only {compared} deal snapshots compared");
}

#[test]
fn honest_features_stay_under_the_tripwire_and_a_leaked_field_trips_it() {
    let f = fixture();
    assert!(!leakage_suspected(&f.backtest.test_metrics()));
    let leaky = f.config.clone().with_leak(Leak::CurrentForecastCall);
    let leaked = WinBacktest::run(&f.company, &leaky).unwrap().test_metrics();
    assert!(leakage_suspected(&leaked), "{leaked:?}");
}

#[test]
fn the_drivers_of_lost_deals_match_the_generators_causes() {
    let f = fixture();
    let r = driver_recovery(&f.backtest, &f.company.truth);
    assert!(r.lost_deals > 50, "{r:#?}");
    assert_eq!(r.truth_top_causes.len(), TRUTH_TOP);
    assert_eq!(r.model_top_drivers.len(), MODEL_TOP);
    assert!(
        r.model_top_drivers
            .iter()
            .all(|d| !POSITION_FEATURES.contains(&d.feature))
    );
    // The strongest true cause is always found, and at least two of the three strongest.
    assert!(r.truth_top_causes[0].recovered, "{r:#?}");
    let recovered = r.truth_top_causes.iter().filter(|c| c.recovered).count();
    assert!(recovered >= 2, "{r:#?}");
    // Deal by deal, the strongest cause is among the deal's top drivers well above chance.
    assert!(r.per_deal_hit_rate > 1.3 * r.per_deal_chance_rate, "{r:#?}");
}

#[test]
fn pricing_pressure_detection_agrees_with_the_passage_labels() {
    let f = fixture();
    let ds = &f.company.dataset;
    let (mut hit, mut missed, mut false_alarm) = (0usize, 0usize, 0usize);
    for p in f
        .company
        .truth
        .passages
        .iter()
        .filter(|p| p.source == SourceKind::Transcript)
    {
        let transcript = ds.transcripts.iter().find(|t| t.id == p.record_id).unwrap();
        for (i, turn) in transcript.turns.iter().enumerate() {
            if turn.speaker != Speaker::Buyer {
                continue;
            }
            let truth = p.labels.iter().any(|l| {
                l.index == i
                    && matches!(l.topic, Topic::PricingObjection | Topic::PricingComparison)
            });
            match (truth, text_signals::mentions_pricing_pressure(&turn.text)) {
                (true, true) => hit += 1,
                (true, false) => missed += 1,
                (false, true) => false_alarm += 1,
                (false, false) => {}
            }
        }
    }
    let precision = hit as f64 / (hit + false_alarm) as f64;
    let recall = hit as f64 / (hit + missed) as f64;
    assert!(
        precision > 0.8 && recall > 0.6,
        "precision {precision}, recall {recall}"
    );
}

#[test]
fn call_sentiment_follows_the_champions_strength() {
    let f = fixture();
    let champions: std::collections::BTreeMap<&str, f64> = f
        .company
        .truth
        .deals
        .iter()
        .filter_map(|d| {
            d.drivers
                .as_ref()
                .map(|x| (d.opportunity_id.as_str(), x.champion_strength))
        })
        .collect();
    let (strength, tone): (Vec<f64>, Vec<f64>) = f
        .backtest
        .train
        .iter()
        .filter_map(|r| {
            Some((
                *champions.get(r.deal_id.as_str())?,
                r.features.recent_call_sentiment?,
            ))
        })
        .unzip();
    let rho = spearman(&strength, &tone).unwrap();
    assert!(rho > 0.1, "Spearman {rho} over {} rows", tone.len());
}

#[test]
fn the_export_writes_both_splits_and_the_test_probabilities() {
    let f = fixture();
    let dir = std::env::temp_dir().join(format!("revpulse-win-export-{}", std::process::id()));
    // A six-week test window keeps the timed scoring runs short in a debug build.
    let mut config = f.config.clone();
    config.split.test_until = config.split.cutoff + chrono::Duration::days(45);
    let export = export_win_model_comparison(&f.company, &config, &dir).unwrap();
    let count = |name: &str| {
        let mut reader = csv::Reader::from_path(dir.join(name)).unwrap();
        let header = reader.headers().unwrap().clone();
        (header, reader.records().count())
    };
    let (header, train_rows) = count("win_train.csv");
    let (_, test_rows) = count("win_test.csv");
    assert_eq!(train_rows, export.report.train_rows);
    assert_eq!(test_rows, export.report.test_rows);
    assert_eq!(export.test_probabilities.len(), test_rows);
    for feature in revpulse_analytics::win_probability::FeatureId::ALL {
        assert!(
            header.iter().any(|h| h == feature.key()),
            "{}",
            feature.key()
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("win_rust.json")).unwrap()).unwrap();
    assert_eq!(
        json["test_probabilities"].as_array().unwrap().len(),
        test_rows
    );
    assert!(export.timings.score_seconds > 0.0 && export.timings.train_seconds > 0.0);
    std::fs::remove_dir_all(&dir).unwrap();
}
