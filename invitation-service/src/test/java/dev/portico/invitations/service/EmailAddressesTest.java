package dev.portico.invitations.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void acceptsOrdinaryAndInternationalizedAddresses() {
        assertThat(EmailAddresses.problem("jane.doe+portal@customer.example")).isEmpty();
        assertThat(EmailAddresses.problem("o'brien@sub.customer.co.uk")).isEmpty();
        assertThat(EmailAddresses.problem("jane@bücher.example")).isEmpty();
        assertThat(EmailAddresses.problem("taro@例え.jp")).isEmpty();
        assertThat(EmailAddresses.domain("jane@Bücher.Example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void refusesBadSyntaxAndLength() {
        assertThat(EmailAddresses.problem("jane")).isPresent();
        assertThat(EmailAddresses.problem("@customer.example")).isPresent();
        assertThat(EmailAddresses.problem("jane@")).isPresent();
        assertThat(EmailAddresses.problem("jane..doe@customer.example")).isPresent();
        assertThat(EmailAddresses.problem("jane doe@customer.example")).isPresent();
        assertThat(EmailAddresses.problem("jane@localhost")).isPresent();
        assertThat(EmailAddresses.problem("jane@-bad-.example")).isPresent();
        assertThat(EmailAddresses.problem("jane@customer.123")).isPresent();
        assertThat(EmailAddresses.problem("x".repeat(65) + "@customer.example")).get().asString().contains("64");
        assertThat(EmailAddresses.problem("jane@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
                + "d".repeat(60) + ".example")).isPresent();
    }
}
