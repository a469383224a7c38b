// The §7 conversation against Catalyst's /mcp through the official TypeScript SDK client (@modelcontextprotocol/sdk):
// discovery matches CONTRACT.md §3, then start session → scan results → candidate analysis → execute_trade → position
// status → close_position → performance report (with the equity PNG) → trade journal, a risk rejection (-32602 with
// data) and a resource subscription. run.sh starts the Host and passes CATALYST_MCP_URL and CATALYST_API_KEY.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError, ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const url = new URL(process.env.CATALYST_MCP_URL ?? "http://127.0.0.1:5000/mcp");
const apiKey = process.env.CATALYST_API_KEY ?? "";

const TOOLS = [
  "start_trading_session", "stop_trading_session", "pause_trading", "resume_trading", "emergency_stop_trading",
  "get_scan_results", "get_candidate_analysis", "update_scan_criteria",
  "execute_trade", "close_position", "close_all_positions", "update_position", "get_order_status", "cancel_order",
  "update_risk_parameter", "get_risk_status", "activate_kill_switch", "deactivate_kill_switch", "respond_to_risk_action",
  "get_performance_report", "get_trade_journal",
  "run_backtest", "get_backtest", "cancel_backtest",
];
const RESOURCES = [
  "trading-cycle/current", "trading-cycle/status", "trading-cycle/history",
  "market-scan/latest", "market-scan/candidates", "market-scan/candidates/active",
  "positions/current", "positions/closed", "performance/daily", "performance/weekly", "performance/monthly",
  "risk/current", "risk/limits", "risk/exposures", "alerts/active",
  "system/health", "system/config", "system/logs/recent", "backtests",
].map((r) => "catalyst://" + r);
const TEMPLATES = [
  "trading-cycle/{cycle_id}/timeline", "market-scan/candidates/{symbol}", "positions/{position_id}/status",
  "backtests/{backtest_id}",
].map((r) => "catalyst://" + r);
const PROMPTS = ["daily_session_start", "review_scan_results", "risk_alert_response", "end_of_day_summary"];

