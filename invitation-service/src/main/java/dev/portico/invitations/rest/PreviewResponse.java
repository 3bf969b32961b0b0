package dev.portico.invitations.rest;

import dev.portico.invitations.service.TemplateService;

/** A template rendered for a sample record; {@code custom} says whether it is the portal's own. */
public record PreviewResponse(String language, boolean custom, String subject, String html, String text) {

    static PreviewResponse from(TemplateService.View view) {
        return new PreviewResponse(view.language(), view.custom(), view.content().subject(), view.content().html(),
                view.content().text());
    }
}
