package io.tixing.rules;

import io.tixing.policy.PolicyEngine;
import io.tixing.policy.RulePacks;
import jakarta.enterprise.context.ApplicationScoped;
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
}
