package dev.portico.invitations.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The token from the invitation mail's link. */
public record AcceptRequest(@NotBlank @Size(max = 200) String token) {
}
