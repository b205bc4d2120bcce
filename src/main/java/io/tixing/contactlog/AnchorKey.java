package io.tixing.contactlog;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The Ed25519 key that signs chain anchors. Kept in a file outside PostgreSQL (mode 0600), generated on first
 * start: database access alone is not enough to forge an anchor. File format: two lines, the PKCS#8 private key
 * and the X.509 public key, both Base64. The public key is also written next to it ({@code .pub}) for auditors.
 */
final class AnchorKey {

    private static final Logger LOG = Logger.getLogger(AnchorKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AnchorKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static AnchorKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) create(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2) throw new IllegalStateException("anchor key file " + file + " must hold two Base64 lines (private, public)");
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            return new AnchorKey(factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).strip()))),
                    factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the anchor key file " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("anchor key file " + file + " is not an Ed25519 key pair", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Written whole under a temporary name (0600 from the start), then linked into place: another instance
        // starting at the same moment either wins the link (and this one uses its key) or finds a complete file.
        Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            return; // another instance created it first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
        Files.writeString(Path.of(file + ".pub"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        LOG.infof("Generated the contact-log anchor signing key in %s (Ed25519); back it up apart from the database", file.toAbsolutePath());
    }

    /** A short, stable name of the public key, written into every anchor. */
    String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean valid(String payload, String signature) {
        if (signature == null) return false;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
