package io.tixing.rules;

import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RulePacks;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Framework wiring for the plain-Java policy engine: packs are loaded (and overrides checked) once at start. */
@ApplicationScoped
public class PolicyBeans {

    @Produces
    @Singleton
    RulePacks rulePacks(RulesConfig config) { return RulePacks.load(config.overrides()); }

    @Produces
    @Singleton
    PolicyEngine policyEngine(Clock clock) { return new PolicyEngine(clock); }

    /** Loads the packs at start, so an override looser than a legal floor stops start-up instead of the first send. */
    void checkOverridesAtStart(@Observes @Priority(1) StartupEvent event, RulePacks packs) {
        org.jboss.logging.Logger.getLogger(PolicyBeans.class)
                .infof("rule packs in force: %s", packs.all().stream().map(io.tixing.policy.RulePack::id).toList());
    }
}
