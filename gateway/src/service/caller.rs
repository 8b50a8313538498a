//! Who is calling and through which surface: what every service call carries, built once per
//! request from the authenticated principal.

use revpulse_tools::Scope;
use serde::Serialize;

/// The surface a request came through, recorded in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Surface {
    /// The GraphQL API (web workspace, integrations).
    Graphql,
    /// MCP over streamable HTTP.
    McpHttp,
    /// MCP over stdio (`revpulse mcp`).
    McpStdio,
    /// The command line.
    Cli,
    /// A chat bot.
    Bot,
    /// The brief scheduler.
    Scheduler,
}

impl Surface {
    /// Its name in logs and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Graphql => "graphql",
            Self::McpHttp => "mcp_http",
            Self::McpStdio => "mcp_stdio",
            Self::Cli => "cli",
            Self::Bot => "bot",
            Self::Scheduler => "scheduler",
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    /// The principal's stable subject (OIDC `sub`, API token subject, dev user id).
    pub subject: String,
    /// A name for people.
    pub display_name: String,
    /// The role that set the scope (`cro`, `regional_vp`, …).
    pub role: String,
    /// Whether the caller may read the audit log and manage tokens.
    pub is_admin: bool,
    /// What the caller may see.
    pub scope: Scope,
    /// Where the request came from.
    pub surface: Surface,
}

impl Caller {
    /// The same caller on another surface.
    pub fn on(&self, surface: Surface) -> Self {
        Self {
            surface,
            ..self.clone()
        }
    }
}
