package com.supportpin.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and formatting shared by the operator commands. */
final class OperatorInput {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");
    private static final Pattern SHORT_DURATION = Pattern.compile("^([0-9]{1,6})([smhdw])$");

    private OperatorInput() {}

    static boolean isAccountNumber(String text) {
        return text != null && ACCOUNT_NUMBER.matcher(text).matches();
    }

    /** The start of a look-back window: 30m, 24h, 7d, 2w, an ISO-8601 duration, or an ISO-8601 UTC instant. */
    static Instant since(String text, Instant now) {
        String value = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            Duration unit = switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (!duration.isNegative()) {
                return now.minus(duration);
            }
        } catch (DateTimeParseException notADuration) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "--since must be a duration such as 30m, 24h, 7d or PT12H, or a UTC time such as"
                        + " 2026-11-26T09:00:00Z, not '" + text + "'");
    }
}
