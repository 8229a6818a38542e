package com.supportpin.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id by Bouncy Castle, reading and writing the same PHC strings as earlier releases. */
final class Argon2id {

    /** OWASP's parameters: 19 MiB, 2 passes, 1 lane; a 16-byte salt and a 32-byte hash. */
    static final int MEMORY_KIB = 19_456;

    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    static final String PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})$");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed PHC string. */
    private record Stored(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {}

    private Argon2id() {}

    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = compute(password, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, HASH_BYTES);
        return PREFIX + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** Checks a password against a PHC string, with the parameters the string names; false if unreadable. */
    static boolean verify(String password, String phc) {
        Optional<Stored> stored = parse(phc);
        if (stored.isEmpty()) {
            return false;
        }
        Stored s = stored.get();
        byte[] computed = compute(password, s.memoryKib(), s.iterations(), s.parallelism(), s.salt(), s.hash().length);
        return MessageDigest.isEqual(computed, s.hash());
    }

    /** True for an Argon2id PHC string of version 19 this class can verify. */
    static boolean isReadable(String phc) {
        return parse(phc).isPresent();
    }

    private static Optional<Stored> parse(String phc) {
        Matcher match = phc == null ? null : PHC.matcher(phc);
        if (match == null || !match.matches()) {
            return Optional.empty();
        }
        try {
            int memory = Integer.parseInt(match.group(1));
            int iterations = Integer.parseInt(match.group(2));
            int parallelism = Integer.parseInt(match.group(3));
            // bounds, so a planted hash cannot make a sign-in allocate gigabytes or spin for minutes
            if (memory < 8 * parallelism || memory > 262_144 || iterations < 1 || iterations > 16 || parallelism < 1) {
                return Optional.empty();
            }
            return Optional.of(new Stored(
                    memory, iterations, parallelism, DECODER.decode(match.group(4)), DECODER.decode(match.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] compute(
            String password, int memoryKib, int iterations, int parallelism, byte[] salt, int length) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
