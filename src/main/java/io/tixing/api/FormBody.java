package io.tixing.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies (the Twilio webhooks) into a map, in place of the built-in
 * reader, which fails with an index error on a pair that is only {@code =} and cuts a value at a second {@code =}.
 * A parameter with an empty name, a broken %-escape or a NUL character is the sender's error: 400 naming it,
 * before anything else (the signature check included) looks at the form.
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBody implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        if (!MultivaluedMap.class.equals(type)) return false;
        if (!(genericType instanceof ParameterizedType p)) return true;
        Type[] args = p.getActualTypeArguments();
        return args.length == 2 && String.class.equals(args[0]) && String.class.equals(args[1]);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType, Annotation[] annotations,
                                                   MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body)
            throws IOException {
        Charset charset = charset(mediaType);
        return parse(new String(body.readAllBytes(), charset), charset);
    }

    /** WHATWG form parsing: pairs split at {@code &} (empty ones skipped), name and value at the first {@code =}. */
    static MultivaluedMap<String, String> parse(String text, Charset charset) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (text.isEmpty()) return form;
        int position = 0;
        for (String pair : text.split("&", -1)) {
            position++;
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, charset, "parameter " + position);
            if (name.isEmpty()) throw malformed("form parameter " + position + " has an empty name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset, name);
            if (name.indexOf('\0') >= 0) throw malformed("form parameter " + position + " has a NUL character in its name");
            if (value.indexOf('\0') >= 0) throw ProblemException.badRequest(name, "must not contain a NUL character (U+0000)");
            form.add(name, value);
        }
        return form;
    }

    private static String decode(String raw, Charset charset, String what) {
        try {
            return URLDecoder.decode(raw, charset);
        } catch (IllegalArgumentException e) {
            throw malformed("the form body is not valid URL encoding (" + what + ")");
        }
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw malformed("unknown charset '" + name + "'");
        }
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(new Problem(Problem.BASE + "malformed-form", "Malformed form body", 400, detail, List.of()));
    }
}
