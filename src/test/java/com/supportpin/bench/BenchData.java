package com.supportpin.bench;

import com.supportpin.support.TestServer;

/** What the benchmark's server seeds and its driver uses, derived from a slot number: one account, contact and live PIN. */
final class BenchData {

    static final String AUTH_TOKEN = TestServer.AUTH_TOKEN;
    static final String APP_SECRET = TestServer.APP_SECRET;
    static final String PUBLIC_BASE_URL = TestServer.PUBLIC_BASE_URL;
    /** Every seeded contact's password (one precomputed Argon2id hash: hashing is not what is measured). */
    static final String PASSWORD = "bench password 4242";

    /** Slots whose PINs the consume-only baseline spends. */
    static final Range CONSUME = new Range(1, 60_001);
    /** Slots with a call row already at the PIN prompt, for the PIN-step-only phase. */
    static final Range PIN_STEP = new Range(CONSUME.to(), CONSUME.to() + 30_000);
    /** Slots for complete call flows (warm-up, saturated and paced phases). */
    static final Range FLOWS = new Range(PIN_STEP.to(), PIN_STEP.to() + 40_000);
    /** Contacts who sign in and generate PINs through the JSON API. */
    static final Range SIGN_IN = new Range(FLOWS.to(), FLOWS.to() + 64);

    /** Slots for the paced verified flows of the sign-in flood check (quiet, then under the flood). */
    static final Range FLOOD_FLOWS = new Range(SIGN_IN.to(), SIGN_IN.to() + 6_000);

    static final int SLOTS = FLOOD_FLOWS.to() - 1;

    /** A half-open range of slots. */
    record Range(int from, int to) {
        int size() {
            return to - from;
        }
    }

    private BenchData() {}

    static String accountNumber(int slot) {
        return String.valueOf(10_000_000 + slot);
    }

    /** A 4-digit PIN; any value will do, as long as both processes derive the same one. */
    static String pin(int slot) {
        return String.format("%04d", Math.floorMod(slot * 7919L + 1234, 10_000));
    }

    static String callSid(int slot) {
        return String.format("CA%032x", slot);
    }

    static String caller(int slot) {
        return String.format("+1415%07d", slot % 10_000_000);
    }

    static String email(int slot) {
        return "bench" + slot + "@example.com";
    }
}
