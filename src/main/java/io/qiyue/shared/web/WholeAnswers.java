package io.qiyue.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Answers leave in one piece. Spring MVC flushes every answer it writes (the JSON converter its generator, the
 * entity processor the response), and a flush before the end commits the answer without knowing its length: Tomcat
 * then sends it chunked, in two writes to the socket (the body, then the closing chunk) instead of one with a
 * {@code Content-Length}. In bench/speed.sh's profile of GET by id those flushes and the second write were a
 * tenth of the request's CPU. Flushing is left to Tomcat: when its buffer fills (a large export still streams
 * with flat memory) and when the request ends. Nothing here needs an early flush: there are no server-sent events
 * and a long answer is a download.
 *
 * <p>The filters inside this one (security's headers, the session's commit) still see each flush and do their
 * work on it; only the flush itself stops here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WholeAnswers extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Unflushed(response));
    }

    private static final class Unflushed extends HttpServletResponseWrapper {
        private ServletOutputStream stream;
        private PrintWriter writer;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // see the class comment: Tomcat flushes when the request ends
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new UnflushedStream(super.getOutputStream());
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new UnflushedWriter(super.getWriter()), false);
            }
            return writer;
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {
        private final ServletOutputStream out;

        UnflushedStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            // see the class comment
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    private static final class UnflushedWriter extends Writer {
        private final PrintWriter out;

        UnflushedWriter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int off, int len) {
            out.write(buffer, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            out.write(s, off, len);
        }

        @Override
        public void write(int c) {
            out.write(c);
        }

        @Override
        public void flush() {
            // see the class comment
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
