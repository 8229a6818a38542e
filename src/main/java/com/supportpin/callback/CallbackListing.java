package com.supportpin.callback;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the console reads of open callbacks, a page at a time, in the order agents are offered them. */
@RegisterConstructorMapper(CallbackListing.Open.class)
public interface CallbackListing {

    /** An open callback; the contact and account only when the requesting call was verified. */
    record Open(
            long id,
            String state,
            String caller,
            String queue,
            Instant queuedSince,
            Instant requestedAt,
            Instant lastRequestedAt,
            int requests,
            Instant verifiedAt,
            String contactName,
            String accountNumber,
            int attempts,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            String lastResult) {}

    @SqlQuery("""
            SELECT cb.id, cb.state, cb.caller, cb.queue, cb.queued_since, cb.requested_at, cb.last_requested_at,
                   cb.requests, cb.verified_at, ct.name AS contact_name, a.account_number, cb.attempts,
                   cb.last_attempt_at, cb.next_attempt_at, cb.last_result
              FROM callback_request cb
              LEFT JOIN contact ct ON ct.id = cb.contact_id AND cb.verified_at IS NOT NULL
              LEFT JOIN account a ON a.id = cb.account_id AND cb.verified_at IS NOT NULL
             WHERE cb.closed_at IS NULL
             ORDER BY cb.queue = :verifiedQueue DESC, cb.queued_since, cb.id
             LIMIT :limit OFFSET :offset
            """)
    List<Open> page(String verifiedQueue, int limit, long offset);

    @SqlQuery("SELECT count(*) FROM callback_request WHERE closed_at IS NULL")
    long countOpen();
}
