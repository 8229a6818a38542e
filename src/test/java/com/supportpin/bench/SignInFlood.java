package com.supportpin.bench;

import com.supportpin.web.WebPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 14's attack: {@link #CLIENTS} loopback clients sending wrong-password JSON sign-ins for unknown e-mails,
 * either waiting the Retry-After of a refusal as HTTP asks, or ignoring it (a plain request flood).
 */
final class SignInFlood {

    static final int CLIENTS = 48;

    private final String host;
    private final int port;
    private final boolean honoursRetryAfter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();

    SignInFlood(String host, int port, boolean honoursRetryAfter) {
        this.host = host;
        this.port = port;
        this.honoursRetryAfter = honoursRetryAfter;
    }

    /** The loopback address of client {@code client}. */
    static String address(int client) {
        return "127.0.0." + (10 + client);
    }

    void start() {
        running.set(true);
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            var thread = new Thread(() -> flood(id), "flood-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void flood(int client) {
        try (var connection = new HttpConnection(host, port, address(client))) {
            for (long attempt = 0; running.get(); attempt++) {
                byte[] body = ("{\"email\":\"flood" + client + "-" + attempt + "@example.com\","
                                + "\"password\":\"not the password " + attempt + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                try {
                    var response = connection.post(WebPaths.API_SESSION, "application/json", body);
                    statuses.computeIfAbsent(response.status(), status -> new LongAdder())
                            .increment();
                    if (honoursRetryAfter && response.retryAfter() != null) {
                        waitSeconds(Long.parseLong(response.retryAfter()));
                    }
                } catch (IOException e) {
                    failures.increment();
                }
            }
        }
    }

    private void waitSeconds(long seconds) {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (running.get() && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the clients and returns the answers they got, by HTTP status (-1: no answer). */
    Map<Integer, Long> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        var counts = new TreeMap<Integer, Long>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        if (failures.sum() > 0) {
            counts.put(-1, failures.sum());
        }
        return counts;
    }
}
