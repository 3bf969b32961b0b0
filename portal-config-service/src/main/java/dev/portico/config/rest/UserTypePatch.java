package dev.portico.config.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import dev.portico.config.rest.UserTypeRequest.ModuleAccessRequest;
import java.util.List;

/** Changes to a user type; absent fields stay. {@code modules}, when given, replaces the whole list. */
public record UserTypePatch(
        @Size(min = 1, max = InputLimits.NAME) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Pattern(regexp = Text.NO_CONTROL_CHARACTERS, message = Text.NO_CONTROL_CHARACTERS_MESSAGE) String name,
        @Size(min = 1, max = InputLimits.MODULES_PER_USER_TYPE) List<@Valid @NotNull ModuleAccessRequest> modules) {
}
