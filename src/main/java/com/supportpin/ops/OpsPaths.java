package com.supportpin.ops;

/** The operator's endpoints. */
public final class OpsPaths {

    public static final String HEALTH = "/health";
    /** Prometheus metrics: on METRICS_PORT, and on the public port only behind METRICS_TOKEN. */
    public static final String METRICS = "/metrics";

    private OpsPaths() {}
}
