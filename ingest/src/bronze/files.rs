//! The one list of record kinds and their bronze file names, in graph load order (a record's
//! references always come earlier in the list).

/// Expands `$m! { field "file.jsonl" Type, … }` over every record kind, in load order.
#[macro_export]
#[doc(hidden)]
macro_rules! with_record_kinds {
    ($m:ident) => {
        $m! {
            regions "regions.jsonl" Region,
            product_lines "product_lines.jsonl" ProductLine,
            products "products.jsonl" Product,
            competitors "competitors.jsonl" Competitor,
            users "users.jsonl" User,
            teams "teams.jsonl" Team,
            accounts "accounts.jsonl" Account,
            contacts "contacts.jsonl" Contact,
            campaigns "campaigns.jsonl" Campaign,
            opportunities "opportunities.jsonl" Opportunity,
            opportunity_contacts "opportunity_contacts.jsonl" OpportunityContact,
            stage_changes "stage_changes.jsonl" StageChange,
            amount_changes "amount_changes.jsonl" AmountChange,
            close_date_changes "close_date_changes.jsonl" CloseDateChange,
            forecast_category_changes "forecast_category_changes.jsonl" ForecastCategoryChange,
            leads "leads.jsonl" Lead,
            touches "touches.jsonl" Touch,
            activities "activities.jsonl" Activity,
            transcripts "transcripts.jsonl" Transcript,
            tickets "tickets.jsonl" Ticket,
            usage "usage.jsonl" UsageSnapshot,
            contracts "contracts.jsonl" Contract
        }
    };
}

macro_rules! file_names {
    ($($field:ident $file:literal $ty:ident),*) => { &[$($file),*] };
}

/// Every bronze file name, in load order.
pub const FILES: &[&str] = with_record_kinds!(file_names);
