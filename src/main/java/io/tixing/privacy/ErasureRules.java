package io.tixing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePacks;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code erasure:} rule of every rule pack, read from the same {@code rulepacks/<NAME>.yaml} files. A pack that
 * does not say fails start-up: whether a borrower may have their data erased is law, not a default to guess.
 */
@ApplicationScoped
public class ErasureRules {

    private final Map<String, ErasureRule> rules = new TreeMap<>();

    public ErasureRules(RulePacks packs) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = ErasureRules.class.getClassLoader();
        YAMLMapper yaml = new YAMLMapper();
        for (RulePack pack : packs.all()) {
            String source = "rulepacks/" + pack.name() + ".yaml";
            try (InputStream in = loader.getResourceAsStream(source)) {
                if (in == null) throw new IllegalStateException(source + " not found for pack " + pack.name());
                JsonNode erasure = yaml.readTree(in).get("erasure");
                if (erasure == null || !erasure.isTextual()) throw new IllegalStateException(source + ": erasure is missing");
                rules.put(pack.name(), ErasureRule.parse(erasure.asText(), source));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The pack's rule; a pack name not known here (an entry of a retired pack) is treated as the strictest. */
    public ErasureRule of(String pack) { return rules.getOrDefault(pack, ErasureRule.REFUSED_WITHIN_RETENTION); }
}
