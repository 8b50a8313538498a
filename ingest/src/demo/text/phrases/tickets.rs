//! Support-ticket phrase book: the product problems customers report (sync failures, SSO,
//! slow dashboards, exports, billing, API limits, permissions), how agents answer, and the
//! customer-voice sentences that carry a ticket's topics (frustration, churn and competitor
//! hints).

use super::super::Topic;

/// One kind of product problem and the conversation around it.
pub(crate) struct Problem {
    /// Error codes or identifiers the customer quotes (one is fixed per ticket).
    pub errors: &'static [&'static str],
    /// Subject lines.
    pub subjects: &'static [&'static str],
    /// The customer's first report.
    pub report: &'static [&'static str],
    /// Extra details the customer adds.
    pub details: &'static [&'static str],
    /// The agent asking for information.
    pub agent_ask: &'static [&'static str],
    /// The agent's fix, workaround or escalation.
    pub agent_fix: &'static [&'static str],
    /// The customer confirming the fix.
    pub resolved: &'static [&'static str],
    /// The customer saying it is still broken.
    pub unresolved: &'static [&'static str],
}

/// Sync failures between the product and the CRM.
pub(crate) const SYNC: Problem = Problem {
    errors: &[
        "SYNC_TIMEOUT",
        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        "INVALID_SESSION_ID",
        "UNABLE_TO_LOCK_ROW",
        "ERR_CONNECTOR_502",
    ],
    subjects: &[
        "{system} sync failing [since {since_day}|with {error}|for some records]",
        "[opportunities|deals] not syncing from {system}",
        "{system} sync stopped [working|]",
        "sync errors: {error}",
    ],
    report: &[
        "[our|the] {system} sync [has been failing|hasn't worked|keeps failing] since {since_day}. The [sync log|integration log] shows {error} on about {n_rows} records.",
        "[opportunities|deals|stage changes] updated in {system} [haven't been showing up|have been missing] in {line} since {since_day}. [Roughly|About] {n_rows} records are [out of date|stale].",
        "we're seeing {error} [on|in] every [sync run|scheduled sync] since {since_day}, and [our|the] [pipeline|forecast] numbers no longer match {system}.",
    ],
    details: &[
        "we [tried|already tried] [reconnecting|re-authenticating] the {system} [connector|integration] but the error [came back|persists] [within the hour|on the next run].",
        "nothing changed on our side [as far as I know|that I'm aware of], other than [a new custom field|a {system} release|rotating the integration user's password].",
        "[a screenshot|an export] of the sync log is attached.",
    ],
    agent_ask: &[
        "[thanks for|appreciate] the [details|log extract]. Could you [confirm|tell me] your {system} [org ID|instance URL] and whether the integration user [still has|has] [API access|the right permissions]?",
        "I've [reproduced|spotted] {error} on our side [as well|too]. [Can you|Could you] [share|send] [one or two|a couple of] [record IDs|example records] that [failed|didn't sync]?",
    ],
    agent_fix: &[
        "[our|the] [engineering|integrations] team found the [cause|root cause]: a [schema change|new validation rule] in {system} was rejecting [updates|writes]. We've [deployed a fix|patched the connector] and [re-run|replayed] the {n_rows} [failed|missed] records.",
        "I've escalated [this|the ticket] to [engineering|our integrations team] [as a P1|as high priority]. [In the meantime|As a workaround], triggering a manual sync from the admin page should [pick up|catch] the latest changes.",
    ],
    resolved: &[
        "[it's|sync is] [working|back] [again|now], [thanks|thank you]. [All|The] {n_rows} records [look|are] [correct|up to date].",
        "[confirmed|looks good]—[the|our] numbers match {system} again.",
    ],
    unresolved: &[
        "[still|it's still] failing [as of this morning|on the latest run]—{error} [again|came back].",
        "the manual sync [helped|worked] [for a bit|once], but [the|last night's] scheduled run failed again with {error}.",
    ],
};

