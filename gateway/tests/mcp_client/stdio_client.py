"""Drives RevPulse's MCP server over stdio with the official MCP Python SDK (a client RevPulse
did not write): the SDK starts the server process, as an MCP host application would, and
this script prints what it saw as one JSON object on standard output.

Usage: python stdio_client.py '<json config>' where the config gives the server `command`
and `args`, and a `deal` id the server's user may see. The Rust test
(tests/all/mcp_stdio.rs) runs this script and asserts on its output."""

import json
import sys
from datetime import timedelta
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

import session_checks as checks

TIMEOUT = timedelta(seconds=120)


async def main() -> None:
    config = json.loads(sys.argv[1])
    server = StdioServerParameters(command=config["command"], args=config["args"], env=config.get("env"))
    with anyio.fail_after(300):
        async with stdio_client(server) as (read, write):
            async with ClientSession(read, write, read_timeout_seconds=TIMEOUT) as session:
                init = await session.initialize()
                report: dict[str, Any] = {
                    "server": init.serverInfo.name,
                    "tools": [t["name"] for t in await checks.list_tools(session)],
                    "pipeline": await checks.call_tool(session, "pipeline", {"group_by": "region"}),
                    "deal": await checks.read_resource(session, f"revpulse://deal/{config['deal']}"),
                    "resources": await checks.list_resources(session),
                    "prompts": await checks.prompts(session, "deal_review", {"deal_id": config["deal"]}),
                }
    print(json.dumps(report))


if __name__ == "__main__":
    anyio.run(main)
