package dev.portico.config.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A user type is deleted only after portal-user-service, which has its users, retired it: there the type is found
 * empty (or its users moved to {@code transferTo}) and closed to further invites and type changes in one step, so
 * that a job putting users into it cannot leave them in a type that no longer exists. A user count kept here from
 * events would lag behind such a job. If this service's own deletion then rolls back, the retirement is taken back.
 */
@ApplicationScoped
public class UserTypeRetirement {

    @Inject
    @RestClient
    PortalUserServiceClient users;

    @Inject
    JsonWebToken token;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Retires the type at portal-user-service, in the caller's transaction; its refusals become ours. */
    public void retire(UUID portalId, UUID typeId, UUID transferTo) {
        String auth = "Bearer " + token.getRawToken();
        try {
            users.retire(auth, portalId.toString(), typeId.toString(), transferTo == null ? null : transferTo.toString());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 409 || status == 422) {
                JsonNode problem = readProblem(e);
                String detail = problem.path("detail").asText("The user type still has users.");
                throw status == 409 ? ProblemException.conflict(problem.path("code").asText("USER_TYPE_IN_USE"), detail)
                        : ProblemException.invalid(problem.path("code").asText("USER_TYPE_NOT_FOUND"), "transferTo",
                                "is not another user type of this portal");
            }
            Log.warnf("portal-user-service answered %d to retiring user type %s", status, typeId);
            throw unavailable();
        } catch (RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            Log.warnf("portal-user-service unreachable to retire user type %s: %s", typeId, e.toString());
            throw unavailable();
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    reinstate(auth, portalId, typeId);
                }
            }
        });
    }

    private void reinstate(String auth, UUID portalId, UUID typeId) {
        try {
            users.reinstate(auth, portalId.toString(), typeId.toString());
        } catch (RuntimeException e) {
            Log.errorf("User type %s was retired at portal-user-service but not deleted here, and taking the "
                    + "retirement back failed (%s): it takes no users until deleted again", typeId, e.toString());
        }
    }

    private static JsonNode readProblem(WebApplicationException e) {
        try {
            return e.getResponse().readEntity(JsonNode.class);
        } catch (RuntimeException unreadable) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "USERS_UNAVAILABLE",
                "The user type's users cannot be checked right now (portal-user-service is unreachable); retry shortly.");
    }
}
