package dev.portico.config;

import dev.portico.kit.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConfigServiceContractTest extends ServiceContractTest {

    @Override
    protected String protectedPath() {
        return "/modules";
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
