//! Competitive topics: a competitor named in the evaluation, displacement of an incumbent, and
//! concrete feature gaps.

use revpulse_graph::model::{BuyingRole, Speaker};

use super::{Mood, TopicGrammar};

/// The competitor is named as being in the evaluation.
pub(crate) const COMPETITOR_MENTION: TopicGrammar = TopicGrammar {
    buyer: &[
        "[just so you know|full transparency|I'll be upfront], we're [also|] [looking at|evaluating|talking to] {comp}.",
        "{comp} [is|are] [also|] [in the mix|on the shortlist|in the running] [for this|alongside you].",
        "we [had|just had] [a demo|a call|a workshop] with {comp} [last week|on Tuesday|yesterday], and [honestly|] [it went well|they were impressive|it was fine].",
        "[a couple of|some of] [our|the] [reps|managers|people on the team] [used|have used] {comp} [at their last company|before] and [keep bringing it up|keep pushing for it].",
        "what would you say [is the big difference|are the main differences|is the real difference] between you and {comp}?",
        "{exec} [met|knows] [someone|the CEO] at {comp} and [asked|wants] us to [take a look|give them a fair shot].",
        "{comps} [rep|AE|team] has been [very|really] [aggressive|persistent|responsive]—they've [called|emailed] me [three times|every day] [this week|since the demo].",
        "[the|our] [analyst|Gartner|Forrester] [report|briefing] [put|ranked|had] {comp} [ahead of|next to|above] you [on|for] [forecasting|ease of use], and [people|leadership] [noticed|are asking].",
        "[in the bake-off|in the evaluation|in our scoring], {comp} [scored|did] [well|better than expected] [on|in] [the UI|reporting|ease of setup].",
        "we [saw|got] {comps} [roadmap|demo] and they [say|claim] they're [shipping|launching] [AI forecasting|a new pipeline module] [next quarter|soon].",
        "[to be transparent|so you're not surprised], {comp} [is|are] [coming in|presenting] [on|next] [Thursday|week] [as well|too].",
    ],
    buyer_more: &[
        "it's [not|really not] [a done deal|decided] [either way|for anyone], [to be clear|just so you know].",
        "I'd [like|want] [a fair|an honest] [comparison|side-by-side] before we [decide|make a call].",
        "[they|their team] [were|came across] [a bit|pretty] [pushy|salesy], [though|to be honest].",
        "[our|the] [recommendation|decision] goes to {exec} before {close}.",
    ],
    seller: &[
        "[thanks for being upfront about|appreciate you telling me about] {comp}. What [did you like|stood out] [in|about] [their demo|their approach]?",
        "we [see|run into] {comp} [a lot|often] in {industry} [deals|accounts]. Where we [win|tend to win], it's [on|because of] [forecast accuracy|time to value|the data model].",
        "[happy to|I'm happy to] [do|set up] a [side-by-side|head-to-head] [against|with] {comp} [on your data|on a real use case].",
        "the [question|one thing] I'd [ask|push] {comp} [on|about] is [how|whether] they [handle|deal with] [historical snapshots|pipeline changes over time|multi-currency].",
        "[a lot of|many of] our [customers|best customers] [evaluated|looked at] {comp} [too|as well]—[I can|happy to] [connect you|introduce you] [to one of them|with one who chose us].",
        "[honestly|to be fair], {comp} [is|are] [a solid|a credible] [option|vendor]. [The difference|Where we differ] comes down to [how deep we go on|how we handle] {system} [data|integration].",
        "what [criteria|scorecard] [are you|is the team] [using|scoring us on] [against|versus] {comp}?",
        "[good to know|okay] about {comp}. [Where|At what stage] are they in [the|your] process, [demo|pilot|pricing]?",
    ],
    seller_more: &[
        "I'd rather [win|earn it] on [the product|substance] than on price.",
        "[and|also,] [ask|check] for [references|a reference] [at your size|in your industry]—that [tells you|will tell you] a lot.",
        "[we publish|our team publishes] [our|the] [uptime|release notes] [openly|every month], [so|and] [you can|feel free to] [compare|check] [that|it] [too|as well].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::TechnicalEvaluator,
        BuyingRole::EconomicBuyer,
    ],
    subjects: &[
        "evaluation update",
        "comparison",
        "where things stand",
        "vendor evaluation",
    ],
};

