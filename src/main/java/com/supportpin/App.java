package com.supportpin;

import com.supportpin.agent.Agents;
import com.supportpin.agent.console.AgentApi;
import com.supportpin.agent.console.AgentConsole;
import com.supportpin.agent.console.AgentDesk;
import com.supportpin.agent.console.AgentSessions;
import com.supportpin.agent.console.ConsoleRoutes;
import com.supportpin.agent.line.AgentLineRoutes;
import com.supportpin.api.ApiKeys;
import com.supportpin.api.ApiV1;
import com.supportpin.api.ContactSync;
import com.supportpin.api.ContactsApi;
import com.supportpin.callback.CallbackRoutes;
import com.supportpin.callback.Callbacks;
import com.supportpin.callback.HoldCallbackStep;
import com.supportpin.config.Config;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.HashingExecutors;
import com.supportpin.contact.Passwords;
import com.supportpin.oidc.OidcSignIn;
import com.supportpin.ops.HttpServer;
import com.supportpin.ops.Logging;
import com.supportpin.ops.Metrics;
import com.supportpin.ops.OpsPaths;
import com.supportpin.ops.OpsRoutes;
import com.supportpin.pin.PinHasher;
import com.supportpin.pin.SupportPins;
import com.supportpin.retention.Purge;
import com.supportpin.retention.PurgeKind;
import com.supportpin.store.DataDirSecrets;
import com.supportpin.store.Database;
import com.supportpin.voice.AccountNumberStep;
import com.supportpin.voice.CallStatusStep;
import com.supportpin.voice.CallTransaction;
import com.supportpin.voice.HoldStep;
import com.supportpin.voice.IncomingCallStep;
import com.supportpin.voice.PinStep;
import com.supportpin.voice.Prompting;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.QueueExitStep;
import com.supportpin.voice.QueueRouting;
import com.supportpin.voice.TwilioSignatureFilter;
import com.supportpin.voice.VoiceRoutes;
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.web.LoginCsrf;
import com.supportpin.web.Pages;
import com.supportpin.web.PinApi;
import com.supportpin.web.SecurityHeaders;
import com.supportpin.web.Sessions;
import com.supportpin.web.SignInOptions;
import com.supportpin.web.SignInPage;
import com.supportpin.web.SignInThrottle;
import com.supportpin.web.SupportPinPage;
import com.supportpin.web.WebRoutes;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/** The composition root: loads nothing itself, wires everything through constructors, and runs the HTTP server. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    /**
     * Request threads for everything but password checks. Jetty gets these plus one per hashing place, so however
     * the hashing executors are sized, a sign-in flood never leaves a webhook without a thread.
     */
    private static final int CALL_THREADS = 64;

    /** Routes mounted beside the app's own, behind the same filters, before it serves: the benchmark's baselines. */
    @FunctionalInterface
    public interface ExtraRoutes {
        ExtraRoutes NONE = (http, jdbi) -> {};

        void mount(Service http, Jdbi jdbi);
    }

    private final Config config;
    private final Database database;
    private final Service http;
    private final VoiceWebhooks webhooks;
    private final Optional<Service> metricsHttp;
    private final Metrics metrics;
    private final HashingExecutors hashing;
    private final Purge purge;

    private App(
            Config config,
            Database database,
            Service http,
            VoiceWebhooks webhooks,
            Optional<Service> metricsHttp,
            Metrics metrics,
            HashingExecutors hashing,
            Purge purge) {
        this.config = config;
        this.database = database;
        this.http = http;
        this.webhooks = webhooks;
        this.metricsHttp = metricsHttp;
        this.metrics = metrics;
        this.hashing = hashing;
        this.purge = purge;
    }

    /** Opens and migrates the database (embedded unless DATABASE_URL is set) and serves on {@link Config#port()} (0: free). */
    public static App start(Config config, Clock clock) {
        return start(config, clock, ExtraRoutes.NONE);
    }

    /** {@link #start(Config, Clock)} with {@code extra} routes beside the app's own. */
    public static App start(Config config, Clock clock, ExtraRoutes extra) {
        Logging.useJson(config.jsonLogs());
        Database database = Database.open(config, 16);
        try {
            database.migrate();
            database.warnIfNotDurable();
            return start(DataDirSecrets.resolve(config), database, clock, extra);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Serves with an already migrated database; the app owns it from here on and closes it. */
    public static App start(Config config, Database database, Clock clock) {
        Logging.useJson(config.jsonLogs());
        return start(config, database, clock, ExtraRoutes.NONE);
    }

    private static App start(Config config, Database database, Clock clock, ExtraRoutes extra) {
        String authToken = config.twilioAuthToken().orElseThrow();
        String appSecret = config.appSecret().orElseThrow();
        var metrics = new Metrics();
        database.instrument(metrics.registry());

        var hasher = new PinHasher(appSecret);
        var passwords = new Passwords();
        var contacts = new Contacts(database.jdbi(), passwords);
        var pins = new SupportPins(
                database.jdbi(),
                hasher,
                clock,
                config.pinTtl(),
                config.pinDigits(),
                config.pinMaxFailures(),
                config.pinLockout());
        var sessions = new Sessions(database.jdbi(), clock, config.secureCookies());
        var hashing =
                HashingExecutors.of(config.hashing().threads(), config.hashing().queueLength());
        metrics.hashing(hashing.signIns());
        metrics.hashing(hashing.agentLine());
        var throttle = new SignInThrottle(database.jdbi(), clock, appSecret, hashing.signIns());
        var pages = new Pages();
        var loginCsrf = new LoginCsrf(appSecret, config.secureCookies());
        // The account center: its OpenID Connect sign-in, when configured, beside or instead of our passwords.
        Config.AccountCenter accountCenter = config.accountCenter();
        Optional<OidcSignIn> oidcSignIn = OidcSignIn.configured(config, database.jdbi(), sessions, pages, clock);
        var signInOptions =
                new SignInOptions(accountCenter.passwordSignIn(), oidcSignIn.map(SignInOptions.Provider.class::cast));
        var web = new WebRoutes(
                new SignInPage(pages, sessions, loginCsrf, contacts, throttle, signInOptions),
                new SupportPinPage(pages, sessions, contacts, pins, database.jdbi(), clock),
                new PinApi(contacts, sessions, pins, throttle, accountCenter.passwordSignIn()));
        // ...and its backend: the server-to-server API under /api/v1.
        var api = new ApiV1(
                new ApiKeys(database.jdbi(), appSecret, clock),
                new ContactsApi(new ContactSync(database.jdbi(), clock), pins, database.jdbi(), clock),
                database.jdbi(),
                clock,
                accountCenter.apiCallsPerMinute());

        var webhooks = new VoiceWebhooks(metrics);
        var prompts = new Prompts(Locale.ENGLISH);
        var prompting = new Prompting(prompts, config.pinDigits());
        var routing = new QueueRouting(prompts, config.taskRouterWorkflowSid());
        var transaction = new CallTransaction(database.jdbi(), hasher, clock, routing);
        var callbacks =
                Callbacks.start(database.jdbi(), clock, config.callbacks(), routing.namedQueues(), metrics.registry());
        var voice = new VoiceRoutes(
                new TwilioSignatureFilter(config, authToken),
                webhooks,
                new VoiceRoutes.Steps(
                        new IncomingCallStep(database.jdbi(), clock, prompting, routing),
                        new AccountNumberStep(transaction, prompting, routing, clock),
                        new PinStep(transaction, pins, prompting, routing, clock),
                        new HoldStep(
                                database.jdbi(),
                                clock,
                                prompts,
                                config.holdMusic(),
                                config.callbackOfferAfter(),
                                callbacks::canCallBack,
                                routing.namedQueues()),
                        new HoldCallbackStep(callbacks, prompts, config.holdMusic()),
                        new QueueExitStep(database.jdbi(), clock, prompts),
                        new CallStatusStep(database.jdbi(), clock)));

        var agents = new Agents(database.jdbi(), passwords, clock);
        var agentLine = AgentLineRoutes.create(
                webhooks,
                database.jdbi(),
                hasher,
                clock,
                prompts,
                agents,
                hashing.agentLine(),
                config.agentMaxFailures(),
                config.agentLockout(),
                callbacks,
                routing.namedQueues());
        var callbackLeg = new CallbackRoutes(webhooks, callbacks, prompts);
        var agentSessions = new AgentSessions(database.jdbi(), clock, config.secureCookies());
        var desk = new AgentDesk(database.jdbi(), pins, clock, callbacks);
        var console = new ConsoleRoutes(
                new AgentConsole(pages, agents, agentSessions, loginCsrf, throttle, desk, clock),
                new AgentApi(agents, agentSessions, throttle, desk));
        var ops = new OpsRoutes(database::isHealthy, metrics, config.metricsToken(), WebRoutes.SIGN_IN_PATHS);

        WarmUp.run(database, prompting, routing);
        Service http = HttpServer.ignite(config.port(), CALL_THREADS + hashing.places(), config.trustedProxies());
        RouteTable.mountBefore(http);
        voice.mount(http);
        agentLine.mount(http);
        callbackLeg.mount(http);
        web.mount(http);
        console.mount(http);
        ops.mount(http);
        extra.mount(http, database.jdbi());
        oidcSignIn.ifPresent(signIn -> signIn.mount(http));
        api.mount(http);
        RouteTable.mountAfter(
                http,
                new SecurityHeaders(
                        config.secureCookies(),
                        accountCenter.oidcIssuer().map(OidcSignIn::origin).stream()
                                .toList()));
        http.init();
        http.awaitInitialization();
        Optional<Service> metricsHttp = Optional.empty();
        if (config.metricsPort().isPresent()) {
            Service service = HttpServer.ignite(config.metricsPort().getAsInt(), 4);
            ops.mountMetrics(service);
            service.init();
            service.awaitInitialization();
            metricsHttp = Optional.of(service);
            log.info("metrics on port {} at {}", service.port(), OpsPaths.METRICS);
        }
        log.info("listening on port {}; Twilio signatures checked against {}", http.port(), config.publicBaseUrl());
        var purge = new Purge(
                database.jdbi(),
                clock,
                config.retention().calls(),
                config.retention().audit(),
                metrics::purged);
        Arrays.stream(PurgeKind.values()).forEach(kind -> metrics.purgeKind(kind.table()));
        purge.startSchedule();
        return new App(config, database, http, webhooks, metricsHttp, metrics, hashing, purge);
    }

    public int port() {
        return http.port();
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The port of the separate metrics listener (METRICS_PORT), when there is one. */
    public Optional<Integer> metricsPort() {
        return metricsHttp.map(Service::port);
    }

    public Metrics metrics() {
        return metrics;
    }

    public HashingExecutors hashing() {
        return hashing;
    }

    /** The retention purge the service runs every few minutes. */
    public Purge purge() {
        return purge;
    }

    /** Every route the public port answers, from Spark's own table. */
    public List<RouteTable.Entry> routes() {
        return RouteTable.table(http);
    }

    /** Stops accepting, lets requests finish (up to {@link HttpServer#STOP_TIMEOUT}), then closes the pool and database. */
    @Override
    public void close() {
        long started = System.nanoTime();
        http.stop();
        metricsHttp.ifPresent(Service::stop);
        http.awaitStop();
        metricsHttp.ifPresent(Service::awaitStop);
        webhooks.close();
        purge.close();
        hashing.close();
        database.close();
        log.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
