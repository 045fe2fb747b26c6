package dev.quorum.agents.llm.http;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderFactory;

/**
 * langchain4j's HTTP client wherever a component picks its own (through the {@code ServiceLoader}): Quorum's
 * {@link BlockingHttpClient}, so that every HTTP exchange langchain4j makes for Quorum reads its whole answer within
 * the timeout and at most {@link BlockingHttpClient#MAX_REPLY_BYTES} of it. langchain4j-chroma offers no way to pass a
 * client in; with langchain4j's JDK client a Chroma that flooded its answer filled the heap. The JDK client is
 * excluded from the build (the root pom), since langchain4j refuses to choose between two.
 */
public final class BlockingHttpClientFactory implements HttpClientBuilderFactory {

    @Override
    public HttpClientBuilder create() {
        return BlockingHttpClient.builder();
    }
}
