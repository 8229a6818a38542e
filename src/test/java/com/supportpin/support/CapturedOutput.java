package com.supportpin.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Everything the process writes to stdout and stderr while open (logback's console appender included,
 * since it writes through System.out), still passed through to the real streams. The application's own
 * loggers are lowered to DEBUG meanwhile, so that debug lines are checked too.
 */
public final class CapturedOutput implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Logger appLogger;
    private final Level originalLevel;

    public CapturedOutput() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appLogger = context.getLogger("com.supportpin");
        originalLevel = appLogger.getLevel();
        appLogger.setLevel(Level.DEBUG);
    }

    /** What was written so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        appLogger.setLevel(originalLevel);
    }

    private final class Tee extends OutputStream {
        private final OutputStream passThrough;

        Tee(OutputStream passThrough) {
            this.passThrough = passThrough;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                passThrough.write(b);
            } catch (IOException ignored) {
                // the console is gone: the captured copy is what matters here
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (captured) {
                captured.write(bytes, offset, length);
            }
            try {
                passThrough.write(bytes, offset, length);
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
