package com.supportpin.callback;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The console's paged view of open callbacks, with the total, so none is silently left out. */
public final class CallbackBoard {

    public static final int PAGE_SIZE = 25;
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** One open callback as the console shows it (JSON and the page alike). */
    public record Row(
            long id,
            String state,
            String caller,
            boolean verified,
            String identityText,
            String contactName,
            String accountNumber,
            String requestedAt,
            String requestedAtText,
            int requests,
            int attempts,
            int maxAttempts,
            String lastResult,
            String nextAttemptAt,
            String nextAttemptText,
            boolean canClose) {}

    /** A page of open callbacks; {@code total} counts them all. */
    public record Page(List<Row> callbacks, int page, int pageSize, long total, int pages) {
        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    private final Jdbi jdbi;
    private final String verifiedQueue;
    private final int maxAttempts;

    public CallbackBoard(Jdbi jdbi, String verifiedQueue, int maxAttempts) {
        this.jdbi = jdbi;
        this.verifiedQueue = verifiedQueue;
        this.maxAttempts = maxAttempts;
    }

    /** Page {@code page} (from 1); a page past the end is empty, with the total still right. */
    public Page page(int page) {
        int wanted = Math.max(1, page);
        return jdbi.inTransaction(handle -> {
            CallbackListing listing = handle.attach(CallbackListing.class);
            long total = listing.countOpen();
            List<Row> rows = listing.page(verifiedQueue, PAGE_SIZE, (long) (wanted - 1) * PAGE_SIZE).stream()
                    .map(this::row)
                    .toList();
            int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            return new Page(rows, wanted, PAGE_SIZE, total, pages);
        });
    }

    private Row row(CallbackListing.Open open) {
        boolean verified = open.verifiedAt() != null;
        return new Row(
                open.id(),
                open.state(),
                open.caller(),
                verified,
                identityText(open.verifiedAt()),
                open.contactName(),
                open.accountNumber(),
                iso(open.requestedAt()),
                clock(open.requestedAt()),
                open.requests(),
                open.attempts(),
                maxAttempts,
                open.lastResult(),
                iso(open.nextAttemptAt()),
                open.state().equals(CallbackState.WAITING.word()) ? "due from " + clock(open.nextAttemptAt()) : "now",
                !open.state().equals(CallbackState.CALLING.word()));
    }

    /** "Verified on the original call at 10:42 UTC", or "Unverified". */
    public static String identityText(Instant verifiedAt) {
        return verifiedAt == null ? "Unverified" : "Verified on the original call at " + clock(verifiedAt);
    }

    private static String clock(Instant instant) {
        return instant == null ? "" : CLOCK_TIME.format(instant) + " UTC";
    }

    private static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
