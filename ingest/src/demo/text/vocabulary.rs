//! Shared vocabulary of the text grammars: the concrete things deals talk about (missing
//! features, systems to integrate, security artefacts, executives) and the conversational glue
//! (fillers, hedges, acknowledgements, connectives, small talk) that makes speech sound spoken.

/// A capability buyers ask for: how it is named, and why they need it.
pub(crate) struct Feature {
    /// Noun phrase with its article where one is needed, e.g. `"SSO with SCIM provisioning"`.
    pub name: &'static str,
    /// Why it matters to the buyer (a clause, template syntax allowed).
    pub why: &'static str,
}

/// Concrete feature gaps a buyer can raise.
pub(crate) const FEATURES: &[Feature] = &[
    Feature {
        name: "SSO with SCIM provisioning",
        why: "[IT|our identity team] won't sign off on anything that can't [deprovision|offboard] users automatically through Okta",
    },
    Feature {
        name: "near-real-time Salesforce sync",
        why: "a [fifteen-minute|twenty-minute|half-hour] sync lag means the reps are [looking at|forecasting off] stale numbers",
    },
    Feature {
        name: "an offline mode",
        why: "[half|a good chunk] of our field team works [on sites|in places] with no [signal|connectivity]",
    },
    Feature {
        name: "custom roles",
        why: "finance needs to see bookings without seeing [comp plans|commission data|individual quota attainment]",
    },
    Feature {
        name: "EU data residency",
        why: "our DPO [requires|insists] that customer data stays in [Frankfurt|Dublin|an EU region]",
    },
    Feature {
        name: "proper audit logs",
        why: "[compliance|internal audit] needs a full trail of who [exported|changed|viewed] what and when",
    },
    Feature {
        name: "higher API rate limits",
        why: "we'd [blow through|hit] the [thousand-calls-a-minute|current] limit during month-end close",
    },
    Feature {
        name: "row-level permissions",
        why: "regional managers [should only|must only] see their own territory's pipeline",
    },
    Feature {
        name: "a native Snowflake connector",
        why: "our [data team|analytics team] [won't|doesn't want to] maintain another [CSV export|nightly job|brittle pipeline]",
    },
    Feature {
        name: "multi-currency reporting",
        why: "we book in [euros, pounds and dollars|four currencies|EUR and USD] and need [consolidated|rolled-up] numbers",
    },
    Feature {
        name: "a sandbox environment",
        why: "[change management|our admins] won't let us test [workflow changes|config changes] in production",
    },
    Feature {
        name: "a decent mobile app",
        why: "our [managers|VPs|field reps] [live on their phones|are never at a desk]",
    },
    Feature {
        name: "field-level encryption",
        why: "[security|our CISO] flagged [PII|customer contact data] in the [pilot|trial] data set",
    },
    Feature {
        name: "scheduled PDF exports",
        why: "the [board pack|weekly exec report|QBR deck] still gets built by hand every [week|month]",
    },
];

/// Systems a deal has to integrate with.
pub(crate) const SYSTEMS: &[&str] = &[
    "Salesforce",
    "HubSpot",
    "NetSuite",
    "Snowflake",
    "Workday",
    "SAP",
    "Microsoft Dynamics",
    "BigQuery",
    "Zendesk",
    "Slack",
    "Gong",
    "Marketo",
];

/// Security-review artefacts.
pub(crate) const SECURITY_ITEMS: &[&str] = &[
    "the security questionnaire",
    "the SIG Lite questionnaire",
    "the SOC 2 Type II report",
    "the pen test summary",
    "the CAIQ",
    "the vendor risk assessment",
    "the data flow diagram",
    "the ISO 27001 certificate",
];

/// Executive titles on the buyer side.
pub(crate) const EXECS: &[&str] = &[
    "our CFO",
    "the CRO",
    "our COO",
    "the CIO",
    "our VP of Sales",
    "the CEO",
    "our SVP of Operations",
    "the head of RevOps",
];

/// Legal artefacts in a contract review.
pub(crate) const LEGAL_ITEMS: &[&str] = &[
    "the MSA redlines",
    "the DPA",
    "the limitation of liability clause",
    "the indemnification language",
    "the auto-renewal clause",
    "the data processing addendum",
    "the SLA credits section",
    "the termination for convenience clause",
];

/// Spoken fillers at the start of a turn (template syntax).
pub(crate) const FILLERS: &[&str] = &[
    "", "", "", "", "so,", "yeah,", "um,", "okay,", "right,", "well,", "so, um,", "yeah, so",
    "okay so", "and,", "I mean,",
];

/// Hedges that soften a claim (template syntax).
pub(crate) const HEDGES: &[&str] = &[
    "I think",
    "honestly",
    "to be fair",
    "if I'm being honest",
    "as far as I know",
    "I'd say",
    "realistically",
    "from where I sit",
    "at least right now",
    "I guess",
    "frankly",
];

