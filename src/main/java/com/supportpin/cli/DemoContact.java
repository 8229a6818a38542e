package com.supportpin.cli;

import com.supportpin.App;
import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import com.supportpin.store.DataDirSecrets;
import java.io.PrintStream;

/** Embedded mode only: seeds a demo contact on first start and prints how to sign in as it. */
final class DemoContact {

    static final String ACCOUNT = "1001";
    static final String EMAIL = "demo@example.com";

    private DemoContact() {}

    static void ensure(App app, PrintStream out) {
        var jdbi = app.database().jdbi();
        String password = DataDirSecrets.loadOrCreate(app.config().dataDir(), "demo-password");
        if (jdbi.onDemand(ContactDao.class).findByEmail(EMAIL).isEmpty()) {
            new Contacts(jdbi, new Passwords()).add(ACCOUNT, "Demo Customer", EMAIL, null, password);
        }
        out.println("Demo contact (account " + ACCOUNT + "): sign in as " + EMAIL + " with password " + password);
        out.println("Twilio auth token of this instance: see "
                + app.config().dataDir().resolve("twilio-auth-token"));
    }
}
