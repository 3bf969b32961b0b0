package dev.portico.kit.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code ?page=0&size=50} on every list; use with {@code @BeanParam @Valid}. {@code page} is at most
 * {@value #MAX_PAGE}, so the offset ({@code page * size}) stays at most 2,000,000 and never overflows;
 * a value that is not a whole number is a 400 naming the parameter ({@link InputFilter}).
 */
public class PageRequest {

    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 10_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be between 0 and " + MAX_PAGE)
    @Max(value = MAX_PAGE, message = "must be between 0 and " + MAX_PAGE)
    @Parameter(description = "Zero-based page number, 0 to 10000", example = "0")
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be between 1 and " + MAX_SIZE)
    @Max(value = MAX_SIZE, message = "must be between 1 and " + MAX_SIZE)
    @Parameter(description = "Page size, 1 to 200", example = "50")
    public int size;

    public PageRequest() {
    }

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int offset() {
        return page * size;
    }
}
