package dev.quorum.orchestrator.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP API and dashboard of {@code serve}.
 *
 * @param enabled whether {@code serve} starts it
 * @param bind    the address to listen on; loopback by default, anything else exposes the API
 * @param port    the TCP port; 0 picks a free one (tests)
 * @param token   the bearer token every request must carry; only from {@code QUORUM_HTTP_TOKEN} or the credentials
 *                file, never the YAML; absent = {@code serve} generates a control token at first start (stored 0600
 *                in the data directory) that the state-changing endpoints require
 * @param allowedHosts host names (or {@code name:port}) the API answers besides loopback and the bind address, e.g.
 *                the name a reverse proxy forwards; any other {@code Host} header is refused (DNS rebinding)
 */
public record HttpConfig(Boolean enabled, String bind, Integer port, String token, List<String> allowedHosts) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    public HttpConfig {
        ConfigCheck.present("enabled", enabled);
        ConfigCheck.text("bind", bind);
        ConfigCheck.between("port", port, 0, 65535);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        for (String host : allowedHosts) {
            if (host == null || !HOST.matcher(host).matches()) {
                throw ConfigCheck.invalid("allowed_hosts", "'" + host + "' is not a host name or host:port (e.g. quorum.example.org)");
            }
        }
        if (token != null && token.getBytes(StandardCharsets.UTF_8).length < 16) {
            throw ConfigCheck.invalid("token", "must be at least 16 bytes long (generate one with: openssl rand -hex 32)");
        }
    }

    public Optional<String> bearerToken() {
        return Optional.ofNullable(token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HttpConfig[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", token="
                + (token == null ? "none" : "***") + ", allowedHosts=" + allowedHosts + "]";
    }
}
