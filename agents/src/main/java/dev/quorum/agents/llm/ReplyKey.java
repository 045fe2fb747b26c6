package dev.quorum.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What determines an LLM reply. The endpoint is left out on purpose: the same model with the same seed answers the
 * same wherever it runs.
 *
 * @param promptHash  SHA-256 of the system message (the rendered prompt's instructions)
 * @param inputHash   SHA-256 of the other messages in order, with their roles (the data, and any re-ask turns)
 * @param optionsHash SHA-256 of the generation options and the required output schema
 */
public record ReplyKey(String model, String promptHash, String inputHash, String optionsHash) {

    public static ReplyKey of(String model, List<ChatMessage> messages, GenerationOptions options, String outputSchema) {
        StringBuilder system = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage s) {
                system.append(s.text()).append('\u0000');
            } else {
                rest.append(message.type().name()).append('\u0001').append(text(message)).append('\u0000');
            }
        }
        String generation = String.format(Locale.ROOT, "temperature=%s seed=%s num_ctx=%s schema=%s",
                options.temperature(), options.seed(), options.numCtx(), outputSchema);
        return new ReplyKey(model, sha256(system.toString()), sha256(rest.toString()), sha256(generation));
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage u) {
            return u.singleText();
        }
        if (message instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        return message.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
