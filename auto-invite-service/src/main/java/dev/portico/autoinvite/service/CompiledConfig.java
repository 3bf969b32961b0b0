package dev.portico.autoinvite.service;

import dev.portico.autoinvite.condition.Condition;
import dev.portico.autoinvite.condition.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A configuration's conditions, compiled once per change (keyed by id and updatedAt). */
public record CompiledConfig(UUID id, Instant updatedAt, Set<String> triggers, Condition common, List<Rule> rules) {

    /** A language and its condition; no condition matches every record (a fallback language, listed last). */
    public record Rule(String language, Condition condition) {

        public Condition.Outcome test(Facts facts) {
            return condition == null ? Condition.Outcome.MATCHED : condition.test(facts);
        }

        public boolean matches(Facts facts) {
            return condition == null || condition.matches(facts);
        }
    }

    /** The language of the first matching rule once the common condition passed, or null: no invite. */
    public String language(Facts facts) {
        if (common != null && !common.matches(facts)) {
            return null;
        }
        for (Rule rule : rules) {
            if (rule.matches(facts)) {
                return rule.language();
            }
        }
        return null;
    }
}
