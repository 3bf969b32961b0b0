package dev.portico.kit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event waiting to be relayed to Kafka; written in the transaction of the change that caused it. The
 * relay's bookkeeping ({@code attempts}, {@code last_error}, {@code parked_at}) is written by SQL only.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    /**
     * Drawn by the database ({@code default nextval('outbox_seq')}) when the row is inserted, which
     * {@link Outbox#publish} does at once: after the locks the transaction took before publishing, so ids
     * follow the commit order of every aggregate whose row lock the producer holds. Never pooled per instance.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "msg_key", nullable = false)
    public String key;

    @Column(nullable = false)
    public String payload;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