/// Acknowledgements in a live conversation.
pub(crate) const ACKS_SPOKEN: &[&str] = &[
    "yeah, I hear you.",
    "that's fair.",
    "totally understand.",
    "okay, good to know.",
    "got it.",
    "makes sense.",
    "appreciate you being straight with me.",
    "no, that's a really fair point.",
    "yep.",
    "understood.",
    "right, right.",
    "okay, thanks for flagging that.",
];

/// Acknowledgements in writing.
pub(crate) const ACKS_WRITTEN: &[&str] = &[
    "thanks for flagging this.",
    "appreciate you being candid.",
    "understood.",
    "thanks for the context.",
    "that's helpful to know.",
    "good to know.",
    "noted, and thank you.",
];

/// Connectives that open a follow-up sentence.
pub(crate) const CONNECTIVES: &[&str] = &[
    "and",
    "also,",
    "on top of that,",
    "the other thing is",
    "plus",
    "and honestly,",
    "separately,",
    "to be clear,",
    "the thing is,",
    "and just so you know,",
];

/// Tag questions at the end of a spoken sentence.
pub(crate) const TAGS: &[&str] = &[
    "",
    "",
    "",
    " right?",
    " you know?",
    " if that makes sense.",
    " does that make sense?",
];

/// Openers that colour a buyer's line with a frustrated, sceptical tone.
pub(crate) const TONE_NEGATIVE: &[&str] = &[
    "look,",
    "I'll be blunt,",
    "frankly,",
    "I have to be honest,",
    "not going to sugar-coat it,",
    "I'm going to push back here,",
    "this is where I get stuck:",
    "okay, so here's my problem:",
];

/// Openers that colour a buyer's objection with a warm, engaged tone (they end in "but").
pub(crate) const TONE_POSITIVE: &[&str] = &[
    "so, the team's genuinely excited, but",
    "we really like what we've seen, but",
    "honestly this has been a great process so far, but",
    "don't get me wrong, we're keen, but",
    "we want to make this work, but",
    "I'm a fan, you know that, but",
];

/// Openers for a warm buyer on a positive subject.
pub(crate) const TONE_WARM: &[&str] = &[
    "oh, good one—",
    "honestly, love this.",
    "yeah, so, really positive here:",
    "great question, actually.",
    "this is the fun part:",
];

/// Openers for a sceptical buyer on a positive subject.
pub(crate) const TONE_GRUDGING: &[&str] = &[
    "I'll give you this:",
    "okay, in fairness,",
    "credit where it's due,",
    "I'm still on the fence overall, but",
    "fine,",
];

/// Small-talk openers from the seller.
pub(crate) const SMALL_TALK_SELLER: &[&str] = &[
    "hey [everyone|all|folks], thanks for [making the time|joining|hopping on] [today|this morning|this afternoon]—how's [your week going|everyone doing|the week treating you] [so far|]?",
    "hi [{you}|everyone], [good to see you again|thanks for jumping on|great to reconnect]—[did you have a good weekend|how was the long weekend|busy week on your side]?",
    "[morning|good morning], [all|everyone|folks]—or afternoon, depending on where you are—[can everyone hear me okay|is my audio okay on your end|hope I'm coming through clearly]?",
    "hey {you}, [thanks for|appreciate you] [fitting this in|squeezing this in] [today|on short notice|this week], [I know it's a busy time|I know it's quarter-end for you|I know your calendar is packed].",
    "hi [all|team|{you}], [good to be back together|thanks for the time|nice to see everyone], [and I hope|hope] [the offsite went well|the conference was worth it|the office move went okay|the kickoff was fun].",
    "[hey|hi|okay], [can you|can everyone] [see my screen|see the screen] [okay|alright|clearly]? [Let me know if|Shout if|Tell me if] it's [blurry|too small|lagging] [at any point|on your end].",
    "[hi|hey] {you}, [how are things|how's everything] [over at {account}|on your side|in your world] [this week|these days|lately]?",
    "[good morning|good afternoon|hi there], [everyone|{you}]—[let's give it|I'll give it] [a minute|thirty seconds|a moment] for [the others|everyone|the rest of the team] to [join|dial in].",
];

/// Small-talk replies from a buyer.
pub(crate) const SMALL_TALK_BUYER: &[&str] = &[
    "[good|not bad], [thanks|thank you], [busy|hectic|crazy] week [as usual|honestly|like always] but [good|can't complain].",
    "[yeah|yep], all good, [I just got out of|I'm just coming from] [back-to-back meetings|our pipeline review|a board prep session] [so bear with me|so give me a sec|so my coffee's cold].",
    "doing well—[the weather here is finally turning|it's been raining all week here|we finally got some sun], so [can't complain|that helps|everyone's in a better mood].",
    "[hi|hey] {you}, [good|fine], thanks—[we're|I'm] [deep in planning season|in the middle of hiring season|buried in QBRs] [right now|this month|at the moment].",
    "[all good on our end|audio's fine|we can hear you fine], [sorry|apologies]—[a couple of people are running late|one of my colleagues is dialing in from the car|we're still waiting on one person].",
    "[hey|hello] {you}, [good to see you|thanks for setting this up]—[heads up|just so you know], [I've got a hard stop at the half hour|I might need to drop ten minutes early|I'm between two meetings].",
    "[can't complain|doing okay|pretty good]—[kids were sick all week|just back from vacation|still recovering from the sales kickoff|the move to the new office is done], but [we're here|here we are|all good].",
    "[hi|hey], [yes|yep], [screen's|your screen is] [visible|clear|showing fine] [on my end|here], [go for it|all set].",
];

