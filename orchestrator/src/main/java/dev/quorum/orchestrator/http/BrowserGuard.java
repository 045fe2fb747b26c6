package dev.quorum.orchestrator.http;

import dev.quorum.orchestrator.config.HttpConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses what a web page open in the operator's browser could make that browser send to the API, token or not:
 * <ul>
 *   <li>a {@code Host} that is not this server (DNS rebinding: the attacker's name resolving to 127.0.0.1) — 421;</li>
 *   <li>a state-changing request from a foreign {@code Origin} (cross-site POST) — 403;</li>
 *   <li>a state-changing request whose body is not {@code application/json}: {@code text/plain} and form posts are
 *       the "simple requests" a browser sends cross-origin without asking first — 415.</li>
 * </ul>
 * Non-browser clients (curl, scripts, probes) send the right Host and no Origin, and are unaffected.
 */
final class BrowserGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]");
    private static final String JSON = "application/json";

    /** Host names answered on the bound port. */
    private final Set<String> local = new HashSet<>(LOOPBACK);
    /** Configured names: any port (a reverse proxy forwards its own), unless the entry names one. */
    private final Set<String> configured = new HashSet<>();

    BrowserGuard(HttpConfig config) {
        String bind = normal(config.bind());
        if (isWildcard(bind)) {
            local.addAll(interfaceAddresses());
        } else {
            local.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        }
        config.allowedHosts().forEach(host -> configured.add(normal(host)));
    }

    /** @param port the port actually bound */
    void check(Context ctx, int port) {
        String host = ctx.header("Host");
        if (host != null && !allowed(normal(host), port)) {
            throw new ApiException(421, "misdirected_request", "this server does not answer for the host name in the"
                    + " request; add it to http.allowed_hosts if a proxy forwards it");
        }
        if (!changesState(ctx.method())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !originAllowed(origin, port)) {
            throw new ApiException(403, "forbidden_origin", "a request from another site may not change the service's state");
        }
        String type = ctx.header("Content-Type");
        boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if (type == null ? hasBody : !JSON.equals(mediaType(type))) {
            throw new ApiException(415, "unsupported_media_type", "a request that changes state must send its body as "
                    + JSON + " (Content-Type: " + JSON + ")");
        }
    }

    static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private boolean allowed(String hostAndPort, int port) {
        if (configured.contains(hostAndPort)) {
            return true;
        }
        int colon = hostAndPort.lastIndexOf(':');
        boolean hasPort = colon > hostAndPort.lastIndexOf(']');
        String name = hasPort ? hostAndPort.substring(0, colon) : hostAndPort;
        String givenPort = hasPort ? hostAndPort.substring(colon + 1) : "80";
        if (configured.contains(name)) {
            return true;
        }
        return local.contains(name) && givenPort.equals(Integer.toString(port));
    }

    private boolean originAllowed(String origin, int port) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false; // "null" (sandboxed frames, file:) and anything odd
            }
            int originPort = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
            return allowed(normal(host) + ":" + originPort, port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String normal(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    }

    /** With a wildcard bind, every address of this machine (and its name) is this server. */
    private static Set<String> interfaceAddresses() {
        Set<String> names = new HashSet<>();
        try {
            for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    text = zone < 0 ? text : text.substring(0, zone);
                    names.add(text.contains(":") ? "[" + text + "]" : text);
                }
            }
        } catch (SocketException e) {
            // No interface list: loopback and configured names still work.
        }
        hostName().ifPresent(name -> names.add(normal(name)));
        return names;
    }

    private static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
