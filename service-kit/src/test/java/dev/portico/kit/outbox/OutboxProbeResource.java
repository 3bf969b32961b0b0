package dev.portico.kit.outbox;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Tenant;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A state change that publishes an event as large as the request asks (for {@link OutboxPayloadLimitTest}). */
@Path("/probe/outbox-notes")
@RequiresScope("portal.config")
public class OutboxProbeResource {

    @Inject
    Tenant tenant;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Transactional
    public Map<String, String> create(String text) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into probe_note (id, text) values (?1, ?2)")
                .setParameter(1, id).setParameter(2, tenant.orgId()).executeUpdate();
        outbox.publish(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.ORG_UPDATED, tenant.orgId(), Instant.now(),
                null, null, null, null, text));
        return Map.of("id", id.toString());
    }
}
