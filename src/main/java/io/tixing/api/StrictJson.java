package io.tixing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Text fields take JSON strings only: a number or boolean where the contract has a string (e.g. {@code "amountDue": 1234.5}
 * for {@code "1234.50"}) is a 400 naming the field, not silently turned into text. No string may hold a NUL
 * ({@code \u0000}): PostgreSQL refuses it in text, so it is a 400 naming the field rather than a 500 at the insert.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNul()));
    }

    public static final String NUL_MESSAGE = "must not contain a NUL character (U+0000)";

    static final class NoNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws java.io.IOException {
            String value = super.deserialize(p, ctx);
            if (value != null && value.indexOf('\0') >= 0) throw InvalidFormatException.from(p, NUL_MESSAGE, value, String.class);
            return value;
        }
    }
}
