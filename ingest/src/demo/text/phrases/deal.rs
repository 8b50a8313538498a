//! Deal-progress topics: executive alignment, timeline, next steps and value confirmation.

use revpulse_graph::model::{BuyingRole, Speaker};

use super::{Mood, TopicGrammar};

/// Executive sponsorship and sign-off.
pub(crate) const EXEC_ALIGNMENT: TopicGrammar = TopicGrammar {
    buyer: &[
        "{exec} is [fully briefed|bought in|on board] and [will|is going to] [sign off|make the final call].",
        "[honestly|to be honest], [we|I] haven't [gotten|got] {exec} [in the loop|involved|bought in] yet, and that's [on me|my next step].",
        "{exec} [wants|asked for] a [short|] [business case|one-pager|ROI summary] [before|ahead of] [the|our] [steering committee|leadership meeting|exec review].",
        "[anything|any spend] over {amount_round} [needs|goes to] {exec}, so they'll [want|need] to [meet you|hear from your side|see the numbers].",
        "[our|the] [exec sponsor|sponsor] [changed|is changing]—{exec} [took over|is taking over] [the project|sponsorship] [last week|this month], so we're [re-pitching|re-selling] it [a bit|internally].",
        "it'd [really|] help if [your VP|your CRO|someone senior from your side] [could|would] [meet|connect with] {exec} [directly|one-on-one].",
        "{exec} [is|seems] [supportive|positive] but [asked|wants to know] how [this|it] [ties|connects] to [our|the] [board priorities|revenue targets|forecast accuracy goal].",
        "[the|our] [leadership team|execs] [aren't|are not] [fully|entirely] aligned—[finance|{exec}] sees it as [a nice-to-have|a cost], [sales|ops] sees it as [critical|a must].",
    ],
    buyer_more: &[
        "[the|our] [steering committee|exec meeting] [meets|is] [on|before] {next_date}, which is where [we'd|we would] [get sign-off|get it approved].",
        "[if|unless] {exec} [isn't|is not] in the room, [it|this] [won't|doesn't] [happen|get done].",
        "[and|also,] {exec} [prefers|likes] [numbers|one page] [over|rather than] [slides|a long deck], [just so you know|fair warning].",
    ],
    seller: &[
        "who else [besides you|on your side] [needs to|has to] [sign off|approve] [this|the deal]? I'd like to make sure nobody is [surprised|blindsided] at the end.",
        "[would it help|does it make sense] if I brought [our|my] [VP|CRO|regional VP] [in|to] [a call|a meeting] with {exec}?",
        "what does {exec} [care about|want to see] [most|first]—[cost|the ROI|risk|forecast accuracy]?",
        "[I can|let me] [draft|put together] [a|the] [one-pager|executive summary|business case] for {exec} with the {amount_exact} [investment|number] and the expected [payback|return].",
        "where is {exec} [on|with] [this|the project] [today|right now]? [Supportive|Sceptical|Not yet aware]?",
        "[in my experience|usually], [deals|projects] [like this|this size] [stall|get stuck] when the [exec|exec sponsor] isn't [engaged|involved] early. [Can we|Could we] [get|book] [time|twenty minutes] with {exec} before {close}?",
    ],
    seller_more: &[
        "[our|my] [CRO|VP] is [happy|glad] to [join|do] [these calls|exec calls] for [strategic|important] accounts like {account}.",
        "[I'll|let me] [send|share] [a few|some] [times|slots] for [an exec-to-exec|an exec] [call|meeting].",
    ],
    lead: Speaker::Seller,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::ExecSponsor,
        BuyingRole::EconomicBuyer,
    ],
    subjects: &[
        "exec alignment",
        "executive briefing",
        "exec sponsor meeting",
        "leadership sign-off",
    ],
};

