package dev.portico.users.service;

import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.kit.messaging.ProcessedEvents;
import dev.portico.kit.messaging.RetryLater;
import dev.portico.users.messaging.PortalUserEvents;
import dev.portico.users.settings.UsersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invite requests from other systems ({@code portal.invite-requested}, auto-invite above all) go through the
 * same membership gate as the API's. When the gate refuses, the requester hears it as a FAILED invitation event
 * with the reason, like any other failure.
 */
@ApplicationScoped
public class InviteRequests {

    static final String CONSUMER = "invite-requests";

    @Inject
    MembershipGate gate;

    @Inject
    Portals portals;

    @Inject
    ProcessedEvents processed;

    @Inject
    PortalUserEvents events;

    @Inject
    UsersConfig config;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<InviteRequested> batch) {
        Instant now = Instant.now(clock);
        for (InviteRequested request : batch) {
            if (processed.firstDelivery(CONSUMER, request.eventId())) {
                admit(request, now);
            }
        }
    }

    private void admit(InviteRequested request, Instant now) {
        UUID portalId = uuid(request.portalId());
        UUID userTypeId = uuid(request.userTypeId());
        InviteSource source = request.source() == null ? InviteSource.AUTO : request.source();
        if (portalId == null || request.recordId() == null || request.recordId().isBlank()) {
            throw new IllegalArgumentException("invite request without a valid portalId or recordId");
        }
        Optional<ConfigEvent.Portal> portal = portals.find(request.orgId(), portalId);
        if (portal.isEmpty() && stillOnItsWay(request, now)) {
            throw new RetryLater("portal " + portalId + " is not in the config directory yet");
        }
        if (portal.isEmpty() || !Portals.available(portal.get())) {
            refuse(request, portalId, userTypeId, source, FailureReason.PORTAL_UNAVAILABLE,
                    "The portal is disabled, deleted or its trial is over.", now);
            return;
        }
        if (userTypeId == null || portals.userType(request.orgId(), portalId, userTypeId).isEmpty()) {
            refuse(request, portalId, userTypeId, source, FailureReason.USER_TYPE_NOT_FOUND,
                    "The user type of the auto-invite configuration no longer exists; edit the configuration.", now);
            return;
        }
        MembershipGate.Invite invite = new MembershipGate.Invite(request.orgId(), portalId, portal.get().module(),
                userTypeId, portals.seatLimit(request.orgId()), source, request.configId(), request.language(), null);
        MembershipGate.Decision decision = gate.admit(invite, List.of(request.recordId()), now).get(0);
        if (decision.reason() == FailureReason.RECORD_NOT_FOUND && stillOnItsWay(request, now)) {
            // the request may overtake the record's own event (auto-invite read the same CRM change)
            throw new RetryLater("record " + request.recordId() + " is not in the directory yet");
        }
        // a record that already is a user is skipped silently: nothing failed (DESIGN §3, auto-invite)
        if (!decision.reserved() && decision.reason() != FailureReason.ALREADY_PORTAL_USER) {
            events.gateRefused(request.orgId(), portalId, userTypeId, request.recordId(),
                    decision.record() == null ? null : decision.record().name(),
                    decision.record() == null ? null : decision.record().email(), source, request.configId(),
                    request.language(), decision.reason(), decision.message(), now);
        }
    }

    private boolean stillOnItsWay(InviteRequested request, Instant now) {
        return request.occurredAt() != null && now.isBefore(request.occurredAt().plus(config.requestWait()));
    }

    private void refuse(InviteRequested request, UUID portalId, UUID userTypeId, InviteSource source,
            FailureReason reason, String message, Instant now) {
        events.gateRefused(request.orgId(), portalId, userTypeId, request.recordId(), null, null, source,
                request.configId(), request.language(), reason, message, now);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
