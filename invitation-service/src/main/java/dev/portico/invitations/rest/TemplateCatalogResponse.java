package dev.portico.invitations.rest;

import java.util.List;

/** The languages invitations are written in and the placeholders a template may use. */
public record TemplateCatalogResponse(List<String> languages, List<String> placeholders) {
}
