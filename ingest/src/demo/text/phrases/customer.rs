//! Post-sale topics: usage decline, support frustration, renewal risk and expansion interest.

use revpulse_graph::model::{BuyingRole, Speaker};

use super::{Mood, TopicGrammar};

/// Fewer people using the product.
pub(crate) const USAGE_DECLINE: TopicGrammar = TopicGrammar {
    buyer: &[
        "[honestly|to be fair], [usage|adoption] has [dropped|fallen off|slipped] since [the reorg|the new VP started|we changed comp plans].",
        "[only|just] [about|around] {active_users} of [our|the] {seats} [seats are actively used|people log in regularly] [these days|right now].",
        "[the|our] [reps|managers] [went|drifted] back to [spreadsheets|their old habits|the CRM reports] [after|once] [our|the] [champion|admin|RevOps lead] [left|moved on].",
        "[we|I] [noticed|saw] the [login|usage] [numbers|dashboard] too—[it's|that's] down [about|roughly] {usage_drop} since {since_month}.",
        "[a lot of|half] [the team|our managers] never got [onboarded|trained] properly, so [they|people] [just stopped logging in|don't really use it].",
        "we're [still|] paying for {seats} seats, [and|but] [maybe|probably] [half|a third|two thirds] of them get [used|touched] in [a given|any] week.",
        "[people|the team] [say|said] [it's|the tool is] [too slow|too complicated|not part of their workflow], so [usage|adoption] [tanked|dropped off].",
    ],
    buyer_more: &[
        "that [makes|will make] the [renewal|next renewal] [conversation|discussion] [harder|awkward], [honestly|to be honest].",
        "[I|we] can't [justify|defend] paying for [shelfware|seats nobody uses] [to finance|internally].",
        "we [need|want] [help|a plan] [getting|to get] [people|the team] [back in|using it again].",
    ],
    seller: &[
        "[looking at|I pulled] [the|your] [usage|adoption] [data|numbers] [before the call|this morning]—active users are down {usage_drop} since {since_month}, [about|roughly] {active_users} out of {seats} seats.",
        "[I|we] [noticed|saw] [weekly|] [logins|active users] [dropped|dipped] [after|around] {since_month}. [Do you know|Any idea] what [changed|happened] [on your side|there]?",
        "we'd [love to|like to] [run|offer] a [free|] [re-onboarding|refresher training|enablement session] for [the|your] [managers|reps|new hires] to [get|bring] [usage|adoption] back up.",
        "[usage|adoption] [usually|typically] [dips|drops] when [a champion|an admin|the admin] [leaves|moves on]—is there someone who [owns|could own] [it|the tool] [now|on your side]?",
        "[our|your] CSM [can|could] [build|put together] [an adoption plan|a ninety-day adoption plan] with [weekly|specific] [targets|goals] per team.",
        "[your|the] [most active|power] [users|teams] are still [very|really] [engaged|active]—[maybe|we could] [have them|use them to] coach the others.",
    ],
    seller_more: &[
        "if [some|those] seats [stay|remain] [unused|idle], we [can|could] [look at|discuss] [reallocating|right-sizing] [them|the seat count] before renewal.",
        "[I'll|let me] [send|share] [the|a] [usage report|adoption report] broken down by team {after_call}.",
    ],
    lead: Speaker::Seller,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::EndUser,
        BuyingRole::EconomicBuyer,
    ],
    subjects: &[
        "adoption check-in",
        "usage review",
        "adoption plan",
        "usage trends",
    ],
};

