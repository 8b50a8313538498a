//! Unit tests of the competitor-name matcher on hand-written sentences.

use super::*;

fn catalogue() -> CompetitorMatcher {
    let names = [
        ("Vantora", &["Vantora Suite", "VTR", "Vantora Cloud"][..]),
        ("Brightlane", &["Brightlane.io", "Bright Lane", "BL"][..]),
        ("Orrin Data", &["Orrin", "OrrinDB"][..]),
    ];
    let competitors: Vec<CompetitorName> = names
        .iter()
        .map(|(n, a)| CompetitorName {
            name: n.to_string(),
            aliases: a.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    CompetitorMatcher::new(&competitors).unwrap()
}

fn found(text: &str) -> Vec<(String, &str, Spelling, bool)> {
    let m = catalogue();
    m.find(text)
        .into_iter()
        .map(|f| {
            (
                m.names()[f.competitor].clone(),
                &text[f.span.start..f.span.end],
                f.spelling,
                f.possessive,
            )
        })
        .collect()
}

#[test]
fn aliases_and_case_resolve_to_the_canonical_name() {
    let got = found("we met vtr and BRIGHT LANE, then orrindb");
    let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(names, ["Vantora", "Brightlane", "Orrin Data"]);
    assert_eq!(got[1].1, "BRIGHT LANE");
}

#[test]
fn longest_name_wins() {
    let got = found("Vantora Cloud and Orrin Data and Brightlane.io");
    let spans: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(spans, ["Vantora Cloud", "Orrin Data", "Brightlane.io"]);
}

#[test]
fn possessives_are_recorded_but_not_spanned() {
    let got = found("Vantora's quote, Brightlane’s offer and Orrin Data's plan; Corvalis' none");
    let spans: Vec<(&str, bool)> = got.iter().map(|g| (g.1, g.3)).collect();
    assert_eq!(
        spans,
        [
            ("Vantora", true),
            ("Brightlane", true),
            ("Orrin Data", true)
        ]
    );
}

#[test]
fn bare_apostrophe_possessive_is_recorded() {
    let m = CompetitorMatcher::new(&[CompetitorName {
        name: "Corvalis".into(),
        aliases: vec![],
    }])
    .unwrap();
    let got = m.find("Corvalis' roadmap");
    assert_eq!(got.len(), 1);
    assert!(got[0].possessive);
    assert_eq!(
        &"Corvalis' roadmap"[got[0].span.start..got[0].span.end],
        "Corvalis"
    );
}

#[test]
fn light_misspellings_of_long_names_match() {
    for typo in ["Vantorra", "Vantra", "Vnatora", "Vamtora", "brigthlane"] {
        let text = format!("we looked at {typo} last week");
        let got = found(&text);
        assert_eq!(got.len(), 1, "{typo}");
        assert_eq!(got[0].2, Spelling::Misspelled, "{typo}");
    }
}

#[test]
fn misspellings_need_the_first_letter_and_a_long_name() {
    assert!(found("we looked at Pantora").is_empty());
    assert!(found("we looked at Orin").is_empty());
    assert!(found("we looked at Vantoraaa").is_empty());
}

#[test]
fn protected_names_are_not_misspellings() {
    assert_eq!(found("Brightland Connect")[0].2, Spelling::Misspelled);
    let m = catalogue().protecting(["Brightland Connect"]);
    assert!(m.find("Brightland Connect").is_empty());
    assert_eq!(m.find("Brightlane and Brigthlane").len(), 2);
}

#[test]
fn no_match_inside_longer_words() {
    assert!(found("Vantorasaurus and BLT").is_empty());
    assert!(found("orrinson").is_empty());
    assert_eq!(found("orrinda")[0].2, Spelling::Misspelled);
}

#[test]
fn multi_word_names_need_tight_joins() {
    assert_eq!(found("Orrin, data")[0].1, "Orrin");
    assert_eq!(found("Vantora.\nCloud")[0].1, "Vantora");
}

#[test]
fn empty_or_blank_catalogue_is_refused() {
    assert!(matches!(
        CompetitorMatcher::new(&[]),
        Err(CompetitiveError::EmptyCatalogue)
    ));
    let blank = CompetitorName {
        name: " - ".into(),
        aliases: vec![],
    };
    assert!(matches!(
        CompetitorMatcher::new(&[blank]),
        Err(CompetitiveError::BlankName(_))
    ));
}
