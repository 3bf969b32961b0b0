package dev.portico.kit.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Makes the shared ObjectMapper (request bodies and, in the services, Kafka events) read JSON strictly:
 * a repeated key or content after the value is malformed JSON; a number is not a string, a boolean or an
 * enum, a fraction is not a whole number, and a string is not a number or a boolean (each a 400 naming the
 * field); a typed text field with a control character is refused ({@link ControlCharactersException}).
 * Unknown properties stay ignored (Quarkus' default), as the event records expect.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("portico-strict-text").addDeserializer(String.class, TextDeserializer.LENIENT));
    }

    /** A text field holds a control character; {@code ProblemMappers} answers 400 {@code INVALID_CHARACTERS}. */
    public static final class ControlCharactersException extends MismatchedInputException {

        ControlCharactersException(JsonParser parser) {
            super(parser, "Text contains a control character", String.class);
        }
    }

    /**
     * Strings of typed fields (record components, list and map elements, the root value) are checked. Jackson
     * asks for the non-contextual instance only for the values of untyped data ({@code Map<String, Object>},
     * such as CRM record fields), which are data to carry, not text input, and stay as they are.
     */
    static final class TextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

        static final TextDeserializer LENIENT = new TextDeserializer(false);
        static final TextDeserializer STRICT = new TextDeserializer(true);

        private final boolean strict;

        private TextDeserializer(boolean strict) {
            super(String.class);
            this.strict = strict;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return STRICT;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (strict && Text.hasControlCharacters(value)) {
                throw new ControlCharactersException(parser);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
