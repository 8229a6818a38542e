package com.supportpin.cli;

import com.supportpin.App;
import com.supportpin.config.Config;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs the service until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service (the default command).")
public final class ServeCommand implements Runnable {

    private final Cli.Context context;

    public ServeCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        Config config = Config.fromEnvironment(context.env());
        App app = App.start(config, Clock.systemUTC());
        if (app.config().embeddedDatabase()) {
            DemoContact.ensure(app, context.out());
        }
        context.out()
                .println("Support PIN IVR is listening on http://localhost:" + app.port() + " (public URL "
                        + app.config().publicBaseUrl() + ")");
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
