//! The MCP server: the tool catalogue as MCP tools (schemas from the same Rust types), the
//! executive brief and deal summaries as resources, and the questions leaders ask as prompts,
//! served to other AI tools over stdio (`revpulse mcp`, one fixed caller) and streamable HTTP
//! at `/mcp` (every request authenticated by bearer token and scoped to its principal).
//!
//! [`RevPulseMcp`] is the one handler both transports share; it only translates between MCP
//! and [`crate::service::RevPulseService`], which applies the caller's scope and audits.

mod caller;
mod deal_summary;
mod http;
mod prompts;
mod resources;
mod server;
mod sessions;
mod stdio;
mod tools;

pub use http::{mcp_router, mcp_router_until};
pub use server::RevPulseMcp;
pub use stdio::{McpError, serve_stdio};
