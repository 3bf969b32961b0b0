package dev.portico.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code asyncapi.yaml} is a valid AsyncAPI 3.0 document (the official JSON Schema, kept in
 * {@code src/test/resources}) and says what the code does: one channel per {@link Topics#ALL} entry, each
 * carrying the event record whose {@code topic()} it is, every event record on a channel, and every schema's
 * properties, types and enum values those of its record's components. A record changed without the document
 * (or the other way round) fails here.
 */
class AsyncApiDocumentTest {

    private static final String PREFIX = "#/components/schemas/";

    private final JsonNode doc = readDocument();

    @Test
    void isAValidAsyncApi3Document() throws IOException {
        String schema = resource("asyncapi-3.0.0.schema.json");
        var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(schema, InputFormat.JSON)
                .validate(resource("asyncapi.yaml"), InputFormat.YAML);
        assertTrue(errors.isEmpty(), () -> "asyncapi.yaml is not valid AsyncAPI 3.0: " + errors);
    }

    @Test
    void channelsAreExactlyTheTopicsWithTheirEventRecord() throws Exception {
        Map<String, String> payloadByAddress = new TreeMap<>();
        doc.path("channels").forEach(channel -> {
            List<String> messages = new ArrayList<>();
            channel.path("messages").forEach(m -> messages.add(m.path("$ref").asText()));
            assertEquals(1, messages.size(), "one message per channel " + channel.path("address"));
            JsonNode message = resolve(messages.get(0));
            payloadByAddress.put(channel.path("address").asText(), schemaName(message.path("payload")));
        });
        assertEquals(new TreeSet<>(Topics.ALL), payloadByAddress.keySet(), "channels vs Topics.ALL");

        Map<String, String> eventByTopic = new TreeMap<>();
        for (Class<?> event : eventRecords()) {
            eventByTopic.put(topicOf(event), schemaNameOf(event));
        }
        assertEquals(eventByTopic, payloadByAddress, "each topic's payload is the record whose topic() it is");
    }

    @Test
    void everySchemaMatchesItsRecord() {
        Set<String> checked = new HashSet<>();
        for (Class<?> event : eventRecords()) {
            checkRecord(event, checked);
        }
        Set<String> documented = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(documented::add);
        assertEquals(new TreeSet<>(checked), documented, "schemas in the document vs types the events use");
    }

    @Test
    void examplesAreValidPayloadsThatTheRecordsRead() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        int examples = 0;
        for (var it = doc.path("components").path("messages").fields(); it.hasNext(); ) {
            var message = it.next();
            String name = schemaName(message.getValue().path("payload"));
            for (JsonNode example : message.getValue().path("examples")) {
                var errors = registry.getSchema(standalone(name), InputFormat.JSON)
                        .validate(json.writeValueAsString(example.path("payload")), InputFormat.JSON);
                assertTrue(errors.isEmpty(), () -> message.getKey() + " example " + example.path("name") + ": " + errors);
                Object event = json.treeToValue(example.path("payload"), Class.forName(className(name)));
                assertEquals(example.path("payload"), json.readTree(json.writeValueAsString(event)),
                        message.getKey() + " example " + example.path("name") + " round-trips through its record");
                examples++;
            }
        }
        assertTrue(examples > 0, "the document has examples");
    }

    private void checkRecord(Class<?> type, Set<String> checked) {
        String name = schemaNameOf(type);
        if (!checked.add(name)) {
            return;
        }
        JsonNode schema = doc.path("components").path("schemas").path(name);
        assertTrue(schema.isObject(), "no schema " + name + " for " + type.getName());
        if (type.isEnum()) {
            assertEquals(enumValues(type), texts(schema.path("enum")), name + " enum");
            return;
        }
        assertEquals("object", schema.path("type").asText(), name + " type");
        Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(components, properties, name + " properties vs " + type.getName() + " components");
        for (RecordComponent component : type.getRecordComponents()) {
            checkProperty(name + "." + component.getName(), component.getGenericType(),
                    schema.path("properties").path(component.getName()), checked);
        }
    }

    private void checkProperty(String where, Type type, JsonNode property, Set<String> checked) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord() || (raw.isEnum() && raw.getEnclosingClass() == null)) {
            assertEquals(PREFIX + schemaNameOf(raw), property.path("$ref").asText(), where + " refers to its type");
            checkRecord(raw, checked);
        } else if (raw.isEnum()) {
            assertEquals("string", property.path("type").asText(), where + " type");
            assertEquals(enumValues(raw), texts(property.path("enum")), where + " enum");
        } else if (raw == List.class) {
            assertEquals("array", property.path("type").asText(), where + " type");
            checkProperty(where + "[]", ((ParameterizedType) type).getActualTypeArguments()[0], property.path("items"),
                    checked);
        } else {
            assertEquals(jsonType(raw), types(property), where + " type");
            if (raw == UUID.class) {
                assertEquals("uuid", property.path("format").asText(), where + " format");
            } else if (raw == Instant.class) {
                assertEquals("date-time", property.path("format").asText(), where + " format");
            }
        }
    }

    private static Set<String> jsonType(Class<?> raw) {
        if (raw == String.class || raw == UUID.class || raw == Instant.class) {
            return Set.of("string");
        } else if (raw == int.class || raw == long.class) {
            return Set.of("integer");
        } else if (raw == Integer.class || raw == Long.class) {
            return Set.of("integer", "null");
        } else if (raw == boolean.class) {
            return Set.of("boolean");
        } else if (raw == Map.class) {
            return Set.of("object");
        }
        throw new AssertionError("no JSON type known for " + raw + ": teach AsyncApiDocumentTest");
    }

    private static Set<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        return type.isArray() ? texts(type) : Set.of(type.asText());
    }

    /** Every concrete {@link PorticoEvent} record in this package (read from the compiled classes). */
    private static List<Class<?>> eventRecords() {
        try {
            Path dir = Path.of(PorticoEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("dev/portico/events");
            List<Class<?>> events = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName("dev.portico.events." + simple);
                    if (type.isRecord() && PorticoEvent.class.isAssignableFrom(type)
                            && !Modifier.isAbstract(type.getModifiers())) {
                        events.add(type);
                    }
                }
            }
            assertTrue(events.size() >= Topics.ALL.size(), "event records found: " + events);
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String topicOf(Class<?> event) throws Exception {
        Constructor<?> canonical = event.getDeclaredConstructor(Arrays.stream(event.getRecordComponents())
                .map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] args = Arrays.stream(canonical.getParameterTypes()).map(AsyncApiDocumentTest::zero).toArray();
        return ((PorticoEvent) canonical.newInstance(args)).topic();
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        }
        return null;
    }

    /** {@code ConfigEvent.Org} for the nested record, {@code RecordChanged} for a top-level one. */
    private static String schemaNameOf(Class<?> type) {
        return type.getName().substring("dev.portico.events.".length()).replace('$', '.');
    }

    private static String className(String schemaName) {
        return "dev.portico.events." + schemaName.replace('.', '$');
    }

    private static String schemaName(JsonNode ref) {
        String text = ref.path("$ref").asText();
        assertTrue(text.startsWith(PREFIX), "a payload refers to a component schema: " + ref);
        return text.substring(PREFIX.length());
    }

    private JsonNode resolve(String pointer) {
        return doc.at(pointer.substring(1));
    }

    /** One component schema as a self-contained JSON Schema: the others under {@code definitions}. */
    private String standalone(String name) {
        String schemas = doc.path("components").path("schemas").toString()
                .replace("\"" + PREFIX, "\"#/definitions/");
        return "{\"$ref\":\"#/definitions/" + name + "\",\"definitions\":" + schemas + "}";
    }

    private static Set<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode readDocument() {
        try {
            return new YAMLMapper().readTree(resource("asyncapi.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
