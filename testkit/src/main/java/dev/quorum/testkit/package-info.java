/**
 * Real servers for tests. {@link dev.quorum.testkit.RedisServer} and {@link dev.quorum.testkit.ChromaServer}
 * start the real binaries on a free loopback port in a temporary directory and stop them again; a missing
 * binary fails with a message saying how to install it (scripts/test.sh does that in CI).
 */
package dev.quorum.testkit;
