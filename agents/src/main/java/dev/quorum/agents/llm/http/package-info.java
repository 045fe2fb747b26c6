/**
 * How Quorum's calls reach an Ollama server: {@link dev.quorum.agents.llm.http.BlockingHttpClient}, the HTTP client
 * langchain4j's Ollama models are built with, one blocking request on the caller's thread per call; and
 * {@link dev.quorum.agents.llm.http.RequestSent}, which tells the work on a thread that its first request went out.
 */
package dev.quorum.agents.llm.http;
