//! Commercial topics: pricing objections, price comparisons with a competitor, budget freezes,
//! procurement delays and legal review.

use revpulse_graph::model::{BuyingRole, Speaker};

use super::{Mood, TopicGrammar};

/// "Too expensive", budget, discount asks, per-seat vs platform pricing, multi-year.
pub(crate) const PRICING_OBJECTION: TopicGrammar = TopicGrammar {
    buyer: &[
        "[the|your] [number|price|quote] [came in|landed|is] [way|well|quite a bit|a lot] [above|higher than|north of] what we [budgeted|had in mind|planned for] for {line}.",
        "{amount} [is|feels] [a lot|steep|hard to justify] for [a first year|what's basically a pilot|{seats} seats], [honestly|to be honest|if I'm honest].",
        "[we|I] [need|have] to get [this|the number] [closer to|down to] {discounted} [or it won't get approved|or it won't fly with {exec}|or it won't make it past finance].",
        "is there [any|some] [flexibility|room|wiggle room] on [price|the per-seat price|the {per_seat} per seat]? [We were hoping for|We're looking for|I'd need] something like {discount} off.",
        "the per-seat model [is a problem|doesn't work|is a real issue] for us—[we'd rather|we'd much prefer] [a platform fee|a flat platform price|an enterprise license] [so we're not penalised for adding users|so adoption doesn't drive the bill up].",
        "[at|with] {seats} seats [it adds up fast|the math gets ugly|the total gets big quickly], and [I|we] [can't|won't be able to] [defend|justify] {amount} [to finance|internally|to {exec}].",
        "[if we|would it help if we] [signed|committed to] a {years_n}-year [term|deal], [could you|can you] [do better on|sharpen|sharpen your pencil on] [the price|the per-seat rate]?",
        "[the value's there|I believe in the product|nobody's arguing about the product], [it's just|it's simply] [the price|the cost]—{amount} is more than [my|our] [sign-off limit|discretionary budget|approved budget].",
        "[we|our finance team] [benchmarked|compared] [this|your quote] against [what we pay for|tools like] {system}, and [it's|you're] [the most expensive line item|well above the rest|the priciest thing on the list].",
        "[honestly|frankly|candidly], [the price|the quote|cost] is [the main|the biggest|the only real] [blocker|sticking point|objection] [right now|at this point|for us].",
        "[can you|could you] [break down|walk me through] [how you got to|the math behind] {amount}? It [feels|seems] [high|inflated|rich] for {seats} seats.",
        "[unless we can|if we can't] get to {discount} off, I [don't see|can't see] [this|it] [getting signed|moving forward|getting through] [this quarter|by {close}].",
        "[we're|we are] [being asked|under pressure] to [cut|reduce] [tool|software] spend [by ten percent|across the board|this year], so {amount} [is|looks] [a tough sell|hard to swallow].",
    ],
    buyer_more: &[
        "{exec} [already|has already] [pushed back|flagged the price|asked why it's so high].",
        "[we've|we have] [had|been through] [two|a couple of|three] rounds of [cost cutting|budget cuts] this year, so [every dollar|every line item] is [scrutinised|getting looked at].",
        "[and|plus] we'd be paying for [seats|licenses] [that won't be used|we won't use] [until rollout|for months].",
        "[I'm not saying|it's not a] no, [I'm just saying|but] the number [has to|needs to] [move|come down].",
        "[a ramp|ramped pricing|a phased ramp] [over the first year|by quarter] would [help a lot|make it easier to swallow].",
        "[I|we] [need|have] to [show|prove] payback [inside|within] [twelve|nine|eighteen] months.",
        "[and|also,] [does|would] a {years_n}-year commitment [change|move] the [per-seat|unit] price at all?",
        "[the|our] renewal [uplift|increase] cap [matters|is important] too—we've been burned [on that|by that] before.",
        "[and|plus] [finance|procurement] [will|is going to] ask [for|about] [a discount|a price break] [anyway|regardless], [that's|it's] [just|simply] how it works here.",
    ],
    seller: &[
        "{ack} [let's|let me] [see what we can do|see if there's room]. If we [can|could] [get to|land at] {offer} off, [that|it] [brings it to|puts you at] {offered}.",
        "[I hear you on|totally hear you on] [price|the number]. What [we've done|I've done] with [other|similar] {industry} [customers|teams] is a {years_n}-year term at {multi_offer} off, [so {amount} becomes|which brings {amount} down to] {multi_offered} a year.",
        "[fair|understood]. [Can|Could] [I|we] [ask|check] what number [you|finance] [need|had in mind]? I'd rather [solve the real problem|know the target] than [guess|negotiate against myself].",
        "[so|the way] [the|our] pricing [works|is built], [it's|you're at] {per_seat} per seat, [and|so] [the|your] {seats} seats [is|gets you to] {amount_exact}. If [the seat count|that seat count] is [too high|more than you need day one], we [can|could] [ramp it|start smaller].",
        "I [can't|won't be able to] [do|get to] {discount} [without|unless there's] [something in return|a longer term|a case study]. [But|That said,] {offer} [is realistic|I can probably get approved|is doable].",
        "[on|about] per-seat versus platform: we do have [a platform option|an enterprise tier] above a certain seat count, [so let me|so I'll] [model both|price both out] for you.",
        "[let me|I'll] [take this back|go back] to [my|our] [deal desk|VP|finance team] and see [how much|what] [flexibility|room] [we have|there is]. [No promises|I can't promise anything], but {offer} [feels|seems] [reachable|possible].",
        "[what if|how about] we [tie|link] [the discount|some of the discount] to [signing|a signature] by {close}? [That's|It's] [usually|typically] the lever [I have|that works internally].",
        "[the|a] [payback|ROI] [model|case] [usually helps|tends to help] here. [At|With] {amount} for {seats} seats, [teams like yours|most {industry} teams] [break even|get their money back] [inside a year|within two quarters].",
        "[I get it|understood], {you}. Before [we|I] [talk discount|touch the price], [can we|could we] [agree on|align on] [scope|the seat count]? If it's really {seats} seats, there are ways to [restructure|rework] [the price|the deal].",
        "[appreciate you being direct|thanks for being upfront] about [budget|the number]. [The best I can do today is|Today I can offer] {offer} off, [so|which makes it] {offered}, and [I'll|I can] [try|push] for more [if|with] a {years_n}-year term.",
    ],
    seller_more: &[
        "[and|also,] we [can|could] [lock|cap] [renewal|the renewal uplift] at [3|5] percent, [which|and that] [usually|often] [matters|helps] to finance.",
        "[on top of that,|also,] I [could|can] [throw in|include] [the implementation package|premium support|onboarding] [at no cost|for free] for [year one|the first year].",
        "[what|which] number would [get you to a yes|make this an easy yes]?",
        "[just so you know|I'd just flag], [that|the] [pricing|offer] is [valid|good] through {close}.",
        "[I'll|let me] [send|put together] [a couple of|two] [options|scenarios] [side by side|so you can compare].",
        "[the|a] [ramp|ramped start] [could|would] [look like|be] half the seats [in|for] the first [six months|two quarters].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::EconomicBuyer,
        BuyingRole::Procurement,
        BuyingRole::Champion,
    ],
    subjects: &[
        "pricing",
        "the proposal",
        "pricing follow-up",
        "commercials",
        "the quote",
    ],
};

