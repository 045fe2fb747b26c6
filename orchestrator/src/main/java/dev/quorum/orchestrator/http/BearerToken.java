package dev.quorum.orchestrator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API's bearer token check. Both sides are hashed to SHA-256 first so {@link MessageDigest#isEqual} compares
 * equal-length arrays in constant time: neither the token's content nor its length leaks through timing.
 */
final class BearerToken {

    private static final String PREFIX = "Bearer ";
    private final byte[] expectedDigest;

    BearerToken(String token) {
        this.expectedDigest = sha256(token);
    }

    /** @param authorization the request's Authorization header, possibly null */
    boolean accepts(String authorization) {
        // The scheme is case-insensitive (RFC 7235): "bearer" is the same scheme as "Bearer".
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(PREFIX.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
