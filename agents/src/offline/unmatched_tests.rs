//! Tests of unmatched names, over a small demo company.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};

use super::*;

fn company() -> CompanyDataset {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    generate(&DemoConfig::new(7, today).with_accounts(20))
        .unwrap()
        .dataset
}

#[test]
fn name_phrases_are_runs_of_capitalised_words_not_sentence_openers() {
    assert_eq!(
        name_phrases("What pushback has Goldstead Fabrication given us so far?"),
        vec!["Goldstead Fabrication"]
    );
    assert_eq!(
        name_phrases("Goldstead Fabrication's health, please"),
        vec!["Goldstead Fabrication"]
    );
    assert!(name_phrases("Which deals are stuck in Q3 2026?").is_empty());
    assert!(name_phrases("Where have customers brought up Salesforce?").is_empty());
    assert!(name_phrases("How am I pacing against my quota?").is_empty());
    assert!(name_phrases("Anything I need to be aware of today across my deals?").is_empty());
}

#[test]
fn a_hidden_or_missing_account_is_named_back_with_visible_look_alikes() {
    let full = company();
    let (hidden_id, hidden) = (full.accounts[0].id.clone(), full.accounts[0].name.clone());
    // What a caller who cannot see the account sees: none of it, its deals and people included.
    let mut visible = full.clone();
    visible.accounts.retain(|a| a.id != hidden_id);
    visible.opportunities.retain(|o| o.account_id != hidden_id);
    visible.contacts.retain(|c| c.account_id != hidden_id);
    let question = format!("Which objections has {hidden} brought up?");
    assert_eq!(
        unmatched_name(&question, &full),
        None,
        "visible: it matches"
    );
    let found = unmatched_name(&question, &visible).unwrap();
    assert_eq!(found.written, hidden);
    assert!(found.closest.len() <= CLOSEST);
    assert!(
        !found.closest.contains(&hidden),
        "only visible names are offered"
    );
    for name in &found.closest {
        let known = visible.accounts.iter().any(|a| &a.name == name)
            || visible.users.iter().any(|u| &u.name == name)
            || visible.competitors.iter().any(|c| &c.name == name);
        assert!(known, "{name} is a visible name");
    }
}

#[test]
fn regions_products_people_and_competitors_are_known_names() {
    let c = company();
    let region = &c.regions[0].name;
    let line = &c.product_lines[0].name;
    let rep = &c.users[0].name;
    let rival = &c.competitors[0].name;
    for question in [
        format!("Compare {region} with the rest on open pipeline"),
        format!("Which {line} deals are stuck?"),
        format!("How is {rep} tracking against quota?"),
        format!("What do buyers say about {rival} Cloud pricing?"),
    ] {
        assert_eq!(unmatched_name(&question, &c), None, "{question}");
    }
}
