package com.supportpin.support;

/** What a test class started in {@code @BeforeAll}, closed in {@code @AfterAll}: in order, skipping what never started. */
public final class Started {

    private Started() {}

    public static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable each : started) {
            if (each != null) {
                each.close();
            }
        }
    }
}
