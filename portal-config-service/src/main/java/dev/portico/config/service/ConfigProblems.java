package dev.portico.config.service;

import dev.portico.kit.problem.ProblemException;

/** The domain errors of portal-config-service, with their stable codes. */
public final class ConfigProblems {

    private ConfigProblems() {
    }

    public static ProblemException portalNotFound() {
        return ProblemException.notFound("PORTAL_NOT_FOUND", "No such portal.");
    }

    public static ProblemException userTypeNotFound() {
        return ProblemException.notFound("USER_TYPE_NOT_FOUND", "No such user type in this portal.");
    }

    public static ProblemException moduleNotFound(String module) {
        return ProblemException.notFound("MODULE_NOT_FOUND", "No module named '" + module + "'.");
    }

    public static ProblemException slugNotFound() {
        return ProblemException.notFound("PORTAL_NOT_FOUND", "No portal answers to this address.");
    }

    public static ProblemException slugTaken(String slug) {
        return ProblemException.conflict("SLUG_TAKEN", "The slug '" + slug + "' is already used by another portal.");
    }

    public static ProblemException concurrentUpdate() {
        return ProblemException.conflict("CONCURRENT_UPDATE",
                "Someone else changed this at the same time; read it again and retry.");
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(412, "PRECONDITION_FAILED",
                "The resource changed since the version named in If-Match; read it again (new ETag) and retry.");
    }

    public static ProblemException editionNotSupported(String what) {
        return new ProblemException(403, "EDITION_NOT_SUPPORTED", what);
    }
}
