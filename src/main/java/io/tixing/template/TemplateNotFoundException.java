package io.tixing.template;

/** Preview of a key, or a channel of a key, that the catalog does not have (the REST edge answers 404). */
public class TemplateNotFoundException extends RuntimeException {
    public TemplateNotFoundException(String message) {
        super(message);
    }
}
