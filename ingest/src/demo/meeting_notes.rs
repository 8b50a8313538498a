//! Titles and short notes of unrecorded meetings, written from the meeting's topics so that the
//! notes carry the same signals (and exact labels) as calls do.

use rand::Rng;
use revpulse_graph::model::Stage;

use super::rng::{DemoRng, pick};
use super::text::{PassageLabel, Topic};

/// A written meeting.
pub(crate) struct MeetingText {
    pub subject: String,
    pub body: String,
    pub labels: Vec<PassageLabel>,
}

/// What the notes are written from.
pub(crate) struct MeetingBrief<'a> {
    pub account_name: &'a str,
    pub product_line: &'a str,
    pub stage: Stage,
    pub customer_success: bool,
    pub attendees: &'a [&'a str],
    pub competitor: Option<&'a str>,
    pub topics: &'a [Topic],
}

fn title(rng: &mut DemoRng, b: &MeetingBrief<'_>) -> &'static str {
    if b.customer_success {
        return pick(
            rng,
            &[
                "Quarterly business review",
                "Account health review",
                "Success plan check-in",
                "Adoption workshop",
            ],
        )
        .copied()
        .unwrap_or("Quarterly business review");
    }
    if b.topics.contains(&Topic::ExecAlignment) && rng.random_bool(0.6) {
        return "Executive alignment";
    }
    if b.topics.contains(&Topic::ProcurementDelay) {
        return "Procurement sync";
    }
    let options: &[&'static str] = match b.stage {
        Stage::Prospecting => &["Intro meeting", "Initial discovery"],
        Stage::Qualification => &["Qualification meeting", "Requirements review"],
        Stage::Discovery => &["Discovery workshop", "Solution demo", "Technical deep dive"],
        Stage::Proposal => &["Proposal review", "Business case walkthrough"],
        _ => &[
            "Pricing and terms review",
            "Contract review",
            "Final decision meeting",
        ],
    };
    pick(rng, options).copied().unwrap_or("Working session")
}

fn sentence(rng: &mut DemoRng, topic: Topic, competitor: Option<&str>, line: &str) -> String {
    let rival = competitor.unwrap_or("another vendor");
    let options: Vec<String> = match topic {
        Topic::PricingObjection => vec![
            "Budget owner said the quote is above what they planned; asked for a discount.".into(),
            format!("Pushback on per-seat pricing for {line}; they want a platform price."),
            "Finance asked whether a multi-year term would bring the annual price down.".into(),
        ],
        Topic::PricingComparison => vec![
            format!("They shared that {rival} came in noticeably cheaper per seat."),
            format!("Price compared line by line against {rival}'s quote."),
            format!("Procurement put our number next to {rival}'s and asked us to close the gap."),
        ],
        Topic::FeatureGap => vec![
            format!("Gap raised: they see {rival} ahead on scenario modelling."),
            format!("Missing capability flagged against {rival}: native multi-currency roll-ups."),
            format!("They asked why {rival} already offers a sandbox and we do not."),
        ],
        Topic::CompetitorMention => vec![
            format!("{rival} is also in the evaluation."),
            format!("Team confirmed they are talking to {rival} in parallel."),
            format!("{rival} presented to the same group last week."),
        ],
        Topic::Displacement => vec![
            format!("Discussed what moving off {rival} would take."),
            format!("They are weighing a switch to {rival} at renewal."),
            format!("Contract with {rival} ends this year; migration effort was the main worry."),
        ],
        Topic::SecurityReview => vec![
            "Security questionnaire and SOC 2 report requested.".into(),
            "InfoSec wants a pen-test summary before moving on.".into(),
        ],
        Topic::ProcurementDelay => vec![
            "Procurement needs a new vendor onboarding cycle; expect a delay of a few weeks."
                .into(),
            "PO is stuck in purchasing review.".into(),
            "Vendor registration is still open with purchasing; signature date will slip.".into(),
        ],
        Topic::BudgetFreeze => vec![
            "Finance announced a spending freeze for the quarter.".into(),
            "New spend now needs CFO approval; budget is on hold.".into(),
        ],
        Topic::LegalReview => vec![
            "Legal is redlining the MSA and DPA.".into(),
            "Open points on liability caps in the MSA.".into(),
        ],
        Topic::ExecAlignment => vec![
            "Executive sponsor joined and confirmed the initiative is a priority.".into(),
            "Exec sponsor aligned on success criteria and sign-off path.".into(),
            "Their executive asked for a quarterly check-in with our leadership.".into(),
        ],
        Topic::Integration => vec![
            format!("Walked through integrating {line} with their CRM and warehouse."),
            "Data team asked about the API rate limits and the sync schedule.".into(),
        ],
        Topic::Implementation => vec![
            "Reviewed the rollout plan and onboarding timeline.".into(),
            "Agreed on a phased rollout, starting with one region.".into(),
        ],
        Topic::Timeline => vec![
            "They want a decision before the end of the quarter.".into(),
            "Target go-live is early next quarter.".into(),
        ],
        Topic::NextSteps => vec![
            "Next step: follow-up session next week with the wider team.".into(),
            "Agreed to send the mutual action plan by Friday.".into(),
            "Next step: technical validation with their data team.".into(),
        ],
        Topic::ValueConfirmation => vec![
            "Champion confirmed the value seen in the pilot.".into(),
            "Team reported the weekly forecast call now takes half the time.".into(),
            format!("Leadership relies on {line} dashboards for the board pack."),
        ],
        Topic::UsageDecline => vec![
            "Active usage has dropped in several teams over recent months.".into(),
            "Two teams stopped logging in after their lead left.".into(),
        ],
        Topic::SupportFrustration => vec![
            "Frustration with slow support responses on open tickets.".into(),
            "They listed three tickets that took weeks to resolve.".into(),
        ],
        Topic::RenewalRisk => vec![
            "Renewal is not guaranteed; they are reviewing all tools.".into(),
            "Sponsor said the renewal will be hard to justify this year.".into(),
        ],
        Topic::ExpansionInterest => vec![
            format!("Interest in more seats and in adding {line} for another team."),
            "They are close to their seat limit and asked about a bigger tier.".into(),
        ],
        Topic::PromptInjection => vec![],
    };
    pick(rng, &options).cloned().unwrap_or_default()
}

fn agenda(rng: &mut DemoRng, b: &MeetingBrief<'_>) -> &'static str {
    let options: &[&'static str] = if b.customer_success {
        &[
            "Agenda: adoption review, open issues, plans for next quarter.",
            "Agenda: success plan and account health.",
        ]
    } else {
        &[
            "Agenda: recap, open questions, plan to decision.",
            "Agenda: requirements, evaluation status, next steps.",
            "Agenda: where the evaluation stands and what is left.",
        ]
    };
    pick(rng, options).copied().unwrap_or("Agenda: recap.")
}

/// Writes a meeting's title and notes.
pub(crate) fn write(rng: &mut DemoRng, b: &MeetingBrief<'_>) -> MeetingText {
    let subject = format!("{} — {}", title(rng, b), b.account_name);
    let mut lines = vec![
        format!("Attendees: {}.", b.attendees.join(", ")),
        agenda(rng, b).to_string(),
    ];
    let mut labels = Vec::new();
    for topic in b.topics {
        let s = sentence(rng, *topic, b.competitor, b.product_line);
        if s.is_empty() {
            continue;
        }
        let names_rival = b.competitor.is_some_and(|c| s.contains(c));
        labels.push(PassageLabel {
            index: 0,
            topic: *topic,
            competitor: if names_rival {
                b.competitor.map(str::to_string)
            } else {
                None
            },
        });
        lines.push(format!("- {s}"));
    }
    MeetingText {
        subject,
        body: lines.join("\n"),
        labels,
    }
}
