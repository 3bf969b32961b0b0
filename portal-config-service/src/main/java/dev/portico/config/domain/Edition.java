package dev.portico.config.domain;

/** The CRM subscription of an org (DESIGN §3). */
public enum Edition {
    FREE, STANDARD, PROFESSIONAL, ENTERPRISE, ULTIMATE;

    /** Editions that may run a trial and have full portal limits. */
    public boolean isPortalEdition() {
        return this == ENTERPRISE || this == ULTIMATE;
    }

    /** Any paid subscription: it keeps a trial's portal and cancels a scheduled deletion. */
    public boolean isPaid() {
        return this != FREE;
    }
}
