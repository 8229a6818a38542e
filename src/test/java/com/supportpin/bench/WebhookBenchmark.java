package com.supportpin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.support.TwilioSigner;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The benchmark: phases, targets and options in BENCHMARKS.md ("What it does") and README ("Benchmark"). */
public final class WebhookBenchmark {

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String HOST = "127.0.0.1";
    /** In a paced phase, how late a flow started against its schedule (not a webhook). */
    private static final String START_LAG = "(start lag)";

    private static final double TARGET_PIN_STEP_RATIO = 0.70;
    private static final double TARGET_FLOWS = 300;
    private static final double TARGET_P99_MS = 25;
    private static final long TARGET_HEAP_BYTES = 256L * 1024 * 1024;
    private static final double TARGET_PIN_API = 1000;

    private final int port;
    private final long serverPid;
    private final String dataDir;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final double warmup = Double.parseDouble(System.getProperty("bench.warmup", "2"));
    private final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "8"));
    private final double jitWarmup = Double.parseDouble(System.getProperty("bench.jitWarmup", "20"));
    private final int concurrency = Integer.getInteger("bench.concurrency", 64);
    private final double pacedRate = Double.parseDouble(System.getProperty("bench.pacedRate", "300"));
    private final TwilioSigner signer = new TwilioSigner(BenchData.AUTH_TOKEN);
    private final List<PhaseResult> results = new ArrayList<>();

    private final AtomicInteger nextConsume = new AtomicInteger(BenchData.CONSUME.from());
    private final AtomicInteger nextPinStep = new AtomicInteger(BenchData.PIN_STEP.from());
    private final AtomicInteger nextFlow = new AtomicInteger(BenchData.FLOWS.from());
    private final AtomicInteger nextFloodFlow = new AtomicInteger(BenchData.FLOOD_FLOWS.from());
    /** Measured flows of the flood check whose caller did not end up verified in the support queue. */
    private final AtomicLong unverifiedFloodCalls = new AtomicLong();
    /** Paced verified flows per second during the flood check, and their connections. */
    private final double floodCallRate = Double.parseDouble(System.getProperty("bench.floodCallRate", "20"));

    private final int floodConnections = Integer.getInteger("bench.floodConnections", 16);

    private WebhookBenchmark(int port, long serverPid, String dataDir) {
        this.port = port;
        this.serverPid = serverPid;
        this.dataDir = dataDir;
    }

    /** One unit of work (a request, or a whole call flow); false when its slots have run out. */
    @FunctionalInterface
    private interface Unit {
        boolean run(HttpConnection connection, Recorder recorder, boolean measured);
    }

    /** A phase's figures. */
    record PhaseResult(
            String name,
            String unit,
            int concurrency,
            double rate,
            double seconds,
            Map<String, Recorder.StepFigures> steps,
            long errors,
            CpuSample.Split cpu,
            double driverCpuPerUnit,
            String loadAverage,
            String note) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        Files.createDirectories(out);
        Path dataDir = Files.createTempDirectory(out, "data-");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String started = Instant.now().toString();
        String loadBefore = loadAverage();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(System.getProperty("bench.serverJvm", "-Xmx256m").trim().split("\\s+")));
        if (Boolean.getBoolean("bench.jfr")) {
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
            command.add("-XX:StartFlightRecording=filename=" + out.resolve("server.jfr") + ",settings=profile");
        }
        command.addAll(List.of(
                "-Duser.timezone=UTC",
                "-Duser.language=en",
                "-cp",
                System.getProperty("java.class.path"),
                BenchServer.class.getName(),
                String.valueOf(port),
                dataDir.toString()));
        Path log = out.resolve("server.log");
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit = 2;
        try {
            awaitReady(server, log);
            var benchmark = new WebhookBenchmark(port, server.pid(), dataDir.toString());
            String report =
                    benchmark.run(started, loadBefore, String.join(" ", command.subList(0, command.indexOf("-cp"))));
            System.out.println(report);
            Files.writeString(out.resolve("results.md"), report);
            exit = benchmark.allTargetsMet ? 0 : 1;
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            deleteTree(dataDir);
        }
        System.out.println("server log: " + log + "; report: " + out.resolve("results.md"));
        System.exit(exit);
    }

    private boolean allTargetsMet;

    private String run(String started, String loadBefore, String serverJvm) throws Exception {
        // The server's JIT compiles the call flow's code for its first tens of seconds; measuring before
        // that would report the compiler's CPU, not the steady state a running service has.
        phase("warm-up (complete flows, not reported)", "flows", concurrency, 0, 2, jitWarmup, this::flow);
        results.clear();
        var staticSigned = phase(
                "baseline 1: static TwiML, signed + logged",
                "req",
                concurrency,
                0,
                warmup,
                seconds,
                this::staticSigned);
        var staticRaw = phase(
                "baseline 1a: static TwiML, Spark + Jetty only",
                "req",
                concurrency,
                0,
                warmup,
                seconds,
                this::staticRaw);
        var consume =
                phase("baseline 2: PIN-consuming UPDATE only", "req", concurrency, 0, warmup, seconds, this::consume);
        var pinStep =
                phase("PIN step alone (call at the PIN prompt)", "req", concurrency, 0, warmup, seconds, this::pinStep);
        var flows = phase("complete verified flows, saturated", "flows", concurrency, 0, warmup, seconds, this::flow);
        var paced = phase(
                "complete verified flows, paced at " + (int) pacedRate + "/s",
                "flows",
                concurrency,
                pacedRate,
                warmup,
                seconds,
                this::flow);
        var cookies = new String[concurrency];
        var signIn = signIn(cookies);
        var sessions = new AtomicInteger();
        var cookie = ThreadLocal.withInitial(() -> cookies[sessions.getAndIncrement() % cookies.length]);
        var pinApi = phase(
                "PIN API (session established)",
                "req",
                concurrency,
                0,
                warmup,
                seconds,
                (connection, recorder, measured) -> pinApi(connection, recorder, measured, cookie.get()));
        var floodCheck = floodCheck();
        JsonNode memory = stats(true);
        String loadAfter = loadAverage();

        var report = new StringBuilder();
        report.append("## Run of ").append(started).append("\n\n");
        report.append("- machine: ")
                .append(cores)
                .append(" CPUs (")
                .append(cpuModel())
                .append("), ")
                .append(memTotal())
                .append(" memory; load average before ")
                .append(loadBefore)
                .append(", after ")
                .append(loadAfter)
                .append('\n');
        report.append("- server JVM: `")
                .append(serverJvm)
                .append("`, ")
                .append(concurrency)
                .append(" connections, ")
                .append(fmt(warmup))
                .append(" s warm-up + ")
                .append(fmt(seconds))
                .append(" s per phase\n\n");
        report.append("| phase | throughput | step | n | p50 ms | p95 ms | p99 ms | max ms | errors"
                + " | server | postgres | driver | other | idle | server CPU/unit | PG CPU/unit | load avg |\n");
        report.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (PhaseResult result : results) {
            boolean first = true;
            for (Recorder.StepFigures step : result.steps().values()) {
                report.append("| ")
                        .append(cells(
                                first ? result.name() : "",
                                first ? fmt(result.rate()) + " " + result.unit() + "/s" : "",
                                step.step(),
                                step.count(),
                                ms(step.p50()),
                                ms(step.p95()),
                                ms(step.p99()),
                                ms(step.max()),
                                step.errors()))
                        .append(" | ");
                if (first) {
                    var cpu = result.cpu();
                    report.append(cells(
                                    fmt2(cpu.server()),
                                    fmt2(cpu.postgres()),
                                    fmt2(cpu.driver()),
                                    fmt2(cpu.other()),
                                    fmt2(cpu.idle()),
                                    perUnit(result, cpu.server()),
                                    perUnit(result, cpu.postgres()),
                                    result.loadAverage()))
                            .append(" |\n");
                } else {
                    report.append(" | | | | | | | |\n");
                }
                first = false;
            }
        }
        report.append("\nCPU columns are cores used during the measured part of the phase (out of ")
                .append(cores)
                .append("); \"other\" is every other process on the machine.\n");
        for (PhaseResult result : results) {
            if (!result.note().isEmpty()) {
                report.append("\n- ").append(result.name()).append(": ").append(result.note());
            }
        }

        report.append("\n\n### Driver ceiling\n\n");
        for (PhaseResult result : results) {
            if (result.driverCpuPerUnit() > 0) {
                report.append("- ")
                        .append(result.name())
                        .append(": driver ")
                        .append(fmt(result.driverCpuPerUnit() * 1e6))
                        .append(" us CPU per ")
                        .append(result.unit().equals("flows") ? "flow" : "request")
                        .append(", so it alone could drive ")
                        .append(fmt(cores / result.driverCpuPerUnit()))
                        .append(' ')
                        .append(result.unit())
                        .append("/s on ")
                        .append(cores)
                        .append(" cores (")
                        .append(fmt(result.cpu().driver() / cores * 100))
                        .append("% of the machine during the phase)\n");
            }
        }

        long heapMax = memory.path("heapMax").asLong();
        long heapUsed = memory.path("heapUsed").asLong();
        report.append("\n### Memory of the server JVM\n\n");
        report.append("- heap used after GC ")
                .append(mb(heapUsed))
                .append(", committed ")
                .append(mb(memory.path("heapCommitted").asLong()))
                .append(", max ")
                .append(mb(heapMax))
                .append('\n');
        report.append("- RSS ")
                .append(memory.path("rssKb").asLong() / 1024)
                .append(" MB, peak RSS (VmHWM) ")
                .append(memory.path("hwmKb").asLong() / 1024)
                .append(" MB, threads ")
                .append(memory.path("threads").asInt())
                .append(", GC ")
                .append(memory.path("gc"))
                .append('\n');

        double pinRatio = pinStep.rate() / consume.rate();
        report.append("\n### Ratios\n\n");
        report.append("- PIN step / baseline 2 (consume UPDATE): ")
                .append(pct(pinRatio))
                .append('\n');
        report.append("- PIN step / baseline 1 (static, signed): ")
                .append(pct(pinStep.rate() / staticSigned.rate()))
                .append('\n');
        report.append("- flows/s x 4 webhooks / baseline 1 (static, signed): ")
                .append(pct(flows.rate() * 4 / staticSigned.rate()))
                .append('\n');
        report.append("- flows/s / baseline 2 (consume UPDATE): ")
                .append(pct(flows.rate() / consume.rate()))
                .append('\n');
        report.append("- baseline 1 signed / raw (cost of signature check + log line): ")
                .append(pct(staticSigned.rate() / staticRaw.rate()))
                .append('\n');

        long totalErrors = results.stream().mapToLong(PhaseResult::errors).sum();
        double pacedWorstP99 = paced.steps().values().stream()
                        .filter(step -> !step.step().equals(START_LAG))
                        .mapToLong(Recorder.StepFigures::p99)
                        .max()
                        .orElse(0)
                / 1e6;
        double saturatedWorstP99 = flows.steps().values().stream()
                        .mapToLong(Recorder.StepFigures::p99)
                        .max()
                        .orElse(0)
                / 1e6;
        var targets = new LinkedHashMap<String, Boolean>();
        targets.put("PIN step >= 70% of baseline 2: " + pct(pinRatio), pinRatio >= TARGET_PIN_STEP_RATIO);
        targets.put(">= 300 complete verified flows/s: " + fmt(flows.rate()), flows.rate() >= TARGET_FLOWS);
        targets.put(
                "p99 of every webhook <= 25 ms, 64 concurrent calls at " + (int) pacedRate + " flows/s: worst "
                        + fmt(pacedWorstP99) + " ms (saturated: " + fmt(saturatedWorstP99) + " ms)",
                pacedWorstP99 <= TARGET_P99_MS && paced.rate() >= 0.95 * pacedRate);
        targets.put(
                "heap <= 256 MB: max " + mb(heapMax) + ", used after GC " + mb(heapUsed),
                heapMax <= TARGET_HEAP_BYTES && heapUsed <= TARGET_HEAP_BYTES);
        targets.put("zero errors: " + totalErrors, totalErrors == 0);
        targets.put("PIN API >= 1,000 PINs/s: " + fmt(pinApi.rate()), pinApi.rate() >= TARGET_PIN_API);
        report.append(floodCheck.report());
        targets.putAll(floodCheck.targets());
        report.append("\n### Targets\n\n");
        targets.forEach((target, met) -> report.append("- ")
                .append(met ? "PASS" : "FAIL")
                .append(' ')
                .append(target)
                .append('\n'));
        report.append("- (sign-in, Argon2id, slow by design: ")
                .append(fmt(signIn.rate()))
                .append("/s)\n");
        allTargetsMet = targets.values().stream().allMatch(Boolean::booleanValue);
        return report.toString();
    }

    // ---- the units of work ----

    private boolean staticSigned(HttpConnection connection, Recorder recorder, boolean measured) {
        int slot = 1 + (int) (Thread.currentThread().getId() % 1000);
        return webhook(
                connection,
                recorder,
                measured,
                "static",
                BenchServer.STATIC_PATH,
                slot,
                Map.of(),
                "Thank you for calling.");
    }

    private boolean staticRaw(HttpConnection connection, Recorder recorder, boolean measured) {
        long started = System.nanoTime();
        try {
            var response = connection.get(BenchServer.RAW_STATIC_PATH);
            check(recorder, measured, "static-raw", started, response, 200, "Thank you for calling.");
        } catch (IOException e) {
            recorder.error("static-raw", e.toString());
        }
        return true;
    }

    private boolean consume(HttpConnection connection, Recorder recorder, boolean measured) {
        int slot = nextConsume.getAndIncrement();
        if (slot >= BenchData.CONSUME.to()) {
            return false;
        }
        webhook(
                connection,
                recorder,
                measured,
                "consume",
                BenchServer.CONSUME_PATH,
                slot,
                Map.of("Account", BenchData.accountNumber(slot), "Digits", BenchData.pin(slot)),
                "Consumed.");
        return true;
    }

    private boolean pinStep(HttpConnection connection, Recorder recorder, boolean measured) {
        int slot = nextPinStep.getAndIncrement();
        if (slot >= BenchData.PIN_STEP.to()) {
            return false;
        }
        webhook(
                connection,
                recorder,
                measured,
                "pin",
                pinUrl(slot),
                slot,
                Map.of("Digits", BenchData.pin(slot)),
                ">support</Enqueue>");
        return true;
    }

    /** Where the account step's TwiML sends the PIN: the PIN step's URL naming the account entered. */
    private static String pinUrl(int slot) {
        return VoicePaths.VOICE_PIN + "?account=" + BenchData.accountNumber(slot);
    }

    /** One complete verified call: incoming, account number, PIN, then the Enqueue waitUrl. */
    private boolean flow(HttpConnection connection, Recorder recorder, boolean measured) {
        int slot = nextFlow.getAndIncrement();
        if (slot >= BenchData.FLOWS.to()) {
            return false;
        }
        if (!verifiedFlow(connection, recorder, measured, slot) && measured) {
            recorder.completions--;
        }
        return true;
    }

    /** {@link #flow} for the flood check, on slots of its own, counting calls that were not verified. */
    private boolean floodFlow(HttpConnection connection, Recorder recorder, boolean measured) {
        int slot = nextFloodFlow.getAndIncrement();
        if (slot >= BenchData.FLOOD_FLOWS.to()) {
            return false;
        }
        if (!verifiedFlow(connection, recorder, measured, slot) && measured) {
            recorder.completions--;
            unverifiedFloodCalls.incrementAndGet();
        }
        return true;
    }

    /** True when every webhook answered as expected and the caller was put in the verified queue. */
    private boolean verifiedFlow(HttpConnection connection, Recorder recorder, boolean measured, int slot) {
        return webhook(
                        connection,
                        recorder,
                        measured,
                        "incoming",
                        VoicePaths.VOICE_INCOMING,
                        slot,
                        Map.of(),
                        "action=\"" + VoicePaths.VOICE_ACCOUNT + "\"")
                && webhook(
                        connection,
                        recorder,
                        measured,
                        "account",
                        VoicePaths.VOICE_ACCOUNT,
                        slot,
                        Map.of("Digits", BenchData.accountNumber(slot)),
                        "action=\"" + pinUrl(slot) + "\"")
                && webhook(
                        connection,
                        recorder,
                        measured,
                        "pin",
                        pinUrl(slot),
                        slot,
                        Map.of("Digits", BenchData.pin(slot)),
                        ">support</Enqueue>")
                && webhook(
                        connection,
                        recorder,
                        measured,
                        "hold",
                        VoicePaths.VOICE_HOLD,
                        slot,
                        Map.of(
                                "QueuePosition",
                                "1",
                                "QueueSid",
                                "QU0123456789abcdef0123456789abcdef",
                                "QueueTime",
                                "0",
                                "AvgQueueTime",
                                "0",
                                "CurrentQueueSize",
                                "1",
                                "MaxQueueSize",
                                "1000"),
                        "<Play>");
    }

    /** The flood check's report section and targets. */
    private record FloodCheck(String report, Map<String, Boolean> targets) {}

    /** Issue 14's flood check; its target is in README ("Benchmark"). */
    private FloodCheck floodCheck() throws InterruptedException {
        unverifiedFloodCalls.set(0);
        var quiet = phase(
                "flood check: verified calls paced at " + fmt(floodCallRate) + "/s, quiet",
                "flows",
                floodConnections,
                floodCallRate,
                warmup,
                seconds,
                this::floodFlow);
        long quietUnverified = unverifiedFloodCalls.getAndSet(0);
        var polite = flooded(true);
        var raw = flooded(false);
        double quietP99 = worstWebhook(quiet, Recorder.StepFigures::p99) / 1e6;
        double floodP99 = worstWebhook(polite.phase(), Recorder.StepFigures::p99) / 1e6;
        long slow = webhooks(quiet).mapToLong(Recorder.StepFigures::slow).sum()
                + webhooks(polite.phase()).mapToLong(Recorder.StepFigures::slow).sum();
        double limit = Math.max(100, 3 * quietP99);
        var report = new StringBuilder("\n### Sign-in flood (issue 14)\n\n");
        report.append("| calls | webhooks | worst step p50 ms | worst step p99 ms | max ms | >= 3 s | unverified |"
                + " sign-ins/s | their answers (HTTP status: count) |\n");
        report.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        report.append(floodRow("quiet", quiet, quietUnverified, Map.of()));
        report.append(floodRow(
                "48 clients that wait Retry-After (checked)", polite.phase(), polite.unverified(), polite.answers()));
        report.append(floodRow(
                "48 clients that ignore Retry-After (a request flood; not checked)",
                raw.phase(),
                raw.unverified(),
                raw.answers()));
        report.append("\n503 is the hashing executor refusing at once, 429 the throttle, 401 a wrong password"
                + " checked, -1 no answer. Clients that ignore Retry-After turn the sign-in flood into a plain"
                + " request flood, whose cost per request no application can refuse: README (Deployment) rate-limits"
                + " it at the proxy.\n");
        var targets = new LinkedHashMap<String, Boolean>();
        targets.put(
                "webhook p99 under the sign-in flood <= max(100 ms, 3 x quiet p99 " + fmt(quietP99) + " ms) = "
                        + fmt(limit) + " ms: " + fmt(floodP99) + " ms",
                floodP99 <= limit);
        long unverified = quietUnverified + polite.unverified() + raw.unverified();
        targets.put("no call unverified in the flood check: " + unverified, unverified == 0);
        targets.put("no webhook >= 3 s in the flood check: " + slow, slow == 0);
        return new FloodCheck(report.toString(), targets);
    }

    /** One flooded phase of the flood check: its figures, the flood's answers, and calls not verified. */
    private record Flooded(PhaseResult phase, Map<Integer, Long> answers, long unverified) {}

    private Flooded flooded(boolean honoursRetryAfter) throws InterruptedException {
        unverifiedFloodCalls.set(0);
        var flood = new SignInFlood(HOST, port, honoursRetryAfter);
        flood.start();
        PhaseResult phase;
        Map<Integer, Long> answers;
        try {
            phase = phase(
                    "flood check: the same calls while " + SignInFlood.CLIENTS + " clients "
                            + (honoursRetryAfter ? "that wait Retry-After" : "that ignore Retry-After")
                            + " flood the sign-in",
                    "flows",
                    floodConnections,
                    floodCallRate,
                    warmup,
                    seconds,
                    this::floodFlow);
        } finally {
            answers = flood.stop();
        }
        return new Flooded(phase, answers, unverifiedFloodCalls.getAndSet(0));
    }

    private String floodRow(String calls, PhaseResult phase, long unverified, Map<Integer, Long> answers) {
        long signIns = answers.values().stream().mapToLong(Long::longValue).sum();
        return "| "
                + cells(
                        calls,
                        webhooks(phase).mapToLong(Recorder.StepFigures::count).sum(),
                        ms(worstWebhook(phase, Recorder.StepFigures::p50)),
                        ms(worstWebhook(phase, Recorder.StepFigures::p99)),
                        ms(worstWebhook(phase, Recorder.StepFigures::max)),
                        webhooks(phase).mapToLong(Recorder.StepFigures::slow).sum(),
                        unverified,
                        answers.isEmpty() ? "" : fmt(signIns / Math.max(1e-3, warmup + seconds)),
                        answers.isEmpty() ? "" : answers.toString())
                + " |\n";
    }

    /** One row's cells of a Markdown table, between its outer bars. */
    private static String cells(Object... values) {
        return Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(" | "));
    }

    private static Stream<Recorder.StepFigures> webhooks(PhaseResult phase) {
        return phase.steps().values().stream().filter(step -> !step.step().equals(START_LAG));
    }

    private static long worstWebhook(PhaseResult phase, ToLongFunction<Recorder.StepFigures> figure) {
        return webhooks(phase).mapToLong(figure).max().orElse(0);
    }

    private boolean pinApi(HttpConnection connection, Recorder recorder, boolean measured, String cookie) {
        long started = System.nanoTime();
        try {
            var response = connection.post(WebPaths.API_SUPPORT_PIN, "application/json", new byte[0], "Cookie", cookie);
            check(recorder, measured, "support-pin", started, response, 201, "\"pin\"");
        } catch (IOException e) {
            recorder.error("support-pin", e.toString());
        }
        return true;
    }

    /** Signs in every benchmark contact (Argon2id), keeping their session cookies for the PIN API phase. */
    private PhaseResult signIn(String[] cookies) throws InterruptedException {
        var next = new AtomicInteger();
        int workers = Math.max(2, cores);
        var recorders = new ArrayList<Recorder>();
        var threads = new ArrayList<Thread>();
        CpuSample before = CpuSample.take(serverPid, dataDir);
        for (int w = 0; w < workers; w++) {
            var recorder = new Recorder();
            recorders.add(recorder);
            threads.add(new Thread(() -> {
                try (var connection = new HttpConnection(HOST, port)) {
                    for (int i = next.getAndIncrement(); i < cookies.length; i = next.getAndIncrement()) {
                        int slot = BenchData.SIGN_IN.from() + i;
                        byte[] body = ("{\"email\":\"" + BenchData.email(slot) + "\",\"password\":\""
                                        + BenchData.PASSWORD + "\"}")
                                .getBytes(StandardCharsets.UTF_8);
                        long started = System.nanoTime();
                        try {
                            var response = connection.post(WebPaths.API_SESSION, "application/json", body);
                            if (check(recorder, true, "session", started, response, 200, "accountNumber")) {
                                cookies[i] = response.setCookie().split(";", 2)[0];
                                recorder.completions++;
                            }
                        } catch (IOException e) {
                            recorder.error("session", e.toString());
                        }
                    }
                }
            }));
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        var cpu = before.until(CpuSample.take(serverPid, dataDir), cores);
        long done =
                recorders.stream().mapToLong(recorder -> recorder.completions).sum();
        return record(new PhaseResult(
                "sign-in (Argon2id, " + workers + " at a time)",
                "req",
                workers,
                done / elapsed,
                elapsed,
                Recorder.merge(recorders),
                errors(recorders),
                cpu,
                cpu.driverTicks() / 100.0 / Math.max(1, done),
                loadAverage(),
                firstError(recorders)));
    }

    /** Signs and posts one webhook with Twilio's standard parameters; true when the answer is as expected. */
    private boolean webhook(
            HttpConnection connection,
            Recorder recorder,
            boolean measured,
            String step,
            String path,
            int slot,
            Map<String, String> extra,
            String expected) {
        var params = new LinkedHashMap<String, String>();
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", BenchData.callSid(slot));
        params.put("CallStatus", "in-progress");
        params.put("Called", "+18005550100");
        params.put("Caller", BenchData.caller(slot));
        params.put("Direction", "inbound");
        params.put("From", BenchData.caller(slot));
        params.put("To", "+18005550100");
        params.putAll(extra);
        var body = new StringBuilder(512);
        params.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String signature = signer.sign(BenchData.PUBLIC_BASE_URL + path, params);
        long started = System.nanoTime();
        try {
            var response = connection.post(
                    path, FORM, body.toString().getBytes(StandardCharsets.UTF_8), "X-Twilio-Signature", signature);
            return check(recorder, measured, step, started, response, 200, expected);
        } catch (IOException e) {
            recorder.error(step, e.toString());
            return false;
        }
    }

    private static boolean check(
            Recorder recorder,
            boolean measured,
            String step,
            long started,
            HttpConnection.Response response,
            int status,
            String expected) {
        long nanos = System.nanoTime() - started;
        if (response.status() != status || !response.body().contains(expected)) {
            String body = response.body();
            recorder.error(step, response.status() + " " + (body.length() > 200 ? body.substring(0, 200) : body));
            return false;
        }
        if (measured) {
            recorder.latency(step, nanos);
        }
        return true;
    }

    // ---- phases ----

    /**
     * Runs {@code unit} on {@code connections} threads with a connection each for warm-up plus measured
     * seconds. With {@code rate} 0 each thread goes as fast as answers come (a closed loop); otherwise each
     * starts its units on a fixed schedule adding up to {@code rate} per second.
     */
    private PhaseResult phase(
            String name,
            String unitName,
            int connections,
            double rate,
            double warmupSeconds,
            double measuredSeconds,
            Unit unit)
            throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        long warmEnd = start + (long) (warmupSeconds * 1e9);
        long end = warmEnd + (long) (measuredSeconds * 1e9);
        var exhaustedAt = new AtomicLong(Long.MAX_VALUE);
        var recorders = new ArrayList<Recorder>();
        var threads = new ArrayList<Thread>();
        double interval = rate > 0 ? connections / rate * 1e9 : 0;
        for (int w = 0; w < connections; w++) {
            var recorder = new Recorder();
            recorders.add(recorder);
            long offset = rate > 0 ? (long) (interval * w / connections) : 0;
            threads.add(new Thread(() -> {
                try (var connection = new HttpConnection(HOST, port)) {
                    LockSupport.parkNanos(start + offset - System.nanoTime());
                    for (long k = 0; ; k++) {
                        long scheduled = rate > 0 ? start + offset + (long) (k * interval) : System.nanoTime();
                        if (scheduled >= end || System.nanoTime() >= end) {
                            return;
                        }
                        if (rate > 0) {
                            LockSupport.parkNanos(scheduled - System.nanoTime());
                        }
                        // A paced worker that fell behind starts at once; its lag shows how far behind.
                        boolean measured = System.nanoTime() >= warmEnd;
                        if (rate > 0 && measured) {
                            recorder.latency(START_LAG, Math.max(0, System.nanoTime() - scheduled));
                        }
                        if (measured) {
                            recorder.completions++;
                        }
                        if (!unit.run(connection, recorder, measured)) {
                            if (measured) {
                                recorder.completions--;
                            }
                            exhaustedAt.compareAndSet(Long.MAX_VALUE, System.nanoTime());
                            return;
                        }
                        if (measured && System.nanoTime() > end) {
                            recorder.completions--;
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        LockSupport.parkNanos(warmEnd - System.nanoTime());
        CpuSample before = CpuSample.take(serverPid, dataDir);
        LockSupport.parkNanos(end - System.nanoTime());
        CpuSample after = CpuSample.take(serverPid, dataDir);
        for (Thread thread : threads) {
            thread.join();
        }
        long measuredEnd = Math.min(end, exhaustedAt.get());
        double elapsed = Math.max(1e-3, (measuredEnd - warmEnd) / 1e9);
        long done =
                recorders.stream().mapToLong(recorder -> recorder.completions).sum();
        var cpu = before.until(after, cores);
        String note = firstError(recorders);
        if (exhaustedAt.get() != Long.MAX_VALUE) {
            note = (note.isEmpty() ? "" : note + "; ") + "ran out of seeded slots after "
                    + fmt((exhaustedAt.get() - start) / 1e9) + " s";
        }
        return record(new PhaseResult(
                name,
                unitName,
                connections,
                done / elapsed,
                elapsed,
                Recorder.merge(recorders),
                errors(recorders),
                cpu,
                cpu.driverTicks() / 100.0 / Math.max(1, done * cpu.seconds() / elapsed),
                loadAverage(),
                note));
    }

    private PhaseResult record(PhaseResult result) {
        results.add(result);
        System.out.printf(
                Locale.ROOT,
                "%-50s %9.1f %s/s  errors %d  cpu server %.2f pg %.2f driver %.2f other %.2f"
                        + "  server %s/unit  %s%n",
                result.name(),
                result.rate(),
                result.unit(),
                result.errors(),
                result.cpu().server(),
                result.cpu().postgres(),
                result.cpu().driver(),
                result.cpu().other(),
                perUnit(result, result.cpu().server()),
                result.note());
        return result;
    }

    private static long errors(List<Recorder> recorders) {
        return Recorder.merge(recorders).values().stream()
                .mapToLong(Recorder.StepFigures::errors)
                .sum();
    }

    private static String firstError(List<Recorder> recorders) {
        return recorders.stream()
                .map(recorder -> recorder.firstError)
                .filter(error -> error != null)
                .findFirst()
                .map(error -> "first error: " + error)
                .orElse("");
    }

    private JsonNode stats(boolean gc) throws IOException {
        try (var connection = new HttpConnection(HOST, port)) {
            return new ObjectMapper()
                    .readTree(connection
                            .get(BenchServer.STATS_PATH + (gc ? "?gc=true" : ""))
                            .body());
        }
    }

    private static void awaitReady(Process server, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException(
                        "the benchmark server stopped; see " + log + ":\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("BENCH ready")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the benchmark server did not start within 180 s; see " + log);
    }

    // ---- machine facts and formatting ----

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 + " MB")
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Microseconds of CPU per request or flow, from cores used over the phase and its throughput. */
    private static String perUnit(PhaseResult result, double cores) {
        return result.rate() <= 0 ? "n/a" : fmt(cores / result.rate() * 1e6) + " us";
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static String mb(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }
}
