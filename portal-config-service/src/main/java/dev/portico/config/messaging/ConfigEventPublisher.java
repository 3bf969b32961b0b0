package dev.portico.config.messaging;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.Limits;
import dev.portico.config.domain.ModuleAccess;
import dev.portico.config.domain.Org;
import dev.portico.config.domain.Portal;
import dev.portico.config.domain.UserType;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes {@code portal.config-events} through the outbox, in the caller's transaction. */
@ApplicationScoped
public class ConfigEventPublisher {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    public void orgUpdated(Org org, Limits limits, Instant now) {
        ConfigEvent.Org snapshot = new ConfigEvent.Org(org.name, org.edition.name(),
                org.trialEdition == null ? null : org.trialEdition.name(), org.trialEndsAt,
                List.of(org.companyDomains), org.gdprEnabled, org.defaultLanguage,
                new ConfigEvent.Limits(limits.createPortals(), limits.portals(), limits.userTypesPerPortal(),
                        limits.usersPerPortal()),
                org.portalDeletionScheduledAt, org.trialActive(now));
        publish(ConfigEvent.Type.ORG_UPDATED, org.id, snapshot, null, null, null, null);
    }

    public void portal(ConfigEvent.Type type, Portal portal, String url, List<String> aliases) {
        ConfigEvent.Portal snapshot = new ConfigEvent.Portal(portal.id.toString(), portal.name, portal.module,
                portal.slug, url, aliases, portal.effectiveStatus().name(), portal.invitationExpiryDays, portal.system);
        publish(type, portal.orgId, null, snapshot, null, null, null);
    }

    public void userType(ConfigEvent.Type type, UserType userType, UUID transferTo) {
        ConfigEvent.UserType snapshot = new ConfigEvent.UserType(userType.id.toString(), userType.portalId.toString(),
                userType.name, userType.modules.stream().map(ConfigEventPublisher::access).toList());
        publish(type, userType.orgId, null, null, snapshot, null, transferTo == null ? null : transferTo.toString());
    }

    public void moduleUpdated(CrmModule module) {
        ConfigEvent.Module snapshot = new ConfigEvent.Module(module.name, module.nameField, module.emailField,
                module.fields.stream()
                        .map(f -> new ConfigEvent.Field(f.name(), f.type().name(), f.targetModule()))
                        .toList());
        publish(ConfigEvent.Type.MODULE_UPDATED, module.orgId, null, null, null, snapshot, null);
    }

    private static ConfigEvent.ModuleAccess access(ModuleAccess m) {
        return new ConfigEvent.ModuleAccess(m.module(),
                new ConfigEvent.Permissions(m.permissions().view(), m.permissions().create(), m.permissions().edit(),
                        m.permissions().delete()),
                m.relatedVia(),
                m.fields().stream().map(f -> new ConfigEvent.FieldAccess(f.name(), f.access().name())).toList());
    }

    private void publish(ConfigEvent.Type type, String orgId, ConfigEvent.Org org, ConfigEvent.Portal portal,
            ConfigEvent.UserType userType, ConfigEvent.Module module, String transferTo) {
        // config events are keyed by org: every writer of an org's configuration (org, portals, user types,
        // modules) holds this lock from here to its commit, so the outbox's id order is the commit order per key
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, hashtext(?2))) locked")
                .setParameter(1, 0x43464745) // "CFGE"
                .setParameter(2, orgId)
                .getSingleResult();
        outbox.publish(new ConfigEvent(UUID.randomUUID(), type, orgId, Instant.now(clock), org, portal, userType, module,
                transferTo));
    }
}
