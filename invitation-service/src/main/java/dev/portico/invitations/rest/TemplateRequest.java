package dev.portico.invitations.rest;

import dev.portico.invitations.service.InvitationTemplates;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A portal's own template for one language: Qute with the placeholders GET /invitation-templates lists. */
public record TemplateRequest(
        @NotBlank @Size(max = 300) String subject,
        @NotBlank @Size(max = 100_000) String html,
        @NotBlank @Size(max = 100_000) String text) {

    InvitationTemplates.Content toContent() {
        return new InvitationTemplates.Content(subject, html, text);
    }
}
