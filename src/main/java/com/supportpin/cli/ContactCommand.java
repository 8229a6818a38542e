package com.supportpin.cli;

import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import com.supportpin.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contact add}: a contact who may sign in and generate Support PINs; {@code contacts import}: many at once. */
@Command(
        name = "contact",
        aliases = "contacts",
        mixinStandardHelpOptions = true,
        description = "Manage contacts.",
        subcommands = {ContactCommand.Add.class, ContactImportCommand.class})
public final class ContactCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add a contact; the password is read from the first line of standard input.")
    public static final class Add extends DatabaseCommand {

        @Option(names = "--account", required = true, description = "account number (digits)")
        String account;

        @Option(names = "--name", required = true, description = "the contact's name")
        String name;

        @Option(names = "--email", required = true, description = "sign-in e-mail, unique")
        String email;

        @Option(names = "--phone", description = "phone number in E.164 form, such as +14155550100")
        String phone;

        private String password;

        public Add(Cli.Context context) {
            super(context, 2);
        }

        @Override
        public Integer call() throws IOException {
            password = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if (password == null) {
                context.err().println("error: give the password on the first line of standard input");
                return 1;
            }
            return super.call();
        }

        @Override
        int run(Database database) {
            long id = new Contacts(database.jdbi(), new Passwords()).add(account, name, email, phone, password);
            context.out().println("added contact " + id + " (" + email.trim() + ") to account " + account);
            return 0;
        }
    }
}
