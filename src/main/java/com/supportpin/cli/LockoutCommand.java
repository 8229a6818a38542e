package com.supportpin.cli;

import com.supportpin.pin.PinGuardDao;
import com.supportpin.store.Database;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code lockout clear}: lifts the phone-verification lockout of an account after too many wrong PINs. */
@Command(
        name = "lockout",
        mixinStandardHelpOptions = true,
        description = "Manage PIN lockouts.",
        subcommands = {LockoutCommand.Clear.class})
public final class LockoutCommand {

    @Command(
            name = "clear",
            mixinStandardHelpOptions = true,
            description = "Lift an account's lockout and reset its count of failed PIN attempts.")
    public static final class Clear extends AccountCommand {

        public Clear(Cli.Context context) {
            super(context);
        }

        @Override
        int run() {
            try (Database database = context.openDatabase(4)) {
                PinGuardDao guard = database.jdbi().onDemand(PinGuardDao.class);
                Optional<Instant> lockedUntil = guard.lockedUntil(account, clock.instant());
                guard.clear(account);
                context.out()
                        .println(lockedUntil
                                .map(until -> "lifted the lockout of account " + account
                                        + " (it would have lasted until " + OperatorInput.TIME.format(until)
                                        + " UTC); failed attempts reset to 0")
                                .orElse("account " + account + " was not locked out; failed attempts reset to 0"));
                return 0;
            }
        }
    }
}
