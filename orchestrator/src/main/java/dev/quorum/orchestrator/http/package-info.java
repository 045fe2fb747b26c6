/**
 * The HTTP API (Javalin): status, scan, start/stop, feedback, weights, learning status, health and Prometheus
 * metrics, bound to loopback by default with an optional bearer token. Handlers only translate HTTP to the
 * components in {@link dev.quorum.orchestrator.http.ApiBackends}; a component that is not wired answers 503 with a
 * JSON error, never invented data. Every error is JSON; no stack trace ever leaves the process. The dashboard
 * ({@code dashboard.html}) is a static page drawing the API's answers with uPlot, served from its webjar; the views
 * only it reads (a decision's drill-down, {@link dev.quorum.orchestrator.http.AgentTrackRecord}, the stream tail)
 * are {@link dev.quorum.orchestrator.http.DashboardViews}.
 */
package dev.quorum.orchestrator.http;
