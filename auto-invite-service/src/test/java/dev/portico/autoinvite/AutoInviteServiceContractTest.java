package dev.portico.autoinvite;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;

@QuarkusTest
class AutoInviteServiceContractTest extends ServiceContractTest {

    @Inject
    World world;

    @Override
    protected String protectedPath() {
        return "/portals/{portal}/auto-invites";
    }

    @Override
    protected String portalOf(String org) {
        World.Org own = new World.Org(org, UUID.randomUUID(), UUID.randomUUID());
        return world.secondPortal(own, own.userTypeId).toString();
    }

    @Override
    protected String scope() {
        return "portal.config";
    }

    @Override
    protected String otherScope() {
        return "portal.users";
    }
}
