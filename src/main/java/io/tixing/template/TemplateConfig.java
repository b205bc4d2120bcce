package io.tixing.template;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tixing.templates")
public interface TemplateConfig {

    /** The template catalog folder (one folder per template key, plus _lint/ word lists). */
    @WithDefault("templates")
    String dir();

    /** How often the folder is checked for edits; a bad edit never replaces the last good catalog. */
    @WithDefault("10s")
    Duration reloadCheck();
}
