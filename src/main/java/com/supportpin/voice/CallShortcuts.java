package com.supportpin.voice;

import com.supportpin.pin.PinDao;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
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
                @Bind("callSid") String callSid,
                @Bind("accountNumber") String accountNumber,
                @Bind("step") String step,
                @Bind("inputHash") byte[] inputHash,
                @Bind("response") String response,
                @Bind("now") Instant now);
    }

    /** A PIN for the account the call entered: consumed, audited, the call verified and enqueued; empty otherwise. */
    @UseClasspathSqlLocator
    @RegisterRowMapper(PinDao.ConsumedPinMapper.class)
    interface PinVerification {
        @SqlQuery
        Optional<PinDao.ConsumedPin> verifyAndEnqueue(
                @Bind("callSid") String callSid,
                @Bind("accountNumber") String accountNumber,
                @Bind("pinHash") byte[] pinHash,
                @Bind("step") String step,
                @Bind("inputHash") byte[] inputHash,
                @Bind("response") String response,
                @Bind("outcome") String outcome,
                @Bind("channel") String channel,
                @Bind("queue") String queue,
                @Bind("now") Instant now);
    }
}