/// SSO and login problems.
pub(crate) const SSO: Problem = Problem {
    errors: &[
        "SAML_RESPONSE_INVALID",
        "InvalidSignature",
        "AUTH_403_IDP_MISMATCH",
        "Assertion expired",
    ],
    subjects: &[
        "SSO login [loop|failing] for [some|{n_users}] users",
        "users can't log in via [Okta|Azure AD]",
        "SAML error on login: {error}",
        "login broken since {since_day}",
    ],
    report: &[
        "since {since_day}, [about|around] {n_users} [users|of our reps] [have been stuck in a login loop|keep seeing an error] [when signing in|after the Okta redirect]. The error is {error}.",
        "[nobody can|none of our users can|half the team can't] log in [via|through] [SSO|Okta|Azure AD] since {since_day}—[they|people] [get|see] {error}.",
    ],
    details: &[
        "[password|direct] login still works for [admins|the admin account], so it [looks like|seems to be] an SSO [issue|problem].",
        "[we|our IT team] [rotated|renewed] [the|our] [SAML certificate|IdP certificate] [last week|recently], in case that's relevant.",
    ],
    agent_ask: &[
        "could you [send|share] a SAML [trace|response] [captured with the SAML tracer|from a browser plugin] for one of the affected users?",
        "can you confirm whether the new [certificate|IdP metadata] has been uploaded [in|to] [the admin console|your SSO settings]?",
    ],
    agent_fix: &[
        "your [IdP certificate|signing certificate] [changed|rotated] but the [stored|saved] [metadata|certificate] was still the old one. We've [updated|refreshed] it on our side—could you have a user [try again|retry]?",
        "[engineering|our identity team] [found|confirmed] a [bug|regression] in our SAML [handling|parser] from [Tuesday's|the latest] release; the fix goes [live|out] [tonight|within 24 hours].",
    ],
    resolved: &[
        "[logins|SSO] [work|works] again. [Thanks|Thank you] for [the quick fix|sorting it].",
        "[all|our] users [are|can get] back in, [thanks|much appreciated].",
    ],
    unresolved: &[
        "we're still [seeing|getting] {error} for [some|a few] users.",
        "[some|a handful of] users [are still|remain] locked out [this morning|today].",
    ],
};

/// Slow or timing-out dashboards.
pub(crate) const DASHBOARDS: Problem = Problem {
    errors: &[
        "504 Gateway Timeout",
        "QUERY_TIMEOUT",
        "a blank widget with a spinner",
    ],
    subjects: &[
        "dashboards [extremely slow|taking {seconds}+ seconds to load]",
        "{report} dashboard timing out",
        "performance issues on the {report} dashboard",
    ],
    report: &[
        "[the|our] {report} dashboard [takes|is taking] [about|over] {seconds} seconds to load since {since_day}, and [sometimes|often] [times out|just spins] with {error}.",
        "our managers couldn't [use|load] the {report} [view|dashboard] [in|during] the [Monday|weekly] forecast call—it [times out|never loads] and shows {error}.",
    ],
    details: &[
        "it seems [worse|worst] for the bigger [roll-ups|teams], and [fine|okay] at rep level.",
        "[we|I] [tested|tried] [different browsers|Chrome and Edge]—[same thing|no difference].",
    ],
    agent_ask: &[
        "[could you|can you] [share|send] a [HAR file|browser network trace] [while|from] [loading|opening] the {report} dashboard?",
        "roughly how many widgets and filters are on that dashboard?",
    ],
    agent_fix: &[
        "[we|engineering] [identified|found] [a slow|an unindexed] query behind the {report} roll-up; [a fix|an index] has been [deployed|added] and load times should be [back|down] under [three|a few] seconds.",
        "as a workaround, [narrowing|splitting] the [dashboard|view] by [region|team] brings the load time [down|way down] until [we|engineering] [ship|ships] the [fix|permanent fix].",
    ],
    resolved: &[
        "[much|way] [faster|better] now, [thanks|thank you]—[about|under] [two|three] seconds.",
    ],
    unresolved: &[
        "it's still taking {seconds} seconds on the big roll-ups.",
        "[still|it still] times out [for|on] the [exec|regional] view.",
    ],
};

