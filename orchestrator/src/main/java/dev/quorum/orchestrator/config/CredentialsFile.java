package dev.quorum.orchestrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets file: {@code KEY=VALUE} lines ({@code #} comments and blank lines allowed) with only the secret
 * settings, {@code QUORUM_HTTP_TOKEN}, {@code QUORUM_REDIS_URL} and the Alpaca keys. Refused when other users can read it.
 */
final class CredentialsFile {

    static final Set<String> SECRET_VARIABLES = Set.of("QUORUM_HTTP_TOKEN", "QUORUM_REDIS_URL",
            "QUORUM_MARKET_SYNC_ALPACA_KEY_ID", "QUORUM_MARKET_SYNC_ALPACA_SECRET_KEY");

    private final Path file;

    CredentialsFile(Path file) {
        this.file = file;
    }

    Map<String, String> read() {
        List<String> lines;
        if (Files.isDirectory(file)) {
            throw new ConfigException("credentials_file", file + " is a directory; expected a KEY=VALUE file");
        }
        try {
            refuseIfOthersCanRead();
            lines = Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            // Its message is the bare path: "cannot read F: F" said nothing.
            throw new ConfigException("credentials_file", file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("credentials_file", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = file + " line " + (i + 1);
            if (eq <= 0) {
                throw new ConfigException("credentials_file", where + " is not KEY=VALUE");
            }
            String name = line.substring(0, eq).strip();
            if (!SECRET_VARIABLES.contains(name)) {
                // A name is repeated only when it reads as a variable's (upper case, words joined by '_'): a bare secret
                // with an '=' in it must not be, and base64's padding leaves letters and digits before the '='.
                String shown = name.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+") ? "'" + name + "'" : "the name before '='";
                throw new ConfigException("credentials_file", where + ": " + shown + " is not a secret Quorum reads; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(SECRET_VARIABLES)));
            }
            secrets.put(name, line.substring(eq + 1).strip());
        }
        return secrets;
    }

    private void refuseIfOthersCanRead() throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ConfigException("credentials_file", file + " is readable by every user; run: chmod 600 " + file);
        }
    }
}
