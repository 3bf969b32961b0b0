package dev.portico.users.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.RecordState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CRM records of every org, as the CRM last described them on {@code crm.record-changed}. */
@ApplicationScoped
public class RecordDirectory {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    @Inject
    Sql sql;

    @Inject
    ObjectMapper mapper;

    /**
     * Stores the records whose version is newer than the stored one (one statement for the batch); returns
     * those that were applied. The batch must hold one entry per record.
     */
    public List<CrmRecord> upsertNewer(List<CrmRecord> records, Instant now) {
        if (records.isEmpty()) {
            return List.of();
        }
        int n = records.size();
        String[] org = new String[n], module = new String[n], id = new String[n], name = new String[n],
                email = new String[n], language = new String[n], approval = new String[n], review = new String[n],
                consent = new String[n], fields = new String[n];
        Long[] version = new Long[n];
        Boolean[] deleted = new Boolean[n];
        for (int i = 0; i < n; i++) {
            CrmRecord r = records.get(i);
            org[i] = r.orgId();
            module[i] = r.module();
            id[i] = r.recordId();
            version[i] = r.version();
            name[i] = r.name();
            email[i] = r.email();
            language[i] = r.language();
            RecordState state = r.state() == null ? RecordState.CLEAR : r.state();
            approval[i] = state.approval() == null ? null : state.approval().name();
            review[i] = state.review() == null ? null : state.review().name();
            consent[i] = state.consent() == null ? null : state.consent().name();
            fields[i] = json(r.fields());
            deleted[i] = r.deleted();
        }
        Map<String, CrmRecord> byKey = new HashMap<>();
        records.forEach(r -> byKey.put(key(r.orgId(), r.module(), r.recordId()), r));
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into crm_record (org_id, module, record_id, version, name, email, language, approval, review,
                        consent, fields, deleted, updated_at)
                    select o, m, r, v, nm, em, lg, ap, rv, cs, cast(f as jsonb), d, ?
                    from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::boolean[]) as t(o, m, r, v, nm, em, lg, ap, rv, cs, f, d)
                    on conflict (org_id, module, record_id) do update
                       set version = excluded.version, name = excluded.name, email = excluded.email,
                           language = excluded.language, approval = excluded.approval, review = excluded.review,
                           consent = excluded.consent, fields = excluded.fields, deleted = excluded.deleted,
                           updated_at = excluded.updated_at
                     where crm_record.version < excluded.version
                    returning org_id, module, record_id""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setArray(2, c.createArrayOf("text", org));
                ps.setArray(3, c.createArrayOf("text", module));
                ps.setArray(4, c.createArrayOf("text", id));
                ps.setArray(5, c.createArrayOf("bigint", version));
                ps.setArray(6, c.createArrayOf("text", name));
                ps.setArray(7, c.createArrayOf("text", email));
                ps.setArray(8, c.createArrayOf("text", language));
                ps.setArray(9, c.createArrayOf("text", approval));
                ps.setArray(10, c.createArrayOf("text", review));
                ps.setArray(11, c.createArrayOf("text", consent));
                ps.setArray(12, c.createArrayOf("text", fields));
                ps.setArray(13, c.createArrayOf("boolean", deleted));
                List<CrmRecord> applied = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        applied.add(byKey.get(key(rs.getString(1), rs.getString(2), rs.getString(3))));
                    }
                }
                return applied;
            }
        });
    }

    /** The live (not deleted) records of a module among these ids. */
    public Map<String, CrmRecord> find(String orgId, String module, Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Map.of();
        }
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + " where org_id = ? and module = ? and record_id = any(?) and not deleted")) {
                ps.setString(1, orgId);
                ps.setString(2, module);
                ps.setArray(3, c.createArrayOf("text", recordIds.toArray()));
                Map<String, CrmRecord> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CrmRecord record = read(rs);
                        found.put(record.recordId(), record);
                    }
                }
                return found;
            }
        });
    }

    /**
     * Records of {@code module} related to {@code recordId} through the field {@code via}: a lookup
     * ({@code {"id": …}}) pointing at it, or a multi-lookup ({@code [{"id": …}, …]}) containing it.
     */
    public List<CrmRecord> relatedTo(String orgId, String module, String via, String recordId, int limit, int offset) {
        String lookup = json(Map.of(via, Map.of("id", recordId)));
        String multiLookup = json(Map.of(via, List.of(Map.of("id", recordId))));
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " where org_id = ? and module = ? and not deleted "
                    + "and (fields @> cast(? as jsonb) or fields @> cast(? as jsonb)) order by record_id limit ? offset ?")) {
                ps.setString(1, orgId);
                ps.setString(2, module);
                ps.setString(3, lookup);
                ps.setString(4, multiLookup);
                ps.setInt(5, limit);
                ps.setInt(6, offset);
                List<CrmRecord> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    private static final String SELECT = "select org_id, module, record_id, version, name, email, language, approval, "
            + "review, consent, cast(fields as text), deleted from crm_record";

    private CrmRecord read(ResultSet rs) throws SQLException {
        RecordState state = new RecordState(
                rs.getString(8) == null ? RecordState.Approval.NONE : RecordState.Approval.valueOf(rs.getString(8)),
                rs.getString(9) == null ? RecordState.Review.NONE : RecordState.Review.valueOf(rs.getString(9)),
                rs.getString(10) == null ? RecordState.Consent.NOT_REQUIRED : RecordState.Consent.valueOf(rs.getString(10)));
        Map<String, Object> fields;
        try {
            fields = mapper.readValue(rs.getString(11), FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new CrmRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), state, fields, rs.getBoolean(12));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record fields cannot be written as JSON", e);
        }
    }

    static String key(String org, String module, String id) {
        return org + "\u0000" + module + "\u0000" + id;
    }
}
