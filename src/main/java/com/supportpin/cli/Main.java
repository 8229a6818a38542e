package com.supportpin.cli;

import com.supportpin.config.Config;

/** The process entry point: the command line, whose default command serves. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.in, System.out, System.err, Config.processEnvironment()));
    }
}
