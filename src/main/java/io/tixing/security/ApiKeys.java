package io.tixing.security;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: random 256-bit secrets shown once, stored only as SHA-256 hashes. A plain hash (not a slow
 * password hash) is enough because the keys are high-entropy random values, not human passwords.
 */
@ApplicationScoped
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;
    private final SecurityConfig config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<ApiClient> client, Instant until) {}

    public record IssuedKey(long id, String client, Set<String> roles, String key) {}

    /** How much of a key the list shows, so an operator can tell keys apart: never more, and never a whole key. */
    public static final int SHOWN_PREFIX = 8;

    /** A key as listed: {@code prefix} is its first {@value #SHOWN_PREFIX} characters, never the key itself. */
    public record KeyInfo(long id, String client, String prefix, Set<String> roles, Instant createdAt, String createdBy,
                          Instant revokedAt, String revokedBy) {}

    public ApiKeys(Database db, Clock clock, SecurityConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    /**
     * What {@link #authenticate} would answer from memory alone: empty when the key is not remembered (or no longer),
     * so the caller knows it must look it up, which blocks. Lets the event loop authenticate a known key without
     * handing the request to a worker thread and back.
     */
    public Optional<Optional<ApiClient>> remembered(String presentedKey) { return rememberedByHash(hash(presentedKey), clock.instant()); }

    private Optional<Optional<ApiClient>> rememberedByHash(String hash, Instant now) {
        Cached cached = cache.get(hash);
        return cached != null && cached.until().isAfter(now) ? Optional.of(cached.client()) : Optional.empty();
    }

    public Optional<ApiClient> authenticate(String presentedKey) {
        String hash = hash(presentedKey);
        Instant now = clock.instant();
        var known = rememberedByHash(hash, now);
        if (known.isPresent()) return known.get();
        Optional<ApiClient> found = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT id, client, roles FROM api_key WHERE key_hash = ? AND revoked_at IS NULL", hash);
                 var rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new ApiClient(rs.getLong("id"), rs.getString("client"), Set.copyOf(Sql.strings(rs, "roles"))));
            }
        });
        if (cache.size() > 10_000) cache.clear();
        cache.put(hash, new Cached(found, now.plus(config.keyCacheTtl())));
        return found;
    }

    public IssuedKey issue(String client, Set<String> roles, String createdBy) {
        String key = "tx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        return register(client, roles, key, createdBy);
    }

    /** Stores a key chosen elsewhere (the bootstrap key from config); no-op when it already exists. */
    public IssuedKey register(String client, Set<String> roles, String key, String createdBy) {
        Set<String> ordered = new LinkedHashSet<>(roles);
        long id = db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, """
                    INSERT INTO api_key (client, key_hash, key_prefix, roles, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key_hash) DO UPDATE SET client = api_key.client
                    RETURNING id""",
                    client, hash(key), storedPrefix(key), Sql.textArray(c, ordered),
                    clock.instant(), createdBy);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return new IssuedKey(id, client, ordered, key);
    }

    public boolean revoke(long id, String revokedBy) {
        int n = db.inTransaction(c -> Sql.update(c,
                "UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL", clock.instant(), revokedBy, id));
        cache.clear();
        return n == 1;
    }

    public List<KeyInfo> list() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM api_key ORDER BY id"); var rs = ps.executeQuery()) {
                List<KeyInfo> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new KeyInfo(rs.getLong("id"), rs.getString("client"), shownPrefix(rs.getString("key_prefix")),
                            Set.copyOf(Sql.strings(rs, "roles")), Sql.instant(rs, "created_at"), rs.getString("created_by"),
                            Sql.instant(rs, "revoked_at"), rs.getString("revoked_by")));
                }
                return out;
            }
        });
    }

    /** The first characters, or none of a key too short to give any away (a quarter at most). */
    static String storedPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX, key.length() / 4));
    }

    /**
     * Rows written before keys had a minimum length may hold a whole short key as their prefix: a stored prefix
     * shorter than {@value #SHOWN_PREFIX} is shown as nothing.
     */
    static String shownPrefix(String stored) {
        if (stored == null || stored.length() < SHOWN_PREFIX) return "";
        return stored.substring(0, SHOWN_PREFIX);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
