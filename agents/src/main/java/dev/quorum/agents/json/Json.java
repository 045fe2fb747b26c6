package dev.quorum.agents.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one default-configured Jackson mapper of the agents, memory and orchestrator modules. A mapper is thread-safe
 * once configured and costly to build (each keeps its own serializer caches), so the classes that read and write
 * plain JSON share this one instead of building their own. Nobody may configure it: a class that needs another
 * configuration (strict LLM output, the envelope's wire rules, a pretty-printed report, refusing trailing tokens)
 * keeps its own mapper beside that configuration.
 */
public final class Json {

    /** Jackson's defaults; never reconfigure it (every module shares it). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
