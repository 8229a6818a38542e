package com.supportpin.ops;

import com.supportpin.config.TrustedProxies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/** The Jetty under Spark: body-size guard, JSON errors, no banner, trusted forwarded headers only, graceful stop. */
public final class HttpServer {

    /** How long a stop waits for in-flight requests. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Largest request body accepted; Twilio's webhooks are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A rejected upload is read and discarded up to this size, so the client sees the 4xx answer. */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private HttpServer() {}

    /** A Spark service on {@code port} that runs on the guarded Jetty and trusts no forwarded header. */
    public static Service ignite(int port, int maxThreads) {
        return ignite(port, maxThreads, TrustedProxies.NONE);
    }

    /** A Spark service on {@code port} on the guarded Jetty, with client addresses by {@code proxies}. */
    public static Service ignite(int port, int maxThreads, TrustedProxies proxies) {
        Service http = Service.ignite().port(port).threadPool(maxThreads, Math.min(8, maxThreads), 30_000);
        // Spark picks the server factory by identifier from a static table: one entry per service, since
        // each carries its own proxies.
        Object identifier = new Object();
        synchronized (HttpServer.class) {
            EmbeddedServers.add(identifier, new EmbeddedJettyFactory(new GuardedServerFactory(proxies)));
        }
        http.embeddedServerIdentifier(identifier);
        return http;
    }

    private static final class GuardedServerFactory implements JettyServerFactory {
        private final TrustedProxies proxies;

        GuardedServerFactory(TrustedProxies proxies) {
            this.proxies = proxies;
        }

        @Override
        public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
            var pool = maxThreads > 0
                    ? new QueuedThreadPool(maxThreads, Math.max(minThreads, 1), threadTimeoutMillis)
                    : new QueuedThreadPool();
            return create(pool);
        }

        @Override
        public Server create(ThreadPool threadPool) {
            var server = new GuardedServer(threadPool, proxies);
            server.setErrorHandler(new JsonErrors());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            server.setStopAtShutdown(false);
            return server;
        }
    }

    /** Puts the size guard and the statistics handler (which Jetty's graceful stop waits on) around Spark's. */
    private static final class GuardedServer extends Server {
        private final TrustedProxies proxies;

        GuardedServer(ThreadPool threadPool, TrustedProxies proxies) {
            super(threadPool);
            this.proxies = proxies;
        }

        @Override
        public void setHandler(Handler spark) {
            // Spark has added its connectors by now: stop them announcing Jetty's version to every client,
            // and believe forwarded headers only from trusted proxies.
            for (Connector connector : getConnectors()) {
                for (ConnectionFactory factory : connector.getConnectionFactories()) {
                    if (factory instanceof HttpConnectionFactory http) {
                        http.getHttpConfiguration().setSendServerVersion(false);
                        ClientAddressCustomizer.replaceForwardedHandling(http.getHttpConfiguration(), proxies);
                    }
                }
            }
            var guard = new SizeGuard();
            guard.setHandler(spark);
            var statistics = new StatisticsHandler();
            statistics.setHandler(guard);
            super.setHandler(statistics);
        }
    }

    /** Jetty's own errors as short JSON with the standard reason phrase, never an exception message. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            return BufferUtil.toBuffer(json(status), StandardCharsets.UTF_8);
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            baseRequest.setHandled(true);
            response.setContentType("application/json; charset=utf-8");
            response.getOutputStream().write(json(response.getStatus()).getBytes(StandardCharsets.UTF_8));
        }

        private static String json(int status) {
            String phrase = HttpStatus.getMessage(status);
            return "{\"error\":\"" + (phrase == null ? "bad request" : phrase.toLowerCase(Locale.ROOT)) + "\"}";
        }
    }

    /** Answers 413 to bodies over the cap and 411 to bodies of unknown length, before any route reads them. */
    private static final class SizeGuard extends HandlerWrapper {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            long length = request.getContentLengthLong();
            if (length > MAX_BODY_BYTES) {
                reject(baseRequest, request, response, 413, "request body too large", length);
            } else if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
                reject(baseRequest, request, response, 411, "send a Content-Length", DRAIN_LIMIT);
            } else {
                super.handle(target, baseRequest, request, response);
            }
        }

        private static void reject(
                Request baseRequest,
                HttpServletRequest request,
                HttpServletResponse response,
                int status,
                String reason,
                long drain)
                throws IOException {
            baseRequest.setHandled(true);
            if (drain <= DRAIN_LIMIT) {
                discard(request.getInputStream());
            }
            response.setStatus(status);
            response.setHeader("Connection", "close");
            response.setContentType("application/json; charset=utf-8");
            response.getOutputStream().write(("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        private static void discard(InputStream body) {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            try {
                for (int read; total <= DRAIN_LIMIT && (read = body.read(buffer)) >= 0; ) {
                    total += read;
                }
            } catch (IOException e) {
                // the client went away or sent a broken body: the answer below is all that is left to do
            }
        }
    }
}
