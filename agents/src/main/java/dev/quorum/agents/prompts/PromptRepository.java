package dev.quorum.agents.prompts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt files of one directory ({@code prompts/<id>.prompt}). {@link #current} re-reads the file on each
 * call (a few KB, once per agent and decision) and re-parses it only when its bytes changed, so an edit
 * takes effect on the next decision cycle without a restart. A broken edit is rejected with the file and line,
 * logged once, and the last good version keeps serving. Thread-safe.
 */
public final class PromptRepository {

    private static final Logger LOG = LoggerFactory.getLogger(PromptRepository.class);

    private final Path directory;
    private final Set<String> vocabulary;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * What is known about one file: the last good template, and the bytes last seen (good or not; null when the file
     * could not be read). Comparing the bytes lets an unchanged file, every call but the first, skip decoding and
     * parsing; decoding and hashing alone were two fifths of the repository's CPU in a cycle's profile.
     */
    private record Entry(PromptTemplate good, byte[] seenBytes, PromptTemplateException rejection) {
    }

    /** Templates may use the placeholders of {@link PromptVocabulary#all()}. */
    public PromptRepository(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.vocabulary = PromptVocabulary.all();
    }

    public Path directory() {
        return directory;
    }

    /**
     * The template to use now for {@code id}.
     *
     * @throws PromptTemplateException when the file is broken (or missing) and no good version was ever loaded
     */
    public PromptTemplate current(String id) throws PromptTemplateException {
        Path file = directory.resolve(id + ".prompt");
        Entry entry = entries.compute(id, (key, previous) -> refresh(file, previous));
        if (entry.good() == null) {
            throw entry.rejection();
        }
        return entry.good();
    }

    /** Why the latest content of {@code id} is not being served, if it is not. */
    public Optional<PromptTemplateException> rejection(String id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.rejection());
    }

    private Entry refresh(Path file, Entry previous) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return reject(previous, null, new PromptTemplateException(file, 0, "cannot read it: " + e));
        }
        if (previous != null && Arrays.equals(bytes, previous.seenBytes())) {
            return previous;
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return reject(previous, bytes, new PromptTemplateException(file, 0, "not valid UTF-8"));
        }
        try {
            PromptTemplate template = PromptTemplate.parse(file, content, vocabulary);
            if (previous != null && previous.good() != null) {
                LOG.info("Prompt {} reloaded: now {} ({})", template.id(), template.promptId(),
                        template.contentHash().substring(0, 12));
            }
            return new Entry(template, bytes, null);
        } catch (PromptTemplateException e) {
            return reject(previous, bytes, e);
        }
    }

    private static Entry reject(Entry previous, byte[] bytes, PromptTemplateException rejection) {
        PromptTemplate good = previous == null ? null : previous.good();
        boolean news = previous == null || previous.rejection() == null
                || !previous.rejection().getMessage().equals(rejection.getMessage());
        if (news && good != null) {
            LOG.error("Prompt rejected, still serving {}: {}", good.promptId(), rejection.getMessage());
        } else if (news) {
            LOG.error("Prompt rejected and no earlier version to serve: {}", rejection.getMessage());
        }
        return new Entry(good, bytes, rejection);
    }
}
