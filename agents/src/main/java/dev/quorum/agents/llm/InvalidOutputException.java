package dev.quorum.agents.llm;

/** A model's reply that is not valid JSON, breaks the schema or is out of bounds. The message names the field. */
public final class InvalidOutputException extends Exception {

    public InvalidOutputException(String message) {
        super(message);
    }
}
