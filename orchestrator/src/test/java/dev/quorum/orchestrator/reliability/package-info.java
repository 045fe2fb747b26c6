/**
 * Reliability and security tests (issue 7): hostile input, secrets, least privilege, faults. Real processes and
 * files throughout; every generator is seeded ({@code -Dquorum.fuzz.seed}) so a failure is reproducible.
 */
package dev.quorum.orchestrator.reliability;
