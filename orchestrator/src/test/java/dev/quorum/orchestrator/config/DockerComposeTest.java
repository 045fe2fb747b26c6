package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml, checked without Docker: the YAML parses (a key written twice is an error, as in Compose),
 * every image is pinned, each server publishes the port Quorum's defaults expect (config/quorum.example.yaml) on
 * loopback only, and the configuration mounted into the quorum container is valid and names the other containers.
 */
class DockerComposeTest {

    private static final Path ROOT = ProjectPaths.root();
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static JsonNode services() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
    }

    @Test
    void should_pin_an_image_for_quorum_and_each_server_it_talks_to() throws IOException {
        JsonNode services = services();
        assertEquals(new TreeSet<>(List.of("chroma", "ollama", "quorum", "redis")), names(services));
        Map<String, String> repositories = Map.of("redis", "redis", "chroma", "chromadb/chroma", "ollama", "ollama/ollama",
                "quorum", "eclipse-temurin");
        repositories.forEach((service, repository) -> {
            String image = services.path(service).path("image").asText();
            assertTrue(image.startsWith(repository + ":"), service + " runs " + repository + ", was " + image);
            String tag = image.substring(repository.length() + 1);
            assertTrue(tag.matches("\\d+(\\.\\d+)+[-._a-z0-9]*"), service + "'s image is pinned to a version, was " + image);
        });
        assertTrue(services.path("quorum").path("image").asText().startsWith("eclipse-temurin:17."), "Quorum's Java 17");
    }

    @Test
    void should_publish_each_default_port_on_loopback_only() throws IOException {
        QuorumConfig defaults = new ConfigLoader(Map.of()).from(Optional.of(ROOT.resolve("config/quorum.example.yaml")));
        JsonNode services = services();

        assertEquals(List.of(loopback(port(defaults.redis().url()))), strings(services.path("redis").path("ports")));
        assertEquals(List.of(loopback(port(defaults.memory().chromaUrl()))), strings(services.path("chroma").path("ports")));
        assertEquals(List.of(loopback(port(defaults.ollama().endpoints().get(0).url()))), strings(services.path("ollama").path("ports")));
        assertEquals(List.of(loopback(defaults.http().port())), strings(services.path("quorum").path("ports")));
    }

    @Test
    void should_start_quorum_on_a_valid_configuration_that_names_the_other_containers() throws IOException {
        JsonNode quorum = services().path("quorum");
        List<String> command = strings(quorum.path("command"));
        String configInContainer = command.get(command.indexOf("--config") + 1);
        Map<String, String> mounts = new TreeMap<>();
        for (String volume : strings(quorum.path("volumes"))) {
            String[] parts = volume.split(":");
            mounts.put(parts[1], parts[0]);
            if (parts[0].startsWith("./") && !parts[0].endsWith("quorum.jar")) {
                assertTrue(Files.exists(ROOT.resolve(parts[0])), "the checkout has " + parts[0]);
            }
        }
        assertEquals("./orchestrator/target/quorum.jar", mounts.get(command.get(command.indexOf("-jar") + 1)),
                "the jar the build makes (the shade plugin's finalName)");
        Map<String, String> environment = new TreeMap<>();
        quorum.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));

        QuorumConfig inContainer = new ConfigLoader(environment).from(Optional.of(ROOT.resolve(mounts.get(configInContainer))));

        JsonNode services = services();
        assertEquals(URI.create("redis://redis:" + published(services.path("redis")) + "/0"), URI.create(inContainer.redis().url()));
        assertEquals(URI.create("http://chroma:" + published(services.path("chroma"))), URI.create(inContainer.memory().chromaUrl()));
        for (OllamaConfig.Endpoint endpoint : inContainer.ollama().endpoints()) {
            assertEquals(URI.create("http://ollama:" + published(services.path("ollama"))), URI.create(endpoint.url()));
        }
        assertEquals("0.0.0.0", inContainer.http().bind(), "reachable through the published port");
        assertEquals(published(quorum), inContainer.http().port());
        assertTrue(strings(quorum.path("depends_on")).containsAll(List.of("redis", "chroma", "ollama")));
    }

    private static String loopback(int port) {
        return "127.0.0.1:" + port + ":" + port;
    }

    /** The container port of a service's only published port. */
    private static int published(JsonNode service) {
        List<String> ports = strings(service.path("ports"));
        assertEquals(1, ports.size(), service.toString());
        String[] parts = ports.get(0).split(":");
        return Integer.parseInt(parts[parts.length - 1]);
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
