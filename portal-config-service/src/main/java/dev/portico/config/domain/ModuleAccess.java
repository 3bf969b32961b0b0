package dev.portico.config.domain;

import java.util.List;

/**
 * What a user type's users may do with one module (a tab): permissions, the lookup field that ties the
 * module's records to the portal user (not for the portal's own module), and the visible fields.
 */
public record ModuleAccess(String module, Permissions permissions, String relatedVia, List<FieldAccess> fields) {

    public record Permissions(boolean view, boolean create, boolean edit, boolean delete) {
    }

    public enum Access { READ, WRITE }

    public record FieldAccess(String name, Access access) {
    }
}