/// Moving off the competitor.
pub(crate) const DISPLACEMENT: TopicGrammar = TopicGrammar {
    buyer: &[
        "we're [moving|migrating] off {inc} [at the end of the contract|before our renewal|by the end of the year]—[it|the tool] [just|simply] hasn't [scaled|kept up] with us.",
        "[our contract with {inc}|{incs} contract] [ends|is up|expires] [at the end of {quarter}|this summer|in a few months], and we're [not renewing|not planning to renew].",
        "we've been on {inc} for [three|four|five] years, and [honestly|] [adoption|trust in the numbers] has [gotten|become] [terrible|really low].",
        "the [main|whole] [reason|point] [we're here|we're talking] is [to replace|to get off|ripping out] {inc}.",
        "{inc} [raised|hiked] [our|the] [renewal price|price] by [twenty|thirty|forty] percent, and that was the [last straw|final push].",
        "[the|our] [reps|managers] [stopped|gave up] [using|trusting] {inc} [months ago|a while back]—people are [back in|living in] spreadsheets.",
        "we'd need [help|a plan] [migrating|moving] [three years of|all our] [history|forecast history|data] [out of|from] {inc}.",
        "[since|after] {inc} [got acquired|changed ownership], [support|the roadmap] has [fallen off a cliff|gone quiet], so we're [replacing|leaving] them.",
        "[we're|the team is] [done|finished] with {inc}—[the|our] [decision|plan] is to [sunset|switch off] it [this year|before renewal].",
    ],
    buyer_more: &[
        "we [can't afford|don't want] [a repeat|another migration like that] [in two years|down the road], so we're being [careful|picky] this time.",
        "the [cutover|switch] [has to|needs to] [happen|be done] [before|by] [our renewal with {inc}|the renewal date with {inc}].",
        "there's [zero|no] [appetite|patience] left for {inc} [internally|at this point].",
    ],
    seller: &[
        "we've [migrated|moved] [a lot of|dozens of] [teams|customers] [off|from] {inc}—a [typical|usual] [cutover|migration] [takes|is] [four to six weeks|about a month].",
        "[we have|our services team has] [a migration playbook|an import tool] for {inc}, so [your|the] [history|forecast history] [comes over|comes with you].",
        "when [does your contract with {inc} end|is your renewal with {inc} up]? [Let's|I want to] [work back|plan back] from that date [so you're not paying twice|so there's no overlap].",
        "which [parts of|things in] {inc} [does|do] the team [actually|still] [use|like]? [I want to make sure|We should make sure] the new setup [covers|keeps] those.",
        "[a lot of|many] [teams|customers] [leaving|coming from] {inc} tell us the same thing about [trust in the numbers|adoption|data quality].",
        "to avoid [double|overlapping] [licensing|licenses], we [can|could] align [our|the] term with the end of your contract with {inc}.",
    ],
    seller_more: &[
        "[I can|happy to] [introduce you|connect you] to [a customer|someone] who [made|did] [the same move|that exact switch] [last year|recently].",
        "[the|our] [migration|onboarding] fee [is|can be] [waived|included] when [displacing|replacing] {inc}.",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::ExecSponsor,
        BuyingRole::TechnicalEvaluator,
    ],
    subjects: &[
        "migration plan",
        "replacing our current tool",
        "switching over",
        "cutover timing",
    ],
};

/// A concrete missing capability.
pub(crate) const FEATURE_GAP: TopicGrammar = TopicGrammar {
    buyer: &[
        "[the|our] [big|main|biggest] [gap|concern|blocker] is [still|] {feature}—{feature_why}.",
        "[without|if you don't have] {feature}, this is [basically|] a non-starter for {account}, because {feature_why}.",
        "[do you|does the product] [have|support] {feature}? [We|I] [didn't see|couldn't find] it in the [demo|trial|docs].",
        "[is|when is] {feature} [on the roadmap|coming]? Because {feature_why}.",
        "we [tested|tried] {feature} in the [trial|sandbox|pilot] and it [didn't|just doesn't] [work|do what we need|hold up].",
        "how [do|would] [other|your] [customers|teams] [manage|cope] without {feature}?",
        "for [us|{account}], {feature} is a [must-have|hard requirement|table-stakes item], not a nice-to-have.",
        "[our|my] [technical team|architect|IT lead] [flagged|raised] {feature} as [a gap|missing|a blocker] [in the|after the] [evaluation|technical review].",
        "[honestly|] the [thing|gap] that [keeps coming up|worries me] is {feature2}.",
        "[we|I] [love|like] [the forecasting piece|the dashboards], but [we'd need|we're missing|you don't have] {feature}, and {feature_why}.",
        "[one more|another] [gap|thing missing]: {feature}. [Our|The] [users|admins] [asked about it|noticed] [in the first week|right away].",
    ],
    buyer_more: &[
        "{comp} [has|already supports] that [out of the box|natively], [for what it's worth|just saying].",
        "if it's [on the roadmap|coming next quarter], we'd need [that|it] in writing.",
        "[a|any] workaround [would|could] [work|be fine] [for|as long as it's for] [a quarter|a few months].",
        "[and|also,] we'd [want|need] to see [it|that] working [live|] [on|with] our [data|setup].",
        "[and|plus] [the same|it's the same] [question|gap] [for|with] {feature2}.",
    ],
    seller: &[
        "[good|fair] [question|flag]. {feature} is on the roadmap for [next quarter|{quarter}|the next release]—I'll [get|bring] [our|a] product manager [on a call|to walk you through it].",
        "[today|right now], [we|most customers] [handle|work around] {feature} [with|through] [the API|a workflow|a scheduled job]—it's not [perfect|native], but it [works|holds up].",
        "[let me|I'll] [check|confirm] with [our product team|our PM] exactly when {feature} [ships|lands]—I [don't|won't] want to [overpromise|guess].",
        "[honestly|to be straight with you], we don't [have|support] {feature} [natively|today]. If that's a [hard|firm] requirement, I'd rather we [know|find out] now.",
        "we [can|could] [put|write] {feature} [into|in] the [order form|contract] with a committed [date|delivery], if that helps with [sign-off|your team].",
        "what [problem|use case] does {feature} [solve|need to solve] for you exactly? [There may be|We might have] [another way|a different way] [to get there|to cover it].",
        "we [actually|do] have [a version of|partial] {feature} [in beta|in early access]—[happy to|I can] [turn it on|enable it] in [your|the] [sandbox|trial].",
    ],
    seller_more: &[
        "[I'll|let me] [send|share] [the|our] roadmap [deck|doc] {after_call}.",
        "[a few|several] [customers|teams] [asked|pushed us] [for|on] [the same thing|that], so it's [high|well up] on the [list|priority list].",
        "[and|also,] [our|the] [solutions engineer|SE] [can|will] [set up|build] [a|the] [workaround|proof of concept] [with|for] your [admin|team] [this week|before {next_date}].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::TechnicalEvaluator,
        BuyingRole::EndUser,
        BuyingRole::Champion,
    ],
    subjects: &[
        "product requirements",
        "feature questions",
        "open technical requirements",
        "roadmap question",
    ],
};
