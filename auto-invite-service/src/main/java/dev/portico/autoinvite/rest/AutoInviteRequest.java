package dev.portico.autoinvite.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.autoinvite.service.AutoInviteService;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A configuration as the client writes it (POST, and PUT which replaces it). Every field is checked by the service
 * in one pass so that a 422 lists every problem with its JSON path.
 */
@Schema(description = "An auto-invite configuration: when a record of the portal's module is created or updated and "
        + "matches, an invitation is requested in the language of the first matching rule.")
public record AutoInviteRequest(
        @Schema(required = true, example = "French customers", maxLength = 200) String name,
        @Schema(required = true, example = "6b1f3c4e-2a0d-4a9e-9c51-0b7f0a6f9d11") UUID userTypeId,
        @Schema(required = true, example = "[\"CREATE\", \"UPDATE\"]", description = "CREATE, UPDATE or both")
        List<String> triggers,
        @Schema(description = "Checked before the rules; {all:[…]}, {any:[…]}, {not:…} or "
                + "{field, op, value}", implementation = Object.class) JsonNode commonCondition,
        @Schema(required = true, enumeration = {"SINGLE", "MULTIPLE"},
                description = "SINGLE: exactly one rule; MULTIPLE: ordered rules, one per language") String languageMode,
        @Schema(required = true) List<RuleRequest> rules,
        @Schema(description = "Default true on create; left out on PUT keeps the current state") Boolean enabled) {

    @Schema(description = "A language and the condition that picks it; no condition matches every record")
    public record RuleRequest(
            @Schema(required = true, example = "fr") String language,
            @Schema(implementation = Object.class, example = "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}")
            JsonNode condition) {
    }

    public AutoInviteService.Draft toDraft() {
        return new AutoInviteService.Draft(name, userTypeId, triggers, commonCondition, languageMode,
                rules == null ? null : rules.stream()
                        .map(r -> r == null ? null : new AutoInviteService.DraftRule(r.language(), r.condition()))
                        .toList(),
                enabled);
    }
}