let step = 0;
const log = (message) => console.log(`[${String(++step).padStart(2, "0")}] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sorted = (list) => [...list].sort();

/** Calls a tool, checks text and structured content agree, returns the structured JSON. */
async function call(client, name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content.find((c) => c.type === "text")?.text ?? "";
  assert.notEqual(result.isError, true, `${name} returned a tool error: ${text}`);
  assert.deepEqual(JSON.parse(text), result.structuredContent, `${name}: text and structured content differ`);
  return { body: result.structuredContent, result };
}

async function readJson(client, uri) {
  const { contents } = await client.readResource({ uri });
  assert.equal(contents[0].mimeType, "application/json");
  return JSON.parse(contents[0].text);
}

async function until(what, probe, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function expectMcpError(promise, code) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof McpError, `expected McpError, got ${error}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected MCP error ${code}`);
}

async function main() {
  // Missing and wrong keys are refused before any MCP traffic.
  for (const headers of [{}, { "X-API-Key": "wrong-key" }]) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } }),
    });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, "UNAUTHORIZED");
  }
  log("401 without a key and with a wrong key");

  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { "X-API-Key": apiKey } } });
  const client = new Client({ name: "catalyst-ts-check", version: "1.0.0" });
  await client.connect(transport);
  assert.ok(transport.sessionId, "stateful session id");
  assert.equal(client.getServerVersion().name, "catalyst");
  assert.equal(client.getServerCapabilities().resources?.subscribe, true);
  log(`connected, session ${transport.sessionId}`);

  // Discovery = CONTRACT.md §3
  const { tools } = await client.listTools();
  assert.deepEqual(sorted(tools.map((t) => t.name)), sorted(TOOLS));
  const trade = tools.find((t) => t.name === "execute_trade");
  assert.deepEqual(trade.inputSchema.properties.side.enum, ["buy", "sell"]);
  assert.deepEqual(sorted(trade.inputSchema.required), ["quantity", "side", "symbol"]);
  assert.equal(trade.annotations.destructiveHint, true);
  assert.equal(tools.find((t) => t.name === "get_risk_status").annotations.readOnlyHint, true);
  const { resources } = await client.listResources();
  assert.deepEqual(sorted(resources.map((r) => r.uri)), sorted(RESOURCES));
  const { resourceTemplates } = await client.listResourceTemplates();
  assert.deepEqual(sorted(resourceTemplates.map((t) => t.uriTemplate)), sorted(TEMPLATES));
  const { prompts } = await client.listPrompts();
  assert.deepEqual(sorted(prompts.map((p) => p.name)), sorted(PROMPTS));
  log(`discovery: ${tools.length} tools, ${resources.length} resources, ${resourceTemplates.length} templates, ${prompts.length} prompts`);

  const updates = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { updates.push(n.params.uri); });
  for (const uri of ["catalyst://alerts/active", "catalyst://positions/current", "catalyst://trading-cycle/current"]) {
    await client.subscribeResource({ uri });
  }
  log("subscribed to alerts/active, positions/current, trading-cycle/current");

  // §7.1
  const started = (await call(client, "start_trading_session", { session_mode: "supervised" })).body;
  assert.equal(started.status, "started");
  assert.equal(started.session_mode, "supervised");
  log(`session started: cycle ${started.cycle_id}`);

  // §7.2 — the clock runs (Speed in run.sh): wait for the pre-market scan to produce candidates
  const scan = await until("scan candidates", async () => {
    try {
      const { body } = await call(client, "get_scan_results", { top_n: 5 });
      return body.candidates.length > 0 ? body : null;
    } catch (error) {
      if (String(error).includes("NOT_FOUND")) return null;
      throw error;
    }
  });
  const top = scan.candidates[0];
  for (const field of ["symbol", "rank", "catalyst_score", "technical_score", "pattern_score", "final_score", "price", "volume"]) {
    assert.ok(field in top, `candidate.${field}`);
  }
  assert.equal(scan.candidates_count, scan.candidates.length);
  log(`scan: ${scan.candidates.map((c) => `${c.rank}.${c.symbol}(${c.final_score})`).join(" ")}`);

  const analysis = (await call(client, "get_candidate_analysis", { symbol: top.symbol })).body;
  for (const section of ["catalyst", "technical", "pattern", "risk_assessment"]) assert.ok(section in analysis, section);
  log(`analysis of ${top.symbol}: pattern ${analysis.pattern?.type ?? "none"}, risk ${JSON.stringify(analysis.risk_assessment)}`);

  // §7.3
  const allowed = analysis.risk_assessment?.approved ? analysis.risk_assessment.position_size : 0;
  const quantity = allowed > 0 ? Math.min(allowed, 10) : 10;
  // The clock runs at 300x here: wide explicit exits keep the position open while the conversation looks at it.
  const price = top.price;
  const exits = { stop_loss: Math.round(price * 70) / 100, take_profit: Math.round(price * 160) / 100 };
  const order = (await call(client, "execute_trade", { symbol: top.symbol, side: "buy", quantity, ...exits })).body;
  assert.equal(order.bracket, true);
  assert.equal(order.symbol, top.symbol);
  assert.notEqual(order.status, "rejected");
  log(`order ${order.order_id}: ${order.message}`);
  const filled = await until("fill", async () => {
    const { body } = await call(client, "get_order_status", { order_id: order.order_id });
    return body.status === "filled" ? body : null;
  });
  log(`filled ${filled.filled_qty} @ ${filled.avg_fill_price}`);

  const positions = await readJson(client, "catalyst://positions/current");
  const position = positions.find((p) => p.symbol === top.symbol);
  assert.ok(position, "the position is open");
  const monitor = await readJson(client, `catalyst://positions/${position.position_id}/status`);
  assert.ok("recommendation" in monitor);
  log(`position ${position.position_id}: ${monitor.status}, ${monitor.recommendation}`);

  // a risk rejection: kill switch on → execute_trade is -32602 with data.check_failed
  await call(client, "activate_kill_switch", { reason: "TypeScript client check" });
  const rejection = await expectMcpError(client.callTool({ name: "execute_trade", arguments: { symbol: "AAPL", side: "buy", quantity: 1 } }), -32602);
  assert.equal(rejection.data.check_failed, "kill_switch");
  await call(client, "deactivate_kill_switch");
  log(`risk rejection: ${rejection.message}`);

  // invalid arguments and unknown resources
  const invalid = await expectMcpError(client.callTool({ name: "execute_trade", arguments: { symbol: "TSLA", side: "buy", quantity: 1, order_type: "limit" } }), -32602);
  assert.equal(invalid.data.field, "limit_price");
  await expectMcpError(client.readResource({ uri: "catalyst://nowhere" }), -32002);
  log("invalid params and unknown resource errors");

  // §7.4 close
  const closed = (await call(client, "close_position", { symbol: top.symbol, reason: "Breaking support" })).body;
  assert.equal(closed.symbol, top.symbol);
  log(`closed ${closed.quantity_closed} ${closed.symbol}: realized ${closed.realized_pnl}`);

  // §7.5 report and journal
  const journal = await until("journal entry", async () => {
    const { body } = await call(client, "get_trade_journal", {});
    return body.trades.some((t) => t.symbol === top.symbol) ? body : null;
  });
  log(`journal: ${journal.trades_count} trade(s), total ${journal.total_pnl}`);
  const { body: report, result } = await call(client, "get_performance_report", { period: "daily" });
  assert.ok(report.trades_executed >= 1);
  const image = result.content.find((c) => c.type === "image");
  assert.equal(image?.mimeType, "image/png");
  assert.equal(Buffer.from(image.data, "base64").subarray(0, 4).toString("hex"), "89504e47");
  log(`report: pnl ${report.pnl}, ${report.trades_executed} trade(s), equity curve ${Buffer.from(image.data, "base64").length} bytes`);

  const prompt = await client.getPrompt({ name: "end_of_day_summary", arguments: {} });
  assert.match(prompt.messages[0].content.text, /get_performance_report/);

  await until("resource updates", async () => updates.includes("catalyst://positions/current") && updates.includes("catalyst://trading-cycle/current"), 10_000);
  log(`resource updates received: ${[...new Set(updates)].join(", ")}`);

  await client.close();
  log("conversation complete");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
