package dev.portico.kit.web;

import dev.portico.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

/**
 * The request id of the work at hand, kept in the logging MDC under {@value #MDC_KEY} so that every log
 * line carries it. It arrives as the {@value Topics#REQUEST_ID_HEADER} HTTP or Kafka header, or is created.
 */
public final class RequestIds {

    public static final String MDC_KEY = "requestId";
    public static final String HEADER = Topics.REQUEST_ID_HEADER;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** Uses the caller's id when it is a sane token, otherwise makes a new one (never trusts it to be unique). */
    public static String acceptOrCreate(String offered) {
        return offered != null && SAFE.matcher(offered).matches() ? offered : create();
    }

    /**
     * A new random (version 4) UUID. A request id correlates logs; it is no secret, so it comes from the
     * thread's fast generator rather than from {@code SecureRandom}, which every request would contend for.
     */
    public static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static void set(String requestId) {
        if (requestId == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, requestId);
        }
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }

    /** Restores the id an event was published with (consumer side); creates one when the event has none. */
    public static String restore(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        String offered = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        String id = acceptOrCreate(offered);
        set(id);
        return id;
    }
}
