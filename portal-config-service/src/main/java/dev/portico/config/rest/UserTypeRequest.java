package dev.portico.config.rest;

import dev.portico.config.domain.ModuleAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A kind of portal user: the modules (tabs) its users see, what they may do there and which "
        + "fields they see. Every module other than the portal's own is reached through a LOOKUP or MULTI_LOOKUP "
        + "field (`relatedVia`) that points at the portal's module. At most 20 modules, 200 fields each; names of "
        + "at most 100 characters (modules 50).")
public record UserTypeRequest(
        @NotBlank @Size(max = InputLimits.NAME)
        @Pattern(regexp = Text.NO_CONTROL_CHARACTERS, message = Text.NO_CONTROL_CHARACTERS_MESSAGE)
        @Schema(example = "Customers") String name,
        @NotEmpty @Size(max = InputLimits.MODULES_PER_USER_TYPE) List<@Valid @NotNull ModuleAccessRequest> modules) {

    public record ModuleAccessRequest(
            @NotBlank @Size(max = InputLimits.MODULE_NAME) @Schema(example = "Deals") String module,
            @NotNull @Valid PermissionsRequest permissions,
            @Valid RelatedVia relatedVia,
            @Size(max = InputLimits.FIELDS_PER_MODULE_ACCESS) List<@Valid @NotNull FieldAccessRequest> fields) {

        ModuleAccess toDomain() {
            return new ModuleAccess(module.trim(), permissions.toDomain(), relatedVia == null ? null : relatedVia.field(),
                    fields == null ? List.of() : fields.stream().map(FieldAccessRequest::toDomain).toList());
        }
    }

    public record PermissionsRequest(boolean view, boolean create, boolean edit, boolean delete) {
        ModuleAccess.Permissions toDomain() {
            return new ModuleAccess.Permissions(view, create, edit, delete);
        }
    }

    public record RelatedVia(@NotBlank @Size(max = InputLimits.FIELD_NAME) @Schema(example = "Stakeholders") String field) {
    }

    public record FieldAccessRequest(
            @NotBlank @Size(max = InputLimits.FIELD_NAME) @Schema(example = "Deal_Name") String name,
            @NotNull @Schema(example = "READ") ModuleAccess.Access access) {
        ModuleAccess.FieldAccess toDomain() {
            return new ModuleAccess.FieldAccess(name.trim(), access);
        }
    }

    public List<ModuleAccess> modulesToDomain() {
        return modules.stream().map(ModuleAccessRequest::toDomain).toList();
    }
}
