package dev.portico.users;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;

@QuarkusTest
class PortalUserServiceContractTest extends ServiceContractTest {

    @Inject
    World world;

    @Override
    protected String protectedPath() {
        return "/portals/{portal}/users/counts";
    }

    @Override
    protected String portalOf(String org) {
        World.Org own = new World.Org(org, UUID.randomUUID(), UUID.randomUUID(), "Contacts");
        world.portal(own, own.portalId, "ACTIVE");
        world.awaitPortal(own);
        return own.portalId.toString();
    }

    @Override
    protected String scope() {
        return "portal.users";
    }

    @Override
    protected String otherScope() {
        return "portal.config";
    }

    @Override
    protected int maxBodyBytes() {
        return 4 * 1024 * 1024; // a bulk invite of 10,000 ids of 255 characters fits
    }
}
