package dev.portico.kit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends bytes no HTTP client would send, or from another local address, and returns the whole answer. */
public final class RawHttp {

    private static final Pattern LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)\r\n");

    private RawHttp() {
    }

    public static String exchange(int port, String request) throws IOException {
        return exchange("127.0.0.1", port, request);
    }

    /**
     * From {@code localAddress} (any 127.x.y.z stands for another client: connecting to 127.0.0.2 alone would
     * still come from 127.0.0.1).
     */
    public static String exchange(String localAddress, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                Matcher length = LENGTH.matcher(text.toLowerCase(Locale.ROOT));
                if (end >= 0 && length.find() && length.start() < end
                        && text.length() >= end + 4 + Integer.parseInt(length.group(1))) {
                    return text;
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
