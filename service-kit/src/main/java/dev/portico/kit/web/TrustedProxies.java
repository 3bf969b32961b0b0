package dev.portico.kit.web;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.InetSocketAddressConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start with a trusted-proxy entry that Quarkus would look up in DNS. Quarkus reads each entry of
 * {@code quarkus.http.proxy.trusted-proxies} that is neither a CIDR nor an IPv4 address as {@code host[:port]}
 * and resolves it on every request, whether or not the request carries forwarding headers; a bare IPv6 address
 * ({@code ::1}) is one of those (read as host {@code :} and port 1). Each request then waits for the DNS server,
 * and when its answer is lost, for the resolver's five-second time-out: the users-list benchmark's unexplained
 * 5 s outliers were this. An entry passes when Quarkus reads it as an address: a CIDR ({@code ::1/128},
 * {@code 10.0.0.0/8}), an IPv4 address or a bracketed IPv6 one ({@code [::1]}), with an optional port, or
 * {@code localhost} (which Quarkus itself reads as 127.0.0.1). The entries are judged by Quarkus' own converter.
 */
@ApplicationScoped
public class TrustedProxies {

    /** What Quarkus takes for a CIDR ({@code TrustedProxyCheckPartConverter}); anything else is host[:port]. */
    private static final Pattern CIDR = Pattern.compile(".+/\\d+");

    @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
    boolean forwarding;

    @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
    Optional<List<String>> trusted;

    void check(@Observes StartupEvent event) {
        if (!forwarding) {
            return;
        }
        List<String> looked = lookedUp(trusted.orElse(List.of()));
        if (!looked.isEmpty()) {
            throw new IllegalStateException("PORTICO_TRUSTED_PROXIES (quarkus.http.proxy.trusted-proxies) names "
                    + looked + ", which Quarkus would look up in DNS on every request: write each entry as a CIDR "
                    + "(e.g. ::1/128, 10.0.0.0/8) or an IP address (IPv6 in brackets: [::1])");
        }
    }

    /** The entries Quarkus would resolve by name on every request. */
    static List<String> lookedUp(List<String> entries) {
        InetSocketAddressConverter addresses = new InetSocketAddressConverter();
        List<String> looked = new ArrayList<>();
        for (String entry : entries) {
            String value = entry.trim();
            if (!value.isEmpty() && !value.equals("localhost") && !CIDR.matcher(value).matches()
                    && addresses.convert(value).isUnresolved()) {
                looked.add(value);
            }
        }
        return looked;
    }
}