/// Neutral listener turns between topics (template syntax).
pub(crate) const BACKCHANNEL: &[&str] = &[
    "mm-hmm.",
    "[mm-hmm|okay|right|sure|yep], [go on|keep going|I'm with you|following you so far].",
    "[okay|right|sure], [that's helpful|that makes sense|that tracks|I'm with you].",
    "[got it|understood|noted], [thanks|thank you] [{you}|for explaining].",
    "[yeah|yep], [that tracks|that's fair|fair enough] [with what we've seen|from our side|honestly].",
    "[okay|alright], [good to know|useful context], [keep going|go on|carry on].",
];

/// Sceptical listener turns (negative tone).
pub(crate) const BACKCHANNEL_SCEPTICAL: &[&str] = &[
    "hmm. Okay.",
    "[I'm not sure|I don't think] that really answers it, but [go on|keep going|okay].",
    "[okay|sure], I hear you, [I'm just not convinced yet|I'm still sceptical|I'll believe it when I see it].",
    "sure, but that's what every vendor [says|tells us|promises].",
    "[right|okay]. [Let's keep going|Let's move on|We'll see], [I guess|then].",
];

/// Transitions the seller uses to move to the next subject.
pub(crate) const TRANSITIONS: &[&str] = &[
    "[okay|great|cool|alright], [let's shift gears|let's move on|let me switch topics|let me change tack] [for a sec|quickly|for a minute|a little].",
    "[that's|this is] [super|really|very] [helpful|useful|good context]{you_tail}—[can I|could I|mind if I] ask about something else?",
    "[okay|alright], [I want to|let me] [make sure we cover|get to] the [other|next] [thing|item] on the agenda [before we run out of time|while we have time|while we're all here].",
    "[good|perfect|great]—[before I forget|while I have you all here|while we're on it], there's [one more thing|something else|another topic] I wanted to [cover|raise|ask about].",
    "[alright|okay], [let's|I want to] keep us moving [since we've got|with] [about twenty minutes|fifteen minutes|twenty-five minutes|half an hour] left.",
];

/// Recap lines near the end of a call.
pub(crate) const RECAP: &[&str] = &[
    "[okay|alright], [we're almost at time|we're coming up on time|we're at the top of the hour], so [let me quickly recap|I'll play back what I heard] so [we're aligned|nothing falls through the cracks].",
    "[this was|that was] [really|super] [productive|useful|helpful], [and|so] [I'll send a summary|I'll write this up] [after the call|this afternoon|by end of day].",
    "[great|perfect], I [think|feel like] we covered [a lot|the main things|most of what we planned]—[anything I missed|anything else on your side|any other questions before we wrap]?",
    "[we've got a couple of|there are a few|we have a few] minutes left, so [before we wrap|before we drop], [is there anything else|anything else you want to cover] [today|on your side]?",
];

/// Buyer replies to a recap.
pub(crate) const RECAP_REPLY: &[&str] = &[
    "[no, I think that's it|nope, that covers it|that's everything from me|nothing to add], [thanks|thank you|cheers] {you}.",
    "[that's it on our side|all good|we're good], [so|just] [send over the notes|send the summary|share the recording] and [we'll|I'll] [take a look|circulate it internally|go through it] [this week|tomorrow|].",
    "[I think we're good|nothing else from me|I'm all set], [appreciate the time|thanks for running this|this was useful|good session] [today|{you}|].",
    "[one small thing|just one more thing]—[can you|could you] [include the slides|attach the deck|send the recording] [with|in] the [follow-up|summary]? [Otherwise|But otherwise] [we're good|that's it|all set].",
    "[nope|no], [you got it all|that's a good summary|that matches my notes], [thanks|cheers] {you}.",
];

/// Seller sign-offs at the end of a call.
pub(crate) const GOODBYES: &[&str] = &[
    "[thanks|thank you|appreciate it], [everyone|all|{you}]—[talk soon|have a great rest of your day|enjoy the weekend|speak next week|I'll be in touch|have a good afternoon].",
    "[great|perfect|wonderful], [thanks all|thanks everyone|thank you both|thanks {you}]—[bye for now|take care|have a good one|until next time].",
    "[appreciate the time|thanks again|thanks so much], {you}, [I'll get the notes over|I'll send the recap|the summary will come] [today|this afternoon|shortly|by tonight]—[speak soon|talk soon|bye now].",
];
