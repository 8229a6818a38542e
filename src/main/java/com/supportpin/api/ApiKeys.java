package com.supportpin.api;

import com.supportpin.contact.Refused;
import com.supportpin.web.HmacKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Keys of {@code /api/v1}: {@code spk_<public id>_<secret>}, stored only as a keyed hash and compared in constant time. */
public final class ApiKeys {

    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final String PREFIX = "spk_";
    private static final int PUBLIC_ID_LENGTH = 16;
    private static final int SECRET_LENGTH = 43;
    private static final int KEY_LENGTH = PREFIX.length() + PUBLIC_ID_LENGTH + 1 + SECRET_LENGTH;
    private static final byte[] NO_HASH = new byte[32];

    /** A key just made: the only time its text exists outside the caller's hands. */
    public record Created(String name, String key) {
        @Override
        public String toString() {
            return "Created[name=" + name + ", key=<redacted>]";
        }
    }

    /** The key a request came with, by its name (the audit and logs know keys by name only). */
    public record Caller(long id, String name) {}

    private final Jdbi jdbi;
    private final HmacKey hashKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Jdbi jdbi, String appSecret, Clock clock) {
        this.jdbi = jdbi;
        this.hashKey = new HmacKey(appSecret, "api-key");
        this.clock = clock;
    }

    /** Makes a key named {@code name} (unique, even among revoked keys). */
    public Created create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refused("--name must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        byte[] publicBytes = new byte[PUBLIC_ID_LENGTH / 2];
        byte[] secretBytes = new byte[32];
        random.nextBytes(publicBytes);
        random.nextBytes(secretBytes);
        String publicId = HexFormat.of().formatHex(publicBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Optional<Long> id = jdbi.withExtension(
                ApiKeyDao.class, keys -> keys.insert(name, publicId, hashKey.sign(secret), clock.instant()));
        if (id.isEmpty()) {
            throw new Refused("an API key named " + name + " already exists");
        }
        return new Created(name, PREFIX + publicId + "_" + secret);
    }

    public List<ApiKeyDao.ListedKey> list() {
        return jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::list);
    }

    /** Revokes the key; false when no live key has that name. */
    public boolean revoke(String name) {
        return jdbi.withExtension(ApiKeyDao.class, keys -> keys.revoke(name, clock.instant())) > 0;
    }

    /** The live key a bearer token is, or empty for anything else (malformed, unknown, revoked). */
    public Optional<Caller> authenticate(String presented) {
        boolean wellFormed = presented != null
                && presented.length() == KEY_LENGTH
                && presented.startsWith(PREFIX)
                && presented.charAt(PREFIX.length() + PUBLIC_ID_LENGTH) == '_';
        String publicId = wellFormed ? presented.substring(PREFIX.length(), PREFIX.length() + PUBLIC_ID_LENGTH) : "";
        String secret = wellFormed ? presented.substring(KEY_LENGTH - SECRET_LENGTH) : "";
        byte[] hash = hashKey.sign(secret);
        Optional<ApiKeyDao.StoredKey> stored = wellFormed && publicId.matches("^[0-9a-f]{16}$")
                ? jdbi.withExtension(ApiKeyDao.class, keys -> keys.findByPublicId(publicId))
                : Optional.empty();
        boolean matches = MessageDigest.isEqual(
                hash, stored.map(ApiKeyDao.StoredKey::secretHash).orElse(NO_HASH));
        return stored.filter(key -> matches && key.revokedAt() == null).map(key -> new Caller(key.id(), key.name()));
    }
}
