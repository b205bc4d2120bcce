package io.tixing.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GSM-7: 160 in one segment, 153 per part beyond; UCS-2: 70 and 67, counted in UTF-16 code units. */
class SmsSegmentsTest {

    @Test
    void seventyChineseCharactersFitOneSegmentAndSeventyOneNeedTwo() {
        assertThat(SmsSegments.of("还".repeat(70))).isEqualTo(new SmsSegments("UCS-2", 70, 1));
        assertThat(SmsSegments.of("还".repeat(71))).isEqualTo(new SmsSegments("UCS-2", 71, 2));
    }

    @Test
    void chineseBeyondOneSegmentIsCutIntoPartsOfSixtySeven() {
        assertThat(SmsSegments.of("还".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("还".repeat(135)).segments()).isEqualTo(3);
        assertThat(SmsSegments.of("还".repeat(201)).segments()).isEqualTo(3);
        assertThat(SmsSegments.of("还".repeat(202)).segments()).isEqualTo(4);
    }

    @Test
    void oneNonGsmCharacterTurnsAnEnglishMessageIntoUcs2() {
        String mixed = "a".repeat(69) + "款";
        assertThat(SmsSegments.of(mixed)).isEqualTo(new SmsSegments("UCS-2", 70, 1));
        assertThat(SmsSegments.of("Pay by Nov 20 — thanks").encoding()).isEqualTo("UCS-2"); // the em dash is not GSM
    }

    @Test
    void surrogatePairsCountAsTwoCodeUnits() {
        assertThat(SmsSegments.of("😀".repeat(35))).isEqualTo(new SmsSegments("UCS-2", 70, 1));
        assertThat(SmsSegments.of("😀".repeat(36))).isEqualTo(new SmsSegments("UCS-2", 72, 2));
    }

    @Test
    void gsmTextFitsOneHundredSixtyInOneSegmentThenPartsOfOneHundredFiftyThree() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments("GSM-7", 161, 2));
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void gsmExtensionCharactersCostTwoSeptets() {
        assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("a".repeat(159) + "{")).isEqualTo(new SmsSegments("GSM-7", 161, 2));
        assertThat(SmsSegments.of("[]~^|\\").units()).isEqualTo(12);
    }

    @Test
    void gsmBasicSymbolsLikePoundYenAndAccentedLettersStayGsm() {
        assertThat(SmsSegments.of("£5 ¥3 $1 é à ñ Ä @ _").encoding()).isEqualTo("GSM-7");
    }
}
