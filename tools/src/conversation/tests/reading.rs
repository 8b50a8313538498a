//! Reading chunks and sentences: ids, speaker turns, email authors and sentence kinds, on
//! hand-written passages in the chunker's formats, and against every chunk of the demo
//! company (each call line is a turn of the transcript, spoken by its speaker).

use chrono::{TimeZone, Utc};
use revpulse_graph::model::{Account, CompanyDataset, Contact, Segment, User, UserRole};
use revpulse_search::{DocumentMetadata, SearchDocument};

use super::fixture::company;
use crate::conversation::chunks::{span, turns};
use crate::conversation::sentences::{ObjectionCategory, read};
use crate::conversation::statements::{Voices, statements};

fn doc(id: &str, source_type: &str, text: &str) -> SearchDocument {
    SearchDocument {
        id: id.into(),
        text: text.into(),
        metadata: DocumentMetadata {
            account_id: "ACC-1".into(),
            region: "EMEA".into(),
            source_type: source_type.into(),
            timestamp: Utc.with_ymd_and_hms(2025, 1, 2, 9, 0, 0).unwrap(),
            ..DocumentMetadata::default()
        },
    }
}

#[test]
fn chunk_ids_name_their_source_first_passage_and_piece() {
    let s = span("TR-000006#20-26");
    assert_eq!((s.source_id, s.first, s.piece), ("TR-000006", 20, None));
    let s = span("T-1#7-7.2");
    assert_eq!((s.source_id, s.first, s.piece), ("T-1", 7, Some("2")));
    assert_eq!(span("plain").source_id, "plain");
}

#[test]
fn call_lines_are_turns_and_continuations_stay_with_their_turn() {
    let d = doc(
        "TR-1#4-6",
        "call_transcript",
        "Grace Verma: Price is high.\nCaleb Cho: We need SSO: soon.\nand a second line\nGrace Verma: Okay.",
    );
    let got: Vec<(usize, Option<&str>, &str)> = turns(&d)
        .iter()
        .map(|t| (t.index, t.speaker, t.text))
        .collect();
    assert_eq!(
        got,
        [
            (4, Some("Grace Verma"), "Price is high."),
            (
                5,
                Some("Caleb Cho"),
                "We need SSO: soon.\nand a second line"
            ),
            (6, Some("Grace Verma"), "Okay."),
        ]
    );
}

#[test]
fn tickets_and_notes_split_into_subject_author_and_lines() {
    let first = doc(
        "T-9#0-0",
        "ticket_comment",
        "Sync broken\nLaura Thorne: Hello,\n\nIt fails.",
    );
    let got: Vec<(Option<&str>, &str)> =
        turns(&first).iter().map(|t| (t.speaker, t.text)).collect();
    assert_eq!(
        got,
        [
            (None, "Sync broken"),
            (Some("Laura Thorne"), "Hello,\n\nIt fails.")
        ]
    );
    let later = doc("T-9#2-2", "ticket_comment", "Ricardo Reyes: Fixed now.");
    assert_eq!(turns(&later)[0].speaker, Some("Ricardo Reyes"));
    let notes = doc(
        "A-7#0-0",
        "meeting",
        "QBR\nAttendees: A, B.\nAgenda: recap.\n- They worry about price.\n- Next step: demo.",
    );
    let runs: Vec<&str> = turns(&notes).iter().map(|t| t.text).collect();
    assert_eq!(
        runs,
        ["QBR", "- They worry about price.\n- Next step: demo."]
    );
}

fn people() -> CompanyDataset {
    let mut data = CompanyDataset::default();
    data.accounts.push(Account {
        id: "ACC-1".into(),
        name: "Lakeland".into(),
        industry: "software".into(),
        segment: Segment::Smb,
        region_id: "EMEA".into(),
        owner_id: "U-1".into(),
        employees: 10,
        created_on: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    });
    data.contacts.push(Contact {
        id: "C-1".into(),
        account_id: "ACC-1".into(),
        name: "Ravi Beaumont".into(),
        title: "CFO".into(),
        persona: "finance".into(),
        email: "ravi@example.com".into(),
    });
    data.users.push(User {
        id: "U-1".into(),
        name: "Grace Verma".into(),
        email: "grace@example.com".into(),
        role: UserRole::Rep,
        region_id: Some("EMEA".into()),
        team_id: None,
        manager_id: None,
        quarterly_quota: 0,
        start_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    });
    data
}

