package dev.portico.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A slug a portal answers to: its current one, or an old one kept as an alias so links never break. */
@Entity
@Table(name = "portal_slug")
public class PortalSlug {

    @Id
    public String slug;

    @Column(name = "portal_id", nullable = false)
    public UUID portalId;

    public boolean current;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When an alias, its place in the order slugs became aliases (oldest first); null while current. */
    @Column(name = "alias_seq")
    public Long aliasSeq;
}
