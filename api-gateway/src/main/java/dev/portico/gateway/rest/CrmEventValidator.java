package dev.portico.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.RecordChanged;
import dev.portico.events.RecordState;
import dev.portico.kit.problem.FieldError;
import dev.portico.gateway.config.GatewayConfig;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks CRM record-changed events before anything is published: every problem of every event is named
 * by its JSON path ({@code events[3].operation}); one bad event refuses the whole batch, and so does one
 * event too large for Kafka ({@code EVENT_TOO_LARGE}), so that a refused request publishes nothing.
 */
@ApplicationScoped
public class CrmEventValidator {

    public static final int MAX_EVENTS = 1000;
    static final int MAX_FIELDS = 500;
    private static final Pattern MODULE = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,49}$");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    GatewayConfig config;

    /** One event, or {@code {"events": [...]}}, as the events to publish for {@code orgId}. */
    public List<RecordChanged> validate(JsonNode body, String orgId) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("INVALID_EVENT", "$", "must be an event object or {\"events\": [...]}");
        }
        boolean batch = body.has("events") && !body.has("module");
        List<JsonNode> nodes = new ArrayList<>();
        if (batch) {
            JsonNode events = body.get("events");
            if (!events.isArray() || events.isEmpty()) {
                throw ProblemException.invalid("INVALID_EVENT", "events", "must be a non-empty array");
            }
            if (events.size() > MAX_EVENTS) {
                throw ProblemException.invalid("TOO_MANY_EVENTS", "events",
                        "at most " + MAX_EVENTS + " events per request, got " + events.size());
            }
            events.forEach(nodes::add);
        } else {
            nodes.add(body);
        }
        List<FieldError> errors = new ArrayList<>();
        List<RecordChanged> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = batch ? "events[" + i + "]." : "";
            RecordChanged event = one(nodes.get(i), orgId, prefix, errors);
            if (event != null) {
                out.add(event);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("INVALID_EVENT", errors.size() + " problem(s) in the events; none was accepted.",
                    errors);
        }
        List<FieldError> tooLarge = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            long bytes = size(out.get(i));
            if (bytes > config.crmMaxEventBytes()) {
                tooLarge.add(new FieldError(batch ? "events[" + i + "]" : "$", "is " + bytes
                        + " bytes as published; at most " + config.crmMaxEventBytes(), "EVENT_TOO_LARGE"));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw ProblemException.invalid("EVENT_TOO_LARGE", tooLarge.size()
                    + " event(s) too large to publish; none was accepted.", tooLarge);
        }
        return out;
    }

    private long size(RecordChanged event) {
        try {
            return mapper.writeValueAsBytes(event).length + event.key().getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text of the event, keys included, must be free of control characters (the rule of all text input). */
    private static void controls(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual() && Text.hasControlCharacters(node.textValue())) {
            errors.add(new FieldError(path, "must not contain control characters", "INVALID_CHARACTERS"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (Text.hasControlCharacters(field.getKey())) {
                    errors.add(new FieldError(path.isEmpty() ? "$" : path, "has a field name with control characters",
                            "INVALID_CHARACTERS"));
                } else {
                    controls(field.getValue(), child, errors);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                controls(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private RecordChanged one(JsonNode node, String orgId, String prefix, List<FieldError> errors) {
        int before = errors.size();
        if (!node.isObject()) {
            errors.add(new FieldError(prefix.isEmpty() ? "$" : prefix.substring(0, prefix.length() - 1), "must be an object"));
            return null;
        }
        JsonNode orgNode = node.get("orgId");
        if (orgNode != null && !orgNode.isNull() && !orgNode.isTextual()) {
            errors.add(new FieldError(prefix + "orgId", "must be a string (the token's org) or left out"));
            return null;
        }
        String org = text(node, "orgId");
        if (org != null && !org.equals(orgId)) {
            throw new ProblemException(403, "ORG_MISMATCH", "Events can only be sent for the token's own org.",
                    List.of(new FieldError(prefix + "orgId", "is not the token's org")));
        }
        controls(node, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), errors);
        UUID eventId = parse(node, "eventId", prefix, errors, UUID::fromString, "must be a UUID");
        Instant occurredAt = parse(node, "occurredAt", prefix, errors, Instant::parse, "must be an ISO-8601 instant");
        String module = text(node, "module");
        if (module == null || !MODULE.matcher(module).matches()) {
            errors.add(new FieldError(prefix + "module", "must be a module name (a letter, then letters, digits or '_')"));
        }
        String recordId = text(node, "recordId");
        if (recordId == null || recordId.isBlank() || recordId.length() > 100) {
            errors.add(new FieldError(prefix + "recordId", "must be a non-blank string of at most 100 characters"));
        }
        RecordChanged.Operation operation = parse(node, "operation", prefix, errors, RecordChanged.Operation::valueOf,
                "must be CREATED, UPDATED or DELETED");
        if (operation == null && !node.hasNonNull("operation")) {
            errors.add(new FieldError(prefix + "operation", "is required"));
        }
        JsonNode version = node.get("version");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber() || version.asLong() < 0) {
            errors.add(new FieldError(prefix + "version", "must be a whole number of 0 or more"));
        }
        JsonNode record = node.get("record");
        if (record == null || record.isNull()) {
            if (operation != RecordChanged.Operation.DELETED) {
                errors.add(new FieldError(prefix + "record", "is required unless the operation is DELETED"));
            }
        } else if (!record.isObject()) {
            errors.add(new FieldError(prefix + "record", "must be an object of field values"));
        } else if (record.size() > MAX_FIELDS) {
            errors.add(new FieldError(prefix + "record", "has more than " + MAX_FIELDS + " fields"));
        }
        List<String> changed = changedFields(node, prefix, errors);
        RecordState state = state(node.get("state"), prefix, errors);
        if (errors.size() > before) {
            return null;
        }
        Map<String, Object> fields = record == null || record.isNull() ? Map.of() : mapper.convertValue(record, MAP);
        return new RecordChanged(eventId == null ? UUID.randomUUID() : eventId, RecordChanged.TYPE, orgId,
                occurredAt == null ? Instant.now(clock) : occurredAt, module, recordId, operation, version.asLong(),
                fields, changed, state);
    }

    private static List<String> changedFields(JsonNode node, String prefix, List<FieldError> errors) {
        JsonNode changed = node.get("changedFields");
        if (changed == null || changed.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!changed.isArray()) {
            errors.add(new FieldError(prefix + "changedFields", "must be an array of field names"));
            return out;
        }
        for (int i = 0; i < changed.size(); i++) {
            if (!changed.get(i).isTextual()) {
                errors.add(new FieldError(prefix + "changedFields[" + i + "]", "must be a field name"));
            } else {
                out.add(changed.get(i).asText());
            }
        }
        return out;
    }

    private static RecordState state(JsonNode node, String prefix, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return RecordState.CLEAR;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(prefix + "state", "must be an object"));
            return null;
        }
        String path = prefix + "state.";
        RecordState.Approval approval = parse(node, "approval", path, errors, RecordState.Approval::valueOf,
                "must be NONE or PENDING");
        RecordState.Review review = parse(node, "review", path, errors, RecordState.Review::valueOf,
                "must be NONE or IN_REVIEW");
        RecordState.Consent consent = parse(node, "consent", path, errors, RecordState.Consent::valueOf,
                "must be GRANTED, PENDING, DENIED or NOT_REQUIRED");
        return new RecordState(approval == null ? RecordState.Approval.NONE : approval,
                review == null ? RecordState.Review.NONE : review,
                consent == null ? RecordState.Consent.NOT_REQUIRED : consent);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
    }

    private static <T> T parse(JsonNode node, String field, String prefix, List<FieldError> errors,
            Function<String, T> parser, String message) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isTextual()) {
                throw new IllegalArgumentException();
            }
            return parser.apply(value.asText());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new FieldError(prefix + field, message));
            return null;
        }
    }
}
