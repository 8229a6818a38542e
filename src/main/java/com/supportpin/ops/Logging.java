package com.supportpin.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** Switches the console log to one JSON object per line when LOG_FORMAT=json. */
public final class Logging {

    private static final String CONSOLE = "STDOUT";
    private static Encoder<ILoggingEvent> textEncoder;

    private Logging() {}

    /** Applies the format to the console appender; calling it again with the other format switches back. */
    public static synchronized void useJson(boolean json) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> appender =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE);
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return;
        }
        boolean isJson = console.getEncoder() instanceof JsonEncoder;
        if (json == isJson) {
            return;
        }
        Encoder<ILoggingEvent> next;
        if (json) {
            textEncoder = console.getEncoder();
            var encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(true);
            encoder.setWithKVPList(true);
            encoder.setWithMDC(false);
            encoder.start();
            next = encoder;
        } else {
            next = textEncoder;
        }
        console.stop();
        console.setEncoder(next);
        console.start();
    }
}
