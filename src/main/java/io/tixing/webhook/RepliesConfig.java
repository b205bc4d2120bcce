package io.tixing.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How inbound replies are read (docs/CHANNELS.md, "Inbound replies"). */
@ConfigMapping(prefix = "tixing.replies")
public interface RepliesConfig {

    /**
     * A directory holding the keyword files ({@code opt-out.<locale>.txt}, {@code opt-in.<locale>.txt}, {@code intents.<locale>.txt}) instead of
     * the shipped ones, so compliance can extend the lists without a rebuild; every file must be there.
     */
    Optional<String> keywordDirectory();

    /** One keyword file per intent for each of these. */
    @WithDefault("en-US,zh-CN,zh-TW,zh-HK")
    List<String> locales();

    /** A reply of at most this many words (and {@link #shortReplyMaxChars()}) is short: a keyword in it is clearly meant. */
    @WithDefault("10")
    int shortReplyMaxWords();

    @WithDefault("40")
    int shortReplyMaxChars();
}