/// Data export problems.
pub(crate) const EXPORT: Problem = Problem {
    errors: &[
        "EXPORT_TRUNCATED",
        "ERR_EXPORT_LIMIT",
        "500 Internal Server Error",
    ],
    subjects: &[
        "[CSV|Excel] export missing [rows|data]",
        "scheduled export [failed|not delivered]",
        "export of {report} [truncated|incomplete]",
    ],
    report: &[
        "the [CSV|Excel] export of the {report} [view|report] is [missing|short by] [about|roughly] {n_rows} rows compared to what's on screen.",
        "[our|the] [scheduled|weekly] export [to|for] [finance|the board pack] [didn't arrive|failed] on {since_day}, with {error} in the [job log|export history].",
    ],
    details: &[
        "[finance|our controller] [uses|relies on] [that|this] file for the [month-end|weekly] [close|reconciliation].",
        "smaller exports [work|are fine]; it's the [full|larger] ones that [fail|get cut off].",
    ],
    agent_ask: &[
        "could you [tell me|confirm] the [export|job] [name|ID] and the [filters|date range] you used?",
        "[is|was] the export [run|triggered] [manually|by a schedule], and [roughly|about] how many rows do you expect?",
    ],
    agent_fix: &[
        "[exports|the export] [over|above] [the|a] [row limit|size limit] were being [truncated|cut off] [silently|without a warning]. We've [raised the limit|fixed that] and [re-sent|re-ran] your export.",
        "I've [asked|escalated to] [engineering|the data team]. [Meanwhile|As a workaround], splitting the export by [quarter|region] [avoids|gets around] {error}.",
    ],
    resolved: &[
        "[the|this week's] export [arrived|came through] [complete|in full], [thanks|thank you].",
    ],
    unresolved: &["[the|today's] export [is|was] [still|again] [short|incomplete]—{error} again."],
};

/// Billing problems.
pub(crate) const BILLING: Problem = Problem {
    errors: &[
        "INV-2041-{n_users}",
        "INV-7310-{n_users}",
        "INV-5582-{n_users}",
    ],
    subjects: &[
        "invoice {error} [shows the wrong seat count|looks incorrect]",
        "[billing|invoice] question on {error}",
        "charged for [inactive|extra] seats",
    ],
    report: &[
        "invoice {error} charges us for {n_users} more seats than [we have|we agreed to].",
        "we were charged twice for {error}—[can you|could you] [check|look into it]?",
    ],
    details: &[
        "[our|the] [AP|accounts payable] team [is holding payment|has paused payment] until [this is|it's] [corrected|sorted].",
        "[our|the] [order form|contract] [says|lists] a different seat count.",
    ],
    agent_ask: &[
        "could you [send|share] [the PO number|your PO] and [the|a copy of the] order form [so|and] I can [reconcile|compare] [it|them]?",
    ],
    agent_fix: &[
        "[you're right|confirmed]—{error} [included|counted] seats [from|for] [deactivated|inactive] users. A [corrected|credit] [invoice|note] [is|has been] [on its way|issued].",
    ],
    resolved: &["[got|received] the corrected invoice, [thanks|thank you]."],
    unresolved: &[
        "the [new|corrected] invoice [still|also] [shows|has] the wrong [amount|seat count].",
    ],
};

/// API rate-limit problems.
pub(crate) const API_LIMITS: Problem = Problem {
    errors: &["429 Too Many Requests", "RATE_LIMIT_EXCEEDED"],
    subjects: &[
        "API returning {error}",
        "hitting API rate limits [during month-end|on nightly jobs]",
        "rate limit errors from the API",
    ],
    report: &[
        "our [nightly|hourly] [integration|sync] job [keeps hitting|gets] {error} after about {n_rows} calls, and the [data|pipeline snapshot] ends up incomplete.",
        "since {since_day} [our|the] [data warehouse|BI] [load|pipeline] [fails|gets throttled] with {error} [halfway through|partway through].",
    ],
    details: &[
        "we [already|] [back off|retry] [with exponential backoff|after a pause], but the job [still doesn't finish|never finishes] in time.",
        "[it|this] [happens|is worst] [at|during] [month-end|the quarter close] when [volumes|data volumes] [spike|double].",
    ],
    agent_ask: &[
        "could you [share|send] [the|your] API client ID and [roughly|about] how many calls per minute the job makes?",
    ],
    agent_fix: &[
        "I've [raised|temporarily raised] [the|your] rate limit [for|on] [your|the] [client ID|integration] and [shared|linked] [our|the] [bulk API|batch endpoint] docs, which [cut|reduce] [the|your] call volume [a lot|dramatically].",
    ],
    resolved: &[
        "[last night's|the nightly] job [finished|completed] [without errors|cleanly], [thanks|thank you].",
    ],
    unresolved: &[
        "[still|we're still] [hitting|getting] {error} [at|during] [peak|month-end] load.",
    ],
};

