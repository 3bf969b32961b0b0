package dev.portico.autoinvite.condition;

import java.util.List;

/**
 * A compiled condition: parsed and checked against the module's field types once, when its configuration is
 * saved or first evaluated after a change, then tested against many record changes.
 */
public sealed interface Condition permits Condition.All, Condition.Any, Condition.Not, Leaf {

    /** Whether the record matches; when it does not, the outcome names the first leaf that failed. */
    Outcome test(Facts facts);

    /** Whether the record matches, without saying why not: what evaluation asks, for every configuration. */
    boolean matches(Facts facts);

    record All(String path, List<Condition> items) implements Condition {
        @Override
        public Outcome test(Facts facts) {
            for (Condition item : items) {
                Outcome outcome = item.test(facts);
                if (!outcome.matched()) {
                    return outcome;
                }
            }
            return Outcome.MATCHED;
        }

        @Override
        public boolean matches(Facts facts) {
            for (Condition item : items) {
                if (!item.matches(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(String path, List<Condition> items) implements Condition {
        @Override
        public Outcome test(Facts facts) {
            Outcome first = null;
            for (Condition item : items) {
                Outcome outcome = item.test(facts);
                if (outcome.matched()) {
                    return outcome;
                }
                first = first == null ? outcome : first;
            }
            return first;
        }

        @Override
        public boolean matches(Facts facts) {
            for (Condition item : items) {
                if (item.matches(facts)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(String path, Condition item) implements Condition {
        @Override
        public Outcome test(Facts facts) {
            return item.test(facts).matched()
                    ? Outcome.failed(path, "the negated condition " + path + ".not matched")
                    : Outcome.MATCHED;
        }

        @Override
        public boolean matches(Facts facts) {
            return !item.matches(facts);
        }
    }

    /** Matched, or the JSON path of the first failing leaf and why it failed. */
    record Outcome(boolean matched, String failedPath, String reason) {

        public static final Outcome MATCHED = new Outcome(true, null, null);

        public static Outcome failed(String path, String reason) {
            return new Outcome(false, path, reason);
        }
    }
}
