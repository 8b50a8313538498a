"""What both MCP end-to-end scripts ask a connected RevPulse server, through the official MCP
Python SDK's ClientSession: the result of each request as plain JSON for the Rust test to
check (the scripts decide nothing; the test asserts)."""

from typing import Any

from mcp import ClientSession
from mcp.shared.exceptions import McpError


def error_of(exc: McpError) -> dict[str, Any]:
    """A JSON-RPC error as JSON."""
    return {"code": exc.error.code, "message": exc.error.message, "data": exc.error.data}


async def list_tools(session: ClientSession) -> list[dict[str, Any]]:
    """Every tool with its schemas."""
    listed = await session.list_tools()
    return [
        {
            "name": t.name,
            "title": t.title,
            "description": t.description,
            "input_schema": t.inputSchema,
            "output_schema": t.outputSchema,
        }
        for t in listed.tools
    ]


async def call_tool(session: ClientSession, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """A tool call's result (the SDK checks structured content against the output schema)."""
    try:
        result = await session.call_tool(name, arguments)
    except McpError as exc:
        return {"protocol_error": error_of(exc)}
    return {
        "is_error": bool(result.isError),
        "structured": result.structuredContent,
        "text": [c.text for c in result.content if c.type == "text"],
    }


async def read_resource(session: ClientSession, uri: str) -> dict[str, Any]:
    """A resource's text, or the error reading it."""
    try:
        result = await session.read_resource(uri)
    except McpError as exc:
        return {"error": error_of(exc)}
    return {
        "contents": [
            {"uri": str(c.uri), "mime_type": c.mimeType, "text": getattr(c, "text", None)}
            for c in result.contents
        ]
    }


async def list_resources(session: ClientSession) -> dict[str, Any]:
    """Resources and resource templates."""
    resources = await session.list_resources()
    templates = await session.list_resource_templates()
    return {
        "resources": [
            {"uri": str(r.uri), "name": r.name, "title": r.title, "mime_type": r.mimeType}
            for r in resources.resources
        ],
        "templates": [t.uriTemplate for t in templates.resourceTemplates],
    }


async def prompts(session: ClientSession, name: str, arguments: dict[str, str]) -> dict[str, Any]:
    """The prompt list and one prompt's messages."""
    listed = await session.list_prompts()
    try:
        got = await session.get_prompt(name, arguments)
        messages = [{"role": m.role, "text": getattr(m.content, "text", None)} for m in got.messages]
    except McpError as exc:
        messages = {"error": error_of(exc)}
    try:
        await session.get_prompt(name, {})
        without_arguments = None
    except McpError as exc:
        without_arguments = error_of(exc)
    return {
        "names": [p.name for p in listed.prompts],
        "arguments": {
            p.name: [{"name": a.name, "required": bool(a.required)} for a in (p.arguments or [])]
            for p in listed.prompts
        },
        "messages": messages,
        "without_arguments": without_arguments,
    }