/// Permission and role problems.
pub(crate) const PERMISSIONS: Problem = Problem {
    errors: &["403 Forbidden", "ACCESS_DENIED", "INSUFFICIENT_SCOPE"],
    subjects: &[
        "managers can't see their team's [pipeline|deals]",
        "permission error on {report}",
        "custom role [not working|missing access]",
    ],
    report: &[
        "since we set up the custom role \"{role_name}\", users in it can't see their team's [pipeline|deals]—they get {error}.",
        "[a few|several] [managers|regional leads] [have lost access to|haven't been able to open] the {report} [view|dashboard] since {since_day} and see {error}.",
    ],
    details: &[
        "[admins|our admin account] can see everything, so it [seems|looks] [role-related|like a permissions issue].",
        "[we|I] [haven't changed|didn't change] the role [since|after] [setting it up|creating it].",
    ],
    agent_ask: &[
        "could you [send|share] [a screenshot|the export] of the \"{role_name}\" role [settings|permissions] and [one|an] affected user's email?",
    ],
    agent_fix: &[
        "[the|a] [recent|last week's] release changed how [team hierarchy|territory] permissions [inherit|are inherited]; I've [re-applied|fixed] the \"{role_name}\" role and [access|visibility] should be [restored|back].",
    ],
    resolved: &["[managers|everyone] can see their teams again, [thanks|thank you]."],
    unresolved: &["[some|two] [managers|users] are still getting {error}."],
};

/// All problem kinds (sync and SSO are the most common).
pub(crate) const PROBLEMS: &[&Problem] = &[
    &SYNC,
    &SYNC,
    &SSO,
    &SSO,
    &DASHBOARDS,
    &EXPORT,
    &BILLING,
    &API_LIMITS,
    &PERMISSIONS,
];

/// Openers for a frustrated customer.
pub(crate) const CUSTOMER_ANGRY: &[&str] = &[
    "this is [completely|totally] unacceptable.",
    "[we've|I've] [now|already] lost [a full day|two days] to this.",
    "[again|once again], the same [issue|problem].",
    "this is [blocking|killing] our [whole sales team|forecast call|month-end].",
    "[I need|we need] [someone|an engineer] on this [today|now].",
];

/// Openers for a calm customer.
pub(crate) const CUSTOMER_CALM: &[&str] = &["hi team,", "hello,", "hi there,", "hi support,", ""];

/// Openers for a friendly customer.
pub(crate) const CUSTOMER_FRIENDLY: &[&str] = &[
    "hi {agent}, hope you're well!",
    "hi team, hope your week's going well.",
    "hello, thanks in advance for the help.",
];

/// Agent empathy lines.
pub(crate) const AGENT_EMPATHY: &[&str] = &[
    "[thanks for reaching out|thanks for the report].",
    "[I'm sorry|apologies] for the [disruption|trouble]—I know how [frustrating|painful] this is.",
    "[thank you|thanks] for your patience [while we look into this|on this one].",
    "I completely understand the urgency [here|on this].",
];

/// Agent sign-offs.
pub(crate) const AGENT_SIGNOFFS: &[&str] = &[
    "[Best|Kind regards|Thanks],\n{agent}",
    "— {agent}, Customer Support",
    "{agent}\n[Support team|Customer Support]",
];

