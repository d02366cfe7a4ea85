package org.dangjian.graph.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dangjian.graph.database.ReadDeadline;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How long a request's answer is waited for: {@code party-graph.graphql.request-timeout}, plus the
 * {@link #GRACE} given to a mutation's own check of its deadline (which rolls it back), then an answer
 * of one error with code TIMEOUT.
 *
 * <p>Over HTTP the servlet thread that waits for the answer runs the execution itself ({@link
 * #await}, in {@code BlockingGraphQlHttpHandler} and {@code GraphQlGetEndpoint}, which mark the
 * request {@link #AWAITED}), and the database bounds its reads: no hand-over to another thread and
 * back, and no timer scheduled and cancelled for every request. Over WebSocket or server-sent
 * events, where nothing waits, the execution runs on Reactor's {@code boundedElastic} and the
 * interceptor that sets the deadline bounds the answer ({@code security.GraphQlAccess}).
 */
@Component
public class AnswerDeadline {

    /**
     * Attribute of a request whose answer a thread waits for with {@link #await}: the interceptor
     * schedules no timer for it. Every other request (WebSocket, server-sent events) gets the timer.
     */
    public static final String AWAITED = AnswerDeadline.class.getName() + ".awaited";

    /** Time a mutation's own deadline check is given before the answer stops waiting. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Duration timeout;

    public AnswerDeadline(@Value("${party-graph.graphql.request-timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    /** The request's own time limit (its deadline is this long after it starts). */
    public Duration timeout() {
        return timeout;
    }

    /** How long the answer is waited for. */
    public Duration limit() {
        return timeout.plus(GRACE);
    }

    /** The message of the TIMEOUT answer. */
    public String message() {
        return "The request ran past its time limit of " + timeout
                + " (party-graph.graphql.request-timeout); a mutation past it is rolled back";
    }

    /**
     * The answer, computed on this thread: each read the execution makes is given the time left
     * before the deadline as its transaction timeout ({@link ReadDeadline}), so that the database
     * stops a read past it (code TIMEOUT, {@code Failures}). What the execution hands to another
     * thread is waited for at most {@link #limit()}; past it the execution is cancelled and the answer
     * is TIMEOUT. A failure of the execution is thrown as it was.
     */
    public WebGraphQlResponse await(Mono<WebGraphQlResponse> answer) {
        // The execution runs here, as it is subscribed to (security.GraphQlAccess hands it to no other
        // thread when it is awaited), its reads under the deadline; what it leaves to another thread
        // is waited for at most the limit.
        var future = ReadDeadline.within(Instant.now().plus(timeout), answer::toFuture);
        try {
            return future.get(limit().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return GraphQlErrors.answer(ApiException.Code.TIMEOUT.name(), message());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return GraphQlErrors.answer(ApiException.Code.TIMEOUT.name(), message());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
