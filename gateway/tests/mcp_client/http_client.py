"""Drives RevPulse's MCP server over streamable HTTP with the official MCP Python SDK (a client
RevPulse did not write) and prints what it saw as one JSON object on standard output.

Usage: python http_client.py '<json config>' where the config names the server URL, a regional
VP's and a rep's bearer tokens, and deal ids: one the VP may see, one of the rep's own, one
outside the rep's scope and one that does not exist. The Rust test (tests/all/mcp_http.rs)
starts the server, runs this script and asserts on its output."""

import json
import sys
from datetime import timedelta
from typing import Any

import anyio
import httpx
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

import session_checks as checks

TIMEOUT = timedelta(seconds=120)
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "raw-httpx", "version": "0"},
    },
}
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


async def raw_post(url: str, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    """One POST without the SDK, to see the HTTP status, headers and body as sent."""
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(url, headers={**ACCEPT, **headers}, json=body)
    try:
        parsed = response.json()
    except ValueError:
        parsed = None
    return {
        "status": response.status_code,
        "www_authenticate": response.headers.get("www-authenticate"),
        "body": parsed,
    }


def http_status_in(exc: BaseException) -> int | None:
    """The HTTP status of the first `httpx.HTTPStatusError` inside `exc` (exception groups too)."""
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code
    for inner in getattr(exc, "exceptions", []):
        found = http_status_in(inner)
        if found is not None:
            return found
    cause = exc.__cause__ or exc.__context__
    return http_status_in(cause) if cause is not None else None


async def sdk_refusal(url: str, headers: dict[str, str]) -> dict[str, Any]:
    """Whether the SDK's client gets a session with `headers`, and the HTTP status if not."""
    try:
        with anyio.fail_after(60):
            async with streamablehttp_client(url, headers=headers) as (read, write, _):
                async with ClientSession(read, write, read_timeout_seconds=TIMEOUT) as session:
                    await session.initialize()
        return {"refused": False}
    except BaseException as exc:  # the SDK raises an exception group from its task group
        return {"refused": True, "status": http_status_in(exc), "error": type(exc).__name__}


async def as_vp(config: dict[str, Any]) -> dict[str, Any]:
    url, deal = config["url"], config["vp_deal"]
    headers = {"Authorization": f"Bearer {config['vp_token']}"}
    async with streamablehttp_client(url, headers=headers) as (read, write, session_id):
        async with ClientSession(read, write, read_timeout_seconds=TIMEOUT) as session:
            init = await session.initialize()
            report: dict[str, Any] = {
                "server": init.serverInfo.name,
                "protocol_version": init.protocolVersion,
                "instructions": init.instructions,
                "tools": await checks.list_tools(session),
                "pipeline": await checks.call_tool(session, "pipeline", {"group_by": "stage"}),
                "bad_arguments": await checks.call_tool(session, "pipeline", {"group_by": "planet"}),
                "unknown_tool": await checks.call_tool(session, "no_such_tool", {}),
                "resources": await checks.list_resources(session),
                "daily_brief": await checks.read_resource(session, "revpulse://brief/daily"),
                "deal": await checks.read_resource(session, f"revpulse://deal/{deal}"),
                "prompts": await checks.prompts(session, "deal_review", {"deal_id": deal}),
            }
            # The VP's session id presented with the rep's token, then with the VP's own.
            list_tools = {"jsonrpc": "2.0", "id": 99, "method": "tools/list", "params": {}}
            session_headers = {"mcp-session-id": session_id() or "", "mcp-protocol-version": init.protocolVersion}
            report["session_with_other_token"] = await raw_post(
                url, {**session_headers, "Authorization": f"Bearer {config['rep_token']}"}, list_tools
            )
            report["session_with_own_token"] = await raw_post(url, {**session_headers, **headers}, list_tools)
            report["still_works"] = len((await session.list_tools()).tools)
    return report


async def as_rep(config: dict[str, Any]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {config['rep_token']}"}
    async with streamablehttp_client(config["url"], headers=headers) as (read, write, _):
        async with ClientSession(read, write, read_timeout_seconds=TIMEOUT) as session:
            await session.initialize()
            return {
                "foreign_deal": await checks.read_resource(session, f"revpulse://deal/{config['foreign_deal']}"),
                "missing_deal": await checks.read_resource(session, f"revpulse://deal/{config['missing_deal']}"),
                "own_deal": await checks.read_resource(session, f"revpulse://deal/{config['rep_deal']}"),
                "foreign_deal_tool": await checks.call_tool(
                    session, "deal_detail", {"deal_id": config["foreign_deal"]}
                ),
                "resources": await checks.list_resources(session),
            }


async def main() -> None:
    config = json.loads(sys.argv[1])
    url = config["url"]
    report = {
        "no_token": await raw_post(url, {}, INITIALIZE),
        "bad_token": await raw_post(url, {"Authorization": f"Bearer {config['bad_token']}"}, INITIALIZE),
        "sdk_without_token": await sdk_refusal(url, {}),
        "sdk_with_bad_token": await sdk_refusal(url, {"Authorization": f"Bearer {config['bad_token']}"}),
        "vp": await as_vp(config),
        "rep": await as_rep(config),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    anyio.run(main)
