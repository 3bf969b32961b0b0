package dev.portico.kit.web;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code {items, page, size, total, totalCapped}} (DESIGN §4). A list that counts its matches
 * only up to a cap (a million users) gives the cap as {@code total} and {@code totalCapped: true}: "10,000+".
 */
public record Page<T>(
        List<T> items,
        int page,
        int size,
        @Schema(description = "How many items match; with totalCapped, at least this many") long total,
        @Schema(description = "true when there are more matches than total (the list counts only up to a cap)")
        boolean totalCapped) {

    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, false);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total, totalCapped);
    }
}
