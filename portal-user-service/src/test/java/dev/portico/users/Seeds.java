package dev.portico.users;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/** Users in a given state, written straight to the database: the setup of lifecycle tests, not what they test. */
@ApplicationScoped
public class Seeds {

    @Inject
    EntityManager em;

    public UUID user(World.Org org, UUID userTypeId, String recordId, String name, String email, boolean active,
            boolean confirmed) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into portal_user (id, org_id, portal_id, user_type_id, module, record_id, name, email,
                    email_normalized, active, confirmed, invited_at, confirmed_at, deactivated_at, created_at, updated_at)
                values (?1, ?2, ?3, ?4, 'Contacts', ?5, ?6, ?7, lower(?7), ?8, ?9, now(),
                    case when ?9 then now() end, case when not ?8 then now() end, now(), now())""")
                .setParameter(1, id)
                .setParameter(2, org.id)
                .setParameter(3, org.portalId)
                .setParameter(4, userTypeId)
                .setParameter(5, recordId)
                .setParameter(6, name)
                .setParameter(7, email)
                .setParameter(8, active)
                .setParameter(9, confirmed)
                .executeUpdate());
        return id;
    }

    /** {@code count} confirmed users with generated names, in one statement. */
    public void many(World.Org org, int count, String namePrefix) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into portal_user (id, org_id, portal_id, user_type_id, module, record_id, name, email,
                    email_normalized, active, confirmed, invited_at, confirmed_at, created_at, updated_at)
                select gen_random_uuid(), ?1, ?2, ?3, 'Contacts', 'seed-' || g, ?4 || ' ' || g, 'seed' || g || '@x.example',
                       'seed' || g || '@x.example', g % 10 <> 0, g % 3 <> 0, now(), now(), now(), now()
                from generate_series(1, ?5) g""")
                .setParameter(1, org.id)
                .setParameter(2, org.portalId)
                .setParameter(3, org.userTypeId)
                .setParameter(4, namePrefix)
                .setParameter(5, count)
                .executeUpdate());
    }
}
