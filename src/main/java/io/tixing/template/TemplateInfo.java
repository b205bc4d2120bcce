package io.tixing.template;

/** Stand-in. */
public record TemplateInfo(String key) {}
