package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An action taking a JSON request body. Throws {@link IllegalArgumentException} for an invalid body (400),
 * {@link java.util.NoSuchElementException} for an unknown referenced item (404), {@link IllegalStateException} for a
 * conflict such as a duplicate (409), or an {@link ApiException} for anything more specific.
 */
@FunctionalInterface
public interface JsonAction {

    Object apply(JsonNode body);
}
