package dev.portico.config;

import static org.hamcrest.Matchers.equalTo;

import dev.portico.config.domain.UserType;
import dev.portico.config.domain.UserTypeRepository;
import dev.portico.config.service.UserCounts;
import dev.portico.events.UserEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Editing a user type never writes back a user count that a user event moved meanwhile. */
@QuarkusTest
class UserCountKeptTest {

    @Inject
    UserTypeRepository userTypes;

    @Inject
    UserCounts counts;

    @Test
    void aUserTypeEditRacingAUserEventKeepsTheCount() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String typeId = api.defaultUserType(portal);

        QuarkusTransaction.requiringNew().run(() -> {
            UserType type = userTypes.findById(UUID.fromString(typeId));
            type.name = "Renamed";
            // a user of the type is created and counted by another thread while this edit is open
            CompletableFuture.runAsync(() -> counts.apply(new UserEvent(UUID.randomUUID(), UserEvent.Type.CREATED,
                    api.org, Instant.now(), portal, UUID.randomUUID().toString(), typeId, null, "Contacts",
                    UUID.randomUUID().toString(), null))).join();
        });

        api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, typeId).then().statusCode(200)
                .body("name", equalTo("Renamed")).body("userCount", equalTo(1));
    }
}
