package dev.portico.autoinvite.service;

import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import dev.portico.autoinvite.domain.AutoInviteConfigRepository.Head;
import dev.portico.kit.cache.KeptValues;
import dev.portico.kit.tx.AfterCommit;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The enabled configurations of each org, in the order they are tried, kept between batches of record changes
 * instead of read for each: at 500 changes a second that read was a fifth of a batch's time.
 * <ul>
 * <li>Any change to a configuration, by this replica or another, by the API or by hand, makes PostgreSQL notify every
 * replica at commit (a trigger on {@code auto_invite_config}, {@code LISTEN portico_auto_invite_config}), and the
 * org's entry goes: the next batch reads it again. This replica's own changes also drop it as soon as they commit.</li>
 * <li>While the listening connection is down (database restart, network), nothing is kept and every batch reads the
 * table, as before; once it is back, everything kept before is dropped, since notifications were missed meanwhile.</li>
 * <li>A read that overlaps a notification for its org is not kept: a batch never keeps what a change made stale.</li>
 * </ul>
 * The listening connection is the service's own, beside the pool (it must reach PostgreSQL itself: a pooler in
 * transaction mode does not pass LISTEN on); a connection that stops answering is given up after 10 s.
 */
@ApplicationScoped
public class EnabledConfigs {

    static final String CHANNEL = "portico_auto_invite_config";
    /** The payload that drops every org (a TRUNCATE). */
    private static final String ALL = "*";
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_ORGS = 10_000;
    private static final String JDBC_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties.";

    @Inject
    AutoInviteConfigRepository configs;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    Config config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final KeptValues<String, List<Head>> kept = new KeptValues<>(MAX_ORGS);
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "auto-invite-config-changes");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The enabled configurations of these orgs, oldest first, by org (an org without any maps to an empty list). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<Head>> of(Collection<String> orgIds) {
        Map<String, List<Head>> result = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String org : orgIds) {
            List<Head> heads = listening ? kept.get(org) : null;
            if (heads == null) {
                missing.add(org);
            } else {
                result.put(org, heads);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        long stamp = kept.stamp();
        boolean keep = listening;
        Map<String, List<Head>> read = configs.enabledOf(missing).stream()
                .collect(Collectors.groupingBy(Head::orgId, LinkedHashMap::new, Collectors.toList()));
        for (String org : missing) {
            List<Head> heads = List.copyOf(read.getOrDefault(org, List.of()));
            result.put(org, heads);
            if (keep) {
                // not kept if a change was notified while reading: it may not be in what was read
                kept.keep(org, heads, stamp);
            }
        }
        return result;
    }

    /** This transaction changes the org's configurations: drop what is kept once it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changing(String orgId) {
        AfterCommit.once(transactions, EnabledConfigs.class.getName() + "/" + orgId, () -> kept.forget(orgId));
    }

    /** Whether the org's configurations are kept in memory now (tests). */
    public boolean keeps(String orgId) {
        return listening && kept.get(orgId) != null;
    }

    private void listen() {
        Duration backoff = WAIT;
        boolean warned = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                kept.forgetAll();
                listening = true;
                backoff = WAIT;
                warned = false;
                long checked = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            if (ALL.equals(notification.getParameter())) {
                                kept.forgetAll();
                            } else {
                                kept.forget(notification.getParameter());
                            }
                        }
                    }
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        // a connection that died silently would wait for notifications forever
                        connection.setNetworkTimeout(Runnable::run, (int) CHECK_EVERY.toMillis());
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("select 1");
                        }
                        checked = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                listening = false;
                kept.forgetAll();
                if (!running) {
                    return;
                }
                if (!warned) {
                    Log.warnf("Not told of configuration changes (%s): every batch reads them until the connection "
                            + "is back", e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        listening = false;
    }

    /** A connection like the pool's (same URL, role and extra JDBC properties, so TLS settings apply), unpooled. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(JDBC_PROPERTIES)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring(JDBC_PROPERTIES.length()), value));
            }
        }
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "auto-invite-service config changes");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url.replaceAll("\\?.*", ""));
        }
        connection.setAutoCommit(true);
        return connection;
    }
}
