package dev.quorum.trader.broker;

/**
 * A broker call that did not get an answer about the order: a timeout, a 5xx, a 429, a refused connection. The
 * order's state is unknown, so the trader keeps it and asks again on its next sweep (by client order id).
 */
public final class BrokerException extends Exception {

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
