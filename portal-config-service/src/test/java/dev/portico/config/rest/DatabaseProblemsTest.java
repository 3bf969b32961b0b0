package dev.portico.config.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.portico.kit.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Real PostgreSQL errors: only a known unique key by name gets its code; other errors are never a conflict. */
@QuarkusTest
class DatabaseProblemsTest {

    @Inject
    EntityManager em;

    @Test
    void aKnownUniqueKeyIsNamedByItsConstraint() {
        UUID portal = portal("known-" + UUID.randomUUID().toString().substring(0, 8));
        Throwable failure = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            insertUserType(portal, "Members");
            insertUserType(portal, "MEMBERS");
        }));
        assertProblem(failure, 409, "USER_TYPE_NAME_TAKEN");
    }

    @Test
    void anotherUniqueKeyIsAConcurrentUpdate() {
        String org = "org-" + UUID.randomUUID();
        Throwable failure = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 2; i++) {
                em.createNativeQuery("insert into crm_module (org_id, name, fields, updated_at) values (?1, 'X', '[]', now())")
                        .setParameter(1, org).executeUpdate();
            }
        }));
        assertProblem(failure, 409, "CONCURRENT_UPDATE");
    }

    @Test
    void otherDatabaseErrorsAreNotConflicts() {
        Throwable failure = catchThrowable(() -> portal("nul-" + UUID.randomUUID().toString().substring(0, 8), "a\u0000b"));
        assertProblem(failure, 500, "INTERNAL_ERROR");
    }

    private static void assertProblem(Throwable failure, int status, String code) {
        assertThat(failure).isNotNull();
        Response response = DatabaseProblems.map(failure);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(((Problem) response.getEntity()).code()).isEqualTo(code);
    }

    private UUID portal(String slug) {
        return portal(slug, "P");
    }

    private UUID portal(String slug, String name) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into portal (id, org_id, name, module, slug, status, invitation_expiry_days, system,
                                            created_at, updated_at)
                        values (?1, 'org-test', ?2, 'Contacts', ?3, 'ACTIVE', 7, false, ?4, ?4)""")
                .setParameter(1, id).setParameter(2, name).setParameter(3, slug).setParameter(4, Instant.now())
                .executeUpdate());
        return id;
    }

    private void insertUserType(UUID portal, String name) {
        em.createNativeQuery("""
                        insert into user_type (id, org_id, portal_id, name, modules, created_at, updated_at)
                        values (?1, 'org-test', ?2, ?3, '[]', now(), now())""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, portal).setParameter(3, name).executeUpdate();
    }
}
