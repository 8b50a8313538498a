//! Technical topics: security review, integration with the buyer's systems, and implementation.

use revpulse_graph::model::{BuyingRole, Speaker};

use super::{Mood, TopicGrammar};

/// Security questionnaire, pen test, SOC 2 review.
pub(crate) const SECURITY_REVIEW: TopicGrammar = TopicGrammar {
    buyer: &[
        "[security|our security team|infosec] [needs|wants|has asked for] {security} before anything [gets signed|can move forward].",
        "[we|I] [sent|forwarded] {security} [over|across] [last week|on Monday]—[did it come through|has your team had a chance to look]?",
        "[our|the] [CISO|security lead|vendor risk team] [flagged|has questions about] [how you store|where you host|how you encrypt] [customer data|data at rest|backups].",
        "[the|our] [security|vendor risk] review [usually|typically] [takes|runs] [four to six|three to five|six to eight] weeks, and [we haven't started|it hasn't started yet].",
        "[we|infosec] [need|require] [proof of|evidence of] [SOC 2 Type II|ISO 27001|a recent pen test] plus [a list of|your] [sub-processors|hosting regions].",
        "[security|infosec] [came back with|sent] [a bunch of|about forty|a dozen] [follow-up|clarifying] questions on {security}.",
        "[they|security] won't [approve|clear] a vendor that [touches|ingests] [CRM|customer|PII] data [without|until they've done] a [full|formal] review.",
        "[the|our] [security review|risk assessment] has been [stuck|sitting] [in the queue|with infosec] for [two weeks|three weeks|ten days].",
        "[do you|does your platform] [support|offer] [customer-managed keys|BYOK|IP allow-listing|SSO enforcement]? [Security|Infosec] [asked|wants to know].",
    ],
    buyer_more: &[
        "it's [standard|the same process] for [every|any] new vendor, nothing [personal|specific to you].",
        "[the|our] [pen test|vendor risk] [folks|team] [are|is] [really|pretty] [thorough|strict], [to be honest|just warning you].",
        "once [they sign off|security signs off|they clear it], [the rest|legal and procurement] should [move|go] [fast|quickly].",
    ],
    seller: &[
        "[no problem|totally normal]. [I'll|We'll] [send|share] {security} and [our|the] [trust center|trust portal] [link|access] {after_call}.",
        "we've [completed|been through] [hundreds of|a lot of] [these|security reviews] [with|for] {industry} [companies|customers], so [most of it is|almost everything is] [pre-filled|ready to go].",
        "[can we|could we] [get|set up] [a call|thirty minutes] [between|with] [your|the] [security team|CISO] and [our|my] [security engineer|head of security]? That [usually|often] [clears|resolves] [most questions|the follow-ups] [in one go|quickly].",
        "[our|the] [data|customer data] is [encrypted|stored encrypted] [at rest and in transit|with AES-256], hosted in [AWS|our US and EU regions], with [SSO|SAML SSO] [enforced|available] [on every plan|on enterprise].",
        "[we'll|I'll] [turn around|answer] the [follow-up questions|open questions] by {next_date}, so [it|the review] [doesn't|won't] [hold up|block] {close}.",
        "[the|our] [latest|most recent] [SOC 2 Type II|pen test] [was clean|came back with no high findings] [in the spring|last quarter]; [I'll|I can] [share|send] the report under NDA.",
    ],
    seller_more: &[
        "which [security|infosec] [items|questions] [are|look] [most likely|likely] to [be blockers|take the longest]?",
        "if it helps, we [can|could] [sign|start] [an|the] NDA [today|now] so I can [share|send] the [reports|documents].",
        "[and|also,] [our|the] [security|infosec] [team|engineer] [is|can be] [available|on call] [for|during] [your|the] review [directly|if needed].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::TechnicalEvaluator,
        BuyingRole::Procurement,
        BuyingRole::Champion,
    ],
    subjects: &[
        "security review",
        "security questionnaire",
        "infosec follow-up",
        "security docs",
    ],
};

