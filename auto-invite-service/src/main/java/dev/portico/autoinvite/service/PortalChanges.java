package dev.portico.autoinvite.service;

import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.messaging.ProcessedEvents;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Configurations follow their portal and user type: a deleted portal takes its configurations with it; a deleted
 * user type hands its configurations to the type that takes over its users, or pauses them when there is none.
 */
@ApplicationScoped
public class PortalChanges {

    static final String CONSUMER = "auto-invite-portal-changes";

    @Inject
    ProcessedEvents processed;

    @Inject
    AutoInviteConfigRepository configs;

    @Inject
    CompiledConfigs compiled;

    @Inject
    EnabledConfigs enabledConfigs;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ConfigEvent event) {
        if (event.type() != ConfigEvent.Type.PORTAL_DELETED && event.type() != ConfigEvent.Type.USER_TYPE_DELETED) {
            return;
        }
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        enabledConfigs.changing(event.orgId());
        if (event.type() == ConfigEvent.Type.PORTAL_DELETED && event.portal() != null) {
            UUID portalId = UUID.fromString(event.portal().id());
            configs.list("orgId = :org and portalId = :portal",
                    Parameters.with("org", event.orgId()).and("portal", portalId)).forEach(c -> {
                        compiled.forget(c.id);
                        configs.delete(c);
                    });
            Log.infof("Portal %s deleted: its auto-invite configurations are gone", portalId);
        } else if (event.type() == ConfigEvent.Type.USER_TYPE_DELETED && event.userType() != null) {
            UUID typeId = UUID.fromString(event.userType().id());
            UUID transferTo = event.transferToUserTypeId() == null ? null : UUID.fromString(event.transferToUserTypeId());
            configs.list("orgId = :org and userTypeId = :type",
                    Parameters.with("org", event.orgId()).and("type", typeId)).forEach(c -> {
                        if (transferTo != null) {
                            c.userTypeId = transferTo;
                        } else {
                            c.enabled = false;
                        }
                        c.updatedAt = now.isAfter(c.updatedAt) ? now : c.updatedAt.plus(1, ChronoUnit.MICROS);
                    });
        }
    }
}
