package dev.quorum.agents.prompts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed prompt file. The file format:
 *
 * <pre>
 * # prompt: technical
 * # version: 3
 * # (more '#' comment lines allowed before the first part)
 * [system]
 * You are ...
 * [user]
 * Ticker {{ticker}} ... {{rsi_14}} ...
 * </pre>
 *
 * <p>The id is the file's name without {@code .prompt} and must match the {@code # prompt:} header; the version
 * is a positive integer the quant bumps on each change; the content hash is the SHA-256 (hex) of the file's
 * bytes, which identifies exactly which text produced a signal even when the version was not bumped.
 */
public final class PromptTemplate {

    private static final Pattern HEADER = Pattern.compile("#\\s*(prompt|version)\\s*:\\s*(\\S.*?)\\s*");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");

    private final String id;
    private final int version;
    private final String contentHash;
    private final Path source;
    private final TemplateText system;
    private final TemplateText user;

    private PromptTemplate(String id, int version, String contentHash, Path source, TemplateText system, TemplateText user) {
        this.id = id;
        this.version = version;
        this.contentHash = contentHash;
        this.source = source;
        this.system = system;
        this.user = user;
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public String contentHash() {
        return contentHash;
    }

    public Path source() {
        return source;
    }

    /** {@code id@version}, e.g. {@code technical@3}: what telemetry and the wire carry as the prompt id. */
    public String promptId() {
        return id + "@" + version;
    }

    /** Renders both parts with these values (placeholder name to text; absent renders as "n/a"). */
    public RenderedPrompt render(Map<String, String> values) {
        return new RenderedPrompt(system.render(values), user.render(values), promptId(), contentHash);
    }

    /**
     * Parses a prompt file's content.
     *
     * @param known the placeholder names a template may use
     * @throws PromptTemplateException naming the file and line of the first problem
     */
    public static PromptTemplate parse(Path file, String content, Set<String> known) throws PromptTemplateException {
        String expectedId = file.getFileName().toString().replaceFirst("\\.prompt$", "");
        List<String> lines = content.replace("\r\n", "\n").lines().toList();
        String id = null;
        Integer version = null;
        int systemAt = -1;
        int userAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("[system]") || line.equals("[user]")) {
                boolean system = line.equals("[system]");
                if ((system ? systemAt : userAt) >= 0) {
                    throw new PromptTemplateException(file, i + 1, "a second " + line + " part");
                }
                if (system) {
                    systemAt = i;
                } else {
                    userAt = i;
                }
                continue;
            }
            if (systemAt >= 0 || userAt >= 0) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches() && header.group(1).equals("prompt")) {
                id = header.group(2);
                if (!id.equals(expectedId)) {
                    throw new PromptTemplateException(file, i + 1, "header says prompt '" + id
                            + "' but the file is named " + expectedId + ".prompt");
                }
            } else if (header.matches()) {
                try {
                    version = Integer.parseInt(header.group(2));
                } catch (NumberFormatException e) {
                    version = -1;
                }
                if (version < 1) {
                    throw new PromptTemplateException(file, i + 1, "version must be a positive integer, was '" + header.group(2) + "'");
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new PromptTemplateException(file, i + 1, "text before the [system] part: only '#' header"
                        + " and comment lines may come first");
            }
        }
        if (id == null) {
            throw new PromptTemplateException(file, 1, "missing header line '# prompt: " + expectedId + "'");
        }
        if (version == null) {
            throw new PromptTemplateException(file, 1, "missing header line '# version: <n>'");
        }
        if (!ID.matcher(id).matches()) {
            throw new PromptTemplateException(file, 1, "prompt id '" + id + "' must be lower-case letters, digits, '_' or '-'");
        }
        if (systemAt < 0 || userAt < 0) {
            throw new PromptTemplateException(file, lines.size(), "missing the " + (systemAt < 0 ? "[system]" : "[user]") + " part");
        }
        if (userAt < systemAt) {
            throw new PromptTemplateException(file, userAt + 1, "the [user] part must come after the [system] part");
        }
        TemplateText system = TemplateText.parse(file, new ArrayList<>(lines.subList(systemAt + 1, userAt)), systemAt + 2, known);
        TemplateText user = TemplateText.parse(file, new ArrayList<>(lines.subList(userAt + 1, lines.size())), userAt + 2, known);
        return new PromptTemplate(id, version, sha256(content), file, system, user);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