/// Dates and deadlines for the decision.
pub(crate) const TIMELINE: TopicGrammar = TopicGrammar {
    buyer: &[
        "[we|I] [need|want] [this|it] [signed|wrapped up|done] by {close}, because that's [our|the] [fiscal|quarter] [cutoff|deadline].",
        "[realistically|honestly], we're [looking at|targeting] [a decision|a signature] [by|around] {close}, assuming nothing [slips|blocks it].",
        "[the|our] [hard|real] deadline is {golive}—we [need|have] to be live [by then|for the new planning cycle].",
        "I'd [say|guess] {close} is [still|] [realistic|doable|achievable], maybe [a week or two|a few days] later [at worst|worst case].",
        "[there's|we have] [no|no real] [rush|urgency] on our side, [to be honest|honestly]—{close} [was|is] more [your|a] target than a hard deadline.",
        "we've [only|just] got {weeks_left} weeks [left|until] {close}, so the [schedule|timeline] is [tight|aggressive].",
        "[our|the] [budget|fiscal] year [ends|closes] [in|at the end of] {close_month}, so the [money|budget] has to be [spent|committed] [by then|before then].",
        "[the board|leadership] [meets|is meeting] [in|early in] {close_month}, and [I'd like|we want] [to have this signed|this approved] [before that|by then].",
    ],
    buyer_more: &[
        "so a [decision|sign-off] date of {close} [works|is fine] [for us|on our end].",
        "if it [slips past|misses] {close}, it [probably|likely] [rolls|moves] into [next quarter|the following quarter].",
        "[and|plus] [we'd|I'd] [want|need] [a|the] [kickoff|project kickoff] within [two weeks|a week] of [signing|signature].",
    ],
    seller: &[
        "[just to|to] [confirm|make sure I understand] the [timing|timeline]: you're [targeting|aiming for] [signature|a decision] by {close}, [right|correct]?",
        "[working back|if we work back] from {close}, we'd need [security|legal] [done|wrapped up] [by|around] {next_date}—[is that|does that feel] [realistic|doable]?",
        "[what|is there anything that] [could|might] [push|move] {close}? I'd [rather|prefer to] [know|hear about it] [now|early].",
        "[to hit|for] a {golive} [go-live|launch], we'd need [to sign|the paperwork signed] [by|no later than] {close}.",
        "is {close} a [real|hard] [deadline|date], or [more of a target|an aspiration]? [No wrong answer|Either is fine], I just [want to|need to] [forecast|plan] it [accurately|properly].",
        "with {weeks_left} weeks [left|to go] until {close}, I'd [suggest|propose] a [mutual plan|close plan] so we [track|can track] [each|every] [step|milestone].",
    ],
    seller_more: &[
        "[I'll|let me] [put|share] the [dates|milestones] in [a shared doc|a mutual action plan] {after_call}.",
        "[and|also,] if [anything|something] [slips|changes], [just|please] [let me know|give me a heads up] [early|as soon as you can].",
    ],
    lead: Speaker::Seller,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::EconomicBuyer,
        BuyingRole::Procurement,
    ],
    subjects: &["timeline", "timing", "close plan", "mutual action plan"],
};

/// Agreed next steps with dates.
pub(crate) const NEXT_STEPS: TopicGrammar = TopicGrammar {
    buyer: &[
        "[sure|sounds good|works for me], {meeting_date} [works|is fine]. [I'll|Let me] [bring|invite] {next_owner}.",
        "on our side, [I'll|we'll] {buyer_task} by {next_date}.",
        "[can you|could you] [send|get me] {followup_item} by {next_date}? [I|We] need it [for|before] [my|our] [internal|leadership] [meeting|review].",
        "[let's|we should] [do|book] the {next_meeting_kind} [on|for] {meeting_date}, and then [I'll|we'll] [know|have a sense] [where we land|whether we're a go].",
        "[I'll|I'm going to] [take this|bring it] to {exec} [this week|before {next_date}] and [come back to you|get back to you] with [a decision|next steps].",
        "[send|please send] [over|me] [the|a] [recap|summary] with {followup_item}, and [I'll|we'll] [review it|go through it] before {meeting_date}.",
        "[okay|right], so [my action|the action on me] is to {buyer_task}. [Consider it done|I'll get that done] by {next_date}.",
    ],
    buyer_more: &[
        "[and|also,] [can you|could you] [add|include] {next_owner} [on|to] [the invite|the thread]?",
        "[I'm|I'll be] [out|travelling] [the week after|after that], so {meeting_date} [is|is really] [the|our] [best|only] [window|slot].",
    ],
    seller: &[
        "[so|okay so|great], [next steps|for next steps]: I'll [send|get you] {followup_item} by {next_date}, and you'll [loop in|share it with] {next_owner}.",
        "[can we|could we] [book|lock in] [a follow-up|the next session|a working session] for {meeting_date} at {clock}? I'll [send|shoot over] [the invite|an invite] {after_call}.",
        "[on my side|from my end], [I owe you|I'll send] {followup_item} by {next_date}. [On yours|From your side], [it's to|the ask is to] {buyer_task}.",
        "[proposed|suggested] [next step|plan]: [a|the] {next_meeting_kind} on {meeting_date}, then we [aim to sign|target signature] by {close}.",
        "[I'll|let me] [write up|recap] [everything|the action items] [in an email|in the notes] [today|this afternoon] with owners and dates—{next_date} for {followup_item}, {close} for [signature|the decision].",
        "before [we go|we drop|I let you go], [can we|could we] [agree|confirm] the next step? [Does {meeting_date} work for|How about {meeting_date} for] [a|the] {next_meeting_kind}?",
    ],
    seller_more: &[
        "[I'll|let me] [send a calendar hold|send the invite|put a hold in the calendar] for {meeting_date} {after_call}.",
        "[and|also,] if [anything|something] [changes|comes up] [before then|in the meantime], just [ping|text|email] me.",
    ],
    lead: Speaker::Seller,
    mood: Mood::Neutral,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::EconomicBuyer,
        BuyingRole::TechnicalEvaluator,
    ],
    subjects: &[
        "next steps",
        "follow-up and next steps",
        "action items",
        "recap and next steps",
    ],
};

