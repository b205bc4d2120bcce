package io.tixing.api;

/** One bad input field: its JSON path (e.g. {@code borrower.phone}) and why it was refused. */
public record FieldError(String field, String message) {}
