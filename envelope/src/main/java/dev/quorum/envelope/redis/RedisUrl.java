package dev.quorum.envelope.redis;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Redis location: {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS.
 * Port defaults to 6379, database to 0; user and password may be percent-encoded. {@link #toString()} and
 * every error message show the password as {@code ***}: URLs end up in logs and tickets.
 */
public final class RedisUrl {

    public static final int DEFAULT_PORT = 6379;

    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;

    private RedisUrl(boolean tls, String host, int port, int database, String user, String password) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** Parses {@code url}, or fails with an {@link IllegalArgumentException} saying what is wrong (password masked). */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Redis URL is empty; expected redis://[user:password@]host:port/db");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a valid URL (percent-encode special characters of the password)");
        }
        boolean tls = "rediss".equals(uri.getScheme());
        if (!tls && !"redis".equals(uri.getScheme())) {
            throw invalid(url, "the scheme must be redis:// or rediss:// (TLS)");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host (or the port is not a number)");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(url, "query parameters and fragments are not supported");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(url, "the port must be within 1..65535");
        }
        String[] credentials = credentials(uri.getRawUserInfo());
        return new RedisUrl(tls, uri.getHost(), port, database(url, uri.getRawPath()), credentials[0], credentials[1]);
    }

    private static String[] credentials(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[] {null, null};
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            // redis://secret@host is how many clients spell a password-only URL: treat it as the password.
            return new String[] {null, percentDecode(rawUserInfo)};
        }
        String user = rawUserInfo.substring(0, colon);
        return new String[] {user.isEmpty() ? null : percentDecode(user), percentDecode(rawUserInfo.substring(colon + 1))};
    }

    private static int database(String url, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        String db = path.substring(1);
        if (!db.matches("\\d{1,5}")) {
            throw invalid(url, "the path must be a database number, e.g. /0");
        }
        return Integer.parseInt(db);
    }

    /** java.net.URI has already checked that every '%' starts a valid two-digit escape. */
    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("invalid Redis URL " + redact(url) + ": " + why
                + "; expected redis://[user:password@]host:port/db or rediss://...");
    }

    /** {@code url} with any user-info replaced by {@code ***}, safe to log even when it does not parse. */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        // Everything between the scheme and the last '@' may be secret, even when it does not parse.
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The URL with the password masked: {@code redis://reader:***@10.0.0.5:6379/2}. */
    @Override
    public String toString() {
        String credentials = password == null ? (user == null ? "" : user + "@")
                : (user == null ? "" : user) + ":***@";
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "rediss" : "redis") + "://" + credentials + shownHost + ":" + port + "/" + database;
    }
}
