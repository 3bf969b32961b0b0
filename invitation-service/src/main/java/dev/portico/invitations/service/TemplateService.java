package dev.portico.invitations.service;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A portal's invitation templates: the override per language, or the built-in one; validation and preview. */
@ApplicationScoped
public class TemplateService {

    public record View(String language, boolean custom, InvitationTemplates.Content content) {
    }

    @Inject
    ConfigDirectory directory;

    @Inject
    InvitationTemplates templates;

    @Inject
    Clock clock;

    @Transactional
    public View get(String orgId, UUID portalId, String lang) {
        portal(orgId, portalId);
        String language = language(lang);
        return templates.override(orgId, portalId, language).map(c -> new View(language, true, c))
                .orElseGet(() -> new View(language, false, templates.builtIn(language)));
    }

    @Transactional
    public View put(String orgId, UUID portalId, String lang, InvitationTemplates.Content content) {
        portal(orgId, portalId);
        String language = language(lang);
        validate(content);
        templates.save(orgId, portalId, language, content, Instant.now(clock));
        return new View(language, true, content);
    }

    @Transactional
    public void delete(String orgId, UUID portalId, String lang) {
        portal(orgId, portalId);
        templates.delete(orgId, portalId, language(lang));
    }

    /**
     * Renders the given template (or, without one, the portal's effective template) for a sample record, with a
     * sample link: what an invitee would receive.
     */
    @Transactional
    public View preview(String orgId, UUID portalId, String lang, InvitationTemplates.Content draft) {
        ConfigEvent.Portal portal = portal(orgId, portalId);
        String language = language(lang);
        InvitationTemplates.Content template = draft;
        boolean custom = true;
        if (template == null) {
            template = templates.override(orgId, portalId, language).orElse(null);
            custom = template != null;
            if (template == null) {
                template = templates.builtIn(language);
            }
        } else {
            validate(template);
        }
        int days = portal.invitationExpiryDays() > 0 ? portal.invitationExpiryDays() : 7;
        String link = MailDelivery.acceptLink(portal.url() == null ? "https://portal.example" : portal.url(),
                "SAMPLE-TOKEN-the-real-mail-has-a-secret-one");
        return new View(language, custom, templates.render(template, language, new InvitationTemplates.MailData(
                "Jane Doe", "jane.doe@example.com", portal.name(), link, days,
                Instant.now(clock).plus(Duration.ofDays(days)))));
    }

    private void validate(InvitationTemplates.Content content) {
        List<FieldError> errors = templates.validate(content);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.get(0).code(), "The template cannot be used: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }

    private ConfigEvent.Portal portal(String orgId, UUID portalId) {
        return directory.portal(orgId, portalId).orElseThrow(InvitationProblems::portalNotFound);
    }

    private static String language(String lang) {
        return Languages.normalize(lang).orElseThrow(() -> InvitationProblems.languageNotSupported(lang));
    }
}
