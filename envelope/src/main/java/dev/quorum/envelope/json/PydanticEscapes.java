package dev.quorum.envelope.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * String escaping as pydantic 2 writes it: {@code \b \t \n \f \r} short forms, other control characters
 * as {@code \}{@code u00xx} with lowercase hex (Jackson's default is uppercase), everything else (DEL,
 * non-ASCII, U+2028) raw UTF-8.
 */
final class PydanticEscapes extends CharacterEscapes {

    static final PydanticEscapes INSTANCE = new PydanticEscapes();

    private final int[] asciiEscapes;

    private PydanticEscapes() {
        asciiEscapes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if ("\b\t\n\f\r".indexOf(c) < 0) {
                asciiEscapes[c] = ESCAPE_CUSTOM;
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
}
