package io.tixing.reply;

/** A keyword file that cannot be used: start-up stops with the file, the line and what is wrong. */
public class MalformedKeywordFile extends RuntimeException {

    public MalformedKeywordFile(String message) {
        super(message);
    }

    public MalformedKeywordFile(String message, Throwable cause) {
        super(message, cause);
    }
}