/// Unhappy with support.
pub(crate) const SUPPORT_FRUSTRATION: TopicGrammar = TopicGrammar {
    buyer: &[
        "[honestly|frankly], [support|your support team] has been [a problem|a real pain|frustrating]—we waited [three days|a week|five days] [for|to get] a [response|first reply] on [a P1|an urgent ticket|a sync issue].",
        "we've [had|logged] [four|five|six] [tickets|support cases] [this month|in the last few weeks] and no one has [owned|followed up on] [them|any of them].",
        "every time [we|I] [open|raise] a ticket, [we|I] [have to|end up having to] [explain|re-explain] [our setup|the issue] [from scratch|to a new person].",
        "that {system} sync [issue|outage] [last month|two weeks ago] [took|dragged on for] [days|over a week] [to fix|to resolve], and [our|the] [reps|managers] [noticed|were furious].",
        "[your|the] [support|help desk] [keeps|kept] [closing|marking] [our|my] tickets [as resolved|as solved] [without|before] actually [fixing|solving] [anything|the problem].",
        "I've [escalated|chased] [it|this] [twice|three times] and [still no|there's been no] [update|response|ETA].",
        "we're paying for premium support [and|but] [it|the experience] [doesn't|does not] feel [any different|premium at all].",
    ],
    buyer_more: &[
        "[it|this] [makes|is making] [me|us] [look bad|look silly] [internally|in front of leadership], [since I pushed for this tool|because I'm the one who championed you].",
        "we [need|want] a [named|dedicated] [escalation contact|support engineer|TAM], not [a queue|a generic inbox].",
        "[if support doesn't improve|unless support gets better], [it's going to come up|it will be a topic] at renewal.",
    ],
    seller: &[
        "I'm [really|truly] sorry [about that|to hear that]. That's [not|nowhere near] the [experience|standard] we want for {account}.",
        "[can you|could you] [send me|share] the [ticket numbers|case numbers]? I'll [escalate them|walk them over] to [our|the] [head of support|support director] [personally|today|this afternoon].",
        "[I'll|let me] [set up|arrange] a [weekly|standing] [check-in|escalation call] [with|between] [our|a] [support lead|senior support engineer] and [your|the] [admin|team] until [this is|everything's] [resolved|stable].",
        "we've [assigned|just assigned] a [named|dedicated] [support engineer|TAM] to {account} [as of|from] [this week|today], so you won't [have to|need to] [re-explain|start over] [anymore|every time].",
        "that {system} [sync|incident] was [on us|our fault]—the [root cause|post-mortem] [write-up|report] will be [with you|in your inbox] by {next_date}.",
    ],
    seller_more: &[
        "[and|also,] [I'll|let me] make sure [the|those] [tickets|cases] [aren't|don't get] closed [until|unless] you [confirm|sign off].",
        "I [appreciate|value] your [patience|candour] [here|on this], [genuinely|truly].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::EndUser,
        BuyingRole::TechnicalEvaluator,
    ],
    subjects: &[
        "support escalation",
        "open support tickets",
        "support experience",
        "escalation",
    ],
};

/// The renewal is at risk.
pub(crate) const RENEWAL_RISK: TopicGrammar = TopicGrammar {
    buyer: &[
        "[honestly|to be straight with you], [I|we] can't [guarantee|promise] [a|the] renewal [at this point|right now]—{exec} has been [questioning|asking about] [the|this] [spend|line item].",
        "[our|the] renewal [is|comes up] [on|around] {renewal}, and right now [it's|I'd call it] [fifty-fifty|a coin flip|at risk].",
        "we're [reviewing|re-evaluating] [every|all] [vendor|tool] [before|ahead of] renewal, and [yours|you] [is|are] [on the list|one of them].",
        "[unless adoption improves|if we don't see better results] [in the next|over the next] [quarter|two months], it'll be [hard|tough] to [justify|make the case for] [renewing|another year].",
        "{exec} [asked me|wants to know] whether we [really|actually] need [all|the full] {seats} seats [at renewal|next year].",
        "we've [been|started] [talking to|looking at] [other vendors|alternatives] [ahead of|before] [the|our] renewal, [to be transparent|I'll be transparent].",
        "[a price increase|any renewal uplift] on top of [the issues we've had|this year's problems] would be [a very hard sell|a non-starter].",
        "we [might|may] [downsize|cut back] to [half the seats|a core team] at renewal [rather than|instead of] renewing [everything|the full contract].",
    ],
    buyer_more: &[
        "nothing's [decided|final] yet, but I'd rather you [hear|know] [it|this] [from me|early].",
        "[it|the decision] [will|is going to] [come down to|depend on] [usage|adoption] [and|plus] [the|our] [budget|support experience].",
        "we'd [need|want] to see a [clear|real] [success plan|turnaround plan] [before|ahead of] {renewal}.",
    ],
    seller: &[
        "[thanks for telling me|I appreciate the heads-up|thanks for being upfront]. What would need to be true for the renewal to be an [easy yes|easy decision]?",
        "[can we|could we] [put together|build] a [joint|] [success plan|renewal plan] with [clear|specific] [milestones|outcomes] [between now and|ahead of] {renewal}?",
        "if [seat count|the seat count] is [the issue|the concern], I'd rather [right-size|adjust] [it|the contract] than [lose you|see you leave].",
        "I'd [like|love] to [get|bring] [our|my] [VP of Customer Success|CS leader|exec sponsor] [on a call|together] with {exec} [before|well before] {renewal}.",
        "what outcomes did you expect [by now|at this point] that haven't [materialised|shown up]?",
        "we [can|could] [look at|offer] a [flat|price-locked] renewal with [no|zero] uplift if you [commit|extend] for [two years|a {years_n}-year term].",
    ],
    seller_more: &[
        "[I'll|let me] [pull|put together] [a|the] [usage and value|ROI] [review|summary] ahead of [the|a] [renewal|QBR] [conversation|discussion].",
        "[we really want|I really want] to keep {account} [as a customer|on board], so I'll [do what I can|push internally].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::EconomicBuyer,
        BuyingRole::Champion,
        BuyingRole::ExecSponsor,
    ],
    subjects: &[
        "renewal",
        "upcoming renewal",
        "renewal planning",
        "contract renewal",
    ],
};