/// Customer-voice sentences that carry a topic on a ticket (`None` falls back to the call
/// phrase book).
pub(crate) fn topic_lines(topic: Topic) -> Option<&'static [&'static str]> {
    Some(match topic {
        Topic::SupportFrustration => &[
            "this is the [third|fourth|second] time [I've|we've] [raised|reported] [this|the same issue] [this quarter|this month], and every time the ticket gets closed [without a fix|as resolved].",
            "[we've|I've] been waiting [three days|since {since_day}|over a week] for [a real answer|an update] on this. [Honestly|Frankly], [this|the] [support|response time] is not what we pay for.",
            "[can someone|could someone] [please|actually] [own|take ownership of] this ticket? We keep [getting passed to|being handed to] [a different agent|someone new] who asks the same questions.",
            "[I'd like|I want] this escalated to your [support manager|head of support]. We're paying for premium support [and|but] it doesn't [feel like it|show].",
            "[any|is there any] update [on this|here]? It's been [a couple of days|a few days] since the last reply, [and|so] [the team|people] [keep asking me|are asking].",
        ],
        Topic::RenewalRisk => &[
            "[given|with] [issues like this|this kind of reliability], I'm [honestly|] [not sure we can justify renewing|struggling to see how we justify the renewal] [this year|when it comes up].",
            "[our|the] renewal is coming up, and [this|tickets like this] [will|are going to] be part of that conversation.",
            "{exec} [has|already] [asked|started asking] whether [we should renew at all|it makes sense to renew] given the issues.",
        ],
        Topic::CompetitorMention => &[
            "[for what it's worth|fwiw], {comp} [didn't have|never had] this [problem|issue] when we trialled them.",
            "{comps} [rep|team] [keeps|has been] [reaching out|calling], and [tickets|issues] like this make their pitch [easier|a lot easier].",
            "[some of our users|our managers] [keep asking|are asking] whether we should just use {comp} instead.",
        ],
        Topic::Displacement => &[
            "we're [seriously|actively] [considering|evaluating] a move to {comp} [if|unless] [this|reliability] [doesn't improve|gets fixed] [soon|this quarter].",
            "[leadership|{exec}] [asked me|wants me] to [scope|price out] [a migration|moving] to {comp}—I'd rather not, but [this isn't|issues like this aren't] helping.",
        ],
        Topic::UsageDecline => &[
            "[people|our reps] [stopped|gave up on] [using|opening] the {report} [dashboard|view] because it's unreliable, and [usage has dropped|logins have fallen] [noticeably|a lot] since {since_day}.",
            "[half|a lot] of [the team|our managers] [went back to spreadsheets while this was broken|are back in spreadsheets while this is broken|are exporting to Excel while this is broken].",
        ],
        Topic::PricingObjection => &[
            "[and|also], we're [paying|being charged] for seats we [can't use while it's down|couldn't use while it was broken]—[we'd like|I'd like] a service credit for [this|the outage].",
            "[honestly|frankly], for what we pay per seat, the reliability [should|needs to] be [better|much better].",
        ],
        Topic::FeatureGap => &[
            "the [bigger|underlying] [problem|issue] is that you don't have {feature}—{feature_why}.",
            "[this|it] [wouldn't|would not] [be an issue|happen] with {feature}, which we've [asked for|requested] [before|twice already].",
        ],
        Topic::Integration => &[
            "[this|it] [breaks|is breaking] [our|the] {system} [integration|workflow] [downstream|for finance], so [our|the] [ops|RevOps] team [is|has been] [fixing|patching] records by hand.",
            "[our|the] {system2} [pipeline|feed] [depends|relies] on this data, so [it's|that's] [broken|stale] too.",
        ],
        Topic::ExpansionInterest => &[
            "once this is [fixed|sorted], we'd [like|love] to [talk about|discuss] [adding|rolling out to] [our|the] [EMEA|CS|marketing] team—[could you|can you] [loop in|put me in touch with] our account manager?",
        ],
        Topic::ValueConfirmation => &[
            "[to be clear|don't get me wrong], the [product|forecasting] [is|has been] [great|really valuable] [otherwise|when it works]—which is why [we|I] need [this|it] [fixed|working].",
        ],
        Topic::Timeline => &[
            "we [need|really need] [this|it] [fixed|working] before [our quarter-end close on Friday|the board meeting this week|our Monday forecast call|month-end].",
        ],
        Topic::NextSteps => &[
            "[can we|could we] [get|book] [a call|thirty minutes] with [an engineer|someone technical] [this week|tomorrow] to [walk through|agree] [next steps|the fix plan]?",
        ],
        Topic::SecurityReview => &[
            "[our|the] [security team|CISO] [will|is going to] want [an incident report|an RCA] on this for [our|the] [vendor review|annual security review].",
        ],
        _ => return None,
    })
}
