package io.tixing.wave;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The playbook rules on the shipped default.yaml, without a running service. */
class CadenceRulesTest {

    final Cadence cadence = new Cadences().find("default").orElseThrow();

    @Test
    void the_latest_step_reached_that_applies_is_chosen() {
        assertThat(cadence.reached(-4, Set.of(), "LOW")).isEmpty();
        assertThat(cadence.reached(-3, Set.of(), "LOW")).map(Cadence.Step::key).hasValue("D-3");
        assertThat(cadence.reached(-1, Set.of(), "LOW")).map(Cadence.Step::key).hasValue("D-3");
        assertThat(cadence.reached(-1, Set.of("ELDERLY"), "LOW")).map(Cadence.Step::key).hasValue("D-1");
        assertThat(cadence.reached(5, Set.of(), "LOW")).map(Cadence.Step::key).hasValue("D+3");
        assertThat(cadence.reached(5, Set.of(), "HIGH")).map(Cadence.Step::key).hasValue("D+5");
        assertThat(cadence.reached(40, Set.of(), null)).map(Cadence.Step::key).hasValue("D+15");
        assertThat(cadence.handoff()).map(Cadence.Step::key).hasValue("D+15");
    }

    @Test
    void elderly_borrowers_get_the_gentle_variant_only_when_the_catalog_has_it_and_hardship_gets_the_offer_first() {
        var d1 = cadence.reached(1, Set.of(), "LOW").orElseThrow();
        assertThat(cadence.templateFor(d1, Set.of("ELDERLY"), false, "overdue-early-elderly"::equals)).isEqualTo("overdue-early-elderly");
        assertThat(cadence.templateFor(d1, Set.of("ELDERLY"), false, k -> false)).isEqualTo("overdue-early");
        assertThat(cadence.templateFor(d1, Set.of("HARDSHIP"), true, k -> true)).isEqualTo("hardship-offer");
        assertThat(cadence.templateFor(d1, Set.of("HARDSHIP"), false, k -> true)).isEqualTo("overdue-early");
    }

    @Test
    void a_playbook_out_of_day_order_or_without_channels_does_not_load() {
        var d3 = new Cadence.Step("D+3", 3, List.of("VOICE"), null, "x", null, null, false);
        var d1 = new Cadence.Step("D+1", 1, List.of("SMS"), null, "x", null, null, false);
        assertThatThrownBy(() -> new Cadence("bad", 3, null, List.of(d3, d1))).hasMessageContaining("day order");
        var empty = new Cadence.Step("D+1", 1, List.of(), null, null, null, null, false);
        assertThatThrownBy(() -> new Cadence("bad", 3, null, List.of(empty))).hasMessageContaining("needs channels");
        assertThatThrownBy(() -> new Cadence("bad", 0, null, List.of(d1))).hasMessageContaining("escalateAfterUnanswered");
    }
}
