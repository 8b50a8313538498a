//! Support tickets: a product problem reported by the customer, alternating agent replies
//! (questions, fixes, escalations) and customer follow-ups, with the customer's frustration
//! following the brief's sentiment and each requested topic carried by a labelled sentence in
//! a customer comment.

use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use revpulse_graph::model::{Speaker, TicketPriority};

use super::call::first_name;
use super::facts::{Basis, Facts, Medium, Voice};
use super::grammar::{Fill, Slots, chance, choose, expand, pick, render};
use super::numbers::weekday_name;
use super::phrases::tickets::{self, Problem};
use super::phrases::{self};
use super::{GeneratedTicket, PassageLabel, TicketBrief, Topic};

/// Slots a ticket's text may not use because a ticket brief has no deal facts behind them.
const DEAL_ONLY_SLOTS: &[&str] = &[
    "{close",
    "{renewal",
    "{quarter",
    "{weeks_left",
    "{proc_weeks",
    "{next_date",
    "{meeting_date",
    "{golive",
    "{since_month",
    "{amount",
    "{seats",
    "{per_seat",
    "{discount",
    "{offer",
    "{multi_",
    "{comp_price",
    "{active_users",
    "{pilot",
    "{industry",
    "{followup_item",
    "{buyer_task",
    "{next_owner",
    "{next_meeting_kind",
];

const REPORTS: &[&str] = &[
    "Forecast",
    "Pipeline",
    "Team roll-up",
    "Commit",
    "Deal risk",
    "Bookings",
];
const ROLES: &[&str] = &[
    "Regional Manager",
    "Sales Manager - EMEA",
    "Finance Viewer",
    "Team Lead",
    "RevOps Analyst",
];

/// A ticket's own fixed facts, so every comment quotes the same error and numbers.
struct Details {
    error: String,
    n_rows: i64,
    n_users: i64,
    seconds: i64,
    since_day: &'static str,
    report: &'static str,
    role_name: &'static str,
}

struct TicketSlots<'d, 'f, 'a> {
    voice: Voice<'f, 'a>,
    details: &'d Details,
    agent: &'d str,
}

impl Slots for TicketSlots<'_, '_, '_> {
    fn fill(&mut self, name: &str, rng: &mut ChaCha8Rng) -> Option<Fill> {
        let d = self.details;
        let text = |s: String| Some(Fill::Text(s));
        match name {
            "error" => text(d.error.clone()),
            "n_rows" => text(d.n_rows.to_string()),
            "n_users" => text(d.n_users.to_string()),
            "seconds" => text(d.seconds.to_string()),
            "since_day" => text(d.since_day.to_string()),
            "report" => text(d.report.to_string()),
            "role_name" => text(d.role_name.to_string()),
            "agent" => text(self.agent.to_string()),
            _ => self.voice.fill(name, rng),
        }
    }
}

/// The problem a ticket is about, nudged by its topics.
fn choose_problem(topics: &[Topic], rng: &mut ChaCha8Rng) -> &'static Problem {
    if topics.contains(&Topic::Integration) && chance(rng, 0.7) {
        return if chance(rng, 0.7) {
            &tickets::SYNC
        } else {
            &tickets::API_LIMITS
        };
    }
    if topics.contains(&Topic::FeatureGap) && chance(rng, 0.6) {
        return if chance(rng, 0.5) {
            &tickets::PERMISSIONS
        } else {
            &tickets::EXPORT
        };
    }
    if topics.contains(&Topic::PricingObjection) && chance(rng, 0.5) {
        return &tickets::BILLING;
    }
    pick(rng, tickets::PROBLEMS, &tickets::SYNC)
}

/// Topic sentences for a ticket: the ticket phrase book, else the call buyer lines that need no
/// deal facts.
fn topic_pool(topic: Topic) -> Vec<&'static str> {
    if let Some(lines) = tickets::topic_lines(topic) {
        return lines.to_vec();
    }
    let Some(g) = phrases::grammar(topic) else {
        return Vec::new();
    };
    g.buyer
        .iter()
        .copied()
        .filter(|line| !DEAL_ONLY_SLOTS.iter().any(|slot| line.contains(slot)))
        .collect()
}

