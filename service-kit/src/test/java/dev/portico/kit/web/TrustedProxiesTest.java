package dev.portico.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void entriesQuarkusWouldResolveByNameAreNamed() {
        // a bare IPv6 address is read as host and port: "::1" is host ":" on port 1
        assertThat(TrustedProxies.lookedUp(List.of("::1", "gateway", "fe80::1", "proxy.example:8080")))
                .containsExactly("::1", "gateway", "fe80::1", "proxy.example:8080");
    }

    @Test
    void cidrsAndIpv4AddressesAreTakenAsTheyAre() {
        assertThat(TrustedProxies.lookedUp(List.of("::1/128", "127.0.0.1/32", "10.0.0.0/8", "fd00::/8",
                "127.0.0.1", "10.1.2.3:8443", "[::1]", "[fd00::1]:8443", "localhost", " 172.16.0.0/12 "))).isEmpty();
    }

    @Test
    void theKitsDefaultIsLookedUpNowhere() throws Exception {
        Properties kit = new Properties();
        try (InputStream in = TrustedProxies.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            kit.load(in);
        }
        String value = kit.getProperty("quarkus.http.proxy.trusted-proxies");
        Matcher fallback = Pattern.compile("\\$\\{PORTICO_TRUSTED_PROXIES:(.+)}").matcher(value);
        assertThat(fallback.matches()).as(value).isTrue();
        List<String> entries = Arrays.asList(fallback.group(1).split(","));
        assertThat(entries).contains("::1/128");
        assertThat(TrustedProxies.lookedUp(entries)).isEmpty();
    }
}
