package dev.portico.users.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "portico.users")
public interface UsersConfig {

    /** The record field that holds a record's language (a BCP 47 tag or a language name). */
    @WithDefault("Language")
    String languageField();

    /** Records the membership gate handles per transaction. */
    @WithDefault("1000")
    int gateChunk();

    /** How long an {@code Idempotency-Key} answers with the job it first created. */
    @WithDefault("24h")
    Duration idempotencyWindow();

    /**
     * How long after an invite request's {@code occurredAt} an unknown record or portal is taken for a CRM or config
     * event still on its way (the request waits and retries); after that the gate's refusal stands.
     */
    @WithDefault("30s")
    Duration requestWait();

    /** A job whose gate has not finished after this long is picked up again (its runner died). */
    @WithDefault("15s")
    Duration stalledJobAfter();
}
