package dev.portico.kit.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values read from the database and kept in memory until what they were read from changes. A read that overlaps a
 * change is not kept, since it may predate it: take a {@link #stamp()} before reading and hand it to {@link #keep},
 * which drops the value again if anything was forgotten meanwhile. Holds at most {@code maxEntries}; past that it
 * starts over.
 */
public final class KeptValues<K, V> {

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final AtomicLong forgets = new AtomicLong();
    private final int maxEntries;

    public KeptValues(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The kept value, or null. */
    public V get(K key) {
        return values.get(key);
    }

    /** Take it before reading what {@link #keep} will be given. */
    public long stamp() {
        return forgets.get();
    }

    /** Keeps what was read after {@code stamp}, unless something was forgotten since. */
    public void keep(K key, V value, long stamp) {
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
        if (forgets.get() != stamp) {
            values.remove(key);
        }
    }

    public void forget(K key) {
        forgets.incrementAndGet();
        values.remove(key);
    }

    public void forgetAll() {
        forgets.incrementAndGet();
        values.clear();
    }
}
