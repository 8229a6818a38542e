package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the throttle names the client address and the e-mail it counts against. */
class SignInThrottleTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(SignInThrottle.addressBlock("203.0.113.7")).isNotEqualTo(SignInThrottle.addressBlock("203.0.113.8"));
    }

    @Test
    void ipv6AddressesCountBySixtyFourBitBlock() {
        assertThat(SignInThrottle.addressBlock("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SignInThrottle.addressBlock("2001:db8:1:2:bbbb::99"))
                .isEqualTo(SignInThrottle.addressBlock("[2001:db8:1:2::5]"))
                .isNotEqualTo(SignInThrottle.addressBlock("2001:db8:1:3::1"));
    }

    @Test
    void anEmailCountsTheSameHoweverItIsCapitalisedOrPadded() {
        assertThat(SignInThrottle.normalisedEmail("  Alice@Example.COM "))
                .isEqualTo(SignInThrottle.normalisedEmail("alice@example.com"));
    }
}
