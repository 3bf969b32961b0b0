package dev.portico.config.rest;

/**
 * Bounds on request sizes, chosen so that whatever is accepted can be published: the largest user type
 * (20 modules x 200 fields of 100-character names) makes an event of about 0.6 MB, under Kafka's 1 MB.
 */
final class InputLimits {

    static final int MODULES_PER_USER_TYPE = 20;
    static final int FIELDS_PER_MODULE_ACCESS = 200;
    static final int FIELDS_PER_MODULE = 500;
    static final int MODULE_NAME = 50;
    static final int FIELD_NAME = 100;
    static final int NAME = 100;

    private InputLimits() {
    }
}
