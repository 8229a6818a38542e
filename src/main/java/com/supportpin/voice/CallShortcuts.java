package com.supportpin.voice;

import com.supportpin.pin.PinDao;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The common case of the two digits steps in one statement each (see {@link CallTransaction.Shortcut}). */
public interface CallShortcuts {

    /** A well-formed account number: stored on the call with the step's answer (the PIN prompt). */
    @UseClasspathSqlLocator
    interface AccountEntry {
        @SqlUpdate
        int enterAccount(
                String callSid, String accountNumber, String step, byte[] inputHash, String response, Instant now);
    }

    /** A PIN for the account the call entered: consumed, audited, the call verified and enqueued; empty otherwise. */
    @UseClasspathSqlLocator
    @RegisterRowMapper(PinDao.ConsumedPinMapper.class)
    interface PinVerification {
        @SqlQuery
        Optional<PinDao.ConsumedPin> verifyAndEnqueue(
                String callSid,
                String accountNumber,
                byte[] pinHash,
                String step,
                byte[] inputHash,
                String response,
                String outcome,
                String channel,
                String queue,
                Instant now);
    }
}
