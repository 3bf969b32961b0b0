package dev.portico.autoinvite;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.portico.autoinvite.domain.FailureLog;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** FAILED auto-invites from portal.invitation-events: one row per record, configuration and reason, counted. */
@QuarkusTest
class FailureLogTest {

    @Inject
    World world;

    @Test
    void logsFailedAutoInvitesWithAttemptCountsNewestFirst() throws Exception {
        World.Org org = world.org();
        String config = org.create(AutoInviteConfigTest.multiple(org));
        String other = org.create(AutoInviteConfigTest.multiple(org).replace("Paying customers", "Second"));
        InvitationEvent first = world.outcome(org, org.portalId, "c-1", InvitationEvent.Type.FAILED, config,
                FailureReason.COMPANY_DOMAIN, "Jeanne Martin", "jeanne@acme.example");
        world.send(first); // redelivered: not a second attempt
        world.outcome(org, org.portalId, "c-2", InvitationEvent.Type.FAILED, other, FailureReason.NO_CONSENT,
                "Paul", "paul@x.example");
        Thread.sleep(20);
        Instant beforeLast = Instant.now();
        world.outcome(org, org.portalId, "c-1", InvitationEvent.Type.FAILED, config, FailureReason.COMPANY_DOMAIN,
                "Jeanne Martin", "jeanne@acme.example");
        world.outcome(org, org.portalId, "c-1", InvitationEvent.Type.SENT, config, null, "Jeanne Martin", "j@x.example");
        world.send(new InvitationEvent(UUID.randomUUID(), InvitationEvent.Type.FAILED, org.id, Instant.now(),
                org.portalId.toString(), org.userTypeId.toString(), "c-3", "Manual", null, null, null,
                InviteSource.MANUAL, null, "m@x.example", "en", FailureReason.INVALID_EMAIL, "bad"));

        await().atMost(Duration.ofSeconds(30)).until(() -> org.users()
                .get("/api/v1/portals/{p}/auto-invites/failures", org.portalId).path("items[0].attempts")
                .equals(2));
        org.users().get("/api/v1/portals/{p}/auto-invites/failures", org.portalId).then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.recordId", contains("c-1", "c-2"))
                .body("items[0].name", equalTo("Jeanne Martin"))
                .body("items[0].email", equalTo("jeanne@acme.example"))
                .body("items[0].reason", equalTo("COMPANY_DOMAIN"))
                .body("items[0].message", equalTo(FailureReason.COMPANY_DOMAIN.defaultMessage()))
                .body("items[0].configId", equalTo(config))
                .body("items[0].configName", equalTo("Paying customers"))
                .body("items[0].attempts", equalTo(2))
                .body("items[1].attempts", equalTo(1));

        org.users().queryParam("configId", other).get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items.recordId", contains("c-2"));
        org.users().queryParam("reason", "company_domain").get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items.recordId", contains("c-1"));
        org.users().queryParam("from", beforeLast.toString())
                .get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items.recordId", contains("c-1"));
        org.users().queryParam("to", beforeLast.toString())
                .get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items.recordId", contains("c-2"));
        org.users().queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items.recordId", contains("c-2")).body("total", equalTo(2));

        org.config().delete("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, other).then().statusCode(204);
        org.users().queryParam("configId", other).get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().body("items[0].configName", nullValue()).body("items[0].recordId", equalTo("c-2"));
    }

    @Inject
    FailureLog failures;

    @Test
    void attemptsOfOneBatchAreCountedTogether() {
        World.Org org = world.org();
        UUID config = UUID.fromString(org.create(AutoInviteConfigTest.multiple(org)));
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> failures.recordAll(List.of(
                new FailureLog.Failure(org.id, org.portalId, config, "b-1", "NO_CONSENT", "Ann", null, "first", t),
                new FailureLog.Failure(org.id, org.portalId, config, "b-2", "NO_CONSENT", "Bob", null, "other", t),
                new FailureLog.Failure(org.id, org.portalId, config, "b-1", "NO_CONSENT", null, "ann@x.example", "last",
                        t.plusSeconds(60)),
                new FailureLog.Failure(org.id, org.portalId, config, "b-1", "NO_CONSENT", null, null, "middle",
                        t.plusSeconds(30)))));
        QuarkusTransaction.requiringNew().run(() -> failures.recordAll(List.of(
                new FailureLog.Failure(org.id, org.portalId, config, "b-1", "NO_CONSENT", null, null, "again",
                        t.plusSeconds(90)))));
        org.users().get("/api/v1/portals/{p}/auto-invites/failures", org.portalId).then().statusCode(200)
                .body("items.recordId", contains("b-1", "b-2"))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].name", equalTo("Ann"))
                .body("items[0].email", equalTo("ann@x.example"))
                .body("items[0].message", equalTo("again"))
                .body("items[0].firstFailedAt", equalTo("2026-01-01T10:00:00Z"))
                .body("items[0].lastFailedAt", equalTo("2026-01-01T10:01:30Z"))
                .body("items[1].attempts", equalTo(1));
    }

    @Test
    void refusesBadFiltersOtherScopesAndUnknownPortals() {
        World.Org org = world.org();
        org.users().queryParam("reason", "SOMETHING").get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("reason"));
        org.users().queryParam("configId", "x").get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().statusCode(400).body("errors[0].field", equalTo("configId"));
        org.users().queryParam("from", "yesterday").get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        org.config().get("/api/v1/portals/{p}/auto-invites/failures", org.portalId)
                .then().statusCode(403).body("code", equalTo("MISSING_SCOPE"));
        org.users().get("/api/v1/portals/{p}/auto-invites/failures", UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));
    }
}
