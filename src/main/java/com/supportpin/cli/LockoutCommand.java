package com.supportpin.cli;

import com.supportpin.pin.PinGuardDao;
import com.supportpin.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockout clear}: lifts the phone-verification lockout of an account after too many wrong PINs. */
@Command(name = "lockout", mixinStandardHelpOptions = true, description = "Manage PIN lockouts.",
        subcommands = {LockoutCommand.Clear.class})
public final class LockoutCommand {

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Lift an account's lockout and reset its count of failed PIN attempts.")
    public static final class Clear implements Callable<Integer> {

        @Option(names = "--account", required = true, paramLabel = "N",
                description = "account number as callers key it (unknown numbers are locked out too)")
        String account;

        private final Cli.Context context;
        private final Clock clock;

        public Clear(Cli.Context context) {
            this.context = context;
            this.clock = Clock.systemUTC();
        }

        @Override
        public Integer call() {
            if (!context.acceptsAccountNumber(account)) {
                return 2;
            }
            try (Database database = context.openDatabase(4)) {
                PinGuardDao guard = database.jdbi().onDemand(PinGuardDao.class);
                Optional<Instant> lockedUntil = guard.lockedUntil(account, clock.instant());
                guard.clear(account);
                context.out().println(lockedUntil
                        .map(until -> "lifted the lockout of account " + account + " (it would have lasted until "
                                + OperatorInput.TIME.format(until) + " UTC); failed attempts reset to 0")
                        .orElse("account " + account + " was not locked out; failed attempts reset to 0"));
                return 0;
            }
        }
    }
}
