package com.supportpin.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** An operator command about one account: refuses a malformed {@code --account} before {@link #run} starts. */
abstract class AccountCommand implements Callable<Integer> {

    @Option(
            names = "--account",
            required = true,
            paramLabel = "N",
            description = "account number as callers key it (digits; unknown numbers are locked out too)")
    String account;

    final Cli.Context context;
    final Clock clock = Clock.systemUTC();

    AccountCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        return context.acceptsAccountNumber(account) ? run() : 2;
    }

    /** The command's work on a well-formed {@link #account}; answers the exit code. */
    abstract int run();
}
