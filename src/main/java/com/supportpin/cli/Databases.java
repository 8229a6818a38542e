package com.supportpin.cli;

import com.supportpin.Config;
import com.supportpin.store.Database;

/** Opens the configured database for a one-shot command. */
final class Databases {

    private Databases() {
    }

    static Database open(Config config) {
        return config.databaseUrl()
                .map(url -> Database.connect(url, 4))
                .orElseGet(() -> Database.startEmbedded(config.dataDir(), 4));
    }
}
