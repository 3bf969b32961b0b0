package dev.portico.autoinvite.service;

import dev.portico.autoinvite.condition.Facts;
import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import dev.portico.autoinvite.domain.RecordStates;
import dev.portico.autoinvite.settings.AutoInviteSettings;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.events.RecordChanged;
import dev.portico.kit.messaging.ProcessedEvents;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Record changes → invite requests. Per change of a portal's module (CREATED or UPDATED, as the configuration's
 * triggers say): the enabled configurations of the org are tried oldest first; one whose portal already has the
 * record as a user, or an invitation for it in flight, is skipped; otherwise its common condition, then its rules
 * in order, and the first matching rule picks the language. The first configuration that matches requests the
 * invite (through the outbox, with the record's state set to REQUESTED in the same transaction), so each change
 * yields at most one request and a burst of changes to one record yields one.
 */
@ApplicationScoped
public class RecordEvaluation {

    static final String CONSUMER = "auto-invite-records";

    @Inject
    ProcessedEvents processed;

    @Inject
    EnabledConfigs enabled;

    @Inject
    CompiledConfigs compiled;

    @Inject
    RecordStates states;

    @Inject
    Outbox outbox;

    @Inject
    ConfigDirectory directory;

    @Inject
    AutoInviteSettings settings;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<RecordChanged> batch) {
        List<RecordChanged> candidates = batch.stream()
                .filter(e -> e.operation() != null && e.operation() != RecordChanged.Operation.DELETED
                        && e.module() != null && e.recordId() != null)
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, List<AutoInviteConfigRepository.Head>> byOrg = enabled.of(
                candidates.stream().map(RecordChanged::orgId).collect(Collectors.toCollection(LinkedHashSet::new)));
        // only changes some enabled configuration listens to can have an effect worth deduplicating
        List<RecordChanged> listened = candidates.stream().filter(event -> {
            List<AutoInviteConfigRepository.Head> listening = byOrg.get(event.orgId());
            return listening != null && listening.stream().anyMatch(c -> c.module().equals(event.module()));
        }).toList();
        if (listened.isEmpty()) {
            return;
        }
        // the records' states are read in the dedupe insert's round trip
        Map<RecordStates.Key, RecordStates.Entry> known = new HashMap<>();
        List<RecordChanged> first = processed.firstDeliveries(CONSUMER, listened, RecordChanged::eventId,
                states.read(listened.stream().map(RecordChanged::orgId).toArray(String[]::new),
                        listened.stream().map(RecordChanged::recordId).toArray(String[]::new), known::put));
        Map<String, List<RecordChanged>> eventsByOrg = new LinkedHashMap<>();
        for (RecordChanged event : first) {
            eventsByOrg.computeIfAbsent(event.orgId(), o -> new ArrayList<>()).add(event);
        }
        Instant now = Instant.now(clock);
        Instant stale = now.minus(settings.inFlightTimeout());
        List<InviteRequested> requests = new ArrayList<>();
        List<RecordStates.Key> requested = new ArrayList<>();
        for (Map.Entry<String, List<RecordChanged>> org : eventsByOrg.entrySet()) {
            Map<UUID, Boolean> open = new HashMap<>();
            List<AutoInviteConfigRepository.Head> live = byOrg.get(org.getKey()).stream()
                    .filter(c -> open.computeIfAbsent(c.portalId(), p -> portalOpen(c.orgId(), p)))
                    .toList();
            for (RecordChanged event : org.getValue()) {
                evaluate(event, live, known, stale, now).ifPresent(request -> {
                    requests.add(request.event());
                    requested.add(request.key());
                });
            }
        }
        // the states first: their upsert takes the records' row locks, which keep the outbox's order per record
        states.requested(requested, now);
        outbox.publishAll(requests);
        metrics.counter("portico.auto_invite.requested").increment(requests.size());
    }

    /**
     * A disabled portal invites no one: its configurations sit out the change, and the record's state stays as it
     * was, so that a later change counts once the portal is open again. A portal not (yet) in the local directory
     * counts as open (its configuration was checked against it when created; a deleted portal takes its
     * configurations with it), and portal-user-service's gate has the last word.
     */
    private boolean portalOpen(String orgId, UUID portalId) {
        boolean open = directory.portal(orgId, portalId).map(p -> "ACTIVE".equals(p.status())).orElse(true);
        if (!open) {
            metrics.counter("portico.auto_invite.skipped", "reason", "portal_unavailable").increment();
        }
        return open;
    }

    /** An invite request and the record it marks REQUESTED. */
    private record Request(InviteRequested event, RecordStates.Key key) {
    }

    /** The invite request this change makes, if any; {@code known} learns of it at once. */
    private Optional<Request> evaluate(RecordChanged event, List<AutoInviteConfigRepository.Head> candidates,
            Map<RecordStates.Key, RecordStates.Entry> known, Instant stale, Instant now) {
        String trigger = event.operation() == RecordChanged.Operation.CREATED ? "CREATE" : "UPDATE";
        Facts facts = null;
        for (AutoInviteConfigRepository.Head config : candidates) {
            if (!config.module().equals(event.module())) {
                continue;
            }
            CompiledConfig rules = compiled.of(config);
            if (!rules.triggers().contains(trigger)) {
                continue;
            }
            RecordStates.Key key = new RecordStates.Key(event.orgId(), config.portalId(), event.recordId());
            RecordStates.Entry state = known.get(key);
            if (state != null && (state.state() == RecordStates.State.USER || state.updatedAt().isAfter(stale))) {
                continue;
            }
            facts = facts == null ? new Facts(event.record(), event.changedFields() == null ? Set.of()
                    : Set.copyOf(event.changedFields())) : facts;
            String language = rules.language(facts);
            if (language == null) {
                continue;
            }
            known.put(key, new RecordStates.Entry(RecordStates.State.REQUESTED, now));
            return Optional.of(new Request(new InviteRequested(UUID.randomUUID(), InviteRequested.TYPE, event.orgId(),
                    now, config.portalId().toString(), config.userTypeId().toString(), event.recordId(), language,
                    InviteSource.AUTO, config.id().toString()), key));
        }
        return Optional.empty();
    }
}
