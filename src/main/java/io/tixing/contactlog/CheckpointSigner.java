package io.tixing.contactlog;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs retention checkpoints with HMAC-SHA256. The key lives outside the database (config or a file under
 * data/), so someone who can only write to PostgreSQL cannot forge a checkpoint to hide a rewritten prefix.
 */
@ApplicationScoped
public class CheckpointSigner {

    private static final Logger LOG = Logger.getLogger(CheckpointSigner.class);

    private final byte[] key;

    public CheckpointSigner(ContactLogConfig config) {
        String configured = config.checkpointKey().filter(k -> !k.isBlank()).orElse(null);
        this.key = (configured != null ? configured : fromFile(Path.of(config.checkpointKeyFile()))).getBytes(StandardCharsets.UTF_8);
    }

    /** The signed text: every field of the checkpoint, fixed order, '|' separated (none of them can contain '|'). */
    static String payload(int chainId, long upToPos, String lastHash, Instant at, Instant cutoff) {
        return chainId + "|" + upToPos + "|" + lastHash + "|" + at + "|" + cutoff;
    }

    public String sign(int chainId, long upToPos, String lastHash, Instant at, Instant cutoff) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload(chainId, upToPos, lastHash, at, cutoff).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(int chainId, long upToPos, String lastHash, Instant at, Instant cutoff, String signature) {
        String expected = sign(chainId, upToPos, lastHash, at, cutoff);
        return signature != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            Files.writeString(file, generated + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            LOG.infof("Generated a contact-log checkpoint key in %s; back it up with the database", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the checkpoint key file " + file, e);
        }
    }
}