/// Price compared against the named competitor's quote.
pub(crate) const PRICING_COMPARISON: TopicGrammar = TopicGrammar {
    buyer: &[
        "{comp} [quoted us|came in at|came back with] {comp_gap} [less|lower|under you], [so|which is] [about|roughly] {comp_price}.",
        "we [got|have] [a quote|a proposal|pricing] from {comp} and [it's|they're at] {comp_price} [for the same seat count|for {seats} seats|all in].",
        "[honestly|frankly], {comps} [number|offer|price] [is|comes in] {comp_gap} [below|under] yours, and [finance|{exec}] [has seen it|knows it].",
        "[why|how come] [are you|is yours] {comp_gap} more [expensive|than {comp}]? [They|{comp}] [cover|do] [most of|roughly] the same [use cases|stuff].",
        "{comp} [is offering|offered] [a platform price|an unlimited-seat deal|a flat fee] [of|at] {comp_price}, [versus|compared to] {amount} [from you|on your side|here].",
        "[if you can't|unless you can] [get closer to|match|come near] {comps} {comp_price}, it's going to be [hard|tough] to [pick you|justify the difference|choose you].",
        "[side by side|on paper], {comp} [is|comes out] {comp_gap} cheaper [over three years|per year|on year one]. [That's|It's] [the elephant in the room|hard to ignore].",
        "I've got {comps} [proposal|quote] [in front of me|right here]: {comp_price}, against your {amount}.",
        "[our procurement team|procurement] [ran|did] [a bake-off|a comparison], and {comp} [came in|was] [about|roughly] {comp_gap} [lower|cheaper].",
        "[you probably know|I'm sure you know] {comp} [is|are] [aggressive|dropping prices|discounting hard] [right now|this quarter]—[they|their rep] [put {comp_price} on the table|offered {comp_price} in writing].",
        "[the|our] [CFO|finance lead] [keeps asking|asked me point blank] why we'd pay {amount} when {comp} [is|wants] {comp_price}.",
    ],
    buyer_more: &[
        "[I'm not saying|it's not that] [price is everything|we'll go with the cheapest], but [the gap|a {comp_gap} gap] is [hard to explain|tough to defend] [upstairs|to {exec}].",
        "[and|plus] they're [throwing in|including] [implementation|onboarding|training] [for free|at no charge].",
        "[their|the] [product|platform] isn't [as good|as polished], [to be fair|I'll admit that], but [it's|that's] [a lot of money|real money].",
        "[and|also,] they'll [lock|hold] [that price|the rate] for [three years|the full term].",
        "[so|and] [you|your team] [need|needs] to [give me|give us] [something|a reason] [to|I can] [take|bring] [back|upstairs].",
    ],
    seller: &[
        "I'd [be curious|love to see] what's [actually|really] in {comps} [quote|number]—in our experience the [gap|{comp_gap}] [closes|disappears] [once you add|when you include] [implementation|services|the add-ons].",
        "[fair|understood]. [Comparing|When you compare] {amount} [to|against] {comp_price}, [make sure|just check] [it's|you're comparing] [like for like|apples to apples]—{comp} [charges|tends to charge] extra for [the API|admin seats|SSO|a sandbox].",
        "we [won't|can't] [match|go down to] {comp_price}, [honestly|to be straight with you], but [I can|we can] [narrow the gap|get closer] [with|through] [a {years_n}-year term|ramped pricing].",
        "[teams|customers] [who|that] [moved|switched] [from|off] {comp} [to us|] [usually|typically] [cite|point to] [time to value|forecast accuracy|adoption] rather than [sticker price|price].",
        "[let me|I'll] [put together|build] a [three-year|total cost] [comparison|TCO] [against|versus] {comp} so [we can|you can] [look at|see] [the real numbers|it side by side].",
        "if {comp} [is|are] at {comp_price}, I'd ask them what [year two|the renewal] looks like—their renewal [uplifts|increases] [are|tend to be] [steep|aggressive].",
        "I [won't|am not going to] [bash|trash] {comp}. [They're|It's] [a fine product|a decent tool] for [smaller teams|simpler use cases]. [The question is|What matters is] whether [it scales|it'll hold up] for {account}.",
        "[a {comp_gap} difference|that gap] [is|sounds] [real|significant], [I get it|agreed]. What would it take for {account} to [justify|pay] [the premium|the difference]?",
    ],
    seller_more: &[
        "[and|also,] [ask|check with] {comp} [whether|if] [SSO is|audit logs are|the Salesforce connector is] [included|in that price].",
        "[happy to|I'm happy to] [connect you with|introduce you to] a customer who [ran|went through] the same comparison.",
        "[the|our] [implementation|onboarding] is [included|fixed-fee], so there are no [surprise|change-order] invoices.",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::EconomicBuyer,
        BuyingRole::Procurement,
        BuyingRole::Champion,
    ],
    subjects: &[
        "pricing comparison",
        "the competing quote",
        "price gap",
        "where we landed on price",
    ],
};

