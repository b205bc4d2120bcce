package io.tixing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** {@code Authorization: Bearer <api key>} → a security identity named after the key's client, with its roles. */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism, IdentityProvider<TokenAuthenticationRequest> {

    public static final String KEY_ID_ATTRIBUTE = "tixing.keyId";

    private final ApiKeys keys;

    public ApiKeyAuthentication(ApiKeys keys) { this.keys = keys; }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Uni.createFrom().nullItem();
        String key = header.substring(7).strip();
        if (key.isEmpty()) return Uni.createFrom().failure(new AuthenticationFailedException("empty API key"));
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.getToken().getToken();
        // A key remembered from an earlier request is answered here, on the event loop; only a lookup blocks.
        var remembered = keys.remembered(key);
        if (remembered.isPresent()) {
            try {
                return Uni.createFrom().item(identity(remembered.get()));
            } catch (AuthenticationFailedException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return context.runBlocking(() -> identity(keys.authenticate(key)));
    }

    private static SecurityIdentity identity(java.util.Optional<ApiClient> found) {
        return found.map(client -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(client.client()))
                        .addRoles(client.roles())
                        .addAttribute(KEY_ID_ATTRIBUTE, client.keyId())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"tixing\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() { return Set.of(TokenAuthenticationRequest.class); }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() { return TokenAuthenticationRequest.class; }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
