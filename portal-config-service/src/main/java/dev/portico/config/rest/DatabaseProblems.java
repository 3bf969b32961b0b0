package dev.portico.config.rest;

import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemMappers;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database failures the services did not turn into domain problems themselves. A unique key is read by its
 * constraint name only (any other database error stays a 500, never a guessed conflict); a write that lost a
 * race (stale version, deadlock, another unique key) is 409 CONCURRENT_UPDATE, which the client may retry.
 */
public class DatabaseProblems {

    private record Known(String code, String detail) {
    }

    private static final Map<String, Known> UNIQUE_KEYS = Map.of(
            "portal_slug_pkey", new Known("SLUG_TAKEN", "The slug is already used by another portal."),
            "user_type_name_uq", new Known("USER_TYPE_NAME_TAKEN", "The portal already has a user type of that name."));

    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        return map(e);
    }

    @ServerExceptionMapper
    public Response rollback(RollbackException e) {
        return map(e);
    }

    static Response map(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof PessimisticLockException || t instanceof LockAcquisitionException) {
                return concurrentUpdate();
            }
            if (t instanceof ConstraintViolationException violation) {
                Known known = violation.getConstraintName() == null ? null : UNIQUE_KEYS.get(violation.getConstraintName());
                if (known != null) {
                    return ProblemMappers.respond(409, known.code(), known.detail(), null, null);
                }
                if (violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                    return concurrentUpdate();
                }
                break;
            }
        }
        return ProblemMappers.respond(500, ProblemCodes.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request id when reporting it.", null, e);
    }

    private static Response concurrentUpdate() {
        return ProblemMappers.respond(409, "CONCURRENT_UPDATE",
                "Someone else changed this at the same time; read it again and retry.", null, null);
    }
}
