package org.dangjian.graph.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the HTTP routes besides GraphQL (imports, exports) as JSON with the same codes as the
 * GraphQL errors: {@code {"error": {"code": "NOT_FOUND", "message": …}}} with 400, 403 or 404.
 */
@RestControllerAdvice
class RestErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        var status = switch (e.code()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case LIMIT -> HttpStatus.PAYLOAD_TOO_LARGE;
            case TIMEOUT, UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("code", e.code().name(), "message", e.getMessage())));
    }
}
