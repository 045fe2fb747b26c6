/**
 * The HTTP API (Javalin): status, scan, start/stop, feedback, weights, learning status, health and Prometheus
 * metrics, bound to loopback by default with an optional bearer token. Handlers only translate HTTP to the
 * components in {@link dev.quorum.orchestrator.http.ApiBackends}; a component that is not wired answers 503 with a
 * JSON error, never invented data. Every error is JSON; no stack trace ever leaves the process.
 */
package dev.quorum.orchestrator.http;