/// Spending frozen.
pub(crate) const BUDGET_FREEZE: TopicGrammar = TopicGrammar {
    buyer: &[
        "we just [announced|got hit with] a [hiring and spending|spending|budget] freeze [through|until] [the end of {quarter}|next quarter|the end of the fiscal year].",
        "[all|any] [new|net-new] [software|tooling|vendor] spend [over|above] [$25k|$50k|a certain amount] now [needs|has to go to] [{exec}|the executive committee] [for approval|personally].",
        "[budgets|our budget] [got|was] [frozen|pulled|clawed back] [last week|after the board meeting|after the earnings call], so [{line}|this project] is [on hold|paused] [for now|until further notice].",
        "the [money|budget] [for this|we earmarked] [got reallocated|went] to [a headcount backfill|the ERP migration|another project].",
        "[finance|{exec}] [told us|said] no new contracts get signed [before|until] [the reforecast|the {quarter} reforecast|we see the {quarter} numbers].",
        "we're [in a|under a] [cost-cutting|cost reduction] [mode|exercise] [right now|this half], and [new tools|new vendors] are [the first thing|first] [to get cut|on the chopping block].",
        "I [still|really] want [to do this|this], but there's [literally|just] no budget [until|before] [next fiscal year|the new year].",
        "we had a [reorg|layoff round|restructuring] [last month|recently], and [every|all] [discretionary|non-essential] [spend|budget] [is frozen|is on ice].",
        "[bad news|not great news], I'm afraid: [the company|leadership] [froze|paused] [all|every] [discretionary|new] [spend|purchase] [this week|as of Monday].",
    ],
    buyer_more: &[
        "[I'm|we're] [hoping|expecting] it [thaws|lifts] [in a couple of months|by the new fiscal year|next quarter], but [no guarantees|I can't promise anything].",
        "the freeze [applies to|covers] [everything|all departments], it's not [about you|a reflection on you|specific to you].",
        "[unless we can|if we can't] [find|show] [hard savings|cost savings] [elsewhere|to offset it], [it|this] [won't|isn't going to] [move|get approved].",
        "[even|all] [renewals|existing contracts] are [being reviewed|getting a second look], [to give you a sense|so you get the picture].",
    ],
    seller: &[
        "[understood|that's tough]. [Would|Could] it help to [push|defer] [billing|the first invoice] [to|until] [next quarter|the new fiscal year] but sign now [to lock pricing|to hold the price]?",
        "does the freeze [apply to|cover] a smaller [pilot|phase one] of [ten|twenty|a handful of] seats?",
        "we [can|could] [build|help you build] [a savings case|the business case] showing where {line} [pays for itself|offsets other spend]—that [often|sometimes] [gets an exception|unlocks budget] even in a freeze.",
        "when does the freeze [get revisited|come up for review]? I'd rather [plan around it|be realistic] than [push you|chase you].",
        "[totally get it|no pressure from me]. [Should we|Can we] [keep|hold] [the paperwork|the order form] [ready|in place] so you're [ready|set] [the day|as soon as] budget [lifts|opens up]?",
        "who [can|could] [grant|sign off on] an exception? If it's {exec}, [maybe|let's see if] we [can|could] get [a short meeting|twenty minutes] with them.",
    ],
    seller_more: &[
        "I've seen [a few|several] [customers|companies] [in the same spot|in a freeze] [this year|lately]—[a deferred start|deferred billing] [usually|often] [works|does the trick].",
        "that way {account} doesn't [lose|give up] the {offer} [discount|pricing] we [talked about|discussed].",
        "[and|also,] [I'll|let me] [move|adjust] [the close date|our forecast] [on my side|internally] so [nobody|no one] [chases you|pesters you].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::EconomicBuyer,
        BuyingRole::Champion,
        BuyingRole::ExecSponsor,
    ],
    subjects: &[
        "budget update",
        "budget",
        "quick update on budget",
        "timing and budget",
    ],
};