/// Connecting to other systems.
pub(crate) const INTEGRATION: TopicGrammar = TopicGrammar {
    buyer: &[
        "how [exactly|] [does|would] [it|this] [integrate|connect|work] with {system}? [That's|It's] [our|the] [system of record|source of truth].",
        "[our|the] {system} [instance|org] is [heavily customised|a bit of a mess|ten years old], so I'm [worried|nervous] about the [sync|connector|integration].",
        "we'd [need|want] [two-way|bi-directional] sync with {system}, not [just|only] a [one-way|nightly] [import|export].",
        "what happens when [someone|a rep] [updates|changes] [an opportunity|a record] in {system}? How [fast|quickly] does [it|that] [show up|appear] on your side?",
        "[we|our data team] [pipe|push] [everything|all our data] [into|through] {system2}, so we'd [need|want] [a|the] connector for that [as well|too].",
        "[do you|does it] [have|support] [a native|an out-of-the-box] {system} [connector|integration], or [is it|do we need] [custom|middleware|our own build]?",
        "[our|the] [RevOps|IT|data] [team|folks] [is|are] [stretched|tiny|swamped], so any integration that [needs|requires] [custom work|engineering time] [won't|isn't going to] [fly|happen].",
        "[what|which] [APIs|endpoints] do you expose? [We|Our engineers] [want|would want] to [pull|push] [forecast|pipeline] data [into|to] {system2}.",
        "[the|our] {system} [sync|connector] [in the trial|during the pilot] [dropped|missed] [a few|some] [records|updates], [so|and] [I|we] need to understand [why|what happened].",
    ],
    buyer_more: &[
        "[the last|the previous] [tool|vendor] [we bought|we tried] [broke|kept breaking] [the|our] {system} [sync|integration] [every|each] [quarter|release].",
        "[and|also,] [our|the] [field mappings|custom objects] are [pretty|fairly] [non-standard|unusual], [fair warning|just to warn you].",
        "how [does|would] [it|the integration] [handle|deal with] [deleted|merged|duplicate] [records|accounts]?",
    ],
    seller: &[
        "we have a native {system} [connector|integration]—it's [bi-directional|two-way] and [syncs|updates] [every few minutes|in near real time|every five minutes].",
        "setting up the {system} [integration|connector] [is|takes] [usually|typically] [a day or two|an afternoon|a few hours] [with|for] [your|an] admin, [no|without any] [custom code|engineering work].",
        "for {system2}, [we|our customers] [use|usually use] [our|the] [REST API|webhooks|reverse-ETL connector], and [I can|I'll] [share|send] [the docs|examples|a reference architecture].",
        "[our|the] [solutions engineer|SE] [can|will] [map|walk through] [your|the] {system} [fields|custom objects] with [your|the] [admin|RevOps team] in a [working session|one-hour session].",
        "[custom|non-standard] [objects|fields] [aren't|are not] [a problem|an issue]—the connector supports [them|those] [out of the box|with field mapping].",
        "[a lot of|most of] our {industry} [customers|accounts] [run|use] {system} [too|as well], so this is a [well-trodden path|very common setup].",
    ],
    seller_more: &[
        "[I'll|let me] [set up|book] [a technical deep dive|an integration workshop] for {next_date}.",
        "[rate limits|API limits] on the {system} side [are|get] [handled|respected] [automatically|by the connector], so it won't [throttle|starve] [your|other] [integrations|jobs].",
        "[and|also,] [every|each] [sync|job] [is|gets] [logged|monitored], [so|and] [your|the] admin [sees|can see] [failures|errors] [right away|immediately].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::TechnicalEvaluator,
        BuyingRole::EndUser,
        BuyingRole::Champion,
    ],
    subjects: &[
        "integration questions",
        "connector follow-up",
        "technical deep dive",
        "data sync",
    ],
};

/// Rollout and onboarding.
pub(crate) const IMPLEMENTATION: TopicGrammar = TopicGrammar {
    buyer: &[
        "how long [does|would] [a typical|the] [implementation|rollout|onboarding] take for [a team our size|{seats} users|{account}]?",
        "we [need|want] [to be|everyone] [live|up and running] [by|before] {golive}, because that's [when our planning cycle starts|the start of the new fiscal year|when we have our sales kickoff].",
        "[who|what people] [do you need from us|do we need] [for|during] [the rollout|implementation]? We don't have [a dedicated admin|much bandwidth].",
        "[our|the] [last|previous] [rollout|implementation] [took|dragged on for] [nine months|almost a year|six months] and no one [wants|is up for] [that again|a repeat].",
        "[can we|would it make sense to] [start|roll out] with [one team|one region|a pilot group of {pilot} users] before [going wide|the whole org]?",
        "what does [training|onboarding] look like for [the|our] [reps|managers|frontline managers]?",
        "[is there|would we get] [a|a named] [project manager|CSM|implementation lead] [on your side|from your team]?",
        "I'm [worried|concerned] about [change management|adoption]—[the|our] [reps|team] [hate|resist] [new tools|anything new].",
    ],
    buyer_more: &[
        "[and|also,] [the|our] [sales kickoff|SKO] is [in|around] {golive_month}, which would be [the|a] [perfect|natural] [launch moment|moment to launch].",
        "we [can|could] [give|spare] [maybe|about] [five|ten|a few] hours a week [from|of] [our|a] [RevOps|ops] [person|analyst].",
        "[and|plus] [we'd|I'd] [want|need] [the|our] [managers|team leads] [trained|onboarded] [first|before the reps].",
    ],
    seller: &[
        "a [typical|usual] [rollout|implementation] for [a team this size|{seats} seats] is [six to eight weeks|about eight weeks|four to six weeks], with a named [implementation lead|onboarding manager] on our side.",
        "if we [sign|get the paperwork done] by {close}, [going|being] live by {golive} is [realistic|very doable|achievable].",
        "starting with [a pilot|one team|a pilot of {pilot} users] [works|tends to work] [well|really well]—it builds [champions|internal proof] before the [wider|full] rollout.",
        "[we|our team] [handle|do] [most of|the heavy lifting on] the [configuration|setup|data migration]—on your side it's [maybe|about] [a few hours a week|an admin and a sponsor].",
        "[training|enablement] [is|comes] [included|built in]: [live sessions|role-based sessions] for [reps|managers|admins], plus [recorded|on-demand] [courses|modules].",
        "[we'll|I'll] [put together|share] [a|the] [project plan|implementation plan] with [milestones|week-by-week milestones] working back from {golive}.",
    ],
    seller_more: &[
        "[adoption|change management] is [where|the part] [we|our CSMs] [spend the most time|focus] in the first [ninety days|quarter].",
        "[I'll|let me] [include|attach] [a sample|an example] [project plan|timeline] from [a similar|another] {industry} [rollout|customer].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::TechnicalEvaluator,
        BuyingRole::EndUser,
    ],
    subjects: &[
        "implementation plan",
        "rollout timeline",
        "onboarding",
        "go-live planning",
    ],
};
