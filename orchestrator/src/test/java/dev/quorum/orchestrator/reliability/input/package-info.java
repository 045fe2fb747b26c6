/**
 * Property-style tests of every input Quorum reads from outside: configuration, market data files, feedback
 * payloads, HTTP requests. Each bad input must give a clear error (or a counted skip), never a crash, a stack
 * trace for the user, a silent acceptance or a change to stored data.
 */
package dev.quorum.orchestrator.reliability.input;
