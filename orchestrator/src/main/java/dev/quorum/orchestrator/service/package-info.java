/**
 * The running service: the {@link dev.quorum.orchestrator.service.Engine} the CLI and HTTP API drive (one cycle
 * now, the schedule on and off, status).
 */
package dev.quorum.orchestrator.service;
