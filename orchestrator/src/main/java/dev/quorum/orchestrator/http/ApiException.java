package dev.quorum.orchestrator.http;

/** A request that gets a specific 4xx/5xx status and a JSON {@link ApiError}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad_request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    /** The component behind the endpoint is not part of this build or this process. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", detail);
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(code, getMessage());
    }
}
