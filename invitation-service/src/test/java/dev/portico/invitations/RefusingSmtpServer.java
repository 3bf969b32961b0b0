package dev.portico.invitations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP server that speaks the protocol properly and refuses every recipient for good (550), or, made
 * {@link #stalling}, greets and then never answers again (a session stuck on the server's side).
 */
final class RefusingSmtpServer implements AutoCloseable {

    static final String REPLY = "550 5.1.1 Mailbox does not exist";

    private final ServerSocket server;
    private final boolean stall;
    private final List<Socket> sessions = new ArrayList<>();

    RefusingSmtpServer(int port) throws IOException {
        this(port, false);
    }

    static RefusingSmtpServer stalling(int port) throws IOException {
        return new RefusingSmtpServer(port, true);
    }

    private RefusingSmtpServer(int port, boolean stall) throws IOException {
        this.stall = stall;
        server = bind(port);
        Thread acceptor = new Thread(this::accept, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Binds the port another of these servers just gave up: its closed sessions may still hold the address for a
     * moment (one CI run failed with "Address already in use"), so reuse it and retry briefly.
     */
    private static ServerSocket bind(int port) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (sessions) {
                    sessions.add(socket);
                }
                Thread t = new Thread(() -> serve(socket), "refusing-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            write(out, "220 refusing.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                if (stall) {
                    continue; // reads what the client says and never answers
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> write(out, "250-refusing.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> write(out, "250 OK");
                    case "RCPT" -> write(out, REPLY);
                    case "QUIT" -> {
                        write(out, "221 Bye");
                        return;
                    }
                    default -> write(out, "503 5.5.1 Bad sequence of commands");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sessions) {
            for (Socket socket : sessions) {
                socket.close();
            }
        }
    }
}
