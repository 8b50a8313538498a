//! The neutral frame of a call — titles, agenda by stage, introductions, discovery questions
//! and demo narration — which carries no topic label, so it must stay free of topic content
//! (no prices, competitors, delays or risks).

use revpulse_graph::model::Stage;

/// What a call at a stage is about, for its title.
pub(crate) fn call_kind(stage: Stage) -> &'static [&'static str] {
    match stage {
        Stage::Prospecting => &["Intro call", "Intro", "First conversation", "Initial call"],
        Stage::Qualification => &[
            "Qualification call",
            "Follow-up call",
            "Discovery prep",
            "Scoping call",
        ],
        Stage::Discovery => &[
            "Discovery & demo",
            "Product demo",
            "Deep-dive demo",
            "Discovery session",
        ],
        Stage::Proposal => &[
            "Proposal review",
            "Proposal walkthrough",
            "Solution review",
            "Proposal Q&A",
        ],
        Stage::Negotiation => &[
            "Commercial review",
            "Contract review",
            "Final terms",
            "Negotiation call",
        ],
        Stage::ClosedWon => &[
            "Quarterly business review",
            "Check-in",
            "QBR",
            "Account review",
        ],
        Stage::ClosedLost => &[
            "Debrief",
            "Decision debrief",
            "Post-decision call",
            "Feedback call",
        ],
    }
}

/// The seller's agenda line for a call at a stage.
pub(crate) fn agenda(stage: Stage) -> &'static [&'static str] {
    match stage {
        Stage::Prospecting => &[
            "[the goal today|what I'd love to do today] is [to understand|to learn] how you [run|manage] [forecasting|pipeline reviews] at {account} and whether {line} [is even a fit|could help].",
            "[so|okay], [no slides today|I'll keep it light]—[mostly|really] I want to [hear|learn] [how your team works|what's on your plate this year].",
            "[agenda-wise|for today], [a bit about|some context on] {account}, a [quick|short] [overview|intro] of {line}, and [then|after that] we [see|decide] [if|whether] a [second call|deeper session] makes sense.",
        ],
        Stage::Qualification => &[
            "[I'd like to|let's] [cover|go through] [your priorities|the problem you're solving], who's involved [in the decision|on your side], and rough timing.",
            "[today|this call] I'd [love|like] to [make sure|confirm] [we understand|I understand] [the use case|what success looks like] [before|so] we [go deeper|set up a demo].",
            "[quick|short] agenda: [your goals for the year|what's driving this], [the team involved|who else should be involved], and [what a good next step looks like|next steps].",
        ],
        Stage::Discovery => &[
            "[agenda-wise|for today], I'll [do a|run a] [quick demo|walkthrough] of {product} focused on [what you shared|the use cases you sent], [then|and then] [leave time for questions|open it up].",
            "[the plan|my plan] is [about twenty minutes|half the call] [of demo|on the product] [using|with] [a sandbox set up|a demo org set up] [like|to look like] yours, [then|and] [your questions|discussion].",
            "[I've|we've] [tailored|built] the demo [around|on] [the|your] [weekly forecast call|pipeline review] [you described|you walked me through] last time.",
        ],
        Stage::Proposal => &[
            "[the plan|today's plan] is to [walk through|review] the proposal for {product} and [answer|work through] [any|the open] questions.",
            "[I'll|let me] [share my screen|pull up the proposal] and [go section by section|walk through it]—[stop me|jump in] [anytime|whenever].",
            "[today|this session] [is mostly about|should mostly be about|is really for] [your questions|reactions] [on|to] the proposal [we sent|I sent over] [last week|on Friday].",
        ],
        Stage::Negotiation => &[
            "[today|this call] [is|should be] [about|mostly about] [closing out|finalising] the [open items|remaining points] so we can [get to signature|wrap this up].",
            "[I've|we've] got [a short list|a list] of [open items|points] [from|on] [the paperwork|our side]—[can we|could we] [go through|work through] them [one by one|in order]?",
            "[let's|I'd like to] [use this time|use the call] to [agree|confirm] [the final terms|what's left] so [everyone's clear|we're all on the same page].",
        ],
        Stage::ClosedWon => &[
            "[today|this session] is [a check-in|our quarterly review] on how the {line} [rollout|adoption] is going.",
            "[I've|we've] [pulled together|put together] [a few|some] [slides|numbers] on [the last quarter|how things are going], [and then I'd love to hear|then let's get] your [take|feedback].",
            "[the|my] [goal|aim] [today|for this call] is [to hear|hearing] [what's working|how it's going] and [where we can help|what we should focus on next].",
        ],
        Stage::ClosedLost => &[
            "[I wanted to|thanks for agreeing to] [do a quick debrief|hear how the decision was made]—[no sales pitch|no hard sell], [I promise|honestly].",
            "[I'd|I would] [really|] [value|appreciate] [your|honest] [feedback|thoughts] on [the process|how we did], [so|and] [we can|we'll] [get better|improve].",
        ],
    }
}

