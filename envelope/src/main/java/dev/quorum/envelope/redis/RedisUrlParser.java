package dev.quorum.envelope.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the three URL forms of {@link RedisUrl}. Hand-written rather than {@link java.net.URI}: a URI's authority
 * holds one host, and Sentinel and Cluster URLs list several.
 */
final class RedisUrlParser {

    private static final String EXPECTED = "; expected redis://[user:password@]host:port/db,"
            + " redis-sentinel://[user:password@]host:26379,host:26379/master-name[/db]"
            + " or redis-cluster://[user:password@]host:port,host:port (rediss... for TLS)";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DATABASE = Pattern.compile("\\d{1,5}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private RedisUrlParser() {
    }

    static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Redis URL is empty" + EXPECTED);
        }
        String text = url.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(url, "it has no scheme");
        }
        String scheme = text.substring(0, schemeEnd);
        RedisTopology topology = null;
        boolean tls = false;
        for (RedisTopology candidate : RedisTopology.values()) {
            if (candidate.scheme(false).equals(scheme) || candidate.scheme(true).equals(scheme)) {
                topology = candidate;
                tls = candidate.scheme(true).equals(scheme);
            }
        }
        if (topology == null) {
            throw invalid(url, "the scheme must be redis://, rediss:// (TLS), redis-sentinel://, rediss-sentinel://,"
                    + " redis-cluster:// or rediss-cluster://");
        }
        String rest = text.substring(schemeEnd + 3);
        // User-info ends at the last '@', as RedisUrl.redact assumes: what is masked is what may be secret.
        int at = rest.lastIndexOf('@');
        String[] credentials = at < 0 ? new String[] {null, null} : credentials(url, rest.substring(0, at));
        String location = rest.substring(at + 1);
        if (location.contains("?") || location.contains("#")) {
            throw invalid(url, "query parameters and fragments are not supported");
        }
        int slash = location.indexOf('/');
        List<RedisNode> nodes = nodes(url, slash < 0 ? location : location.substring(0, slash), topology);
        String path = slash < 0 ? "" : location.substring(slash + 1);
        return switch (topology) {
            case STANDALONE -> {
                if (nodes.size() > 1) {
                    throw invalid(url, "redis:// takes one host; list several with redis-sentinel:// or redis-cluster://");
                }
                yield new RedisUrl(topology, tls, nodes, null, database(url, path), credentials[0], credentials[1]);
            }
            case SENTINEL -> {
                String[] segments = path.split("/", -1);
                if (segments[0].isEmpty()) {
                    throw invalid(url, "it names no master: put the Sentinel master name after the hosts, e.g. /mymaster");
                }
                if (!MASTER_NAME.matcher(segments[0]).matches()) {
                    throw invalid(url, "the master name '" + segments[0] + "' may only hold letters, digits, '.', '_' and '-'");
                }
                if (segments.length > 2) {
                    throw invalid(url, "after the master name only a database number may follow, e.g. /mymaster/0");
                }
                int database = segments.length == 2 ? database(url, segments[1]) : 0;
                yield new RedisUrl(topology, tls, nodes, segments[0], database, credentials[0], credentials[1]);
            }
            case CLUSTER -> {
                if (!path.isEmpty() && !path.equals("0")) {
                    throw invalid(url, "Redis Cluster has database 0 only; drop the path");
                }
                yield new RedisUrl(topology, tls, nodes, null, 0, credentials[0], credentials[1]);
            }
        };
    }

    private static String[] credentials(String url, String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            // redis://secret@host is how many clients spell a password-only URL: treat it as the password.
            return new String[] {null, percentDecode(url, rawUserInfo)};
        }
        String user = rawUserInfo.substring(0, colon);
        return new String[] {user.isEmpty() ? null : percentDecode(url, user),
                percentDecode(url, rawUserInfo.substring(colon + 1))};
    }

    private static List<RedisNode> nodes(String url, String hosts, RedisTopology topology) {
        if (hosts.isEmpty()) {
            throw invalid(url, "it names no host");
        }
        List<RedisNode> nodes = new ArrayList<>();
        Set<RedisNode> seen = new HashSet<>();
        for (String hostPort : hosts.split(",", -1)) {
            RedisNode node = node(url, hostPort, topology.defaultPort());
            if (!seen.add(node)) {
                throw invalid(url, "it lists " + node + " twice");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static RedisNode node(String url, String hostPort, int defaultPort) {
        if (hostPort.isEmpty()) {
            throw invalid(url, "it names an empty host (two commas in a row, or a comma at the end)");
        }
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !IPV6.matcher(hostPort.substring(1, close)).matches()) {
                throw invalid(url, "'" + hostPort + "' is not a valid bracketed IPv6 address");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(url, "'" + hostPort + "' has text after the IPv6 address that is not a :port");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
                throw invalid(url, "'" + hostPort + "' has several ':'; write IPv6 addresses in brackets, e.g. [::1]:6379");
            }
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
            if (host.isEmpty()) {
                throw invalid(url, "it names no host before ':" + port + "'");
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw invalid(url, "'" + host + "' is not a host name (or the password has an unencoded special character)");
            }
        }
        if (port == null) {
            return new RedisNode(host, defaultPort);
        }
        if (!PORT.matcher(port).matches()) {
            throw invalid(url, "the port of " + host + " is not a number: '" + port + "'");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw invalid(url, "the port must be within 1..65535, got " + number);
        }
        return new RedisNode(host, number);
    }

    private static int database(String url, String path) {
        if (path.isEmpty()) {
            return 0;
        }
        if (!DATABASE.matcher(path).matches()) {
            throw invalid(url, "the path must be a database number, e.g. /0");
        }
        return Integer.parseInt(path);
    }

    /** Decodes %XX escapes as UTF-8; whitespace, control characters and broken escapes are errors, not guesses. */
    private static String percentDecode(String url, String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                if (!isHex(raw, i + 1) || !isHex(raw, i + 2)) {
                    throw notAUrl(url);
                }
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw notAUrl(url);
            }
            bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(c);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }

    private static IllegalArgumentException notAUrl(String url) {
        return invalid(url, "it is not a valid URL (percent-encode spaces, '%' and other special characters of the user and password)");
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("invalid Redis URL " + RedisUrl.redact(url) + ": " + why + EXPECTED);
    }
}
