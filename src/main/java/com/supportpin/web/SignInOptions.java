package com.supportpin.web;

import java.net.URI;
import java.util.Optional;

/** How customers sign in: our password (PASSWORD_SIGN_IN), the account center's OIDC, or both. */
public record SignInOptions(boolean password, Optional<Provider> provider) {

    /** The account center's sign-in, as the sign-in page and logout need it. */
    public interface Provider {
        /** Our own path that sends the browser to the account center. */
        String startPath();

        /** Where logout sends the browser to end the account center's session too, when it offers that. */
        Optional<URI> logoutUrl();
    }

    /** Password sign-in only, as without an account center. */
    public static SignInOptions passwordOnly() {
        return new SignInOptions(true, Optional.empty());
    }
}
