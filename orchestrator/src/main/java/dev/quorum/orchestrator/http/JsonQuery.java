package dev.quorum.orchestrator.http;

import java.util.Map;

/** A read-only view filtered by the request's query parameters (first value of each), returned as JSON. */
@FunctionalInterface
public interface JsonQuery {

    /** @throws IllegalArgumentException for a parameter it cannot use (answered 400 naming it) */
    Object read(Map<String, String> query);
}
