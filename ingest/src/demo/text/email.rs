//! Sales emails: a greeting, an opener fitting the direction, one paragraph per requested topic
//! in the writer's voice, an optional planted injection, a closing and a signature.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use revpulse_graph::model::Speaker;

use super::call::{first_name, speaking_order, tone_prefix};
use super::facts::{Basis, Facts, Medium, Voice};
use super::grammar::{chance, pick, render};
use super::phrases;
use super::{EmailBrief, EmailDirection, GeneratedEmail, PassageLabel, Topic, injection};

const GREETINGS: &[&str] = &[
    "Hi {you},",
    "Hello {you},",
    "{you},",
    "Hey {you},",
    "Good morning {you},",
    "Hi {you} —",
];

const SELLER_OPENERS: &[&str] = &[
    "thanks again for the time [yesterday|on Tuesday|earlier today|this week].",
    "hope your week is off to a [good|decent] start.",
    "following up on our [conversation|call] about {line}.",
    "[quick|a quick] follow-up from our call.",
    "[wanted to|just wanted to] [close the loop|follow up] on a few things.",
    "[great|good] [speaking with|talking to] you [and the team|earlier].",
    "[as promised|like I said I would], [here's|here is] [a summary|where we landed].",
];

const BUYER_OPENERS: &[&str] = &[
    "thanks for sending the [proposal|details|deck] over.",
    "[quick|a quick] update from our side.",
    "[wanted to|just wanted to] give you a heads-up on a few things.",
    "following up on {line}.",
    "[sorry for|apologies for] the [slow reply|delay]—[it's been|it has been] [a hectic week|a busy few days].",
    "[I|we] [discussed|went through] [this|your proposal] [internally|with the team] [yesterday|this week].",
];

const SELLER_CLOSINGS: &[&str] = &[
    "let me know if you have any questions.",
    "happy to jump on a call if [that's easier|easier].",
    "looking forward to [hearing from you|your thoughts].",
    "[shout|let me know] if I can help [with anything|in the meantime].",
    "[thanks again|appreciate your help] [on this|with all of this].",
];

const BUYER_CLOSINGS: &[&str] = &[
    "let me know what you think.",
    "talk soon.",
    "appreciate your help here.",
    "[happy to|we can] [discuss|talk] [on our next call|live if easier].",
    "[thanks|thank you] for [your patience|bearing with us].",
];

const SIGNOFFS: &[&str] = &[
    "Best",
    "Thanks",
    "Cheers",
    "Regards",
    "Best regards",
    "Thank you",
    "All the best",
];

/// Lead-ins that name the paragraph's subject before its first sentence.
const LEAD_INS: &[&str] = &[
    "On {subject}:",
    "Re {subject}:",
    "Regarding {subject}:",
    "{subject}:",
];

/// Generates an email for the brief.
pub(crate) fn generate(brief: &EmailBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedEmail {
    let facts = Facts::new(
        Basis {
            medium: Medium::Email,
            account: brief.account_name,
            industry: "",
            line: brief.product_line,
            product: brief.product_line,
            amount: brief.amount,
            close_date: brief.close_date,
            today: None,
            competitor: brief.competitor,
        },
        rng,
    );
    let (writer, reader, side) = match brief.direction {
        EmailDirection::SellerToBuyer => (brief.seller, brief.buyer, Speaker::Seller),
        EmailDirection::BuyerToSeller => (brief.buyer, brief.seller, Speaker::Buyer),
    };
    let you = first_name(reader.name);
    let (mut order, next_steps) = speaking_order(brief.topics, rng);
    if next_steps {
        order.push(Topic::NextSteps);
    }

    let mut paragraphs: Vec<String> = Vec::new();
    let mut labels = Vec::new();
    let mut plain = Voice::new(&facts, side, you);
    paragraphs.push(render(pick(rng, GREETINGS, "Hi {you},"), &mut plain, rng));
    let openers = if side == Speaker::Seller {
        SELLER_OPENERS
    } else {
        BUYER_OPENERS
    };
    let mut opener = render(pick(rng, openers, "quick update."), &mut plain, rng);

    let mut subject_fragment = None;
    for topic in &order {
        let Some(g) = phrases::grammar(*topic) else {
            continue;
        };
        let fragment = pick(rng, g.subjects, "follow-up");
        subject_fragment.get_or_insert(fragment);
        let mut voice = Voice::new(&facts, side, you);
        let mut template = String::new();
        if order.len() > 1 && chance(rng, 0.3) {
            template.push_str(&pick(rng, LEAD_INS, "").replace("{subject}", fragment));
            template.push(' ');
        }
        if side == Speaker::Buyer
            && let Some(prefix) = tone_prefix(g, brief.sentiment, rng)
        {
            template.push_str(prefix);
            template.push(' ');
        }
        template.push_str(pick(rng, g.core(side), ""));
        let mut text = render(&template, &mut voice, rng);
        let extra = if chance(rng, 0.6) { 1 } else { 0 } + usize::from(chance(rng, 0.2));
        let mores = g.more(side);
        let start = if mores.is_empty() {
            0
        } else {
            rng.random_range(0..mores.len())
        };
        for k in 0..extra.min(mores.len()) {
            text.push(' ');
            text.push_str(&render(mores[(start + k) % mores.len()], &mut voice, rng));
        }
        let competitor = if voice.named {
            brief.competitor.map(|(c, _)| c.to_string())
        } else {
            None
        };
        labels.push(PassageLabel {
            index: 0,
            topic: *topic,
            competitor,
        });
        paragraphs.push(text);
    }
    if paragraphs.len() == 1 {
        // No topic paragraphs: the opener carries the email.
        opener.push(' ');
        opener.push_str(&render("[let me know if|tell me whether] [anything|something] [has changed|is new] on your side.", &mut plain, rng));
    }
    paragraphs.insert(1, opener);
    if brief.injection {
        let text = injection::written(rng);
        let at = if chance(rng, 0.6) {
            paragraphs.len()
        } else {
            rng.random_range(2..=paragraphs.len())
        };
        paragraphs.insert(at, text);
        labels.push(PassageLabel {
            index: 0,
            topic: Topic::PromptInjection,
            competitor: None,
        });
    }
    let closings = if side == Speaker::Seller {
        SELLER_CLOSINGS
    } else {
        BUYER_CLOSINGS
    };
    paragraphs.push(render(pick(rng, closings, "thanks."), &mut plain, rng));
    let signoff = pick(rng, SIGNOFFS, "Best");
    let signature = if chance(rng, 0.5) {
        format!("{signoff},\n{}\n{}", writer.name, writer.title)
    } else {
        format!("{signoff},\n{}", first_name(writer.name))
    };
    paragraphs.push(signature);

    let fragment = subject_fragment.unwrap_or("following up");
    let subject = match rng.random_range(0..5) {
        0 => format!("{} — {fragment}", brief.account_name),
        1 => format!("Re: {fragment}"),
        2 => format!("{}: {fragment}", brief.product_line),
        3 => format!("Re: {} / {}", brief.account_name, brief.product_line),
        _ => format!("{fragment} ({})", brief.account_name),
    };
    let subject = capitalise(&subject);
    GeneratedEmail {
        subject,
        body: paragraphs.join("\n\n"),
        labels,
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
