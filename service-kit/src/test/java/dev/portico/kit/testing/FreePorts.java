package dev.portico.kit.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts in another process. {@code new ServerSocket(0)} hands out a port from the
 * kernel's ephemeral range, and between closing it and the server binding it, any outgoing connection (to
 * PostgreSQL, Kafka, …) may be given the same port: the server then fails with "port in use", as a gateway test
 * did in CI. These ports come from 20000–31999, below the ephemeral ranges of Linux (32768–60999) and Windows
 * (49152–65535), so only another listener can hold one, and that is checked.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int COUNT = 12_000;
    /** Where this JVM starts looking: random, so that two test JVMs at once rarely walk the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

    private FreePorts() {
    }

    /** A port no one listens on now, outside the ephemeral range; not handed out twice by this JVM. */
    public static int next() {
        for (int tried = 0; tried < COUNT; tried++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // someone listens there: try the next one
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + (FIRST + COUNT - 1));
    }
}
