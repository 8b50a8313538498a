//! `call_summaries`: the latest calls of an account or deal, checked against the call records
//! (which calls, in which order, on which day, who spoke — from the transcripts' turns), every
//! item citing a chunk of its own call that contains its words, and scoping.

use std::collections::BTreeSet;

use serde_json::json;

use super::fixture::{Company, call, company};
use crate::ToolError;
use crate::conversation::CallSummariesTool;
use crate::conversation::call_summaries::CallSummariesOutput;

/// The account's calls from the records: (activity id, transcript id, start), newest first.
fn calls_of(
    c: &Company,
    keep: impl Fn(&revpulse_graph::model::Activity) -> bool,
) -> Vec<(String, String, chrono::DateTime<chrono::Utc>)> {
    let mut calls: Vec<_> = c
        .data
        .transcripts
        .iter()
        .filter_map(|t| {
            let a = c.data.activities.iter().find(|a| a.id == t.activity_id)?;
            keep(a).then(|| (a.id.clone(), t.id.clone(), a.at))
        })
        .collect();
    calls.sort_by(|x, y| y.2.cmp(&x.2).then(x.1.cmp(&y.1)));
    calls
}

/// Speakers of a transcript from its turns, in order of first appearance.
fn speakers(c: &Company, transcript_id: &str) -> Vec<String> {
    let t = c
        .data
        .transcripts
        .iter()
        .find(|t| t.id == transcript_id)
        .unwrap();
    let mut out: Vec<String> = Vec::new();
    for turn in &t.turns {
        let name = c
            .data
            .users
            .iter()
            .find(|u| u.id == turn.person_id)
            .map(|u| u.name.clone())
            .or_else(|| {
                c.data
                    .contacts
                    .iter()
                    .find(|p| p.id == turn.person_id)
                    .map(|p| p.name.clone())
            });
        if let Some(name) = name
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

fn check_items_cite_their_call(c: &Company, out: &CallSummariesOutput) {
    let cited: BTreeSet<&str> = out.sources.iter().map(|s| s.id()).collect();
    for summary in &out.calls {
        let items = summary
            .key_points
            .iter()
            .chain(&summary.next_steps)
            .map(|s| (&s.chunk_id, &s.text))
            .chain(summary.objections.iter().map(|o| (&o.chunk_id, &o.text)));
        for (chunk_id, text) in items {
            let doc = c.doc(chunk_id);
            assert!(chunk_id.starts_with(&format!("{}#", summary.transcript_id)));
            assert!(doc.text.contains(text.as_str()), "{chunk_id}: {text}");
            // Citations stop at 50; below that every quoted chunk is cited.
            let full = out.sources.len() == 50;
            assert!(
                full || cited.contains(chunk_id.as_str()),
                "{chunk_id} is not cited"
            );
        }
        for objection in &summary.objections {
            let buyer = objection.speaker.as_ref().unwrap();
            assert!(
                c.data.contacts.iter().any(|p| &p.name == buyer),
                "{buyer} is no buyer"
            );
        }
        let known: BTreeSet<&str> = c.data.competitors.iter().map(|x| x.name.as_str()).collect();
        assert!(
            summary
                .competitors
                .iter()
                .all(|n| known.contains(n.as_str()))
        );
    }
}

#[tokio::test]
async fn the_latest_calls_of_an_account_come_newest_first_with_their_speakers() {
    let c = company();
    let account = c.busiest_call_account();
    let expected = calls_of(c, |a| a.account_id == account);
    let out =
        call::<CallSummariesTool>(&c.everything(), json!({"account_id": account, "limit": 4}))
            .await
            .unwrap();
    assert_eq!(out.calls_on_record, expected.len());
    assert_eq!(out.calls.len(), expected.len().min(4));
    for (summary, (activity_id, transcript_id, at)) in out.calls.iter().zip(&expected) {
        assert_eq!(&summary.activity_id, activity_id);
        assert_eq!(&summary.transcript_id, transcript_id);
        assert_eq!(summary.date, at.date_naive());
        assert_eq!(summary.participants, speakers(c, transcript_id));
        assert!(summary.next_steps.len() <= 5 && summary.key_points.len() <= 5);
    }
    assert!(out.calls.iter().any(|s| !s.key_points.is_empty()));
    assert!(out.calls.iter().any(|s| !s.next_steps.is_empty()));
    check_items_cite_their_call(c, &out);
    let again =
        call::<CallSummariesTool>(&c.everything(), json!({"account_id": account, "limit": 4}))
            .await
            .unwrap();
    assert_eq!(out, again);
}

#[tokio::test]
async fn a_deals_calls_are_that_deals_only() {
    let c = company();
    let deal = c
        .data
        .activities
        .iter()
        .filter(|a| c.data.transcripts.iter().any(|t| t.activity_id == a.id))
        .find_map(|a| a.opportunity_id.clone())
        .unwrap();
    let expected = calls_of(c, |a| a.opportunity_id.as_deref() == Some(deal.as_str()));
    let out = call::<CallSummariesTool>(&c.everything(), json!({"deal_id": deal, "limit": 20}))
        .await
        .unwrap();
    let got: Vec<&str> = out.calls.iter().map(|s| s.activity_id.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(got, want);
    assert!(
        out.calls
            .iter()
            .all(|s| s.deal_id.as_deref() == Some(deal.as_str()))
    );
    check_items_cite_their_call(c, &out);
}

#[tokio::test]
async fn objections_in_calls_are_the_buyers_and_scoping_holds() {
    let c = company();
    // Every account with calls, summarised whole: objections come from buyers only.
    let accounts: BTreeSet<String> = calls_of(c, |_| true)
        .iter()
        .filter_map(|(id, _, _)| c.data.activities.iter().find(|a| &a.id == id))
        .map(|a| a.account_id.clone())
        .collect();
    let mut objections = 0;
    for account in &accounts {
        let out =
            call::<CallSummariesTool>(&c.everything(), json!({"account_id": account, "limit": 20}))
                .await
                .unwrap();
        check_items_cite_their_call(c, &out);
        objections += out.calls.iter().map(|s| s.objections.len()).sum::<usize>();
    }
    assert!(objections > 0, "no objection found on any call");

    let account = c.busiest_call_account();
    let region = c.region_of(&account).to_owned();
    let vp = c.region_vp(&region);
    let mine = call::<CallSummariesTool>(&vp, json!({"account_id": account}))
        .await
        .unwrap();
    let cro = call::<CallSummariesTool>(&c.everything(), json!({"account_id": account}))
        .await
        .unwrap();
    assert_eq!(mine, cro);
    let foreign = c
        .data
        .accounts
        .iter()
        .find(|a| a.region_id != region)
        .unwrap();
    let refused = call::<CallSummariesTool>(&vp, json!({"account_id": foreign.id})).await;
    assert!(matches!(
        refused,
        Err(ToolError::NotFound {
            what: "account",
            ..
        })
    ));
    let neither = call::<CallSummariesTool>(&vp, json!({})).await;
    assert!(matches!(neither, Err(ToolError::InvalidArgs { .. })));
}
