package dev.quorum.agents.llm.http;

import dev.langchain4j.http.client.HttpClientBuilderLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The client langchain4j picks for a component that takes none (langchain4j-chroma): Quorum's bounded one. */
class BlockingHttpClientFactoryTest {

    @Test
    void should_be_the_http_client_langchain4j_loads_by_default() {
        assertInstanceOf(BlockingHttpClient.Builder.class, HttpClientBuilderLoader.loadHttpClientBuilder());
    }
}