/// Interest in more seats or products.
pub(crate) const EXPANSION_INTEREST: TopicGrammar = TopicGrammar {
    buyer: &[
        "[the|our] [EMEA|APAC|partner|customer success] team [wants|is asking for] [access|seats] [too|as well]—[probably|maybe] [another|an extra] [fifty|thirty|forty] [seats|users].",
        "we're [thinking about|looking at] [rolling it out|expanding] to [the whole|the rest of the] [sales org|company|revenue team] [next year|in the new quarter].",
        "what would pricing look like if we added [another business unit|the CS team|{product} for the rest of the team]?",
        "[our|the] [CS|customer success|marketing] [team|org] [saw|has seen] [the|your] [dashboards|forecasting] and [wants|is asking for] [the same thing|something similar] [for|on] [renewals|their side].",
        "we're [hiring|adding] [about|roughly] [forty|sixty|thirty] [reps|people] [this|next] [quarter|half], so we'll [need|want] [more|additional] seats [soon|pretty soon].",
        "I'd [love|like] to [hear|learn] more about [the|your] [AI forecasting|conversation intelligence|territory planning] [module|add-on]—it [could|might] [solve our next big problem|be the next big thing for us].",
        "if [this|the rollout] keeps going [this well|like this], we'd [want|like] to [add|bring in] [our|the] [other|second] [business unit|region] [by|around] {golive_month}.",
    ],
    buyer_more: &[
        "[is there|do you have] [volume|tiered] pricing once we're over [a hundred|two hundred|five hundred] seats?",
        "we'd [want|need] the [new|extra] seats [co-termed|on the same term] with [the|our] [existing|current] contract.",
    ],
    seller: &[
        "that's [great|fantastic] [news|to hear]. [I can|Let me] [put together|send] [an expansion|an add-on] [quote|proposal] [co-termed|aligned] with your [current|existing] contract.",
        "[adding|with] [another|an extra] [fifty|forty|thirty] seats, you'd [move|jump] into the next [volume|pricing] tier, so the per-seat price [drops|goes down] [for everyone|across the board].",
        "[who|which team] would [own|lead] [the|that] [rollout|expansion]? We'd [like|want] to [replicate|repeat] what worked [with|for] [the|your] [first|current] team.",
        "I'd [love to|be happy to] [set up|arrange] a [short|quick] demo of [the|our] [AI forecasting|conversation intelligence|territory planning] [module|add-on] for you and {next_owner}.",
        "[with|given] [your|the] [hiring plan|new hires], [it probably makes|it might make] sense to [add|buy] those seats [now|this quarter] and lock [today's|the current] [price|rate].",
    ],
    seller_more: &[
        "[I'll|let me] [check|confirm] [which|what] [tier|volume discount] the extra seats [would|will] [put you in|qualify for].",
        "[the|an] expansion [wouldn't|won't] [need|require] [a new|another] [security review|MSA]—it's [a simple|just an] order form.",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Positive,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::ExecSponsor,
        BuyingRole::EconomicBuyer,
    ],
    subjects: &[
        "expansion",
        "additional seats",
        "rolling out further",
        "add-on pricing",
    ],
};
