package dev.portico.autoinvite.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portico.autoinvite.service.DryRun;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What a record change like the sample would do. A failed condition names its first failing "
        + "leaf (JSON path) and why.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DryRunResponse(
        UUID configId,
        boolean enabled,
        @Schema(description = "true when there is no common condition") boolean commonConditionPassed,
        Failure commonConditionFailure,
        List<RuleResult> rules,
        @Schema(description = "Index of the first matching rule, if any") Integer matchedRule,
        String language,
        @Schema(description = "Whether a record change like this would request an invite (the configuration is "
                + "enabled, the common condition passed and a rule matched; records already portal users are "
                + "skipped at run time)") boolean wouldInvite) {

    public record Failure(String path, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleResult(int index, String language, boolean matched, Failure failure) {
    }

    public static DryRunResponse from(DryRun run) {
        return new DryRunResponse(run.configId(), run.enabled(), run.common().matched(), failure(run.common()),
                run.rules().stream().map(r -> new RuleResult(r.index(), r.language(), r.outcome().matched(),
                        failure(r.outcome()))).toList(),
                run.matchedRule(), run.language(), run.wouldInvite());
    }

    private static Failure failure(dev.portico.autoinvite.condition.Condition.Outcome outcome) {
        return outcome.matched() ? null : new Failure(outcome.failedPath(), outcome.reason());
    }
}
