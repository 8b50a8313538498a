//! The resources: the daily brief and the weekly summary (`revpulse://brief/daily|weekly`,
//! written for the caller's scope when read) and one deal (`revpulse://deal/{deal_id}`, the
//! scoped `deal_detail` and `deal_risk` outputs as Markdown). The list also names the caller's
//! twenty largest open deals. A deal the caller may not see reads exactly like one that does
//! not exist, so existence does not leak.

use std::cmp::Reverse;

use revpulse_agents::write_brief;
use revpulse_tools::brief::BriefKind;
use revpulse_tools::forecast::deal_detail::DealDetailOutput;
use revpulse_tools::forecast::deal_risk::DealRiskOutput;
use rmcp::ErrorData;
use rmcp::model::{Resource, ResourceContents, ResourceTemplate};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::deal_summary::{deal_markdown, dollars};
use super::tools::safe_message;
use crate::ServiceError;
use crate::service::{AuditEvent, Caller, RevPulseService};

/// The scheme of every RevPulse resource.
const SCHEME: &str = "revpulse://";
/// Markdown, the type of every resource.
const MARKDOWN: &str = "text/markdown";
/// Open deals listed as resources, largest first.
const LISTED_DEALS: usize = 20;

/// A resource URI RevPulse serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ResourceUri {
    /// The brief of that kind.
    Brief(BriefKind),
    /// The deal of that id.
    Deal(String),
}

impl ResourceUri {
    /// Parses `uri`; `None` for anything RevPulse does not serve.
    pub(crate) fn parse(uri: &str) -> Option<Self> {
        let path = uri.strip_prefix(SCHEME)?;
        match path.split_once('/')? {
            ("brief", "daily") => Some(Self::Brief(BriefKind::Daily)),
            ("brief", "weekly") => Some(Self::Brief(BriefKind::Weekly)),
            ("deal", id) if is_deal_id(id) => Some(Self::Deal(id.to_owned())),
            _ => None,
        }
    }
}

fn is_deal_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn deal_uri(id: &str) -> String {
    format!("{SCHEME}deal/{id}")
}

/// The fixed resources and the caller's largest open deals.
pub(crate) async fn list(
    service: &RevPulseService,
    caller: &Caller,
) -> Result<Vec<Resource>, ErrorData> {
    let mut resources = vec![
        Resource::new(format!("{SCHEME}brief/daily"), "daily_brief")
            .with_title("Today's executive brief")
            .with_description(
                "Pipeline health, forecast vs quota with drivers, slipped and risk-ranked deals, \
                 wins and losses since yesterday, competitor trend and recommended actions, over \
                 what you may see. Written when read.",
            )
            .with_mime_type(MARKDOWN),
        Resource::new(format!("{SCHEME}brief/weekly"), "weekly_brief")
            .with_title("This week's executive summary")
            .with_description("The executive brief over the last seven days. Written when read.")
            .with_mime_type(MARKDOWN),
    ];
    let company = service
        .context(caller)
        .company()
        .await
        .map_err(|e| internal(&ServiceError::Tool(e)))?;
    let mut open: Vec<_> = company
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .collect();
    open.sort_by_key(|o| (Reverse(o.amount), o.id.clone()));
    for deal in open.into_iter().take(LISTED_DEALS) {
        let account = company
            .accounts
            .iter()
            .find(|a| a.id == deal.account_id)
            .map_or(deal.account_id.as_str(), |a| a.name.as_str());
        resources.push(
            Resource::new(deal_uri(&deal.id), format!("deal {}", deal.id))
                .with_title(deal.name.clone())
                .with_description(format!(
                    "{account} · {} · {} · closes {}",
                    deal.stage.as_str(),
                    dollars(deal.amount),
                    deal.close_date
                ))
                .with_mime_type(MARKDOWN),
        );
    }
    Ok(resources)
}

/// The resource templates.
pub(crate) fn templates() -> Vec<ResourceTemplate> {
    vec![
        ResourceTemplate::new(format!("{SCHEME}deal/{{deal_id}}"), "deal")
            .with_title("Deal summary")
            .with_description(
                "One deal you may see: amount, stage, close date, owner, history, buying \
                 committee, recent activities and — while open — its win probability, the \
                 signals behind it and the risk rules that fire. `deal_id` is e.g. OPP-001045.",
            )
            .with_mime_type(MARKDOWN),
    ]
}

