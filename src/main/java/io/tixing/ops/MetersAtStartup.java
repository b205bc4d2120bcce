package io.tixing.ops;

import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import io.tixing.contactlog.NightlyVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Meters owned by lazily created beans exist from start-up, not only after their first use: an alert on the contact
 * log's chain must have a series to watch before the first nightly verification (03:30) creates the bean.
 */
@ApplicationScoped
public class MetersAtStartup {

    void onStart(@Observes StartupEvent event, NightlyVerification nightly) {
        ClientProxy.unwrap(nightly); // creates the bean, whose constructor registers its gauge and counter
    }
}
