/**
 * The v1 JSON codec: writes the bytes pydantic 2 writes (field order, Python float and datetime text,
 * escapes) and decodes like {@code maf_stream.decode_envelope} (skip, never throw).
 */
package dev.quorum.envelope.json;