/// Which customer comment (0-based among customer comments) carries each topic.
fn place_topics(
    topics: &[Topic],
    customer_comments: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<Topic>> {
    let mut placed: Vec<Vec<Topic>> = vec![Vec::new(); customer_comments.max(1)];
    let last = placed.len() - 1;
    let mut next = 0;
    for topic in topics {
        if *topic == Topic::PromptInjection || placed.iter().any(|p| p.contains(topic)) {
            continue;
        }
        let slot = match topic {
            Topic::Integration | Topic::FeatureGap | Topic::Timeline => 0,
            Topic::SupportFrustration
            | Topic::RenewalRisk
            | Topic::Displacement
            | Topic::CompetitorMention
            | Topic::UsageDecline => {
                if last == 0 {
                    0
                } else {
                    rng.random_range(1..=last)
                }
            }
            _ => {
                next = (next + 1) % placed.len();
                next
            }
        };
        placed[slot].push(*topic);
    }
    placed
}

/// A line of `pool` not used yet on this ticket (any line once all are used).
fn fresh(
    pool: &'static [&'static str],
    used: &mut Vec<usize>,
    rng: &mut ChaCha8Rng,
) -> &'static str {
    let unused: Vec<usize> = (0..pool.len()).filter(|i| !used.contains(i)).collect();
    let i = match unused.len() {
        0 => rng.random_range(0..pool.len().max(1)),
        n => unused[rng.random_range(0..n)],
    };
    used.push(i);
    pool.get(i).copied().unwrap_or("")
}

