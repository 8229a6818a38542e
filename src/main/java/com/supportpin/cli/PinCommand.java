package com.supportpin.cli;

import com.supportpin.contact.ContactDao;
import com.supportpin.pin.PinDao;
import com.supportpin.store.Database;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pin revoke}: withdraws Support PINs that have not been used yet. */
@Command(
        name = "pin",
        mixinStandardHelpOptions = true,
        description = "Manage Support PINs.",
        subcommands = {PinCommand.Revoke.class})
public final class PinCommand {

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke the unused Support PINs of an account, or of one of its contacts.")
    public static final class Revoke extends AccountCommand {

        @Option(names = "--email", paramLabel = "EMAIL", description = "only this contact's PIN")
        String email;

        public Revoke(Cli.Context context) {
            super(context);
        }

        @Override
        int run() {
            try (Database database = context.openDatabase(4)) {
                PinDao pins = database.jdbi().onDemand(PinDao.class);
                if (email == null) {
                    int revoked = pins.revokeLiveForAccount(account, clock.instant());
                    context.out()
                            .println(
                                    revoked == 0
                                            ? "account " + account + " has no unused Support PIN: nothing to revoke"
                                            : "revoked " + plural(revoked) + " of account " + account);
                    return 0;
                }
                Optional<ContactDao.Contact> contact = database.jdbi()
                        .onDemand(ContactDao.class)
                        .findByEmail(email.trim())
                        .filter(found -> found.accountNumber().equals(account));
                if (contact.isEmpty()) {
                    context.err()
                            .println("error: account " + account + " has no contact with e-mail " + email.trim()
                                    + ": check the e-mail, or leave out --email to revoke every PIN of the account");
                    return 1;
                }
                int revoked = pins.revokeLiveForContact(contact.get().id(), clock.instant());
                context.out()
                        .println(
                                revoked == 0
                                        ? contact.get().email() + " has no unused Support PIN: nothing to revoke"
                                        : "revoked " + plural(revoked) + " of "
                                                + contact.get().email().toLowerCase(Locale.ROOT) + " (account "
                                                + account + ")");
                return 0;
            }
        }

        private static String plural(int count) {
            return count + " unused Support PIN" + (count == 1 ? "" : "s");
        }
    }
}
