package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which template a request gets: stage by days overdue, hardship offer first, gentle variants for the elderly. */
class TemplateSelectionTest {

    static final TemplateCatalog catalog = CatalogFixture.shipped();

    static RenderResult render(String key, ChannelType channel, int daysOverdue, Set<BorrowerFlag> flags) {
        return catalog.render(new RenderRequest(key, channel, "zh-CN", "CN", flags, CatalogFixture.borrowerOf("zh-CN", daysOverdue)));
    }

    static RenderedMessage rendered(String key, ChannelType channel, int daysOverdue, Set<BorrowerFlag> flags) {
        RenderResult result = render(key, channel, daysOverdue, flags);
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).message();
    }

    @ParameterizedTest(name = "D{0} → {1}")
    @CsvSource({"-3, pre-due", "-1, pre-due", "0, due-today", "1, overdue-early", "7, overdue-early",
            "8, overdue-mid", "30, overdue-mid", "31, overdue-late", "400, overdue-late"})
    void withoutAKeyTheStageComesFromDaysOverdue(int daysOverdue, String expectedKey) {
        assertThat(rendered(null, ChannelType.SMS, daysOverdue, Set.of()).templateKey()).isEqualTo(expectedKey);
    }

    @Test
    void aHardshipBorrowerGetsTheOfferFirstWithoutAConsequencesBlockBeforeDay30() {
        RenderedMessage atDay15 = rendered(null, ChannelType.SMS, 15, Set.of(BorrowerFlag.HARDSHIP));
        RenderedMessage regularAtDay15 = rendered(null, ChannelType.SMS, 15, Set.of());

        assertThat(atDay15.templateKey()).isEqualTo("hardship-offer");
        assertThat(atDay15.text()).contains("分期").doesNotContain("征信").doesNotContain("罚息");
        assertThat(regularAtDay15.text()).contains("征信");
    }

    @Test
    void aHardshipBorrowerFromDay30OnIsToldTheFactualConsequencesAlongsideTheOffer() {
        RenderedMessage atDay45 = rendered("overdue-reminder", ChannelType.EMAIL, 45, Set.of(BorrowerFlag.HARDSHIP));

        assertThat(atDay45.templateKey()).isEqualTo("hardship-offer");
        assertThat(atDay45.text()).contains("分期").contains("征信");
    }

    @Test
    void transactionalTemplatesAreNotReplacedByTheHardshipOffer() {
        assertThat(rendered("promise-to-pay-confirmation", ChannelType.SMS, 5, Set.of(BorrowerFlag.HARDSHIP)).templateKey())
                .isEqualTo("promise-to-pay-confirmation");
    }

    @Test
    void anElderlyBorrowerGetsTheGentleVariantOfTheStageAndOfTheExplicitKey() {
        assertThat(rendered(null, ChannelType.SMS, -2, Set.of(BorrowerFlag.ELDERLY)).templateKey()).isEqualTo("pre-due-elderly");
        assertThat(rendered(null, ChannelType.VOICE, 3, Set.of(BorrowerFlag.ELDERLY)).templateKey()).isEqualTo("overdue-early-elderly");
        assertThat(rendered("overdue-reminder", ChannelType.SMS, 3, Set.of(BorrowerFlag.ELDERLY)).templateKey())
                .isEqualTo("overdue-reminder-elderly");
    }

    @Test
    void anElderlyBorrowerKeepsTheBaseTemplateOnAChannelTheVariantDoesNotServe() {
        assertThat(rendered(null, ChannelType.EMAIL, -2, Set.of(BorrowerFlag.ELDERLY)).templateKey()).isEqualTo("pre-due");
    }

    @Test
    void aChannelTheTemplateDoesNotDeclareIsMissing() {
        assertThat(render("voicemail-neutral", ChannelType.SMS, 3, Set.of())).isInstanceOfSatisfying(RenderResult.Missing.class,
                m -> assertThat(m.templateKey()).isEqualTo("voicemail-neutral"));
        assertThat(render("pre-due", ChannelType.VOICE, -2, Set.of())).isInstanceOf(RenderResult.Missing.class);
    }

    @Test
    void anUnknownKeyIsMissing() {
        assertThat(render("no-such-template", ChannelType.SMS, 3, Set.of())).isInstanceOf(RenderResult.Missing.class);
    }
}
