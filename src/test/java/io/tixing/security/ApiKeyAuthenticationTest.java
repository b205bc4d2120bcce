package io.tixing.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key is looked up once (blocking, on a worker); while remembered, it is answered where the request arrived. */
@QuarkusTest
class ApiKeyAuthenticationTest {

    @Inject ApiKeyAuthentication authentication;
    @Inject ApiKeys keys;

    /** Counts the lookups that had to block, and runs them in place (as a worker would). */
    static final class Blocking implements AuthenticationRequestContext {
        int calls;

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> work) {
            calls++;
            try {
                return Uni.createFrom().item(work.get());
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(e);
            }
        }
    }

    private SecurityIdentity authenticate(String key, Blocking context) {
        return authentication.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")), context)
                .await().indefinitely();
    }

    @Test
    void a_remembered_key_is_answered_without_blocking_and_a_revoked_one_is_looked_up_again_and_refused() {
        var issued = keys.issue("auth-" + System.nanoTime(), Set.of("submitter"), "test");
        Blocking context = new Blocking();

        SecurityIdentity first = authenticate(issued.key(), context);
        assertThat(context.calls).as("the first use looks the key up").isEqualTo(1);
        SecurityIdentity again = authenticate(issued.key(), context);
        assertThat(context.calls).as("a remembered key does not block").isEqualTo(1);
        assertThat(again.getPrincipal().getName()).isEqualTo(first.getPrincipal().getName()).isEqualTo(issued.client());
        assertThat(again.getRoles()).containsExactly("submitter");
        assertThat((Object) again.getAttribute(ApiKeyAuthentication.KEY_ID_ATTRIBUTE)).isEqualTo(issued.id());

        assertThat(keys.revoke(issued.id(), "test")).isTrue();
        assertThatThrownBy(() -> authenticate(issued.key(), context)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(context.calls).as("revoking forgets the key: it is looked up again").isEqualTo(2);
        assertThatThrownBy(() -> authenticate(issued.key(), context)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(context.calls).as("a refused key is remembered as refused").isEqualTo(2);
    }
}
