package com.supportpin.config;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Typed configuration, read once from the environment; every problem is reported at once, then start-up stops. */
@RecordBuilder
public record Config(
        int port,
        Optional<String> databaseUrl,
        Path dataDir,
        URI publicBaseUrl,
        Optional<String> twilioAuthToken,
        Optional<String> appSecret,
        Duration pinTtl,
        int pinDigits,
        int pinMaxFailures,
        Duration pinLockout,
        String holdMusicUrl,
        boolean jsonLogs,
        Duration callbackOfferAfter,
        int agentMaxFailures,
        Duration agentLockout,
        Optional<String> taskRouterWorkflowSid,
        OptionalInt metricsPort,
        Optional<String> metricsToken,
        Hashing hashing,
        Retention retention,
        AccountCenter accountCenter,
        Callbacks callbacks,
        TrustedProxies trustedProxies)
        implements ConfigBuilder.With {

    /** Password hashing's own executor: threads (HASHING_THREADS) and waiting places (HASHING_QUEUE). */
    public record Hashing(int threads, int queueLength) {
        /**
         * Waiting places per hashing thread by default. A check costs about 30-60 ms of one core, so a full queue is
         * under a second of waiting: an office signing in at once waits briefly instead of being turned away.
         */
        static final int WAITING_PLACES_PER_THREAD = 16;
    }

    /** How long call records and audit records are kept (RETENTION_CALLS, RETENTION_AUDIT). */
    public record Retention(Duration calls, Duration audit) {}

    public static final String DEFAULT_HOLD_MUSIC =
            "http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3";

    /** Callbacks: the support line's number (unset: no callbacks offered), attempts before closing unreached, and their spacing. */
    public record Callbacks(Optional<String> supportLineNumber, int maxAttempts, Duration retryAfter) {}

    /** Thrown when the environment does not describe a usable configuration. */
    public static final class InvalidConfig extends RuntimeException {
        private final List<String> problems;

        InvalidConfig(List<String> problems) {
            super("invalid configuration:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Reads and validates every variable; throws {@link InvalidConfig} listing all problems. */
    /** The process's environment, read here and nowhere else. */
    public static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    public static Config fromEnvironment(Map<String, String> env) {
        var problems = new ArrayList<String>();
        var reader = new Reader(env, problems);

        int port = reader.integer("PORT", 8080, 0, 65535);
        Optional<String> databaseUrl = reader.optional("DATABASE_URL");
        databaseUrl
                .filter(url -> !url.startsWith("jdbc:postgresql:"))
                .ifPresent(url -> problems.add("DATABASE_URL must be a JDBC URL starting with jdbc:postgresql:"));
        Path dataDir = Path.of(reader.optional("DATA_DIR").orElse("./data"));
        URI publicBaseUrl = reader.baseUrl("PUBLIC_BASE_URL", "http://localhost:" + port);
        Optional<String> token = reader.optional("TWILIO_AUTH_TOKEN");
        Optional<String> appSecret = reader.optional("APP_SECRET");
        if (databaseUrl.isPresent()) {
            if (token.isEmpty()) {
                problems.add("TWILIO_AUTH_TOKEN is required when DATABASE_URL is set");
            }
            if (appSecret.isEmpty()) {
                problems.add("APP_SECRET is required when DATABASE_URL is set");
            }
        }
        appSecret
                .filter(secret -> secret.length() < 32)
                .ifPresent(secret -> problems.add("APP_SECRET must be at least 32 characters"));
        Duration pinTtl = reader.duration("PIN_TTL", Duration.ofMinutes(90));
        int pinDigits = reader.integer("PIN_DIGITS", 4, 4, 8);
        int pinMaxFailures = reader.integer("PIN_MAX_FAILURES", 5, 1, 100);
        Duration pinLockout = reader.duration("PIN_LOCKOUT", Duration.ofHours(1));
        String holdMusic = reader.optional("HOLD_MUSIC_URL").orElse(DEFAULT_HOLD_MUSIC);
        String logFormat = reader.optional("LOG_FORMAT").orElse("text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            problems.add("LOG_FORMAT must be text or json, not '" + logFormat + "'");
        }
        OptionalInt metricsPort = reader.optional("METRICS_PORT").isPresent()
                ? OptionalInt.of(reader.integer("METRICS_PORT", 0, 0, 65535))
                : OptionalInt.empty();
        metricsPort.stream()
                .filter(metrics -> metrics != 0 && metrics == port)
                .findAny()
                .ifPresent(metrics -> problems.add("METRICS_PORT must differ from PORT: /metrics on the public port "
                        + "needs METRICS_TOKEN instead"));
        Optional<String> metricsToken = reader.optional("METRICS_TOKEN");
        metricsToken
                .filter(bearer -> bearer.length() < 24 || !bearer.matches("^[\\x21-\\x7E]+$"))
                .ifPresent(bearer ->
                        problems.add("METRICS_TOKEN must be at least 24 printable characters without spaces"));

        Duration callbackOfferAfter = reader.duration("CALLBACK_OFFER_AFTER", Duration.ofMinutes(5));
        int agentMaxFailures = reader.integer("AGENT_MAX_FAILURES", 5, 1, 100);
        Duration agentLockout = reader.duration("AGENT_LOCKOUT", Duration.ofMinutes(15));
        Optional<String> workflowSid = reader.matching(
                "TASKROUTER_WORKFLOW_SID",
                "^WW[0-9a-fA-F]{32}$",
                "must be a TaskRouter Workflow SID (WW followed by 32 hex digits)");

        int hashingThreads = reader.integer("HASHING_THREADS", defaultHashingThreads(), 1, 256);
        var hashing = new Hashing(
                hashingThreads,
                reader.integer("HASHING_QUEUE", Hashing.WAITING_PLACES_PER_THREAD * hashingThreads, 0, 1024));
        var retention = new Retention(
                reader.duration("RETENTION_CALLS", Duration.ofDays(90)),
                reader.duration("RETENTION_AUDIT", Duration.ofDays(400)));
        AccountCenter accountCenter = AccountCenter.read(reader);
        TrustedProxies trustedProxies =
                TrustedProxies.parse(reader.optional("TRUSTED_PROXIES").orElse(""), problems);

        Optional<String> supportLineNumber = reader.matching(
                "SUPPORT_LINE_NUMBER",
                "^\\+[1-9][0-9]{6,14}$",
                "must be the support line's number in E.164 form such as +18005550100");
        var callbacks = new Callbacks(
                supportLineNumber,
                reader.integer("CALLBACK_MAX_ATTEMPTS", 3, 1, 10),
                reader.duration("CALLBACK_RETRY_AFTER", Duration.ofMinutes(10)));

        if (!problems.isEmpty()) {
            throw new InvalidConfig(problems);
        }
        return new Config(
                port,
                databaseUrl,
                dataDir,
                publicBaseUrl,
                token,
                appSecret,
                pinTtl,
                pinDigits,
                pinMaxFailures,
                pinLockout,
                holdMusic,
                logFormat.equals("json"),
                callbackOfferAfter,
                agentMaxFailures,
                agentLockout,
                workflowSid,
                metricsPort,
                metricsToken,
                hashing,
                retention,
                accountCenter,
                callbacks,
                trustedProxies);
    }

    /** True when the app starts its own PostgreSQL under {@link #dataDir()}. */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /** True when the public URL is https, so cookies get Secure and the __Host- prefix. */
    public boolean secureCookies() {
        return "https".equals(publicBaseUrl.getScheme());
    }

    /** The public URL of a path, as Twilio requests (and signs) it. */
    public String publicUrl(String pathAndQuery) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }

    /** This configuration with the given secrets (embedded mode's, kept in DATA_DIR). */
    public Config withSecrets(String twilioAuthToken, String appSecret) {
        return with(next -> next.twilioAuthToken(Optional.of(twilioAuthToken)).appSecret(Optional.of(appSecret)));
    }

    /** One fewer than the cores, at least one: a flood of sign-ins never takes the phone line's last core. */
    static int defaultHashingThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public String holdMusic() {
        return holdMusicUrl;
    }

    /** The account center: OIDC sign-in (all three OIDC_ variables or none), password sign-in on or off, API rate limit. */
    public record AccountCenter(
            Optional<URI> oidcIssuer,
            Optional<String> oidcClientId,
            Optional<String> oidcClientSecret,
            String oidcSubjectClaim,
            boolean passwordSignIn,
            int apiCallsPerMinute) {

        @Override
        public String toString() {
            return "AccountCenter[oidcIssuer=" + oidcIssuer + ", oidcClientId=" + oidcClientId + ", oidcSubjectClaim="
                    + oidcSubjectClaim + ", passwordSignIn=" + passwordSignIn + ", apiCallsPerMinute="
                    + apiCallsPerMinute
                    + "]";
        }

        public boolean oidcConfigured() {
            return oidcIssuer.isPresent();
        }

        private static AccountCenter read(Reader reader) {
            List<String> problems = reader.problems();
            Optional<String> issuerText = reader.optional("OIDC_ISSUER");
            Optional<String> clientId = reader.optional("OIDC_CLIENT_ID");
            Optional<String> clientSecret = reader.optional("OIDC_CLIENT_SECRET");
            boolean anyOidc = issuerText.isPresent() || clientId.isPresent() || clientSecret.isPresent();
            if (anyOidc && (issuerText.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty())) {
                problems.add("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
            }
            Optional<URI> issuer = issuerText.map(text -> reader.baseUrl("OIDC_ISSUER", text));
            // The issuer's answers carry ID tokens: plain http only for a provider on this machine.
            issuer.filter(uri -> "http".equals(uri.getScheme()) && !isLoopback(uri.getHost()))
                    .ifPresent(uri -> problems.add("OIDC_ISSUER must be an https URL (http only for localhost)"));
            String claim = reader.optional("OIDC_SUBJECT_CLAIM").orElse("sub");
            if (!claim.matches("^[A-Za-z0-9_.:-]{1,100}$")) {
                problems.add("OIDC_SUBJECT_CLAIM must be a claim name such as sub, not '" + claim + "'");
            }
            String password = reader.optional("PASSWORD_SIGN_IN").orElse("true");
            if (!password.equals("true") && !password.equals("false")) {
                problems.add("PASSWORD_SIGN_IN must be true or false, not '" + password + "'");
            } else if (password.equals("false") && !anyOidc) {
                problems.add("PASSWORD_SIGN_IN=false needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: "
                        + "otherwise nobody could sign in");
            }
            int perMinute = reader.integer("API_RATE_LIMIT", 120, 1, 100_000);
            return new AccountCenter(issuer, clientId, clientSecret, claim, !password.equals("false"), perMinute);
        }

        private static boolean isLoopback(String host) {
            return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        }
    }

    private record Reader(Map<String, String> env, List<String> problems) {

        Optional<String> optional(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        /** {@link #optional}, with a problem "NAME {@code rule}" when it is set but does not match {@code pattern}. */
        Optional<String> matching(String name, String pattern, String rule) {
            Optional<String> value = optional(name);
            value.filter(text -> !text.matches(pattern)).ifPresent(text -> problems.add(name + " " + rule));
            return value;
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed < min || parsed > max) {
                    problems.add(name + " must be between " + min + " and " + max + ", not " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number, not '" + value.get() + "'");
                return fallback;
            }
        }

        Duration duration(String name, Duration fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                Duration parsed = Duration.parse(value.get());
                if (parsed.isNegative() || parsed.isZero()) {
                    problems.add(name + " must be a positive ISO-8601 duration such as PT90M");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                problems.add(name + " must be an ISO-8601 duration such as PT90M, not '" + value.get() + "'");
                return fallback;
            }
        }

        URI baseUrl(String name, String fallback) {
            String value = optional(name).orElse(fallback);
            try {
                URI uri = new URI(value);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(name + " must be an absolute http(s) URL, not '" + value + "'");
                } else if (uri.getQuery() != null || uri.getFragment() != null) {
                    problems.add(name + " must not have a query or fragment");
                }
                return uri;
            } catch (Exception e) {
                problems.add(name + " must be an absolute http(s) URL, not '" + value + "'");
                return URI.create("http://localhost/");
            }
        }
    }
}
