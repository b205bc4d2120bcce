package io.tixing.security;

import java.util.Set;

/** Who is calling: the client name an API key belongs to and the roles it carries. */
public record ApiClient(long keyId, String client, Set<String> roles) {
    public boolean has(String role) { return roles.contains(role); }
}