/// Buyer replies to the agenda.
pub(crate) const AGENDA_REPLY: &[&str] = &[
    "[sounds good|works for me|perfect], [go ahead|let's do it|take it away|over to you].",
    "[sounds good|great]—[can we|could we] [leave|save] [ten minutes|a few minutes] at the end [for questions|for Q&A|for the team's questions]?",
    "[yep|yeah], [that works|that's fine], [go ahead|take it away] {you}.",
    "[great|perfect], [that's|this is] [what I was hoping for|exactly what we need|the right focus].",
    "[okay|sure], [I|we] [might|may] [jump in|interrupt] [with questions|as we go], [if that's okay|hope that's fine].",
];

/// The seller asking for introductions.
pub(crate) const INTRO_ASK: &[&str] = &[
    "[before we dive in|quickly|first things first|before I kick off], [could we|can we|should we] do [a round of|quick|short] intros, [since|as] [I see|it looks like there are] [a few new faces|some new folks|a couple of new people] [today|on the call|on the line|joining us]?",
    "[since|as] we have [a few|some|a couple of] new people [on the line|here|with us] [today|this time], [maybe|let's|could we] [go around|do a quick round] [with|for] [name and role|just name and role|names and what you look after]?",
    "[great to have|nice to see|really glad to have] [a bigger group|more of the team|some new faces] [today|here|on this one], [so|and] [maybe|let's do|how about] [quick|short] intros [first|before we start|before the agenda]?",
];

/// A buyer introducing themselves (`{name}` and `{title}` are the speaker's).
pub(crate) const INTRO_SELF: &[&str] = &[
    "[sure|hi everyone|hey all]—I'm {name}, {title}, [looking forward to it|happy to be here|thanks for having me].",
    "{first} here, {title} [at|over at] {account}—[I'll mostly be listening today|I'll jump in with questions|apologies in advance, I'm dialing in from the car].",
    "[hi|hello], [this is|I'm] {name}, {title}, and I'll [probably|likely] end up [being|as] [a heavy user|one of the main users] [of this|if we go ahead].",
    "[and|hi, and] I'm {first}, {title}—I'm [joining|here] [because|since] {champion} [asked me to|suggested it|roped me in].",
];

/// Neutral discovery questions from the seller; answered by the same index of
/// [`DISCOVERY_ANSWER`].
pub(crate) const DISCOVERY_ASK: &[&str] = &[
    "[can you|could you|would you] walk me through how [your team|{account}|your org] [runs|does|handles] the [weekly|Monday] [forecast call|pipeline review] [today|right now|these days]?",
    "how many [people|managers|frontline managers] [join|sit in on|are on] [that call|those reviews|the weekly review], [roughly|more or less|on a typical week]?",
    "[where does the [forecast|commit number] live|which system holds the [forecast|commit number]|where does the final number end up] [today|at the end of the week|once the call is done]?",
    "what does a [good|great|productive] [week|Monday|forecast call] look like for [your managers|you|the team], [ideally|in a perfect world|if everything went right]?",
    "[who|which team|which person] [owns|maintains|builds] [the|your] [pipeline reports|dashboards|weekly deck] [today|right now|at the moment]?",
    "[and how|how] do you [track|see|keep tabs on] [deal changes|what moved|slipped dates] [from week to week|week over week|between calls] [today|right now|]?",
    "[just to|so I can] [understand|picture] the [team|setup], [how many reps|how many sellers] [roll up|report] into [each manager|a manager|the forecast] [roughly|on average|]?",
];

