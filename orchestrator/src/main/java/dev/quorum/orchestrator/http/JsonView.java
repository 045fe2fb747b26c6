package dev.quorum.orchestrator.http;

/** A read-only view an endpoint returns as JSON (records, maps, lists). */
@FunctionalInterface
public interface JsonView {

    Object read();
}
