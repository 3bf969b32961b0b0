package dev.portico.autoinvite.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.autoinvite.condition.Condition;
import dev.portico.autoinvite.condition.ConditionCompiler;
import dev.portico.autoinvite.condition.Facts;
import dev.portico.autoinvite.service.CompiledConfig;
import dev.portico.kit.problem.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The condition evaluator alone (no Kafka, no database): 50 compiled configurations, each with a common condition
 * and three language rules, tried in order against distinct records the way a record change is evaluated; the
 * figure is record changes evaluated per second on one thread. Run with {@code bin/portico bench evaluator}.
 */
public final class EvaluatorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("Full_Name", "TEXT", "Email", "EMAIL", "Country", "TEXT",
            "Subscription", "PICKLIST", "Age", "NUMBER", "Interests", "MULTI_PICKLIST");

    private EvaluatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<CompiledConfig> configs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Condition common = compile("""
                    {"all": [{"field": "Subscription", "op": "in", "value": ["Paid", "Trial"]},
                             {"not": {"field": "Email", "op": "is_empty"}},
                             {"field": "Age", "op": "gte", "value": %d}]}""".formatted(i == 49 ? 0 : 200 + i));
            List<CompiledConfig.Rule> rules = List.of(
                    new CompiledConfig.Rule("fr", compile("{\"field\": \"Country\", \"op\": \"in\", \"value\": [\"France\", \"Belgium\"]}")),
                    new CompiledConfig.Rule("de", compile("{\"any\": [{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"Germany\"},"
                            + "{\"field\": \"Interests\", \"op\": \"contains\", \"value\": \"German\"}]}")),
                    new CompiledConfig.Rule("en", null));
            configs.add(new CompiledConfig(UUID.randomUUID(), Instant.now(), Set.of("CREATE", "UPDATE"), common, rules));
        }
        List<Facts> records = new ArrayList<>();
        String[] countries = {"France", "Germany", "Japan", "Belgium", "Spain"};
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> record = new HashMap<>();
            record.put("Full_Name", "Person " + i);
            record.put("Email", "p" + i + "@customer.example");
            record.put("Country", countries[i % countries.length]);
            record.put("Subscription", i % 3 == 0 ? "Free" : "Paid");
            record.put("Age", 20 + i % 60);
            record.put("Interests", List.of("Sports", i % 7 == 0 ? "German" : "Music"));
            records.add(new Facts(record, Set.of("Country")));
        }
        run(configs, records, 3_000); // warm-up
        long[] result = run(configs, records, 5_000);
        double perSecond = result[0] * 1000.0 / result[1];
        System.out.printf("evaluator: %d record changes against 50 configurations in %d ms = %,.0f changes/s on one "
                + "thread (%.1f µs each); %d invites%n", result[0], result[1], perSecond, 1000.0 * result[1] / result[0],
                result[2]);
    }

    /** Evaluates for {@code millis}; {changes, millis taken, changes that would request an invite}. */
    private static long[] run(List<CompiledConfig> configs, List<Facts> records, long millis) {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long changes = 0;
        long invites = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                // a change is read once, as in the service: its own Facts, nothing normalised yet
                Facts template = records.get((int) (changes % records.size()));
                Facts facts = new Facts(template.record(), template.changedFields());
                for (CompiledConfig config : configs) {
                    if (config.language(facts) != null) {
                        invites++;
                        break;
                    }
                }
                changes++;
            }
        }
        return new long[] {changes, (System.nanoTime() - start) / 1_000_000, invites};
    }

    private static Condition compile(String json) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        Condition condition = new ConditionCompiler(TYPES, errors).compile(JSON.readTree(json), "c");
        if (!errors.isEmpty()) {
            throw new IllegalStateException(json + ": " + errors);
        }
        return condition;
    }
}