/// Neutral discovery answers from a buyer, one per question of [`DISCOVERY_ASK`].
pub(crate) const DISCOVERY_ANSWER: &[&str] = &[
    "[today|right now|honestly] we do it [mostly|all|pretty much entirely] in [spreadsheets|Google Sheets|a big Excel file], every [Monday|Tuesday|Thursday] [morning|afternoon], with each manager [walking|talking|reading] through [their|the] [commit|deals|top deals].",
    "we have [about|around|roughly] [eight|twelve|fifteen|twenty] [managers|frontline managers|first-line managers] plus [the|our] [VP|CRO|head of sales] on [that call|it|the weekly call].",
    "[it|the number] [ends up|lives] in [a slide|the board deck|a shared sheet|an email to the CEO] that [our|the] [ops|RevOps|sales ops] [team|analyst|person] [builds|updates|pulls together] [by hand|every week|on Sunday nights].",
    "[ideally|in a perfect world|honestly], [managers|people|the team] [spend|would spend] [the call|the time|that hour] on [coaching|the deals that matter|next steps], not [reading out|updating|arguing about] numbers.",
    "[mostly|honestly mostly|it's basically] [one|a single] [ops|RevOps|sales ops] [person|analyst], [who's|and she's|and he's] [stretched thin|doing three jobs|the bottleneck].",
    "we [mostly|kind of|basically] [eyeball it|compare last week's sheet to this week's|rely on memory]—there's no [real|proper] [history|change log|audit trail] [of what moved|today].",
    "[each|every] manager has [six to eight|eight to ten|around a dozen] reps, [give or take|roughly|more or less], [and|so] [the roll-up|the forecast] [has|goes through] [two|three] layers.",
];

/// Neutral demo narration from the seller.
pub(crate) const DEMO_SELLER: &[&str] = &[
    "[so|okay|alright], [this is|here's] the [forecast view|pipeline board|deal inspection page]—[each row|every line] is a deal, with [its|the] [stage history|changes over the week|close date moves] [on the right|next to it|in the side panel].",
    "[if I|when you] [click into|open] [a deal|this opportunity|one of these], you [see|get] [the activity timeline|every call and email|the full history], [and|plus] [who's involved|the contacts and their roles|the buying group].",
    "[this|here] is [the roll-up|the manager view|the team view]: [commit|best case] and [pipeline|upside] by [rep|team|region], [and|with] [what changed|the deltas|the movement] since [last week|the last call|Monday].",
    "[let me|I'll] [switch|flip] over to [the|a] [rep's|manager's|VP's] [view|perspective] [so|and] you [can see|see] [what they'd see|how it looks] [day to day|on a Monday|before the call].",
    "[and|so] [down here|at the bottom|on this tab] [you've got|there's] the [snapshot|weekly snapshot|trend] [history|view], [so|which means] you can [compare|go back to] [any week|last quarter|any point in time].",
];

/// Neutral buyer reactions during a demo; answered by the same index of [`DEMO_ANSWER`].
pub(crate) const DEMO_BUYER: &[&str] = &[
    "[oh|okay|hm], [that's|this is] [nice|neat|clean|pretty slick]—[can you|could you] [click into|open] [one of the deals|a deal|that top one]?",
    "[wait|sorry|hang on], [go back|can you go back] [a screen|one slide|a second]—where does [that|this] [number|column|total] come from?",
    "[and|so] [can|could] [managers|reps|we] [add|leave] [notes|comments] [right there|on the deal|next to the number]?",
    "[okay|right], [I like|we like|the team will like] [the|that] [change history|week-over-week view|snapshot view] [a lot|quite a bit|].",
    "[how|and how] [often|frequently] [does that view refresh|is this data updated|does the data refresh], [roughly|out of interest|just curious]?",
];

/// Seller answers, one per reaction in [`DEMO_BUYER`].
pub(crate) const DEMO_ANSWER: &[&str] = &[
    "[yep|sure|of course]—[there you go|here it is|this one]. [Everything|All of it] [is|gets] [captured|logged] [automatically|without anyone typing|from the CRM].",
    "[good question|great question]—[that's|it's] [calculated|rolled up] [from|off] the [deal|opportunity] [amounts|fields] [as of|at] [that|each] [snapshot|moment|point in time].",
    "[yes|absolutely], [notes|comments] [are|sit] [right on|on] the deal [and|with] [mentions|@-mentions] [for|to loop in] [the manager|teammates|the rep].",
    "[glad you like it|yeah, that's the bit people love]—[managers|most teams] [start|open] [their|the] [Monday|weekly] call [from|on] [that view|this screen] [within a few weeks|pretty quickly].",
    "[every few minutes|continuously|roughly every five minutes], [and|plus] [a full|a nightly] snapshot [is taken|gets saved] [for history|so you can go back].",
];
