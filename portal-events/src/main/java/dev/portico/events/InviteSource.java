package dev.portico.events;

/** What started an invitation. */
public enum InviteSource { MANUAL, BULK, AUTO }
