//! Turns planned activities and tickets into records by writing their text through the text
//! grammars (calls, emails, tickets) or the meeting-notes writer, and keeps every passage label
//! for the ground truth.

use chrono::{DateTime, Utc};
use revpulse_graph::model::{
    Activity, ActivityKind, BuyingRole, Contact, Ticket, TicketComment, Transcript, User, UserRole,
};

use super::activities::ActivityPlan;
use super::catalog::{LINES, RIVALS};
use super::meeting_notes::{MeetingBrief, write};
use super::rng::{Stream, stream};
use super::text::{
    CallBrief, EmailBrief, Participant, PassageLabel, TicketBrief, call_transcript, email, ticket,
};
use super::tickets::{TicketPlan, comment_times};
use super::truth::{PassageTruth, SourceKind};

/// Lookups the renderer needs.
pub(crate) struct RenderCtx<'a> {
    pub seed: u64,
    pub users: &'a [User],
    pub contacts: &'a [Contact],
    pub account_ids: &'a [String],
    pub account_names: &'a [String],
    pub industries: &'a [&'static str],
    /// Rival aliases as owned strings (the text API borrows them).
    pub aliases: &'a [Vec<String>],
    pub end_of_today: DateTime<Utc>,
}

fn seller_title(user: &User) -> &'static str {
    match user.role {
        UserRole::CustomerSuccess => "Customer Success Manager",
        UserRole::Manager => "Sales Manager",
        _ => "Account Executive",
    }
}

fn competitors_in(labels: &[PassageLabel]) -> Vec<String> {
    let mut names: Vec<String> = labels.iter().filter_map(|l| l.competitor.clone()).collect();
    names.sort();
    names.dedup();
    names
}

