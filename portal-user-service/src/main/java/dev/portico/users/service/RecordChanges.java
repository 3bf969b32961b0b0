package dev.portico.users.service;

import dev.portico.events.InviteSource;
import dev.portico.events.RecordChanged;
import dev.portico.events.RecordState;
import dev.portico.events.UserEvent;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.messaging.PoisonMessageException;
import dev.portico.users.domain.CrmRecord;
import dev.portico.users.domain.ModuleFields;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.RecordDirectory;
import dev.portico.users.messaging.PortalUserEvents;
import dev.portico.users.settings.UsersConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the record directory from {@code crm.record-changed}: a newer version replaces the stored one, an older
 * or equal one is ignored (so redeliveries and reordering change nothing). A deleted record takes its portal
 * memberships with it; a new name or e-mail reaches the record's portal users, and an unconfirmed user whose
 * e-mail changed is invited again at the new address.
 */
@ApplicationScoped
public class RecordChanges {

    @Inject
    RecordDirectory records;

    @Inject
    PortalUserRepository users;

    @Inject
    ConfigDirectory directory;

    @Inject
    PortalUserEvents events;

    @Inject
    UsersConfig config;

    @Inject
    Clock clock;

    /** Refuses events that break the contract (they go to the dead-letter topic). */
    public static void validate(RecordChanged event) {
        if (blank(event.module()) || blank(event.recordId()) || event.operation() == null) {
            throw new PoisonMessageException("record-changed event without module, recordId or operation");
        }
        if (event.module().length() > 100 || event.recordId().length() > 255) {
            throw new PoisonMessageException("record-changed event with an over-long module or recordId");
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<RecordChanged> batch) {
        Instant now = Instant.now(clock);
        Map<String, CrmRecord> latest = new LinkedHashMap<>();
        for (RecordChanged event : batch) {
            validate(event);
            CrmRecord record = toRecord(event);
            latest.merge(event.orgId() + "/" + event.module() + "/" + event.recordId(), record,
                    (a, b) -> b.version() > a.version() ? b : a);
        }
        List<CrmRecord> applied = records.upsertNewer(new ArrayList<>(latest.values()), now);
        Map<String, List<CrmRecord>> byModule = applied.stream()
                .collect(Collectors.groupingBy(r -> r.orgId() + "\u0000" + r.module()));
        for (List<CrmRecord> group : byModule.values()) {
            reachUsers(group, now);
        }
    }

    private void reachUsers(List<CrmRecord> group, Instant now) {
        String orgId = group.get(0).orgId();
        String module = group.get(0).module();
        Map<String, CrmRecord> byId = new HashMap<>();
        group.forEach(r -> byId.put(r.recordId(), r));
        List<PortalUser> members = users.lockOfRecords(orgId, module, byId.keySet());
        List<PortalUser> changed = new ArrayList<>();
        for (PortalUser user : members) {
            CrmRecord record = byId.get(user.recordId());
            if (record.deleted()) {
                PortalUser removed = user.change(u -> u.removedAt = now, now);
                changed.add(removed);
                events.user(UserEvent.Type.REMOVED, removed, null, now);
                continue;
            }
            boolean emailChanged = !Objects.equals(PortalUserRepository.normalize(user.email()),
                    PortalUserRepository.normalize(record.email()));
            if (!emailChanged && Objects.equals(user.name(), record.name())) {
                continue;
            }
            if (emailChanged && record.email() != null && !users.emailsAmong(user.portalId(),
                    Set.of(PortalUserRepository.normalize(record.email()))).isEmpty()) {
                Log.warnf("Record %s/%s took an e-mail another user of portal %s has; its user keeps the old one",
                        module, record.recordId(), user.portalId());
                PortalUser renamed = user.change(u -> u.name = record.name(), now);
                changed.add(renamed);
                continue;
            }
            PortalUser updated = user.change(u -> {
                u.name = record.name();
                u.email = record.email();
            }, now);
            changed.add(updated);
            // unconfirmed, including a first invitation still on its way (not listed yet): the new address gets a
            // new invitation, which revokes the one to the old address
            if (emailChanged && record.email() != null && updated.status() == PortalUser.Status.UNCONFIRMED) {
                events.dispatch(updated, record, null, InviteSource.MANUAL, null, updated.language(), true, now);
            }
        }
        users.updateAll(changed);
    }

    private CrmRecord toRecord(RecordChanged event) {
        Map<String, Object> fields = event.record() == null ? Map.of() : event.record();
        ModuleFields names = ModuleFields.of(event.module(), directory.module(event.orgId(), event.module()).orElse(null));
        Object language = fields.get(config.languageField());
        RecordState state = event.state() == null ? RecordState.CLEAR : event.state();
        return new CrmRecord(event.orgId(), event.module(), event.recordId(), event.version(), names.name(fields),
                names.email(fields), language == null ? null : language.toString(), state, fields,
                event.operation() == RecordChanged.Operation.DELETED);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
