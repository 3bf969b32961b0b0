package dev.portico.autoinvite;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AutoInviteServiceContractTest extends ServiceContractTest {

    @Override
    protected String protectedPath() {
        return "/portals/{portal}/auto-invites";
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
