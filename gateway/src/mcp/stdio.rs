//! MCP over standard input and output: an AI tool starts `revpulse mcp` as a subprocess and
//! talks to it through its pipes. The process acts for one caller, fixed at start; standard
//! output carries only the protocol.

use rmcp::ServiceExt;
use rmcp::service::{QuitReason, ServerInitializeError};

use super::RevPulseMcp;
use crate::service::{Caller, RevPulseService, Surface};

/// Why the MCP server could not start or stopped badly.
#[derive(Debug, thiserror::Error)]
pub enum McpError {
    /// The client did not complete the MCP handshake (it closed the pipe, or sent something
    /// else first): check the client's MCP configuration.
    #[error("the MCP client did not complete the handshake: {0}")]
    Handshake(Box<ServerInitializeError>),
    /// The server's task failed while serving: a bug; the log has the detail.
    #[error("the MCP server stopped unexpectedly: {0}")]
    Crashed(#[from] tokio::task::JoinError),
}

/// Serves MCP on standard input/output as `caller` until the client closes the connection.
pub async fn serve_stdio(service: RevPulseService, caller: Caller) -> Result<(), McpError> {
    let server = RevPulseMcp::for_caller(service, caller.on(Surface::McpStdio));
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| McpError::Handshake(Box::new(e)))?;
    if let QuitReason::JoinError(e) = running.waiting().await? {
        return Err(McpError::Crashed(e));
    }
    Ok(())
}
