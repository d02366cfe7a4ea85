package org.dangjian.graph.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request, before authentication: a body larger than {@code
 * party-graph.http.max-request-size} (1 MiB) is answered 413 without being read past the limit
 * (whether it announces its length or streams in chunks; uploads to {@code POST /imports} are held to
 * {@code spring.servlet.multipart.max-request-size} instead), and {@code /graphql} answers only GET, POST and
 * OPTIONS: any other method is 405 with an {@code Allow} header.
 */
@Configuration(proxyBeanMethods = false)
public class RequestGuard {

    static final Set<String> GRAPHQL_METHODS = Set.of("GET", "POST", "OPTIONS");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestGuardFilter(
            @Value("${party-graph.http.max-request-size:1MB}") DataSize maxSize,
            @Value("${spring.graphql.http.path:/graphql}") String graphqlPath,
            @Value("${spring.servlet.multipart.max-request-size:200MB}") DataSize maxUpload) {
        long limit = maxSize.toBytes();
        long uploadLimit = maxUpload.toBytes();
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().equals(graphqlPath) && !GRAPHQL_METHODS.contains(request.getMethod())) {
                    response.setHeader("Allow", "GET, POST, OPTIONS");
                    refuse(response, 405, "Method " + request.getMethod() + " is not allowed on " + graphqlPath);
                    return;
                }
                if (request.getRequestURI().equals("/imports")
                        && request.getMethod().equals("POST")) {
                    // Uploads stream to disk through the multipart resolver, which holds them to its own limit.
                    if (request.getContentLengthLong() > uploadLimit) {
                        refuse(response, 413, tooLarge(uploadLimit));
                        return;
                    }
                    chain.doFilter(request, response);
                    return;
                }
                if (request.getContentLengthLong() > limit) {
                    refuse(response, 413, tooLarge(limit));
                    return;
                }
                if (!request.getMethod().equals("POST")) {
                    chain.doFilter(request, response);
                    return;
                }
                // A body with a length is read into an array of that length (the container ends the stream
                // there); one without (chunked) up to the limit: bodies are small (GraphQL documents), and
                // one over the limit is refused before anything parses it. Reading a known length as an
                // unknown one filled two 16 KB buffers and copied the body out of them, a sixth of all
                // that a request for `{ __typename }` allocated.
                long length = request.getContentLengthLong();
                byte[] body = request.getInputStream()
                        .readNBytes((int) (length >= 0 ? length : Math.min(Integer.MAX_VALUE - 8, limit + 1)));
                if (body.length > limit) {
                    refuse(response, 413, tooLarge(limit));
                    return;
                }
                chain.doFilter(new Buffered(request, body), response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static String tooLarge(long limit) {
        return "The request body is larger than " + limit + " bytes (party-graph.http.max-request-size)";
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String code = status == 413 ? "LIMIT" : "METHOD_NOT_ALLOWED";
        response.getOutputStream()
                .write(("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this request's body was read ahead here, so that reading it does not consume it. */
    public static boolean rereadable(jakarta.servlet.ServletRequest request) {
        for (var r = request; ; ) {
            if (r instanceof Buffered) {
                return true;
            }
            if (!(r instanceof jakarta.servlet.ServletRequestWrapper wrapper)) {
                return false;
            }
            r = wrapper.getRequest();
        }
    }

    /** A request whose body was read ahead, served again from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(body), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
