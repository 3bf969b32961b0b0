package dev.portico.invitations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "portico.invitations")
public interface InvitationConfig {

    /**
     * How long after a dispatch's {@code occurredAt} an unknown portal is taken for a config event still on its
     * way (the dispatch waits and retries); after that the invitation fails PORTAL_UNAVAILABLE.
     */
    @WithDefault("30s")
    Duration portalWait();

    /** Domain of the Message-ID each mail gets ({@code <invitation id>@domain}). */
    @WithDefault("portico.local")
    String messageIdDomain();

    Delivery delivery();

    Expiry expiry();

    interface Delivery {

        /** Mails sent at the same time, each on a pooled SMTP connection (keep ≤ quarkus.mailer.max-pool-size). */
        @WithDefault("32")
        int parallelism();

        /** Most mails per second over all connections; 0 is no limit. */
        @WithDefault("0")
        int ratePerSecond();

        /** Invitations claimed and rendered per round. */
        @WithDefault("256")
        int batchSize();

        /** How often the worker looks for due invitations when nothing woke it. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** First wait after a transient SMTP failure; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("1m")
        Duration maxBackoff();

        /** How long transient failures are retried before the invitation fails DELIVERY_FAILED. */
        @WithDefault("24h")
        Duration retryWindow();

        /**
         * An attempt still unfinished after this long belongs to a sender that died and whose journal was not
         * settled (lost with its machine, or the crash fell between the server's reply and the journal's write):
         * the invitation is claimed again, and may go out a second time.
         */
        @WithDefault("2m")
        Duration lease();

        /**
         * Directory of the delivery journal, where each sender notes an accepted mail the moment the server accepts
         * it, so that after a crash it is recorded instead of sent again; default {@code <java.io.tmpdir>/portico-invitations}.
         * It must outlive the process (on Kubernetes the pod's {@code /tmp} volume does, across container restarts).
         */
        Optional<String> journalDir();

        /** Size past which the journal starts a new file (a file goes once every attempt in it is settled). */
        @WithDefault("1048576")
        long journalSegmentBytes();
    }

    interface Expiry {

        @WithDefault("1m")
        String every();

        /** Invitations expired per transaction. */
        @WithDefault("500")
        int batchSize();
    }
}