/// Purchasing process slowing the deal.
pub(crate) const PROCUREMENT_DELAY: TopicGrammar = TopicGrammar {
    buyer: &[
        "procurement [just told us|now says] [they need|it'll take] [about|at least] {proc_weeks} weeks to [onboard|set you up as] a new vendor.",
        "we're [stuck|waiting] in the [vendor onboarding|supplier onboarding|procurement] queue—there are [about|like] [twenty|forty|a dozen] [contracts|vendors] ahead of us.",
        "the [PO|purchase order] [process|approval] [needs|requires] [three|four] signatures, and [one of them|the controller] is [out|on leave|travelling] [until the end of the month|for two weeks].",
        "[procurement|purchasing] [wants|is asking for] [three|competing] [quotes|bids] for anything over {amount_round}, [which|so that] [adds|could add] [a few|two or three] weeks.",
        "[honestly|realistically], {close} [is|looks] [tight|unlikely|optimistic]—[procurement|the vendor setup] alone is {proc_weeks} weeks [from now|out].",
        "we need you [set up|registered] in [Coupa|Ariba|our supplier portal] before anything can [move|get signed].",
        "the [new|incoming] [head of procurement|procurement lead] wants to [re-review|look at] every new [software|SaaS] contract, so [this|we] [might|could] [slip|get pushed].",
        "the [supplier|vendor] [risk|due diligence] [form|review] [has to clear|needs to be done] [first|before the PO], and that team is [slammed|backed up|understaffed].",
        "[procurement|purchasing] [bounced|sent back] [the order form|the paperwork] because [the entity name|our cost center|the billing address] was wrong, so we're [back at the start of|re-entering] the queue.",
    ],
    buyer_more: &[
        "it's [nothing to do with|not about] [you|the deal itself], it's [just|all] [process|bureaucracy].",
        "so I'd [probably|realistically] [plan|assume] [for|on] [a slip|the date moving] past {close}.",
        "if [you|your team] [can|could] [send|get us] [the W-9|the banking details|a certificate of insurance] [early|now], [that|it] [would|might] [help|speed things up].",
        "[I've|we've] [escalated|pinged] [it|them] [twice|a couple of times] [already|this week].",
    ],
    seller: &[
        "[okay|understood]. [Can we|Could we] [start|kick off] [vendor onboarding|the supplier setup] [in parallel|now], even before [the commercial terms are|everything's] final?",
        "who [owns|runs] that in procurement? I'd [love to|like to] get [fifteen minutes|a quick call] with them to understand their process.",
        "if [procurement|vendor setup] [is|takes] {proc_weeks} weeks, that [puts us|lands us] past {close}. Is there [an expedite|a fast-track] [path|option]?",
        "we're already [registered|set up] in [Coupa|Ariba] [with|for] other [customers|companies], [so that|which] [might|should] [save|shave off] [a week or two|some time].",
        "what [documents|paperwork] [does|will] procurement need from us? [I'll|We'll] [get|send] [them|it all] over by {next_date}.",
        "[can we|could we] [map out|build] [a|the] [mutual close plan|timeline] [backwards|working back] from {close}, with the procurement [steps|milestones] [in it|on it]?",
    ],
    seller_more: &[
        "I'd rather [know now|flag it now] than [find out|discover] [the week of|on] {close}.",
        "that way [nothing|no one] gets [surprised|blindsided] [at the end|later].",
        "[and|also,] [our|the] [W-9|insurance certificate|bank letter] [is|are] [ready to go|on file], [so|and] I'll [attach it|send it] [today|this afternoon].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::Procurement,
        BuyingRole::Champion,
        BuyingRole::EconomicBuyer,
    ],
    subjects: &[
        "procurement",
        "vendor onboarding",
        "PO status",
        "procurement timeline",
    ],
};