#[test]
fn emails_are_attributed_by_their_sign_off_and_only_buyers_object() {
    let voices = Voices::of(&people());
    let buyer = doc(
        "A-1#0-0",
        "email",
        "Re: price\nHi Grace,\n\nThe price is too high for us.\n\nBest,\nRavi",
    );
    let seller = doc(
        "A-2#0-0",
        "email",
        "Re: price\nHi Ravi,\n\nThe price is too high, I know.\n\nRegards,\nGrace Verma\nAccount Executive",
    );
    let said = statements([&buyer, &seller], None, &voices);
    let objecting: Vec<(Option<&str>, &str)> = said
        .iter()
        .filter(|s| s.objection() == Some(ObjectionCategory::Pricing))
        .map(|s| (s.speaker.as_deref(), s.doc.id.as_str()))
        .collect();
    assert_eq!(objecting, [(Some("Ravi Beaumont"), "A-1#0-0")]);
    assert!(
        said.iter()
            .any(|s| s.speaker.as_deref() == Some("Grace Verma"))
    );
}

#[test]
fn overlapping_call_chunks_yield_each_turn_once() {
    let voices = Voices::of(&people());
    let a = doc(
        "TR-1#0-1",
        "call_transcript",
        "Grace Verma: Hello.\nRavi Beaumont: The price is too high.",
    );
    let b = doc(
        "TR-1#1-2",
        "call_transcript",
        "Ravi Beaumont: The price is too high.\nGrace Verma: I'll send a quote by Friday.",
    );
    let said = statements([&a, &b], None, &voices);
    let texts: Vec<(&str, &str)> = said.iter().map(|s| (s.doc.id.as_str(), s.text)).collect();
    assert_eq!(
        texts,
        [
            ("TR-1#0-1", "Hello."),
            ("TR-1#0-1", "The price is too high."),
            ("TR-1#1-2", "I'll send a quote by Friday."),
        ]
    );
    assert!(said[2].reading.next_step);
    assert!(said[1].objection().is_some() && said[2].objection().is_none());
}

#[test]
fn sentence_readings_follow_the_cue_tables() {
    let legal = read(
        "We can't sign the standard liability cap, legal needs changes.",
        None,
    );
    assert_eq!(legal.objection(), Some(ObjectionCategory::Procurement));
    assert_eq!(read("Nice weather today.", None).category, None);
    assert!(read("Let me set up a deep dive for next Monday.", None).next_step);
}

#[test]
fn every_demo_call_line_is_a_turn_of_its_transcript_said_by_its_speaker() {
    let c = company();
    let name_of = |id: &str| {
        c.data
            .users
            .iter()
            .map(|u| (&u.id, &u.name))
            .chain(c.data.contacts.iter().map(|p| (&p.id, &p.name)))
            .find(|(pid, _)| pid.as_str() == id)
            .map(|(_, n)| n.clone())
    };
    let mut checked = 0;
    for d in c
        .docs
        .iter()
        .filter(|d| d.metadata.source_type == "call_transcript")
    {
        let at = span(&d.id);
        let transcript = c
            .data
            .transcripts
            .iter()
            .find(|t| t.id == at.source_id)
            .unwrap();
        for turn in turns(d) {
            let truth = &transcript.turns[turn.index];
            if at.piece.is_none() {
                assert_eq!(turn.text, truth.text, "{} turn {}", d.id, turn.index);
            } else {
                assert!(truth.text.contains(turn.text.trim()), "{} piece", d.id);
            }
            assert_eq!(turn.speaker.map(str::to_owned), name_of(&truth.person_id));
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} turns checked");
}
