/**
 * Security defaults proved on real processes: loopback binding, the bearer token, planted secrets never
 * leaving the process, the least-privilege Redis ACL, prompt injection through news text.
 */
package dev.quorum.orchestrator.reliability.security;
