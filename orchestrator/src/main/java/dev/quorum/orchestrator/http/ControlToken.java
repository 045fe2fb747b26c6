package dev.quorum.orchestrator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The token that guards the state-changing endpoints when no {@code QUORUM_HTTP_TOKEN} is configured: generated at
 * the first start, kept in {@code <data_dir>/api-token} readable by the service's user only (0600), the same on
 * every later start. Reads stay open on loopback so the dashboard works without it; control does not.
 *
 * @param token   the secret
 * @param file    where it is kept
 * @param created whether this start generated it (the only time it is printed)
 */
public record ControlToken(String token, Path file, boolean created) {

    public static final String FILE_NAME = "api-token";

    /** The data directory's token, generated (0600) when there is none yet. */
    public static ControlToken loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                String token = HexFormat.of().formatHex(secret);
                try {
                    // Created with its final permissions: there is no moment at which another user could read it.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                    return new ControlToken(token, file, true);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first: use theirs.
                }
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < 16) {
                throw new IllegalStateException("the API control token file " + file + " holds fewer than 16 characters;"
                        + " delete it to have a new one generated");
            }
            return new ControlToken(token, file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API control token " + file + ": " + e.getMessage(), e);
        }
    }

    /** The data directory's token, when a {@code serve} generated one: what a local client sends to control it. */
    public static Optional<String> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ControlToken[file=" + file + ", created=" + created + "]";
    }
}