/// The buyer confirms the value.
pub(crate) const VALUE_CONFIRMATION: TopicGrammar = TopicGrammar {
    buyer: &[
        "the [pilot|trial] [team|group] [loved|really liked] it—[forecast|pipeline] [calls|reviews] went from [two hours|an hour and a half|half a day] to [thirty minutes|forty-five minutes|under an hour].",
        "[honestly|to be fair], [the|your] [forecasting|pipeline inspection|deal risk] [piece|feature] is exactly what [we've been|we were] [missing|looking for].",
        "[our|the] [managers|reps|frontline managers] are [actually|genuinely] [using it|logging in] [every day|daily|without being chased], and that [never|basically never] happens with new tools.",
        "[we|I] [ran|did] the [numbers|math]: if [it|this] [improves|lifts] [forecast accuracy|win rates] by [even five|just three] points, [it|that] [pays for|covers] {amount} [several times over|easily|in a quarter].",
        "what {exec} liked most was [the deal risk view|seeing slipped deals flagged automatically|having pipeline changes in one place].",
        "[the pilot|the trial] [already|] [caught|flagged] [two|three|a couple of] [deals|big deals] [that were slipping|that would have slipped] [without anyone noticing|and nobody noticed].",
        "[it's|this is] [the first|honestly the first] [tool|system] where [our|the] [numbers|forecast] [match|line up with] [finance|the board deck|{system}].",
        "the team [sees|gets] the value, [no question|for sure]—that's never been [the|our] [issue|problem].",
    ],
    buyer_more: &[
        "I'd be [happy|more than happy] to be a reference [once we're live|down the line].",
        "[and|plus] [our|the] [admins|RevOps team] [said|say] [setup|configuration] was [painless|easy|straightforward].",
        "[people|the managers] [keep asking|already asked] when [they|the rest of the team] [get|can get] [access|it].",
    ],
    seller: &[
        "that's [great|really good] to hear. Would [you|the team] [be open to|mind] [sharing|putting] those results in a short [quote|case study] for {exec}?",
        "[love that|amazing]. [Let's|I'd like to] [capture|write down] those [numbers|results] so you can [use them|put them] in the business case for {exec}.",
        "[so|just] to [play it back|make sure I have it right]: [faster|shorter] [forecast calls|pipeline reviews], [better|more accurate] [forecasts|commits], and [fewer|no more] [spreadsheets|surprises]. Did I miss anything?",
        "that's [exactly|precisely] [what|the outcome] we [see|saw] with other {industry} [teams|customers]—[usually|typically] [within|in] the first [quarter|ninety days].",
        "which [result|metric] [would|will] [matter most to|resonate most with] {exec}? Let's make sure the [proposal|business case] [leads with|leans on] that.",
    ],
    seller_more: &[
        "[I'll|let me] [add the numbers to|include the pilot results in] the [proposal|business case] ahead of {close}.",
        "[and|also,] [congrats|kudos] to [your admin|the team]—[those results are as much their work as ours|that's really on them].",
    ],
    lead: Speaker::Buyer,
    mood: Mood::Positive,
    roles: &[
        BuyingRole::Champion,
        BuyingRole::EndUser,
        BuyingRole::ExecSponsor,
    ],
    subjects: &[
        "pilot results",
        "what we're seeing",
        "value recap",
        "business case",
    ],
};
