package dev.portico.autoinvite.domain;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Columns of native query results, whichever Java type the driver and Hibernate handed them over as. */
final class SqlValues {

    private SqlValues() {
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