/// Contract redlines, DPA, MSA.
pub(crate) const LEGAL_REVIEW: TopicGrammar = TopicGrammar {
    buyer: &[
        "[legal|our legal team|our counsel] [has|sent back] [a few|a lot of|substantial] [redlines|comments] on {legal}.",
        "[we|legal] can't [accept|sign] [the|your] standard [liability cap|limitation of liability]—it has to be [at least|a minimum of] [two times|three times] [annual fees|fees paid].",
        "{legal} [is|has been] [sitting|stuck] with [legal|our lawyers] and they're [backed up|slammed] [about|roughly] [two|three] weeks.",
        "[our|the] [lawyers|legal team] [want|insist on] [our paper|our own MSA template] [rather than|instead of] [yours|your standard terms].",
        "[legal|counsel] [flagged|has concerns about] {legal}, [specifically|especially] [around|regarding] [data processing|sub-processors|uncapped indemnity|governing law].",
        "we'll need [a|the] DPA [signed|in place] [before|alongside] the [order form|contract], since you'll [be processing|touch] [customer|employee] [data|PII].",
        "[the|your] [auto-renewal|evergreen] [language|clause] [is|was] [a non-starter|a problem] for legal—they want [ninety|sixty] days' [notice|opt-out].",
        "I [sent|forwarded] [the|your] [contract|paper] to legal [on Monday|last week], [but|and] I [haven't heard back|still have nothing].",
        "[our|the] [GC|general counsel] [personally|herself|himself] wants to [review|look at] {legal} [because|since] [of the data involved|it touches customer data|of a bad experience last year].",
    ],
    buyer_more: &[
        "it's [pretty|fairly] [standard|normal] [for us|at our size], I [just|really] need your [legal|counsel] [to get on a call|and ours to talk directly].",
        "I'd [budget|plan for] [two rounds|a couple of rounds] [of redlines|of back-and-forth] [at least|minimum].",
        "[and|also,] [legal|they] [want|need] [a named list of sub-processors|the hosting locations listed] [in the DPA|as an exhibit].",
    ],
    seller: &[
        "[can we|could we] [get|put] our legal and [yours|your legal team] [on a call|in a room] [directly|this week]? That [usually|typically] [cuts|saves] [a week|days] [of email ping-pong|off the process].",
        "[send|please send] [over|across] [the redlines|{legal}] and we'll [turn them around|get them reviewed] [within|in] [48 hours|two business days|a couple of days].",
        "on {legal}, we've [agreed to|accepted] [similar|comparable] [language|terms] [with|for] other {industry} [customers|companies], so I'm [optimistic|hopeful].",
        "a liability cap [at|of] [two times|2x] [fees|annual fees] is [something|usually something] our legal team [can|could] [live with|accept]. [Uncapped|Unlimited] [is|would be] [harder|a different conversation].",
        "we're [fine|happy|okay] [working off|signing] your paper, though [it'll|that will] [add|take] [a bit more time|an extra week] [on our side|for our review].",
        "our DPA [is pre-approved|is GDPR-ready|is our standard one], so [I'll|let me] [send|share] it {after_call}.",
    ],
    seller_more: &[
        "which [clauses|points] are [true|real] [blockers|deal-breakers] versus [nice to haves|preferences]?",
        "if we [can|could] [close out|resolve] [redlines|legal] by {next_date}, {close} [still works|is still realistic].",
        "[I'll|let me] [loop in|copy] [our|my] [deal desk|legal ops] [contact|lead] [on the thread|so they can track it].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Friction,
    roles: &[
        BuyingRole::Procurement,
        BuyingRole::EconomicBuyer,
        BuyingRole::Champion,
    ],
    subjects: &[
        "contract redlines",
        "legal review",
        "MSA / DPA",
        "paperwork status",
    ],
};
