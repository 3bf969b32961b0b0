package dev.portico.users;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PortalUserServiceContractTest extends ServiceContractTest {

    @Override
    protected String protectedPath() {
        return "/portals/{portal}/users/counts";
    }

    @Override
    protected String scope() {
        return "portal.users";
    }

    @Override
    protected String otherScope() {
        return "portal.config";
    }
}