/// The text of resource `uri` for `caller`.
pub(crate) async fn read(
    service: &RevPulseService,
    caller: &Caller,
    uri: &str,
) -> Result<ResourceContents, ErrorData> {
    let markdown = match ResourceUri::parse(uri) {
        Some(ResourceUri::Brief(kind)) => brief(service, caller, uri, kind).await?,
        Some(ResourceUri::Deal(id)) => deal(service, caller, &id).await?,
        None => return Err(not_found(uri)),
    };
    Ok(ResourceContents::text(markdown, uri).with_mime_type(MARKDOWN))
}

async fn brief(
    service: &RevPulseService,
    caller: &Caller,
    uri: &str,
    kind: BriefKind,
) -> Result<String, ErrorData> {
    let started = std::time::Instant::now();
    let written = write_brief(&service.context(caller), service.catalogue(), kind)
        .await
        .map_err(|e| internal(&ServiceError::Agent(e)))?;
    let cited = written
        .answer
        .citations
        .iter()
        .map(|c| c.source.id().to_owned())
        .collect();
    let event = AuditEvent::action("read_resource", json!({ "uri": uri }), cited, None);
    service
        .audit(caller, event.took(started.elapsed()))
        .await
        .map_err(|e| internal(&e))?;
    Ok(written.to_markdown())
}

async fn deal(service: &RevPulseService, caller: &Caller, id: &str) -> Result<String, ErrorData> {
    let args = json!({ "deal_id": id });
    let detail: DealDetailOutput = match call(service, caller, "deal_detail", args.clone()).await {
        Ok(detail) => detail,
        Err(e) if e.code() == "not_found" => return Err(not_found(&deal_uri(id))),
        Err(e) => return Err(internal(&e)),
    };
    let risk = if detail.deal.stage.starts_with("closed") {
        Err("the deal is closed".to_owned())
    } else {
        match call::<DealRiskOutput>(service, caller, "deal_risk", args).await {
            Ok(risk) => Ok(risk),
            Err(e) if e.code() == "not_enough_data" => Err(safe_message(&e)),
            Err(e) => return Err(internal(&e)),
        }
    };
    Ok(deal_markdown(
        &detail,
        risk.as_ref().map_err(String::as_str),
    ))
}

/// Calls `tool` through the service (scoped and audited) and reads its output as `T`.
async fn call<T: DeserializeOwned>(
    service: &RevPulseService,
    caller: &Caller,
    tool: &str,
    args: serde_json::Value,
) -> Result<T, ServiceError> {
    let reply = service.call_tool(caller, tool, args).await?;
    serde_json::from_value(reply.output).map_err(|e| {
        ServiceError::Tool(revpulse_tools::ToolError::analytics(
            "resource rendering",
            e,
        ))
    })
}

/// The same answer for a resource that does not exist and one the caller may not see.
fn not_found(uri: &str) -> ErrorData {
    ErrorData::resource_not_found(
        format!("resource `{uri}` was not found among the resources you can see"),
        Some(json!({ "uri": uri, "code": "not_found" })),
    )
}

fn internal(error: &ServiceError) -> ErrorData {
    ErrorData::internal_error(safe_message(error), Some(json!({ "code": error.code() })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_parse_to_what_they_name_and_nothing_else() {
        assert_eq!(
            ResourceUri::parse("revpulse://brief/daily"),
            Some(ResourceUri::Brief(BriefKind::Daily))
        );
        assert_eq!(
            ResourceUri::parse("revpulse://brief/weekly"),
            Some(ResourceUri::Brief(BriefKind::Weekly))
        );
        assert_eq!(
            ResourceUri::parse("revpulse://deal/OPP-001045"),
            Some(ResourceUri::Deal("OPP-001045".into()))
        );
        for other in [
            "revpulse://deal/",
            "revpulse://deal/a/b",
            "revpulse://deal/OPP 1",
            "revpulse://brief/monthly",
            "file:///etc/passwd",
            "revpulse://",
        ] {
            assert_eq!(ResourceUri::parse(other), None, "{other}");
        }
    }
}
