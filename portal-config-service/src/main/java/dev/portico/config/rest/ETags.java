package dev.portico.config.rest;

import dev.portico.config.service.IfMatch;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.HashSet;
import java.util.Set;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * ETags are the aggregate's version as a strong tag ({@code "7"}); a write with {@code If-Match} applies only
 * to that version (412 PRECONDITION_FAILED otherwise), {@code *} or no header applies to any.
 */
final class ETags {

    static final String IF_MATCH_DESCRIPTION = "Apply only if the resource still has this ETag (from a GET or an earlier "
            + "write); otherwise 412 PRECONDITION_FAILED and nothing changes. Without it the write applies to any version.";
    static final String ETAG_DESCRIPTION = "The version of the resource, for If-Match on the next write";

    private ETags() {
    }

    static <T> RestResponse<T> ok(T body, long version) {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, tag(version)).build();
    }

    static String tag(long version) {
        return "\"" + version + "\"";
    }

    /** The versions an If-Match header names; weak and foreign tags name none (and so never match). */
    static IfMatch ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return IfMatch.ANY;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
                } catch (NumberFormatException ignored) {
                    // not one of ours: matches no version
                }
            }
        }
        return IfMatch.of(versions);
    }
}
