package dev.portico.config.rest;

import dev.portico.config.domain.FieldDef;
import dev.portico.config.domain.FieldType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A module's metadata; replaces the fields the module had.")
public record ModuleRequest(
        @Size(max = InputLimits.FIELD_NAME) @Schema(example = "Name") String nameField,
        @Size(max = InputLimits.FIELD_NAME) @Schema(example = "Email") String emailField,
        @NotEmpty @Size(max = InputLimits.FIELDS_PER_MODULE) List<@Valid @NotNull FieldRequest> fields) {

    public record FieldRequest(
            @NotNull @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_]{0,99}$",
                    message = "must start with a letter and hold only letters, digits and '_'")
            @Schema(example = "Policy_Holder") String name,
            @NotNull @Schema(example = "LOOKUP") FieldType type,
            @Size(max = InputLimits.MODULE_NAME) @Schema(example = "Contacts") String targetModule) {

        FieldDef toDomain() {
            return new FieldDef(name, type, targetModule);
        }
    }

    public List<FieldDef> fieldsToDomain() {
        return fields.stream().map(FieldRequest::toDomain).toList();
    }
}
