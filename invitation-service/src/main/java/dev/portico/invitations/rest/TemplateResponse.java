package dev.portico.invitations.rest;

import dev.portico.invitations.service.TemplateService;

/** The template a language uses: the portal's own ({@code custom}) or the built-in one. */
public record TemplateResponse(String language, boolean custom, String subject, String html, String text) {

    static TemplateResponse from(TemplateService.View view) {
        return new TemplateResponse(view.language(), view.custom(), view.content().subject(), view.content().html(),
                view.content().text());
    }
}