/// Generates a support ticket for the brief.
pub(crate) fn generate(brief: &TicketBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedTicket {
    let facts = Facts::new(
        Basis {
            medium: Medium::Ticket,
            account: brief.account_name,
            industry: "",
            line: brief.product_line,
            product: brief.product_line,
            amount: 0,
            close_date: NaiveDate::default(),
            today: None,
            competitor: brief.competitor,
        },
        rng,
    );
    let problem = choose_problem(brief.topics, rng);
    let raw_error = pick(rng, problem.errors, "ERROR");
    let mut details = Details {
        error: String::new(),
        n_rows: *choose(rng, &[37, 112, 240, 418, 1_250, 3_900]).unwrap_or(&112),
        n_users: *choose(rng, &[3, 8, 14, 25, 40, 65]).unwrap_or(&14),
        seconds: *choose(rng, &[25, 40, 45, 60, 90]).unwrap_or(&40),
        since_day: weekday_name(
            chrono::Weekday::try_from(rng.random_range(0..5u8)).unwrap_or(chrono::Weekday::Mon),
        ),
        report: pick(rng, REPORTS, "Forecast"),
        role_name: pick(rng, ROLES, "Regional Manager"),
    };
    details.error = {
        let mut slots = TicketSlots {
            voice: Voice::new(&facts, Speaker::Buyer, ""),
            details: &details,
            agent: "",
        };
        expand(raw_error, &mut slots, rng)
    };
    let customer_first = first_name(brief.customer.name);
    let agent_first = first_name(brief.agent_name);
    let count = brief.comment_count.max(1);
    let customer_comments = count.div_ceil(2);
    let placement = place_topics(brief.topics, customer_comments, rng);
    let s = brief.sentiment.clamp(-1.0, 1.0);

    let mut comments = Vec::with_capacity(count);
    let mut used_details: Vec<usize> = Vec::new();
    let mut labels = Vec::new();
    for index in 0..count {
        if index % 2 == 0 {
            let nth = index / 2;
            let last = nth + 1 == customer_comments;
            let mut slots = TicketSlots {
                voice: Voice::new(&facts, Speaker::Buyer, agent_first),
                details: &details,
                agent: agent_first,
            };
            let angry = s < -0.2 && chance(rng, 0.3 + 0.5 * -s + 0.15 * nth as f64);
            let opener = if angry {
                pick(rng, tickets::CUSTOMER_ANGRY, "")
            } else if s > 0.3 && chance(rng, 0.6) {
                pick(rng, tickets::CUSTOMER_FRIENDLY, "")
            } else {
                pick(rng, tickets::CUSTOMER_CALM, "")
            };
            let greeting = render(opener, &mut slots, rng);
            let mut parts: Vec<String> = Vec::new();
            if nth == 0 {
                if brief.priority == TicketPriority::Urgent {
                    parts.push(render("[this is urgent|urgent]: [our whole team is|the sales team is] [blocked|affected].", &mut slots, rng));
                } else if brief.priority == TicketPriority::Low && chance(rng, 0.6) {
                    parts.push(render(
                        "[not urgent|low priority], but [wanted to flag it|worth a look].",
                        &mut slots,
                        rng,
                    ));
                }
                parts.push(render(pick(rng, problem.report, ""), &mut slots, rng));
                if chance(rng, 0.7) {
                    parts.push(render(
                        fresh(problem.details, &mut used_details, rng),
                        &mut slots,
                        rng,
                    ));
                }
            } else if last && s > -0.2 && chance(rng, 0.5 + s * 0.5) {
                parts.push(render(pick(rng, problem.resolved, ""), &mut slots, rng));
            } else if used_details.len() >= problem.details.len() || chance(rng, 0.6) {
                parts.push(render(pick(rng, problem.unresolved, ""), &mut slots, rng));
            } else {
                parts.push(render(
                    fresh(problem.details, &mut used_details, rng),
                    &mut slots,
                    rng,
                ));
            }
            for topic in placement.get(nth).map(Vec::as_slice).unwrap_or_default() {
                let pool = topic_pool(*topic);
                if pool.is_empty() {
                    continue;
                }
                let mut topic_slots = TicketSlots {
                    voice: Voice::new(&facts, Speaker::Buyer, agent_first),
                    details: &details,
                    agent: agent_first,
                };
                parts.push(render(pick(rng, &pool, ""), &mut topic_slots, rng));
                let competitor = if topic_slots.voice.named {
                    brief.competitor.map(|(c, _)| c.to_string())
                } else {
                    None
                };
                labels.push(PassageLabel {
                    index,
                    topic: *topic,
                    competitor,
                });
            }
            let mut body = parts
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if greeting.ends_with(',') {
                body = format!("{greeting}\n\n{body}");
            } else if !greeting.is_empty() {
                body = format!("{greeting} {body}");
            }
            if chance(rng, 0.6) {
                body.push_str("\n\n");
                body.push_str(pick(
                    rng,
                    &["Thanks,", "Regards,", "Cheers,", "Best,", "—"],
                    "Thanks,",
                ));
                body.push(if body.ends_with('—') { ' ' } else { '\n' });
                body.push_str(customer_first);
            }
            comments.push((true, body));
        } else {
            let mut slots = TicketSlots {
                voice: Voice::new(&facts, Speaker::Seller, customer_first),
                details: &details,
                agent: agent_first,
            };
            let mut parts = vec![render("[Hi|Hello] {you},", &mut slots, rng)];
            parts.push(render(
                pick(rng, tickets::AGENT_EMPATHY, ""),
                &mut slots,
                rng,
            ));
            let body_line = match index {
                1 => pick(rng, problem.agent_ask, ""),
                3 => pick(rng, problem.agent_fix, ""),
                _ if chance(rng, 0.5) => pick(rng, problem.agent_fix, ""),
                _ => {
                    "[just checking in|following up]—[is the issue still happening|are you still seeing the problem] on your side? [If so|If it is], [I'll|I will] [escalate to|loop in] [our|the] [engineering lead|on-call engineer] [right away|today]."
                }
            };
            let mut text = parts.join("\n\n");
            text.push(' ');
            text.push_str(&render(body_line, &mut slots, rng));
            text.push_str("\n\n");
            text.push_str(&render(
                pick(rng, tickets::AGENT_SIGNOFFS, "{agent}"),
                &mut slots,
                rng,
            ));
            comments.push((false, text));
        }
    }

    let mut subject_slots = TicketSlots {
        voice: Voice::new(&facts, Speaker::Buyer, ""),
        details: &details,
        agent: agent_first,
    };
    let mut subject = render(
        pick(rng, problem.subjects, "problem"),
        &mut subject_slots,
        rng,
    );
    if brief.priority == TicketPriority::Urgent && chance(rng, 0.7) {
        subject = format!("[URGENT] {subject}");
    }
    GeneratedTicket {
        subject,
        comments,
        labels,
    }
}
