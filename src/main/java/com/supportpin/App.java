package com.supportpin;

import com.supportpin.cli.Cli;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import com.supportpin.pin.PinHasher;
import com.supportpin.pin.SupportPins;
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
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.web.PinApi;
import com.supportpin.web.Sessions;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/** The composition root: loads nothing itself, wires everything through constructors, and runs the HTTP server. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Database database;
    private final Service http;

    private App(Config config, Database database, Service http) {
        this.config = config;
        this.database = database;
        this.http = http;
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Opens the database (embedded under DATA_DIR unless DATABASE_URL is set), migrates it and starts
     * serving on {@link Config#port()} (0 picks a free port).
     */
    public static App start(Config config, Clock clock) {
        Database database = openDatabase(config);
        try {
            database.migrate();
            return start(resolveSecrets(config), database, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Serves with an already migrated database; the app owns it from here on and closes it. */
    public static App start(Config config, Database database, Clock clock) {
        String authToken = config.twilioAuthToken().orElseThrow();
        String appSecret = config.appSecret().orElseThrow();

        var hasher = new PinHasher(appSecret);
        var passwords = new Passwords();
        var contacts = new Contacts(database.jdbi(), passwords);
        var pins = new SupportPins(database.jdbi(), hasher, clock, config.pinTtl(), config.pinDigits(),
                config.pinMaxFailures(), config.pinLockout());
        var sessions = new Sessions(database.jdbi(), clock, config.secureCookies());

        var prompts = new Prompts(Locale.ENGLISH);
        var prompting = new Prompting(prompts, config.pinDigits());
        var routing = new QueueRouting(prompts);
        var transaction = new CallTransaction(database.jdbi(), hasher, clock, routing);
        var steps = new Routes.VoiceSteps(
                new IncomingCallStep(database.jdbi(), clock, prompting, routing),
                new AccountNumberStep(transaction, prompting, routing),
                new PinStep(transaction, pins, prompting, routing, clock),
                new HoldStep(prompts, config.holdMusic()),
                new QueueExitStep(database.jdbi(), clock, prompts),
                new CallStatusStep(database.jdbi(), clock));

        Service http = Service.ignite().port(config.port()).threadPool(64, 8, 30_000);
        Routes.install(http, new TwilioSignatureFilter(config, authToken), new VoiceWebhooks(VoiceWebhooks.Observer.NONE),
                steps, new PinApi(contacts, sessions, pins), database::isHealthy);
        http.init();
        http.awaitInitialization();
        log.info("listening on port {}; Twilio signatures checked against {}", http.port(), config.publicBaseUrl());
        return new App(config, database, http);
    }

    /** Embedded mode keeps generated secrets in DATA_DIR; with DATABASE_URL they must be configured. */
    static Config resolveSecrets(Config config) {
        if (config.twilioAuthToken().isPresent() && config.appSecret().isPresent()) {
            return config;
        }
        String token = config.twilioAuthToken()
                .orElseGet(() -> DataDirSecrets.loadOrCreate(config.dataDir(), "twilio-auth-token"));
        String secret = config.appSecret()
                .orElseGet(() -> DataDirSecrets.loadOrCreate(config.dataDir(), "app-secret"));
        return config.withSecrets(token, secret);
    }

    static Database openDatabase(Config config) {
        return config.databaseUrl()
                .map(url -> Database.connect(url, 16))
                .orElseGet(() -> Database.startEmbedded(config.dataDir(), 16));
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

    /**
     * Lets a caller add routes of its own to the running service, behind the same filters. Only the
     * benchmark does, for its baseline routes; the production route table is {@link Routes}.
     */
    public void addRoutes(Consumer<Service> routes) {
        routes.accept(http);
    }

    /** Stops accepting, lets in-flight requests finish, then closes the pool (and embedded PostgreSQL). */
    @Override
    public void close() {
        http.stop();
        http.awaitStop();
        database.close();
    }
}
