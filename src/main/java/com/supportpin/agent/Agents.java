package com.supportpin.agent;

import com.supportpin.contact.Passwords;
import com.supportpin.contact.Refused;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Adds and disables agents, and checks their console password and phone passcode. */
public final class Agents {

    public static final Pattern AGENT_CODE = Pattern.compile("^[0-9]{4,10}$");
    public static final Pattern PASSCODE = Pattern.compile("^[0-9]{6,12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final Jdbi jdbi;
    private final Passwords passwords;
    private final Clock clock;

    public Agents(Jdbi jdbi, Passwords passwords, Clock clock) {
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Validates and stores an agent with a hashed console password and a hashed passcode; returns its id. */
    public long add(String name, String email, String agentCode, String password, String passcode) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new Refused("name must be 1 to 200 characters");
        }
        if (email == null
                || email.length() > 320
                || !EMAIL.matcher(email.trim()).matches()) {
            throw new Refused("e-mail address is not valid");
        }
        if (agentCode == null || !AGENT_CODE.matcher(agentCode).matches()) {
            throw new Refused("agent code must be 4 to 10 digits");
        }
        Passwords.weakness(password).ifPresent(reason -> {
            throw new Refused("console " + reason);
        });
        if (passcode == null || !PASSCODE.matcher(passcode).matches()) {
            throw new Refused("passcode must be 6 to 12 digits");
        }
        if (passcode.chars().distinct().count() < 3) {
            throw new Refused("passcode needs at least 3 different digits");
        }
        String passwordHash = passwords.hash(password);
        String passcodeHash = passwords.hash(passcode);
        return jdbi.withExtension(
                AgentDao.class,
                agents -> agents.insert(name.trim(), email.trim(), agentCode, passwordHash, passcodeHash)
                        .orElseThrow(() -> new Refused(
                                "an agent with e-mail " + email.trim() + " or code " + agentCode + " already exists")));
    }

    /** Disables the agent with this code and ends its console sessions; false when there is none. */
    public boolean disable(String agentCode) {
        return jdbi.inTransaction(handle -> {
            AgentDao agents = handle.attach(AgentDao.class);
            if (agents.countByCode(agentCode) == 0) {
                return false;
            }
            agents.disable(agentCode, clock.instant());
            agents.endSessions(agentCode);
            return true;
        });
    }

    /** The enabled agent with this e-mail and console password, taking as long whether or not it exists. */
    public Optional<AgentDao.Agent> signIn(String email, String password) {
        Optional<AgentDao.Agent> agent = email == null || email.length() > 320
                ? Optional.empty()
                : jdbi.withExtension(AgentDao.class, agents -> agents.findByEmail(email.trim()));
        if (agent.isEmpty()) {
            passwords.verifyDecoy(password);
            return Optional.empty();
        }
        if (!passwords.verify(password, agent.get().passwordHash())
                || !agent.get().enabled()) {
            return Optional.empty();
        }
        return agent;
    }

    /** The enabled agent whose code and passcode these are; spends a hash check either way. */
    public Optional<AgentDao.Agent> checkPasscode(Optional<AgentDao.Agent> agent, String passcode) {
        if (agent.isEmpty()) {
            passwords.verifyDecoy(passcode);
            return Optional.empty();
        }
        if (!passwords.verify(passcode, agent.get().passcodeHash())
                || !agent.get().enabled()) {
            return Optional.empty();
        }
        return agent;
    }

    public Optional<AgentDao.Agent> find(long agentId) {
        return jdbi.withExtension(AgentDao.class, agents -> agents.findById(agentId));
    }
}
