/**
 * How Quorum's calls reach an Ollama server: {@link dev.quorum.agents.llm.http.BlockingHttpClient}, the HTTP client
 * langchain4j's Ollama models are built with, one blocking request on the caller's thread per call.
 */
package dev.quorum.agents.llm.http;
