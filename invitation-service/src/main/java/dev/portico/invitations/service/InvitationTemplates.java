package dev.portico.invitations.service;

import dev.portico.kit.problem.FieldError;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invitation templates: the built-in ones (subject, HTML and plain-text body in each supported language) and
 * a portal's overrides, rendered with Qute. The HTML body escapes every value it is given, so record data
 * arrives as text.
 */
@ApplicationScoped
public class InvitationTemplates {

    /** What a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("name", "email", "portalName", "link", "expiryDays",
            "expiresOn");

    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final Variant TEXT = Variant.forContentType(Variant.TEXT_PLAIN);

    public record Content(String subject, String html, String text) {
    }

    public record MailData(String name, String email, String portalName, String link, int expiryDays,
            Instant expiresAt) {
    }

    @Inject
    Engine engine;

    @Inject
    EntityManager em;

    private final Map<String, Content> builtIn = new ConcurrentHashMap<>();
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public Content builtIn(String language) {
        return builtIn.computeIfAbsent(language, l -> new Content(resource(l, "subject.txt").strip(),
                resource(l, "body.html"), resource(l, "body.txt")));
    }

    /** The portal's own template for the language, if it has one. */
    public Optional<Content> override(String orgId, UUID portalId, String language) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select subject, html, text from invitation_template "
                        + "where org_id = ?1 and portal_id = ?2 and language = ?3")
                .setParameter(1, orgId).setParameter(2, portalId).setParameter(3, language)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Content((String) r[0], (String) r[1], (String) r[2]));
    }

    public Content effective(String orgId, UUID portalId, String language) {
        return override(orgId, portalId, language).orElseGet(() -> builtIn(language));
    }

    public void save(String orgId, UUID portalId, String language, Content content, Instant now) {
        em.createNativeQuery("""
                insert into invitation_template (org_id, portal_id, language, subject, html, text, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (org_id, portal_id, language) do update
                   set subject = excluded.subject, html = excluded.html, text = excluded.text,
                       updated_at = excluded.updated_at""")
                .setParameter(1, orgId).setParameter(2, portalId).setParameter(3, language)
                .setParameter(4, content.subject()).setParameter(5, content.html()).setParameter(6, content.text())
                .setParameter(7, now)
                .executeUpdate();
    }

    public boolean delete(String orgId, UUID portalId, String language) {
        return em.createNativeQuery("delete from invitation_template where org_id = ?1 and portal_id = ?2 and language = ?3")
                .setParameter(1, orgId).setParameter(2, portalId).setParameter(3, language)
                .executeUpdate() > 0;
    }

    public Content render(Content template, String language, MailData data) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", data.name() == null || data.name().isBlank() ? data.email() : data.name());
        values.put("email", data.email());
        values.put("portalName", data.portalName());
        values.put("link", data.link());
        values.put("expiryDays", data.expiryDays());
        values.put("expiresOn", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(language)).withZone(ZoneOffset.UTC).format(data.expiresAt()));
        String subject = template(template.subject(), TEXT).data(values).render().replaceAll("[\\r\\n]+", " ").strip();
        return new Content(subject, template(template.html(), HTML).data(values).render(),
                template(template.text(), TEXT).data(values).render());
    }

    /** What is wrong with a template: Qute syntax, or a placeholder that does not exist; empty when it is fine. */
    public List<FieldError> validate(Content content) {
        List<FieldError> errors = new ArrayList<>();
        check("subject", content.subject(), TEXT, errors);
        check("html", content.html(), HTML, errors);
        check("text", content.text(), TEXT, errors);
        return errors;
    }

    private void check(String field, String content, Variant variant, List<FieldError> errors) {
        Template template;
        try {
            template = engine.parse(content, variant);
        } catch (TemplateException e) {
            errors.add(new FieldError(field, "not a valid template: " + e.getMessage(), "INVALID_TEMPLATE"));
            return;
        }
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            String first = expression.getParts().get(0).getName();
            if (expression.getNamespace() != null || !PLACEHOLDERS.contains(first)) {
                errors.add(new FieldError(field, "unknown placeholder {" + expression.toOriginalString()
                        + "}; use " + String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList()),
                        "UNKNOWN_PLACEHOLDER"));
            }
        }
    }

    private Template template(String content, Variant variant) {
        if (parsed.size() > 2_000) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(variant.getContentType() + "\u0000" + content, k -> engine.parse(content, variant));
    }

    private static String resource(String language, String file) {
        String path = "invitation-templates/" + language + "/" + file;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing built-in template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable built-in template " + path, e);
        }
    }
}
