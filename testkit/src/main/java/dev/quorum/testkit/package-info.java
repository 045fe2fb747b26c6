/**
 * Real servers for tests. {@link dev.quorum.testkit.RedisServer} and {@link dev.quorum.testkit.ChromaServer}
 * start the real binaries on a free loopback port in a temporary directory and stop them again; a missing
 * binary fails with a message saying how to install it (scripts/test.sh does that in CI).
 * {@link dev.quorum.testkit.RedisSentinel} (a master and a Sentinel monitoring it) and
 * {@link dev.quorum.testkit.RedisCluster} (three masters sharing the hash slots) build the other two Redis topologies
 * from the same processes, set up with {@code redis-cli}.
 * {@link dev.quorum.testkit.OllamaTestServer} is an in-process server speaking Ollama's HTTP protocol, scriptable
 * per model (replies, errors exactly as Ollama sends them, latency), because Ollama cannot run in CI.
 * {@link dev.quorum.testkit.AlpacaTestServer} speaks the orders, account and positions routes of Alpaca's trading API as its
 * documentation describes them (buying-power 403, duplicate client_order_id 422, partial fills, scripted 429 and 5xx).
 * {@link dev.quorum.testkit.MarketDataTestServer} speaks the market-data providers' protocols (Stooq daily CSV, Alpaca
 * bars and news with key headers and pagination, FRED graph CSV) from one in-process server, with scriptable failures.
 * {@link dev.quorum.testkit.DelayingProxy} sits in front of a real server and holds its answers back: a slow server.
 * {@link dev.quorum.testkit.EndlessReplyServer} answers every request with headers and then a body that never ends
 * (dripping or flooding): an HTTP dependency gone bad after its headers.
 * {@link dev.quorum.testkit.HeadlessChromium} loads a page in Debian's Chromium; {@link dev.quorum.testkit.ChromiumPage}
 * drives one over the DevTools protocol like a person (typing, clicking, window sizes, screenshots).
 * {@link dev.quorum.testkit.Closer} closes what a test opened, the last first.
 * {@link dev.quorum.testkit.CommandRun} runs a command (a Python script) to its end, cut at a timeout.
 * {@link dev.quorum.testkit.MissingTool} skips a test whose tool (python3) is missing, or fails it under CI.
 */
package dev.quorum.testkit;
