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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The batch's requests for the same portal, user type, language and configuration go through the gate together
     * (one set-wise admission, as a bulk job's do), in the order they came.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<InviteRequested> batch) {
        Instant now = Instant.now(clock);
        Map<Group, List<InviteRequested>> groups = new LinkedHashMap<>();
        for (InviteRequested request : processed.firstDeliveries(CONSUMER, batch, InviteRequested::eventId)) {
            UUID portalId = uuid(request.portalId());
            if (portalId == null || request.recordId() == null || request.recordId().isBlank()) {
                throw new IllegalArgumentException("invite request without a valid portalId or recordId");
            }
            InviteSource source = request.source() == null ? InviteSource.AUTO : request.source();
            groups.computeIfAbsent(new Group(request.orgId(), portalId, uuid(request.userTypeId()), source,
                    request.configId(), request.language()), g -> new ArrayList<>()).add(request);
        }
        groups.forEach((group, requests) -> admit(group, requests, now));
    }

    private record Group(String orgId, UUID portalId, UUID userTypeId, InviteSource source, String configId,
            String language) {
    }

    private void admit(Group group, List<InviteRequested> requests, Instant now) {
        Optional<ConfigEvent.Portal> portal = portals.find(group.orgId(), group.portalId());
        if (portal.isEmpty() && requests.stream().anyMatch(r -> stillOnItsWay(r, now))) {
            throw new RetryLater("portal " + group.portalId() + " is not in the config directory yet");
        }
        if (portal.isEmpty() || !Portals.available(portal.get())) {
            requests.forEach(r -> refuse(r, group, FailureReason.PORTAL_UNAVAILABLE,
                    "The portal is disabled, deleted or its trial is over.", now));
            return;
        }
        if (group.userTypeId() == null
                || portals.userType(group.orgId(), group.portalId(), group.userTypeId()).isEmpty()) {
            requests.forEach(r -> refuse(r, group, FailureReason.USER_TYPE_NOT_FOUND,
                    "The user type of the auto-invite configuration no longer exists; edit the configuration.", now));
            return;
        }
        MembershipGate.Invite invite = new MembershipGate.Invite(group.orgId(), group.portalId(),
                portal.get().module(), group.userTypeId(), portals.seatLimit(group.orgId()), group.source(),
                group.configId(), group.language(), null);
        List<MembershipGate.Decision> decisions = gate.admit(invite,
                requests.stream().map(InviteRequested::recordId).toList(), now);
        for (int i = 0; i < requests.size(); i++) {
            InviteRequested request = requests.get(i);
            MembershipGate.Decision decision = decisions.get(i);
            if (decision.reason() == FailureReason.RECORD_NOT_FOUND && stillOnItsWay(request, now)) {
                // the request may overtake the record's own event (auto-invite read the same CRM change)
                throw new RetryLater("record " + request.recordId() + " is not in the directory yet");
            }
            // a record that already is a user is skipped silently: nothing failed (DESIGN §3, auto-invite); so is
            // the same record asked for twice in the batch
            if (!decision.reserved() && decision.reason() != FailureReason.ALREADY_PORTAL_USER) {
                events.gateRefused(group.orgId(), group.portalId(), group.userTypeId(), request.recordId(),
                        decision.record() == null ? null : decision.record().name(),
                        decision.record() == null ? null : decision.record().email(), group.source(),
                        group.configId(), group.language(), decision.reason(), decision.message(), now);
            }
        }
    }

    private boolean stillOnItsWay(InviteRequested request, Instant now) {
        return request.occurredAt() != null && now.isBefore(request.occurredAt().plus(config.requestWait()));
    }

    private void refuse(InviteRequested request, Group group, FailureReason reason, String message, Instant now) {
        events.gateRefused(group.orgId(), group.portalId(), group.userTypeId(), request.recordId(), null, null,
                group.source(), group.configId(), group.language(), reason, message, now);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
