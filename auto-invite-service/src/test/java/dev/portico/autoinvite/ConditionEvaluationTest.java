package dev.portico.autoinvite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.autoinvite.condition.Condition;
import dev.portico.autoinvite.condition.ConditionCompiler;
import dev.portico.autoinvite.condition.Facts;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator matrix: every operator on every field type, empty values and multi-pick lists (no Quarkus). */
class ConditionEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = World.FIELDS.stream()
            .collect(Collectors.toMap(ConfigEvent.Field::name, ConfigEvent.Field::type));

    private static boolean matches(String condition, Map<String, Object> record, String... changed) {
        List<FieldError> errors = new ArrayList<>();
        try {
            Condition compiled = new ConditionCompiler(TYPES, errors).compile(JSON.readTree(condition), "c");
            assertThat(errors).as(condition).isEmpty();
            boolean matched = compiled.test(new Facts(record, Set.of(changed))).matched();
            assertThat(compiled.matches(new Facts(record, Set.of(changed))))
                    .as("evaluation's answer to " + condition + " is the dry run's").isEqualTo(matched);
            return matched;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> rec(Object... pairs) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    private static String leaf(String field, String op, String value) {
        return "{\"field\":\"" + field + "\",\"op\":\"" + op + "\"" + (value == null ? "" : ",\"value\":" + value) + "}";
    }

    @Test
    void textComparesCaseInsensitively() {
        Map<String, Object> r = rec("Country", " France ");
        assertThat(matches(leaf("Country", "eq", "\"FRANCE\""), r)).isTrue();
        assertThat(matches(leaf("Country", "eq", "\"Spain\""), r)).isFalse();
        assertThat(matches(leaf("Country", "ne", "\"Spain\""), r)).isTrue();
        assertThat(matches(leaf("Country", "ne", "\"france\""), r)).isFalse();
        assertThat(matches(leaf("Country", "in", "[\"Belgium\",\"france\"]"), r)).isTrue();
        assertThat(matches(leaf("Country", "in", "[\"Belgium\"]"), r)).isFalse();
        assertThat(matches(leaf("Country", "not_in", "[\"Belgium\"]"), r)).isTrue();
        assertThat(matches(leaf("Country", "not_in", "[\"FRANCE\"]"), r)).isFalse();
        assertThat(matches(leaf("Country", "contains", "\"ANC\""), r)).isTrue();
        assertThat(matches(leaf("Country", "contains", "\"x\""), r)).isFalse();
        assertThat(matches(leaf("Country", "not_contains", "\"x\""), r)).isTrue();
        assertThat(matches(leaf("Country", "not_contains", "\"an\""), r)).isFalse();
        assertThat(matches(leaf("Country", "starts_with", "\"fr\""), r)).isTrue();
        assertThat(matches(leaf("Country", "starts_with", "\"an\""), r)).isFalse();
        assertThat(matches(leaf("Country", "ends_with", "\"NCE\""), r)).isTrue();
        assertThat(matches(leaf("Country", "ends_with", "\"fr\""), r)).isFalse();
        assertThat(matches(leaf("Subscription", "eq", "\"paid\""), rec("Subscription", "Paid"))).isTrue();
        assertThat(matches(leaf("Email", "ends_with", "\"@ACME.example\""), rec("Email", "a@acme.example"))).isTrue();
    }

    @Test
    void emptyValuesMatchOnlyEmptinessAndNegativeOperators() {
        for (Map<String, Object> empty : List.of(rec(), rec("Country", null), rec("Country", "  "))) {
            assertThat(matches(leaf("Country", "is_empty", null), empty)).isTrue();
            assertThat(matches(leaf("Country", "is_not_empty", null), empty)).isFalse();
            assertThat(matches(leaf("Country", "eq", "\"France\""), empty)).isFalse();
            assertThat(matches(leaf("Country", "ne", "\"France\""), empty)).isTrue();
            assertThat(matches(leaf("Country", "in", "[\"France\"]"), empty)).isFalse();
            assertThat(matches(leaf("Country", "not_in", "[\"France\"]"), empty)).isTrue();
            assertThat(matches(leaf("Country", "contains", "\"F\""), empty)).isFalse();
            assertThat(matches(leaf("Country", "not_contains", "\"F\""), empty)).isTrue();
            assertThat(matches(leaf("Country", "starts_with", "\"F\""), empty)).isFalse();
            assertThat(matches(leaf("Age", "gt", "1"), empty)).isFalse();
            assertThat(matches(leaf("Age", "lte", "1"), empty)).isFalse();
            assertThat(matches(leaf("Age", "between", "[1, 2]"), empty)).isFalse();
        }
        assertThat(matches(leaf("Country", "is_not_empty", null), rec("Country", "France"))).isTrue();
        assertThat(matches(leaf("Country", "is_empty", null), rec("Country", "France"))).isFalse();
        assertThat(matches(leaf("Interests", "is_empty", null), rec("Interests", List.of()))).isTrue();
        assertThat(matches(leaf("Partners", "is_empty", null), rec("Partners", List.of()))).isTrue();
        assertThat(matches(leaf("Account_Name", "is_empty", null), rec("Account_Name", Map.of()))).isTrue();
        assertThat(matches(leaf("Account_Name", "is_not_empty", null), rec("Account_Name", Map.of("id", "a-1")))).isTrue();
        assertThat(matches(leaf("Vip", "is_empty", null), rec())).isTrue();
        assertThat(matches(leaf("Birthday", "is_not_empty", null), rec("Birthday", "2000-02-29"))).isTrue();
    }

    @Test
    void numbersCompareByValue() {
        Map<String, Object> r = rec("Age", 42, "Revenue", "1500.50");
        assertThat(matches(leaf("Age", "eq", "42.0"), r)).isTrue();
        assertThat(matches(leaf("Age", "ne", "42"), r)).isFalse();
        assertThat(matches(leaf("Age", "in", "[1, 42]"), r)).isTrue();
        assertThat(matches(leaf("Age", "not_in", "[1, 42]"), r)).isFalse();
        assertThat(matches(leaf("Age", "gt", "41"), r)).isTrue();
        assertThat(matches(leaf("Age", "gt", "42"), r)).isFalse();
        assertThat(matches(leaf("Age", "gte", "42"), r)).isTrue();
        assertThat(matches(leaf("Age", "lt", "42"), r)).isFalse();
        assertThat(matches(leaf("Age", "lte", "42"), r)).isTrue();
        assertThat(matches(leaf("Age", "between", "[42, 50]"), r)).isTrue();
        assertThat(matches(leaf("Age", "between", "[43, 50]"), r)).isFalse();
        assertThat(matches(leaf("Revenue", "gte", "1500.5"), r)).isTrue();
        assertThat(matches(leaf("Revenue", "lt", "1000"), r)).isFalse();
        assertThat(matches(leaf("Age", "gt", "1"), rec("Age", "forty"))).isFalse();
        assertThat(matches(leaf("Age", "ne", "1"), rec("Age", "forty"))).isFalse();
    }

    @Test
    void datesAndDateTimesCompareInTime() {
        Map<String, Object> r = rec("Birthday", "1990-06-15", "Last_Login", "2026-03-01T10:15:00+01:00");
        assertThat(matches(leaf("Birthday", "eq", "\"1990-06-15\""), r)).isTrue();
        assertThat(matches(leaf("Birthday", "ne", "\"1990-06-15\""), r)).isFalse();
        assertThat(matches(leaf("Birthday", "in", "[\"1990-06-15\", \"2000-01-01\"]"), r)).isTrue();
        assertThat(matches(leaf("Birthday", "not_in", "[\"2000-01-01\"]"), r)).isTrue();
        assertThat(matches(leaf("Birthday", "gt", "\"1990-06-14\""), r)).isTrue();
        assertThat(matches(leaf("Birthday", "gte", "\"1990-06-16\""), r)).isFalse();
        assertThat(matches(leaf("Birthday", "lt", "\"2000-01-01\""), r)).isTrue();
        assertThat(matches(leaf("Birthday", "lte", "\"1990-06-14\""), r)).isFalse();
        assertThat(matches(leaf("Birthday", "between", "[\"1990-01-01\", \"1990-12-31\"]"), r)).isTrue();
        assertThat(matches(leaf("Last_Login", "eq", "\"2026-03-01T09:15:00Z\""), r)).isTrue();
        assertThat(matches(leaf("Last_Login", "gt", "\"2026-03-01T09:00:00Z\""), r)).isTrue();
        assertThat(matches(leaf("Last_Login", "gte", "\"2026-03-02\""), r)).isFalse();
        assertThat(matches(leaf("Last_Login", "lt", "\"2026-03-02\""), r)).isTrue();
        assertThat(matches(leaf("Last_Login", "lte", "\"2026-03-01T09:15:00Z\""), r)).isTrue();
        assertThat(matches(leaf("Last_Login", "ne", "\"2026-03-01T09:15:00Z\""), r)).isFalse();
        assertThat(matches(leaf("Last_Login", "between", "[\"2026-03-01\", \"2026-03-31\"]"), r)).isTrue();
        assertThat(matches(leaf("Birthday", "gt", "\"1990-01-01\""), rec("Birthday", "not a date"))).isFalse();
    }

    @Test
    void booleans() {
        assertThat(matches(leaf("Vip", "eq", "true"), rec("Vip", true))).isTrue();
        assertThat(matches(leaf("Vip", "eq", "true"), rec("Vip", "TRUE"))).isTrue();
        assertThat(matches(leaf("Vip", "eq", "true"), rec("Vip", false))).isFalse();
        assertThat(matches(leaf("Vip", "ne", "true"), rec("Vip", false))).isTrue();
        assertThat(matches(leaf("Vip", "ne", "true"), rec("Vip", true))).isFalse();
        assertThat(matches(leaf("Vip", "ne", "true"), rec())).isTrue();
    }

    @Test
    void multiPickListsAreSetsOfOptions() {
        Map<String, Object> r = rec("Interests", List.of("Golf", "Tennis"));
        Map<String, Object> text = rec("Interests", "golf; TENNIS");
        for (Map<String, Object> record : List.of(r, text)) {
            assertThat(matches(leaf("Interests", "contains", "\"GOLF\""), record)).isTrue();
            assertThat(matches(leaf("Interests", "contains", "[\"golf\", \"tennis\"]"), record)).isTrue();
            assertThat(matches(leaf("Interests", "contains", "[\"golf\", \"chess\"]"), record)).isFalse();
            assertThat(matches(leaf("Interests", "not_contains", "\"chess\""), record)).isTrue();
            assertThat(matches(leaf("Interests", "not_contains", "\"golf\""), record)).isFalse();
            assertThat(matches(leaf("Interests", "in", "[\"chess\", \"tennis\"]"), record)).isTrue();
            assertThat(matches(leaf("Interests", "in", "[\"chess\"]"), record)).isFalse();
            assertThat(matches(leaf("Interests", "not_in", "[\"chess\"]"), record)).isTrue();
            assertThat(matches(leaf("Interests", "not_in", "[\"golf\"]"), record)).isFalse();
            assertThat(matches(leaf("Interests", "eq", "[\"tennis\", \"golf\"]"), record)).isTrue();
            assertThat(matches(leaf("Interests", "eq", "[\"golf\"]"), record)).isFalse();
            assertThat(matches(leaf("Interests", "ne", "[\"golf\"]"), record)).isTrue();
            assertThat(matches(leaf("Interests", "is_not_empty", null), record)).isTrue();
        }
        assertThat(matches(leaf("Interests", "contains", "\"golf\""), rec("Interests", List.of()))).isFalse();
        assertThat(matches(leaf("Interests", "not_contains", "\"golf\""), rec())).isTrue();
    }

    @Test
    void lookupsAndMultiLookupsCompareIds() {
        Map<String, Object> r = rec("Account_Name", Map.of("id", "a-1"),
                "Partners", List.of(Map.of("id", "a-2"), Map.of("id", "a-3")));
        assertThat(matches(leaf("Account_Name", "eq", "\"a-1\""), r)).isTrue();
        assertThat(matches(leaf("Account_Name", "ne", "\"a-1\""), r)).isFalse();
        assertThat(matches(leaf("Account_Name", "in", "[\"a-9\", \"a-1\"]"), r)).isTrue();
        assertThat(matches(leaf("Account_Name", "not_in", "[\"a-9\"]"), r)).isTrue();
        assertThat(matches(leaf("Partners", "contains", "\"a-3\""), r)).isTrue();
        assertThat(matches(leaf("Partners", "contains", "[\"a-2\", \"a-3\"]"), r)).isTrue();
        assertThat(matches(leaf("Partners", "contains", "\"a-1\""), r)).isFalse();
        assertThat(matches(leaf("Partners", "not_contains", "\"a-1\""), r)).isTrue();
        assertThat(matches(leaf("Partners", "is_not_empty", null), r)).isTrue();
    }

    @Test
    void changedUsesTheEventsChangedFields() {
        for (String field : Arrays.asList("Country", "Age", "Birthday", "Last_Login", "Vip", "Interests",
                "Account_Name", "Partners")) {
            assertThat(matches(leaf(field, "changed", null), rec(), field)).isTrue();
            assertThat(matches(leaf(field, "changed", null), rec(), "Email")).isFalse();
        }
    }

    @Test
    void allAnyAndNotCombine() {
        Map<String, Object> r = new LinkedHashMap<>(rec("Country", "France", "Age", 30));
        String fr = leaf("Country", "eq", "\"France\"");
        String old = leaf("Age", "gt", "60");
        assertThat(matches("{\"all\":[" + fr + "," + old + "]}", r)).isFalse();
        assertThat(matches("{\"any\":[" + fr + "," + old + "]}", r)).isTrue();
        assertThat(matches("{\"not\":" + old + "}", r)).isTrue();
        assertThat(matches("{\"not\":{\"any\":[" + fr + "," + old + "]}}", r)).isFalse();
        assertThat(matches("{\"all\":[{\"not\":" + old + "},{\"any\":[" + old + "," + fr + "]}]}", r)).isTrue();
    }

    @Test
    void aFailureNamesItsFirstFailingLeaf() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        Condition c = new ConditionCompiler(TYPES, errors).compile(JSON.readTree(
                "{\"all\":[" + leaf("Country", "eq", "\"France\"") + "," + leaf("Age", "gt", "60") + "]}"), "rules[0].condition");
        Condition.Outcome outcome = c.test(new Facts(rec("Country", "France", "Age", 30), Set.of()));
        assertThat(outcome.matched()).isFalse();
        assertThat(outcome.failedPath()).isEqualTo("rules[0].condition.all[1]");
        assertThat(outcome.reason()).contains("Age").contains("30");
    }
}
