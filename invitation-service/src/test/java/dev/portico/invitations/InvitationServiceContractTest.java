package dev.portico.invitations;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvitationServiceContractTest extends ServiceContractTest {

    @Override
    protected String protectedPath() {
        return "/invitation-templates";
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
