package dev.quorum.envelope.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.InvalidEnvelopeException;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The v1 wire codec. {@link #encode} writes exactly the bytes pydantic's {@code model_dump_json()} writes
 * for the same envelope (compact, seed field order, Python float and datetime text). {@link #decode} is
 * the Java twin of {@code maf_stream.decode_envelope}: it never throws, it logs a WARN and returns empty
 * for malformed JSON, a schema_version other than "1", or a body that breaks the contract.
 */
public final class EnvelopeJson {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeJson.class);
    // Python's json.loads rejects "{...} trailing"; so must we.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EnvelopeJson() {
    }

    public static String encode(TradingIntelligenceEnvelope envelope) {
        return EnvelopeWriter.write(envelope);
    }

    public static Optional<TradingIntelligenceEnvelope> decode(String payload) {
        return read(payload).envelope();
    }

    /** Decodes UTF-8 bytes; invalid UTF-8 is a malformed payload. */
    public static Optional<TradingIntelligenceEnvelope> decode(byte[] payload) {
        return read(payload).envelope();
    }

    public static DecodeResult read(byte[] payload) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
            return read(text);
        } catch (CharacterCodingException e) {
            return skipped(SkipReason.MALFORMED_JSON, "payload is not valid UTF-8");
        }
    }

    /** Like {@link #decode(String)}, but says why a payload was skipped. */
    public static DecodeResult read(String payload) {
        JsonNode head;
        try {
            head = MAPPER.readTree(payload == null ? "" : payload);
        } catch (JsonProcessingException e) {
            return skipped(SkipReason.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        }
        if (head == null || head.isMissingNode()) {
            return skipped(SkipReason.MALFORMED_JSON, "malformed JSON: empty payload");
        }
        if (!head.isObject()) {
            return skipped(SkipReason.INVALID_BODY, "validation failed: payload must be a JSON object, got "
                    + head.getNodeType());
        }
        JsonNode version = head.get("schema_version");
        if (version == null || !version.isTextual() || !version.textValue().equals(TradingIntelligenceEnvelope.SCHEMA_VERSION)) {
            return skipped(SkipReason.UNSUPPORTED_SCHEMA_VERSION,
                    "skipping unknown schema_version=" + version + " (this consumer speaks v1)");
        }
        try {
            return new DecodeResult.Decoded(EnvelopeReader.read(JsonFields.of(head, "")));
        } catch (InvalidEnvelopeException e) {
            SkipReason reason = e.field().endsWith("target.ticker") && e.getMessage().contains(Target.NOT_A_TICKER)
                    ? SkipReason.INVALID_TICKER : SkipReason.INVALID_BODY;
            return skipped(reason, "validation failed: " + e.getMessage());
        }
    }

    private static DecodeResult skipped(SkipReason reason, String detail) {
        String printable = PrintableText.escape(detail);
        LOG.warn("decode_envelope: {}", printable);
        return new DecodeResult.Skipped(reason, printable);
    }
}