impl RenderCtx<'_> {
    fn buyer<'b>(&'b self, contact: usize, roles: &[(usize, BuyingRole)]) -> Participant<'b> {
        let c = &self.contacts[contact];
        Participant {
            id: &c.id,
            name: &c.name,
            title: &c.title,
            role: roles.iter().find(|(x, _)| *x == contact).map(|(_, r)| *r),
        }
    }

    fn rival(&self, competitor: Option<usize>) -> Option<(&str, &[String])> {
        competitor.map(|r| (RIVALS[r].name, self.aliases[r].as_slice()))
    }

    /// Writes one activity; returns it with its transcript (calls) and passage labels.
    pub fn activity(
        &self,
        plan: &ActivityPlan,
        id: String,
        transcript_id: Option<String>,
        opportunity_id: Option<String>,
        roles: &[(usize, BuyingRole)],
    ) -> (Activity, Option<Transcript>, PassageTruth) {
        let mut rng = stream(self.seed, Stream::Text, plan.text_key);
        let user = &self.users[plan.user];
        let seller = Participant {
            id: &user.id,
            name: &user.name,
            title: seller_title(user),
            role: None,
        };
        let buyers: Vec<Participant<'_>> = plan
            .contacts
            .iter()
            .map(|c| self.buyer(*c, roles))
            .collect();
        let line = &LINES[plan.line];
        let account_name = &self.account_names[plan.account];
        let mut activity = Activity {
            id: id.clone(),
            kind: plan.kind,
            at: plan.at,
            account_id: self.account_ids[plan.account].clone(),
            opportunity_id,
            user_id: user.id.clone(),
            contact_ids: plan
                .contacts
                .iter()
                .map(|c| self.contacts[*c].id.clone())
                .collect(),
            subject: String::new(),
            body: String::new(),
            competitors_mentioned: Vec::new(),
            duration_minutes: 0,
        };
        let (labels, transcript, source, record_id) = match plan.kind {
            ActivityKind::Call => {
                let call = call_transcript(
                    &CallBrief {
                        account_name,
                        industry: self.industries[plan.account],
                        product_line: line.name,
                        product: line.products[plan.product.min(line.products.len() - 1)].1,
                        stage: plan.stage,
                        amount: plan.amount,
                        close_date: plan.close_date,
                        at: plan.at,
                        seller,
                        buyers: &buyers,
                        competitor: self.rival(plan.competitor),
                        topics: &plan.topics,
                        sentiment: plan.sentiment,
                        injection: plan.injection,
                    },
                    &mut rng,
                );
                activity.subject = call.subject;
                activity.duration_minutes = call.duration_minutes;
                let tid = transcript_id.unwrap_or_default();
                let transcript = Transcript {
                    id: tid.clone(),
                    activity_id: id,
                    turns: call.turns,
                };
                (call.labels, Some(transcript), SourceKind::Transcript, tid)
            }
            ActivityKind::Email => {
                let mail = email(
                    &EmailBrief {
                        direction: plan.direction,
                        account_name,
                        product_line: line.name,
                        stage: plan.stage,
                        amount: plan.amount,
                        close_date: plan.close_date,
                        seller,
                        buyer: buyers[0],
                        competitor: self.rival(plan.competitor),
                        topics: &plan.topics,
                        sentiment: plan.sentiment,
                        injection: plan.injection,
                    },
                    &mut rng,
                );
                activity.subject = mail.subject;
                activity.body = mail.body;
                (mail.labels, None, SourceKind::Email, id)
            }
            ActivityKind::Meeting => {
                let mut attendees: Vec<&str> = vec![user.name.as_str()];
                attendees.extend(buyers.iter().map(|b| b.name));
                let notes = write(
                    &mut rng,
                    &MeetingBrief {
                        account_name,
                        product_line: line.name,
                        stage: plan.stage,
                        customer_success: plan.deal.is_none(),
                        attendees: &attendees,
                        competitor: plan.competitor.map(|r| RIVALS[r].name),
                        topics: &plan.topics,
                    },
                );
                activity.subject = notes.subject;
                activity.body = notes.body;
                activity.duration_minutes = 30 + 15 * (plan.topics.len() as i64).min(4);
                (notes.labels, None, SourceKind::Meeting, id)
            }
        };
        activity.competitors_mentioned = competitors_in(&labels);
        (
            activity,
            transcript,
            PassageTruth {
                source,
                record_id,
                labels,
            },
        )
    }

    /// Writes one ticket.
    pub fn ticket(&self, plan: &TicketPlan, id: String) -> (Ticket, PassageTruth) {
        let mut rng = stream(self.seed, Stream::Text, plan.text_key);
        let customer = self.buyer(plan.contact, &[]);
        let agent = &self.users[plan.agent];
        let generated = ticket(
            &TicketBrief {
                account_name: &self.account_names[plan.account],
                product_line: LINES[plan.line].name,
                customer,
                agent_name: &agent.name,
                topics: &plan.topics,
                sentiment: plan.sentiment,
                priority: plan.priority,
                competitor: self.rival(plan.competitor),
                comment_count: plan.comment_count,
            },
            &mut rng,
        );
        let times = comment_times(&mut rng, plan, generated.comments.len(), self.end_of_today);
        let comments = generated
            .comments
            .into_iter()
            .zip(times)
            .map(|((by_customer, body), at)| TicketComment {
                author_id: if by_customer {
                    self.contacts[plan.contact].id.clone()
                } else {
                    agent.id.clone()
                },
                at,
                body,
            })
            .collect();
        let record = Ticket {
            id: id.clone(),
            account_id: self.account_ids[plan.account].clone(),
            contact_id: Some(self.contacts[plan.contact].id.clone()),
            opened_at: plan.opened_at,
            closed_at: plan.closed_at,
            priority: plan.priority,
            subject: generated.subject,
            sentiment: plan.sentiment,
            comments,
        };
        (
            record,
            PassageTruth {
                source: SourceKind::Ticket,
                record_id: id,
                labels: generated.labels,
            },
        )
    }
}
