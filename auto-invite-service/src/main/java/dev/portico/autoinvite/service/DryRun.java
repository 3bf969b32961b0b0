package dev.portico.autoinvite.service;

import dev.portico.autoinvite.condition.Condition;
import java.util.List;
import java.util.UUID;

/** The outcome of evaluating a sample record: every rule is tested, the first match picks the language. */
public record DryRun(UUID configId, boolean enabled, Condition.Outcome common, List<RuleRun> rules,
        Integer matchedRule, String language, boolean wouldInvite) {

    public record RuleRun(int index, String language, Condition.Outcome outcome) {
    }
}
